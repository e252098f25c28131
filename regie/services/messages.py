"""Messages to partners: the regisseur writes to the coördinators of a selection of the
gemeente's approved organisations (theme, wijk, kind, newcomer-led). A preview says how
many organisations and coördinators it reaches before anything is sent; sending writes the
message, one recipient row per organisation (its thread on the organisation's page) and
one outbox e-mail per coördinator (key per message and user: never twice). Coördinators who
opted out get no e-mail of a non-essential message; they read it in the portal."""
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from gemeenten.choices import Role
from gemeenten.models import User
from gemeenten.outbox import outbox_enqueue
from initiatives.models import Activity, Organisation, Presence

from ..models import MessageOptOut, PartnerMessage, PartnerMessageRecipient
from .common import portal_link


@dataclass
class Selection:
    themes: list = field(default_factory=list)
    wijken: list = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    newcomer_led_only: bool = False


def selected_organisations(gemeente, selection: Selection):
    """The gemeente's approved organisations in the selection. An organisation matches a
    theme and wijk by its own profile (its themes, the wijken of its presence here) or by an
    active activity here with that theme in that wijk. Subqueries, so each appears once."""
    approved = Presence.objects.in_gemeente(gemeente).approved()
    rows = Organisation.objects.filter(pk__in=approved.values("organisation_id"))
    if selection.themes or selection.wijken:
        profile = Q()
        activities = Activity.objects.in_gemeente(gemeente).active()
        if selection.themes:
            profile &= Q(pk__in=Organisation.themes.through.objects.filter(
                theme__in=selection.themes).values("organisation_id"))
            activities = activities.filter(themes__in=selection.themes)
        if selection.wijken:
            profile &= Q(pk__in=approved.filter(wijken__in=selection.wijken)
                         .values("organisation_id"))
            activities = activities.filter(wijk__in=selection.wijken)
        rows = rows.filter(profile | Q(pk__in=activities.values("organisation_id")))
    if selection.kinds:
        rows = rows.filter(kind__in=selection.kinds)
    if selection.newcomer_led_only:
        rows = rows.filter(newcomer_led=True)
    return rows.order_by("name")


def _coordinators(gemeente, organisations):
    return (User.objects.filter(gemeente=gemeente, role=Role.COORDINATOR, is_active=True,
                                organisations__in=organisations.values("pk"))
            .exclude(email="").distinct().order_by("pk"))


def _opted_out(gemeente):
    return MessageOptOut.objects.in_gemeente(gemeente).values("user_id")


@dataclass
class Preview:
    organisations: list
    organisation_count: int
    coordinator_count: int  # who get the e-mail
    opted_out_count: int  # coördinators left out (a non-essential message)
    without_coordinator: int  # organisations nobody reads by e-mail


def partner_message_preview(gemeente, selection: Selection, *, essential: bool,
                            shown: int = 50) -> Preview:
    organisations = selected_organisations(gemeente, selection)
    coordinators = _coordinators(gemeente, organisations)
    opted_out = 0 if essential else coordinators.filter(pk__in=_opted_out(gemeente)).count()
    with_coordinator = organisations.filter(pk__in=Organisation.staff.through.objects.filter(
        user__role=Role.COORDINATOR, user__is_active=True, user__gemeente=gemeente)
        .exclude(user__email="").values("organisation_id"))
    total = organisations.count()
    return Preview(
        organisations=list(organisations[:shown]), organisation_count=total,
        coordinator_count=coordinators.count() - opted_out, opted_out_count=opted_out,
        without_coordinator=total - with_coordinator.count())


def message_opt_out_set(*, user, opt_out: bool) -> None:
    if opt_out:
        MessageOptOut.objects.get_or_create(user=user)
    else:
        MessageOptOut.objects.filter(user=user).delete()


def partner_message_send(*, gemeente, by, subject: str, body: str, essential: bool,
                         selection: Selection, token) -> tuple[PartnerMessage, bool]:
    """Send a message to the selection. Returns (message, created): the same form sent
    twice (its token) gives the first message and sends nothing again."""
    existing = PartnerMessage.objects.in_gemeente(gemeente).filter(token=token).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            message = _send(gemeente=gemeente, by=by, subject=subject, body=body,
                            essential=essential, selection=selection, token=token)
    except IntegrityError:  # the same token, sent at the same moment from a second tab
        return PartnerMessage.objects.in_gemeente(gemeente).get(token=token), False
    return message, True


def _send(*, gemeente, by, subject, body, essential, selection, token) -> PartnerMessage:
    message = PartnerMessage.objects.create(
        gemeente=gemeente, author=by, subject=subject, body=body, essential=essential,
        kinds=list(selection.kinds), newcomer_led_only=selection.newcomer_led_only,
        token=token)
    message.themes.set(selection.themes)
    message.wijken.set(selection.wijken)
    organisations = selected_organisations(gemeente, selection)
    PartnerMessageRecipient.objects.bulk_create(
        [PartnerMessageRecipient(message=message, organisation_id=pk)
         for pk in organisations.values_list("pk", flat=True)], ignore_conflicts=True)
    coordinators = _coordinators(gemeente, organisations)
    if not essential:
        coordinators = coordinators.exclude(pk__in=_opted_out(gemeente))
    link = portal_link(reverse("regie:message_detail", args=[message.pk]))
    with translation.override(settings.STAFF_LANGUAGE):
        footer = _("A message from %(gemeente)s to partners in the regie portal:") % {
            "gemeente": gemeente.name} + f"\n{link}"
        if not essential:
            footer += "\n\n" + _("Fewer e-mails? Choose which messages you receive:") + \
                f"\n{portal_link(reverse('regie:message_preference'))}"
    sent = 0
    for user_id, email in coordinators.values_list("pk", "email"):
        outbox_enqueue(key=f"partner-message:{message.pk}:{user_id}", to=email,
                       subject=subject, body=f"{body}\n\n-- \n{footer}", gemeente=gemeente)
        sent += 1
    PartnerMessage.objects.filter(pk=message.pk).update(
        organisation_count=organisations.count(), email_count=sent)
    message.refresh_from_db(fields=["organisation_count", "email_count"])
    return message
