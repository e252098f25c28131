"""Freshness of the sociale kaart without punishing small initiatives.

- ``listing_ask`` (the daily job, per gemeente): an approved listing not confirmed for
  listing_ask_months (6) is asked once per that period, through the outbox, to confirm
  itself: the e-mail carries a signed link that needs no log-in. Idempotent: the ask is a
  conditional UPDATE of the presence's ListingCheck, and each e-mail has its key.
- ``listing_confirm_by_link``: the page behind the link confirms on a POST only (a mail
  scanner that follows links confirms nothing), and each link's round once.
- ``listing_confirm_by_regisseur`` / ``listing_hide``: the regisseur, after calling, confirms
  a listing unconfirmed for listing_stale_months (9) or takes it off the infopunt (the
  presence goes back to "awaiting approval"; approving it again shows it). The organisation
  is told either way. Nothing is hidden without a person deciding.

Presence confirmation is about an organisation, not a person: no audit event (the audit log
records processing of people's data).
"""
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from gemeenten.models import Gemeente
from gemeenten.outbox import outbox_enqueue
from gemeenten.scope import gemeente_scope, scopes_disabled
from initiatives.choices import ApprovalState
from initiatives.models import Presence
from initiatives.querysets import listing_ask_before
from initiatives.services import presence_recipients

from ..models import ConfirmedVia, ListingCheck
from .common import portal_link

LINK_SALT = "regie.listing-confirm"


class LinkInvalid(Exception):
    """The link was changed or never made here."""


class LinkExpired(Exception):
    """The link is older than LISTING_CONFIRM_LINK_DAYS, or a newer ask replaced it."""


def listing_recipients(presence) -> list[str]:
    """Who is asked and told: the organisation's active accounts with an address; without
    one, the organisation's own public address (a small initiative often has no account,
    and the link needs none). Empty: nobody, and the regisseur's list says so."""
    addresses = presence_recipients(presence)
    if not addresses and presence.organisation.email:
        addresses = [presence.organisation.email]
    return addresses


def listing_link(check: ListingCheck) -> str:
    token = signing.dumps({"g": check.gemeente_id, "c": check.pk, "r": check.round},
                          salt=LINK_SALT)
    return portal_link(reverse("regie:listing_link", args=[token]))


def listing_check_from_link(token: str) -> tuple[ListingCheck, int]:
    """The check and round a link names, read in its gemeente's scope. Raises LinkInvalid
    or LinkExpired; changes nothing."""
    try:
        data = signing.loads(token, salt=LINK_SALT,
                             max_age=timedelta(days=settings.LISTING_CONFIRM_LINK_DAYS))
    except signing.SignatureExpired:
        raise LinkExpired from None
    except (signing.BadSignature, ValueError):
        raise LinkInvalid from None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), int) for k in "gcr"):
        raise LinkInvalid
    with gemeente_scope(data["g"]):
        check = (ListingCheck.objects.in_gemeente(data["g"])
                 .select_related("presence__organisation", "gemeente")
                 .filter(pk=data["c"]).first())
    if check is None:
        raise LinkInvalid
    if check.round != data["r"]:
        raise LinkExpired  # a newer ask sent a newer link
    return check, data["r"]


def _date(day) -> str:
    return formats.date_format(day, "DATE_FORMAT") if day else "—"


def listing_ask(*, gemeente, today) -> int:
    """Ask every approved organisation of the gemeente whose listing is due (not confirmed
    since listing_ask_before) and that was not asked since then. Returns how many were
    asked now; a second run the same day (or within the period) asks nobody."""
    ask_before = listing_ask_before(gemeente, today)
    due = list(
        Presence.objects.in_gemeente(gemeente).approved().unconfirmed_since(ask_before)
        .exclude(listing_check__asked_on__gte=ask_before)
        .select_related("organisation", "gemeente").order_by("pk"))
    ListingCheck.objects.bulk_create(
        [ListingCheck(gemeente=gemeente, presence=presence) for presence in due],
        ignore_conflicts=True)
    asked = 0
    for presence in due:
        with transaction.atomic():
            # The claim: of two runs only one moves the check on to this round.
            claimed = ListingCheck.objects.filter(presence=presence).filter(
                Q(asked_on__isnull=True) | Q(asked_on__lt=ask_before)
            ).update(asked_on=today, round=F("round") + 1)
            if not claimed:
                continue
            check = ListingCheck.objects.get(presence=presence)
            addresses = listing_recipients(presence)
            with translation.override(settings.STAFF_LANGUAGE):
                subject = _("Is the listing of %(organisation)s still right?") % {
                    "organisation": presence.organisation.name}
                body = _(
                    "%(gemeente)s shows %(organisation)s and its activities on the "
                    "information point for newcomers. Twice a year we ask whether it is "
                    "still right; it was last confirmed on %(date)s.\n\n"
                    "Is everything still right? Open this link and press the button; no "
                    "log-in is needed:\n%(link)s\n\n"
                    "Has something changed? Log in to the regie portal to change it, or "
                    "reply to the municipality. The link works for %(days)s days."
                ) % {"gemeente": gemeente.name, "organisation": presence.organisation.name,
                     "date": _date(presence.last_confirmed), "link": listing_link(check),
                     "days": settings.LISTING_CONFIRM_LINK_DAYS}
            for address in addresses:
                outbox_enqueue(key=f"listing-ask:{check.pk}:{check.round}:{address}",
                               to=address, subject=subject, body=body, gemeente=gemeente)
            ListingCheck.objects.filter(pk=check.pk).update(asked_addresses=len(addresses))
            asked += 1
    return asked


def listing_ask_everywhere(*, today=None) -> int:
    """The daily job: every gemeente in its own scope."""
    today = today or timezone.localdate()
    with scopes_disabled():
        gemeenten = list(Gemeente.objects.order_by("pk"))
    asked = 0
    for gemeente in gemeenten:
        with gemeente_scope(gemeente):
            asked += listing_ask(gemeente=gemeente, today=today)
    return asked


@transaction.atomic
def listing_confirm_by_link(*, check: ListingCheck, round: int) -> bool:  # noqa: A002
    """The organisation confirms through the e-mail's link (a POST). Once per round: False
    when it was used already, or when the listing is not on the infopunt (hidden or not
    approved: then a person at the gemeente decides)."""
    presence = check.presence
    if presence.approval != ApprovalState.APPROVED:
        return False
    used = ListingCheck.objects.filter(pk=check.pk, round=round, confirmed_round__lt=round).update(
        confirmed_round=round, confirmed_at=timezone.now(), confirmed_via=ConfirmedVia.LINK,
        decided_by=None)
    if used:
        presence.confirm()
    return bool(used)


def _tell(presence, *, event: str, subject: str, body: str) -> list[str]:
    stamp = timezone.now()
    addresses = listing_recipients(presence)
    for address in addresses:
        outbox_enqueue(key=f"listing-{event}:{presence.pk}:{stamp:%Y%m%d%H%M%S%f}:{address}",
                       to=address, subject=subject, body=body, gemeente=presence.gemeente)
    return addresses


def _check_of(presence) -> ListingCheck:
    check, _created = ListingCheck.objects.get_or_create(
        presence=presence, defaults={"gemeente": presence.gemeente})
    return check


@transaction.atomic
def listing_confirm_by_regisseur(*, presence, by) -> list[str]:
    """The regisseur has checked the listing (called the organisation): it counts as
    confirmed today. The organisation is told. Returns the addresses told."""
    presence.confirm()
    ListingCheck.objects.filter(pk=_check_of(presence).pk).update(
        confirmed_at=timezone.now(), confirmed_via=ConfirmedVia.REGISSEUR, decided_by=by)
    names = {"organisation": presence.organisation.name, "gemeente": presence.gemeente.name}
    with translation.override(settings.STAFF_LANGUAGE):
        return _tell(
            presence, event="confirmed",
            subject=_("%(gemeente)s confirmed the listing of %(organisation)s") % names,
            body=_("After contact with your organisation, %(gemeente)s has noted that the "
                   "listing of %(organisation)s on the information point is still right. "
                   "Thank you! Something changed after all? Log in to the regie portal to "
                   "change it.") % names)


@transaction.atomic
def listing_hide(*, presence, by) -> list[str] | None:
    """The regisseur takes a listing off the infopunt after trying to reach the
    organisation: its presence goes back to "awaiting approval" (approving it again shows
    it). The organisation is told. None when it was not on the infopunt."""
    hidden = Presence.objects.filter(pk=presence.pk, approval=ApprovalState.APPROVED).update(
        approval=ApprovalState.PENDING, approved_at=None)
    if not hidden:
        return None
    ListingCheck.objects.filter(pk=_check_of(presence).pk).update(
        hidden_at=timezone.now(), decided_by=by)
    names = {"organisation": presence.organisation.name, "gemeente": presence.gemeente.name}
    with translation.override(settings.STAFF_LANGUAGE):
        return _tell(
            presence, event="hidden",
            subject=_("%(organisation)s is no longer shown on the information point") % names,
            body=_("%(gemeente)s could not confirm that the listing of %(organisation)s is "
                   "still right, so it no longer shows it on the information point for "
                   "newcomers. Is your organisation still active? Please contact the "
                   "municipality; it can show the listing again at once.") % names)
