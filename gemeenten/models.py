"""The tenant (Gemeente), its wijken, the theme taxonomy, languages, accounts and the outbox."""
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audit.models import Action, Purpose
from .choices import ORGANISATION_ROLES, TWO_FACTOR_ROLES, Role
from .huisstijl import COLOUR_PATTERN
from .querysets import AuditEventQuerySet, GemeenteQuerySet, WijkQuerySet


def default_gemeente_settings() -> dict:
    return {
        "handover_due_days": 90,
        "handover_urgent_days": 30,
        "referral_reminder_working_days": 5,
        "referral_answer_working_days": 10,
        "referral_expiry_working_days": 20,
        "funding_warning_days": 60,
        # The regie's overlap detection (regie.overlap): the days of occurrences compared
        # (13 weeks, longer than a summer break), the length assumed for an occurrence
        # without an end time, and the overload test: more than overload_factor x the
        # referral capacity per month received over the last overload_window_days, beside
        # another below underuse_factor x its own, with at most overload_partners_max such
        # others per organisation (the quietest).
        "overlap_window_days": 91,
        "overlap_default_minutes": 60,
        "overload_window_days": 30,
        "overload_factor": 1.5,
        "underuse_factor": 0.5,
        "overload_partners_max": 3,
        # Freshness of the sociale kaart (regie): a listing unconfirmed this long is "may be
        # out of date" on the infopunt and on the regisseur's list to check; the job asks an
        # organisation to confirm once its listing is this old, at most once per this period.
        "listing_stale_months": 9,
        "listing_ask_months": 6,
        # A signal (regie) without an answer of the gemeente after this many working days is
        # overdue.
        "signal_answer_working_days": 10,
        # A koppeling (maatje) is planned for this many months unless its coördinator says
        # otherwise.
        "match_planned_months": 6,
    }


def gemeente_setting(gemeente, key: str):
    """A setting of the gemeente, or the default for one stored before the key existed."""
    return (gemeente.settings or {}).get(key, default_gemeente_settings()[key])


# The Gemeente.settings key with the infopunt languages (codes of settings.LANGUAGES besides
# Dutch) that the gemeente's newcomers read: the regisseur's overview of missing
# translations checks these. Not set: every infopunt language.
NEWCOMER_LANGUAGES = "newcomer_languages"


def infopunt_translation_languages() -> list[str]:
    """The languages an activity can be translated into: the infopunt's, besides Dutch."""
    from django.conf import settings

    return [code for code, _name in settings.LANGUAGES
            if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE]


class Gemeente(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    cbs_code = models.CharField(_("CBS code"), max_length=10, blank=True)
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default="#1f4e79",
        validators=[RegexValidator(COLOUR_PATTERN, _("Use a colour like #1f4e79."))],
    )
    logo = models.FileField(_("logo"), upload_to="logos/", blank=True)
    settings = models.JSONField(_("settings"), default=default_gemeente_settings, blank=True)

    objects = GemeenteQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name

    @property
    def newcomer_languages(self) -> list[str]:
        """The infopunt languages its newcomers read, in the order of settings.LANGUAGES:
        settings["newcomer_languages"] when the beheerder set it, else all of them."""
        available = infopunt_translation_languages()
        values = self.settings if isinstance(self.settings, dict) else {}
        chosen = values.get(NEWCOMER_LANGUAGES)
        if not isinstance(chosen, list) or not chosen:
            return available
        return [code for code in available if code in chosen]


class Wijk(models.Model):
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="wijken", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=100)
    cbs_code = models.CharField(_("CBS wijkcode"), max_length=12, blank=True)

    objects = WijkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "name"], name="wijk_unique_name"),
        ]

    def __str__(self):
        return self.name


class Theme(models.Model):
    """The taxonomy of the offer; slugs and Dutch names are fixed (DESIGN.md)."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)  # translated by modeltranslation
    pictogram = models.CharField(_("pictogram"), max_length=50, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class TargetGroup(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=50)  # translated by modeltranslation
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.name


class Language(models.Model):
    """A spoken language, by ISO 639 code (also prs, ps, ckb, kmr)."""

    code = models.CharField(_("ISO 639 code"), max_length=8, unique=True)
    name_nl = models.CharField(_("Dutch name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=60)
    native_name = models.CharField(_("own name"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "name_nl"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return self.name_nl


class User(AbstractUser):
    """A portal account: one role in one gemeente (organisations are linked in initiatives)."""

    email = models.EmailField(_("email address"), blank=True)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="users",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    weekly_worklist_email = models.BooleanField(
        _("weekly e-mail about my worklist"), default=True,
        help_text=_("Once a week: how many action points wait for you, without names."),
    )
    is_demo = models.BooleanField(
        _("demo account"),
        default=False,
        help_text=_("Demo accounts may pass 2FA with the demo code on the embedded default only."),
    )
    # Part of every session's check (get_session_auth_hash): raising it ends every session of
    # this user at once, on every device (logging out does, as a password change does).
    session_epoch = models.PositiveIntegerField(_("session epoch"), default=0, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_session_auth_hash(self):
        from django.utils.crypto import salted_hmac

        return salted_hmac("gemeenten.User.session", f"{self.password}:{self.session_epoch}",
                           algorithm="sha256").hexdigest()

    def end_every_session(self) -> None:
        """Every session of this user ends on its next request (logout, deactivation)."""
        type(self).objects.filter(pk=self.pk).update(session_epoch=models.F("session_epoch") + 1)
        self.refresh_from_db(fields=["session_epoch"])

    @property
    def needs_two_factor(self) -> bool:
        return self.is_superuser or self.role in TWO_FACTOR_ROLES

    @property
    def acts_for_organisation(self) -> bool:
        return self.role in ORGANISATION_ROLES

    def has_role(self, *roles: str) -> bool:
        return self.is_authenticated and self.role in roles


class OutboxMessage(models.Model):
    """An e-mail, written in the same transaction as its cause and sent at least once."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    # The gemeente whose business the message is: its beheerder sees it in the admin. The
    # outbox itself sends for every gemeente, so it is not behind the tenant scope.
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("municipality"),
    )
    to = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)
    # Each claim to send counts as an attempt, so a message that kills its worker is given
    # up after OUTBOX_MAX_ATTEMPTS like one the server refuses.
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # The lease of the worker that is sending it (gemeenten.outbox): set and committed
    # before the mail server is contacted, so no database lock is held meanwhile. Another
    # worker takes the message only once the lease has run out (its worker died).
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    # Since when the mail server has refused or not answered it; /healthz reads it.
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    # A permanent failure (a header Django refuses, an address nobody accepts): the sweep
    # leaves it to a person.
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")

    def __str__(self):
        return self.subject


class JobHeartbeat(models.Model):
    """The last successful run of a periodic job, written by the job itself."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    max_age_hours = models.PositiveIntegerField(_("maximum age (hours)"), default=26)
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    last_success_at = models.DateTimeField(_("last succeeded"), null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class TaskRetry(models.Model):
    """A task waiting to be tried again after a database error, or one that gave up after
    its last retry: written by the task itself (gemeenten.scope.TenantTask) when the database
    lets it, removed when it succeeds; /healthz reads it. The task's name, its Celery id and
    the error's class only: no arguments, and no error text (it may quote data)."""

    task_id = models.CharField(_("task id"), max_length=64, unique=True)
    name = models.CharField(_("task"), max_length=200)
    attempts = models.PositiveIntegerField(_("failed attempts"), default=1)
    error = models.CharField(_("error"), max_length=100)
    since = models.DateTimeField(_("retrying since"), default=timezone.now)
    next_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    gave_up_at = models.DateTimeField(_("gave up"), null=True, blank=True)

    class Meta:
        ordering = ["since"]
        verbose_name = _("task retry")
        verbose_name_plural = _("task retries")

    def __str__(self):
        return self.name


class Statement(models.Model):
    """The privacy and accessibility statements, editable by the beheerder."""

    PRIVACY = "privacy"
    ACCESSIBILITY = "toegankelijkheid"
    slug = models.SlugField(
        _("kind"),
        unique=True, choices=[(PRIVACY, _("Privacy")), (ACCESSIBILITY, _("Accessibility"))],
    )
    title = models.CharField(_("title"), max_length=200)  # translated
    body = models.TextField(_("text"))  # translated; paragraphs separated by blank lines
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self):
        return self.title


class AuditEvent(models.Model):
    """One view, change, export or erasure of a person's data (gemeenten.audit). Append-only:
    the database refuses UPDATE, and DELETE before the retention period has passed."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # Opaque ids, not foreign keys: erasing a user or a person leaves the log as it is.
    actor_id = models.BigIntegerField(_("user id"), null=True, blank=True)
    actor_role = models.CharField(_("role"), max_length=20, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    subject_type = models.CharField(_("kind of record"), max_length=40)
    subject_id = models.CharField(_("record id"), max_length=64)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.get_action_display()} {self.subject_type} {self.subject_id}"
