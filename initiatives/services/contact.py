"""Contact requests from the public infopunt: created by a visitor, answered or closed by the
organisation's coordinator."""
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gemeenten.choices import Role
from gemeenten.outbox import outbox_enqueue

from ..models import Activity, ContactRequest, Organisation


class ContactLimitReached(Exception):
    """The organisation received its maximum number of requests in the past hour."""


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
    base_url: str = "",
) -> ContactRequest:
    """Store the request and, in the same transaction, the e-mail that tells the
    coordinator a request is waiting. The e-mail carries no personal data: the coordinator
    reads the request after logging in.

    Raises ContactLimitReached when the organisation already had `max_per_hour` requests in
    the past hour (a cap per organisation, not per IP: a kiosk shares one address).
    """
    # Serialises concurrent requests for one organisation on PostgreSQL; SQLite's
    # IMMEDIATE transactions already do.
    organisation = Organisation.objects.select_for_update().get(pk=activity.organisation_id)
    since = timezone.now() - timedelta(hours=1)
    if organisation.contact_requests.filter(created_at__gte=since).count() >= max_per_hour:
        raise ContactLimitReached
    request = ContactRequest.objects.create(
        gemeente_id=activity.gemeente_id, organisation=organisation, activity=activity,
        first_name=first_name, phone=phone, email=email,
        preferred_language=preferred_language, question=question,
    )
    link = base_url.rstrip("/") + reverse("initiatives:contact_detail", args=[request.pk])
    with translation.override(settings.STAFF_LANGUAGE):
        subject = _("New contact request for %(activity)s") % {"activity": activity.title_nl
                                                                or activity.title}
        body = _(
            "Someone asked the information point to contact them about %(activity)s.\n\n"
            "Log in to read the request and answer it:\n%(link)s\n\n"
            "Please answer within a few days. Close the request when it is done."
        ) % {"activity": activity.title_nl or activity.title, "link": link}
    for to in _recipients(organisation):
        outbox_enqueue(key=f"contact-request:{request.pk}:{to}", to=to, subject=subject,
                       body=body, gemeente=request.gemeente)
    return request
