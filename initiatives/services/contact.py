"""Contact requests from the public infopunt: created by a visitor, answered or marked done by
whoever reads it (the organisation's coordinator, or while it has none the gemeente's
regisseur: ContactRequestQuerySet.for_user), who also reviews the requests held back above the
hourly cap. The e-mail that a request is waiting goes to those readers and nobody else: a link
is only sent to someone who can open it."""
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gemeenten.choices import Role
from gemeenten.outbox import outbox_enqueue

from ..models import Activity, ContactRequest, Organisation
from ..querysets import contact_readers


class ContactTokenUsed(Exception):
    """The form token already made a request: one token, one request."""


def _readers(organisation: Organisation, gemeente_id: int) -> tuple[list[str], bool]:
    """(the e-mail addresses of those who read this organisation's requests in the gemeente,
    whether they are its coordinators). The same rule as ContactRequestQuerySet.for_user:
    its coordinators, else the gemeente's regisseurs. Never the organisation's general
    address: whoever reads it there could not open the link, and a request holds personal
    data that only a reader may see."""
    readers = contact_readers(organisation=organisation, gemeente=gemeente_id)
    by_organisation = readers.exists()
    if not by_organisation:
        readers = get_user_model().objects.filter(
            gemeente=gemeente_id, role=Role.REGISSEUR, is_active=True)
    emails = readers.exclude(email="").values_list("email", flat=True)
    return sorted(set(emails)), by_organisation


@transaction.atomic
def contact_request_create(
    *, activity: Activity, first_name: str, phone: str = "", email: str = "",
    preferred_language: str = "", question: str = "", max_per_hour: int,
    form_nonce: str | None = None, base_url: str = "",
) -> ContactRequest:
    """Store the request and, in the same transaction, the e-mail that tells its readers a
    request is waiting: the organisation's coordinators or, while it has none, the gemeente's
    regisseurs (who call the person themselves or forward it by inviting a coordinator). The
    e-mail carries no personal data: the reader reads the request after logging in.

    `form_nonce` (from the signed form token) is stored under a unique constraint: a token
    that already made a request raises ContactTokenUsed and stores nothing.

    Nobody is refused for volume (a refusal would let one sender silence an organisation;
    a per-IP limit would shut out a kiosk). When the organisation already had
    `max_per_hour` requests in the past hour the request is kept but held: no e-mail of its
    own; the readers get one e-mail per hour saying requests are held, and review them
    together.
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
    recipients, by_organisation = _readers(organisation, request.gemeente_id)
    with translation.override(settings.STAFF_LANGUAGE):
        names = {"activity": activity_title, "organisation": organisation.name, "link": link}
        if by_organisation:
            subject = _("New contact request for %(activity)s") % names
            body = _(
                "Someone asked the information point to contact them about %(activity)s.\n\n"
                "Log in to read the request and answer it:\n%(link)s\n\n"
                "Please answer within a few days. Mark the request as done when it is done."
            ) % names
        else:
            subject = _("New contact request for %(organisation)s, read by the municipality"
                        ) % names
            body = _(
                "Someone asked the information point to contact them about %(activity)s of "
                "%(organisation)s. %(organisation)s has no coordinator account in the portal, "
                "so the municipality reads this request, and the information point told the "
                "person so.\n\n"
                "Log in to read it:\n%(link)s\n\n"
                "Please contact the person yourself within a few days, or forward the request: "
                "on its page you invite a coordinator of %(organisation)s, who then reads it."
            ) % names
    for to in recipients:
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
    recipients, _by_organisation = _readers(organisation, request.gemeente_id)
    for to in recipients:
        outbox_enqueue(key=f"contact-held:{organisation.pk}:{hour}:{to}", to=to,
                       subject=subject, body=body, gemeente=request.gemeente)


@transaction.atomic
def contact_requests_release(*, requests) -> int:
    """The reader reviewed held requests and found them genuine: they become ordinary
    requests on the list (no e-mail: the reader is reading them now)."""
    return requests.held().update(held=False)


@transaction.atomic
def contact_requests_discard(*, requests) -> int:
    """The reader discards held requests as spam: deleted now, nothing is kept."""
    deleted, _per_model = requests.held().delete()
    return deleted
