"""Contact requests from the public infopunt: created by a visitor, answered or closed by the
organisation's coordinator, who also reviews the requests held back above the hourly cap."""
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gemeenten.choices import Role
from gemeenten.outbox import outbox_enqueue

from ..models import Activity, ContactRequest, Organisation


class ContactTokenUsed(Exception):
    """The form token already made a request: one token, one request."""


def _recipients(organisation: Organisation) -> list[str]:
    """The coordinators' e-mail addresses, else the organisation's own address."""
    emails = sorted({
        u.email for u in organisation.staff.filter(role=Role.COORDINATOR, is_active=True)
        if u.email
    })
    if not emails and organisation.email:
        emails = [organisation.email]
    return emails


@transaction.atomic
def contact_request_create(
    *, activity: Activity, first_name: str, phone: str = "", email: str = "",
    preferred_language: str = "", question: str = "", max_per_hour: int,
    form_nonce: str | None = None, base_url: str = "",
) -> ContactRequest:
    """Store the request and, in the same transaction, the e-mail that tells the
    coordinator a request is waiting. The e-mail carries no personal data: the coordinator
    reads the request after logging in.

    `form_nonce` (from the signed form token) is stored under a unique constraint: a token
    that already made a request raises ContactTokenUsed and stores nothing.

    Nobody is refused for volume (a refusal would let one sender silence an organisation;
    a per-IP limit would shut out a kiosk). When the organisation already had
    `max_per_hour` requests in the past hour the request is kept but held: no e-mail of its
    own; the coordinator gets one e-mail per hour saying requests are held, and reviews
    them together.
    """
    # Serialises concurrent requests for one organisation on PostgreSQL; SQLite's
    # IMMEDIATE transactions already do.
    organisation = Organisation.objects.select_for_update().get(pk=activity.organisation_id)
    if form_nonce and ContactRequest.objects.filter(form_nonce=form_nonce).exists():
        raise ContactTokenUsed
    now = timezone.now()
    held = organisation.contact_requests.filter(
        created_at__gte=now - timedelta(hours=1)
    ).count() >= max_per_hour
    try:
        with transaction.atomic():
            request = ContactRequest.objects.create(
                gemeente_id=activity.gemeente_id, organisation=organisation, activity=activity,
                first_name=first_name, phone=phone, email=email,
                preferred_language=preferred_language, question=question, created_at=now,
                held=held, form_nonce=form_nonce or None,
            )
    except IntegrityError:  # the unique constraint is the fact behind the check above
        raise ContactTokenUsed from None
    activity_title = activity.title_nl or activity.title
    if held:
        _held_notice(organisation, request, base_url, now, max_per_hour)
        return request
    link = base_url.rstrip("/") + reverse("initiatives:contact_detail", args=[request.pk])
    with translation.override(settings.STAFF_LANGUAGE):
        subject = _("New contact request for %(activity)s") % {"activity": activity_title}
        body = _(
            "Someone asked the information point to contact them about %(activity)s.\n\n"
            "Log in to read the request and answer it:\n%(link)s\n\n"
            "Please answer within a few days. Close the request when it is done."
        ) % {"activity": activity_title, "link": link}
    for to in _recipients(organisation):
        outbox_enqueue(key=f"contact-request:{request.pk}:{to}", to=to, subject=subject,
                       body=body, gemeente=request.gemeente)
    return request


def _held_notice(organisation: Organisation, request: ContactRequest, base_url: str,
                 now, max_per_hour: int) -> None:
    """One e-mail per organisation per hour while requests are held (its outbox key)."""
    link = base_url.rstrip("/") + reverse("initiatives:contact_held")
    with translation.override(settings.STAFF_LANGUAGE):
        subject = _("Contact requests held for review")
        body = _(
            "Many contact requests for %(organisation)s came in at once through the "
            "information point, more than %(max)s in an hour. The rest are kept, without an "
            "e-mail for each: please review them, and send on or discard them as spam:\n"
            "%(link)s"
        ) % {"organisation": organisation.name, "link": link,
             "max": max_per_hour}
    hour = timezone.localtime(now).strftime("%Y%m%d%H")
    for to in _recipients(organisation):
        outbox_enqueue(key=f"contact-held:{organisation.pk}:{hour}:{to}", to=to,
                       subject=subject, body=body, gemeente=request.gemeente)


@transaction.atomic
def contact_requests_release(*, requests) -> int:
    """The coordinator reviewed held requests and found them genuine: they become ordinary
    requests on the list (no e-mail: the coordinator is reading them now)."""
    return requests.held().update(held=False)


@transaction.atomic
def contact_requests_discard(*, requests) -> int:
    """The coordinator discards held requests as spam: deleted now, nothing is kept."""
    deleted, _per_model = requests.held().delete()
    return deleted
