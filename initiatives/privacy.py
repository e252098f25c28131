"""Retention of what initiatives hold (DESIGN.md): a contact request is deleted 3 months
after it was closed, or 6 months after it came in when never closed; a self-registration
once its link has expired and no decision waits on it, and the hashes counted for the
hourly registration limit after a day."""
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from gemeenten.privacy import register_retention, start_of


@register_retention("contact_requests")
def delete_old_contact_requests(today: date) -> int:
    from .models import ContactRequest

    closed_days = settings.CONTACT_REQUEST_RETENTION_CLOSED_DAYS
    open_days = settings.CONTACT_REQUEST_RETENTION_OPEN_DAYS
    closed_before = start_of(today - timedelta(days=closed_days))
    came_before = start_of(today - timedelta(days=open_days))
    old = ContactRequest.objects.filter(
        Q(state=ContactRequest.State.CLOSED, closed_at__lt=closed_before)
        | (Q(created_at__lt=came_before) & ~Q(state=ContactRequest.State.CLOSED))
    )
    deleted, _per_model = old.delete()
    return deleted


@register_retention("initiative_registrations")
def delete_expired_registrations(today: date) -> int:
    """Once the link has expired: an unconfirmed registration at once; a confirmed one as
    soon as the regisseur has decided on its organisation (until then the record shows them
    who registered what)."""
    from .choices import ApprovalState
    from .models import InitiativeRegistration, Presence

    waiting = Presence.objects.filter(
        organisation=OuterRef("organisation"), gemeente=OuterRef("gemeente"),
        approval=ApprovalState.PENDING,
    )
    _total, per_model = InitiativeRegistration.objects.filter(
        ~Exists(waiting), expires_at__lt=start_of(today)
    ).delete()
    # The registrations, not the rows of their ticked themes, languages and wijken.
    return per_model.get(InitiativeRegistration._meta.label, 0)


@register_retention("registration_attempts", per_gemeente=False)
def delete_old_registration_attempts(today: date) -> int:
    from .models import RegistrationAttempt

    deleted, _per_model = RegistrationAttempt.objects.filter(
        created_at__lt=start_of(today - timedelta(days=1))
    ).delete()
    return deleted
