"""The register of processing activities (AVG art. 30) as code: each app declares, next to its
models (``<app>/processing.py``), which fields of which model hold personal data and in which
category, which models hold none, and its processings with their purposes, legal basis and
retention. The privacy officer's overview is generated from these declarations, the access
rules of the querysets (who may see a model) and the retention settings, so it follows the
code and the settings instead of a document that drifts away from them.

tests/gemeenten/test_processing.py fails when a model of the portal is declared neither way,
when a field that looks personal (a name, a contact detail, an account) is not declared, or
when a declared retention handler or setting does not exist.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .choices import Role


class Category(models.TextChoices):
    """The kinds of personal data, as an FG's register names them."""

    NAME = "name", _("name")
    CONTACT = "contact", _("contact details (phone, e-mail)")
    CASE_REFERENCE = "case_reference", _("case reference (registration number)")
    PERSONAL = "personal", _("personal situation (year of birth, household, district)")
    INBURGERING = "inburgering", _("inburgering (housing date, residence basis, learning route)")
    NEEDS = "needs", _("needs, languages and availability")
    FREE_TEXT = "free_text", _("free text about the person (notes, goals, check-ins)")
    CONSENT = "consent", _("instemming (what may be shared, with whom)")
    ACCOUNT = "account", _("account and log-in data (user name, password hash, IP address)")
    STAFF = "staff", _("the account that did something (staff)")
    PSEUDONYMOUS = "pseudonymous", _("pseudonymous ids (opaque ids of persons and accounts)")
    SEARCH = "search", _("words typed in a search")
    LINK = "link", _("links to the person (organisation, training, koppeling)")


class LegalBasis:
    """The grounds of DESIGN.md, "Legal basis and privacy"."""

    PUBLIC_TASK = _("Public task (AVG art. 6(1)(e)): the Wet inburgering 2021, begeleiding "
                    "and participation, also where the gemeente contracts an organisation")
    PUBLIC_TASK_INSTEMMING = _(
        "Public task (AVG art. 6(1)(e)), with the person's instemming per named recipient "
        "as an added safeguard before anything is shared with an initiative (not consent as "
        "the basis: consent given to a public body is rarely free)")
    PUBLIC_TASK_REQUEST = _("Public task (AVG art. 6(1)(e)), at the person's own request "
                            "through the infopunt")
    SECURITY = _("Legal obligation (AVG art. 6(1)(c) with art. 32): security of the "
                 "processing (BIO)")
    ACCOUNTABILITY = _("Legal obligation (AVG art. 6(1)(c) with art. 5(2) and 32): "
                       "accountability for every processing of a person's data")


@dataclass(frozen=True)
class Retention:
    """One retention rule: ``text`` with %(days)s filled in from ``setting`` (or ``days``
    when the period is fixed in the code), and the retention handlers that apply it
    (gemeenten.privacy.register_retention)."""

    text: Promise
    setting: str = ""
    days: int | None = None
    handlers: tuple[str, ...] = ()

    @property
    def period_days(self) -> int | None:
        return getattr(settings, self.setting) if self.setting else self.days

    def __str__(self) -> str:
        days = self.period_days
        return str(self.text) % {"days": days} if days is not None else str(self.text)


@dataclass(frozen=True)
class Processing:
    key: str
    name: Promise
    purposes: tuple[Promise, ...]
    subjects: Promise
    legal_basis: Promise
    models: tuple[str, ...]
    retention: tuple[Retention, ...]
    # Who else receives it, beyond the portal's roles (an e-mail server, the person).
    recipients_note: Promise | str = ""
    # Roles that read it in a way the querysets do not show (the admin, a page of its own).
    extra_roles: tuple[str, ...] = ()
    order: int = 100


@dataclass
class Register:
    personal: dict[str, dict[str, str]] = field(default_factory=dict)
    # A model's name on the overview where its verbose_name will not do (Django's default).
    names: dict[str, Promise] = field(default_factory=dict)
    no_personal: set[str] = field(default_factory=set)
    processings: dict[str, Processing] = field(default_factory=dict)


register = Register()


def personal_fields(model_label: str, fields: dict[str, str], *,
                    name: Promise | None = None) -> None:
    """Declare the personal fields of a model: {field name: Category}."""
    register.personal[model_label] = dict(fields)
    if name is not None:
        register.names[model_label] = name


def no_personal_data(*model_labels: str) -> None:
    """Declare models that hold no personal data (the offer, taxonomy, counts)."""
    register.no_personal.update(model_labels)


def processing(item: Processing) -> Processing:
    register.processings[item.key] = item
    return item


def roles_that_see(model_label: str) -> set[str]:
    """The roles a model's queryset lets see any of its rows (TenantQuerySet.role_rules)."""
    from django.apps import apps

    manager = apps.get_model(model_label)._default_manager
    return set(getattr(getattr(manager, "_queryset_class", None), "role_rules", {}))


@dataclass
class OverviewRow:
    processing: Processing
    categories: list[tuple[str, list[str]]]  # (category label, [field labels])
    roles: list[str]
    retention: list[str]


def _field_label(model, name: str) -> str:
    try:
        label = model._meta.get_field(name).verbose_name
    except Exception:  # noqa: BLE001 - a declaration the test reports; the page still shows it
        label = name
    model_name = register.names.get(model._meta.label, model._meta.verbose_name)
    return f"{model_name}: {label}"


def overview() -> list[OverviewRow]:
    """The processing overview as the privacy officer reads it, built now from the register,
    the querysets' access rules and the settings."""
    from django.apps import apps

    role_labels = dict(Role.choices)
    rows = []
    for item in sorted(register.processings.values(), key=lambda p: (p.order, p.key)):
        per_category: dict[str, list[str]] = {}
        roles: set[str] = set(item.extra_roles)
        for label in item.models:
            model = apps.get_model(label)
            for name, category in register.personal.get(label, {}).items():
                per_category.setdefault(category, []).append(_field_label(model, name))
            roles |= roles_that_see(label)
        categories = [(Category(c).label, per_category[c]) for c in Category.values
                      if c in per_category]
        rows.append(OverviewRow(
            processing=item, categories=categories,
            roles=[str(role_labels[r]) for r in Role.values if r in roles],
            retention=[str(r) for r in item.retention]))
    return rows


# --- this app's own declarations ----------------------------------------------------------

no_personal_data("gemeenten.Gemeente", "gemeenten.Wijk", "gemeenten.Theme",
                 "gemeenten.TargetGroup", "gemeenten.Language", "gemeenten.JobHeartbeat",
                 # a task's name, Celery id, error class and times: never its arguments
                 "gemeenten.TaskRetry",
                 "gemeenten.Statement", "axes.AccessAttemptExpiration")
personal_fields("gemeenten.User", {
    "username": Category.ACCOUNT, "password": Category.ACCOUNT, "last_login": Category.ACCOUNT,
    "first_name": Category.NAME, "last_name": Category.NAME, "email": Category.CONTACT})
for _axes_model in ("axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog"):
    personal_fields(_axes_model, {"username": Category.ACCOUNT, "ip_address": Category.ACCOUNT,
                                  "user_agent": Category.ACCOUNT})
personal_fields("gemeenten.OutboxMessage", {"to": Category.CONTACT, "body": Category.FREE_TEXT})
personal_fields("gemeenten.AuditEvent", {"actor_id": Category.PSEUDONYMOUS,
                                         "subject_id": Category.PSEUDONYMOUS,
                                         "detail": Category.FREE_TEXT})

processing(Processing(
    key="accounts", order=80, name=_("Accounts, log-ins and lock-outs"),
    purposes=(_("giving staff access to what their role allows"),
              _("stopping password guessing (lock-out per user name and address)")),
    subjects=_("staff of the gemeente and of organisations; volunteers with an account"),
    legal_basis=LegalBasis.SECURITY,
    models=("gemeenten.User", "axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog"),
    extra_roles=(Role.BEHEERDER,),
    retention=(
        Retention(_("accounts: as long as the person works with the portal; the beheerder "
                    "deactivates the account")),
        Retention(_("log-in records and lock-outs: deleted after %(days)s days"),
                  setting="AXES_RECORD_RETENTION_DAYS", handlers=("login_records",)),
    )))
processing(Processing(
    key="outbox", order=85, name=_("E-mail sent by the portal (outbox)"),
    purposes=(_("notifying staff and persons who asked for it (invitations, referrals, "
                "contact requests, reminders)"),),
    subjects=_("addressees of e-mails"),
    legal_basis=LegalBasis.PUBLIC_TASK,
    models=("gemeenten.OutboxMessage",),
    extra_roles=(Role.BEHEERDER,),
    recipients_note=_("the mail server the portal sends through, and the addressee"),
    retention=(Retention(_("the text of a sent e-mail: deleted %(days)s days after sending"),
                         setting="OUTBOX_BODY_RETENTION_DAYS",
                         handlers=("outbox_message_body",)),)))
processing(Processing(
    key="audit", order=90, name=_("Audit log"),
    purposes=(_("accountability: who viewed, changed, exported or erased a person's data, "
                "when and why"),),
    subjects=_("persons whose data was processed and the staff who did it, by opaque id only"),
    legal_basis=LegalBasis.ACCOUNTABILITY,
    models=("gemeenten.AuditEvent",),
    retention=(Retention(_("deleted after %(days)s days, by the retention job only; the "
                           "database refuses to change or delete a younger event"),
                         setting="AUDIT_RETENTION_DAYS", handlers=("audit_events",)),)))
