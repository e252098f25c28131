"""Accounts that come in from outside: invitations by a regisseur (a one-time link that
expires) and the self-registration of an initiative. Only a hash of a token is stored."""
import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gemeenten.choices import Role
from gemeenten.outbox import outbox_enqueue
from gemeenten.scope import gemeente_scope, scopes_disabled

from ..models import Invitation, Organisation
from ..services import organisation_register

INVITABLE_ROLES = (Role.BEGELEIDER, Role.COORDINATOR)


class InvitationError(Exception):
    """A user-facing reason why an invitation cannot be made or accepted."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _base_url(base_url: str | None) -> str:
    # The view passes the address the regisseur used; a command falls back to the setting.
    return (base_url or getattr(settings, "PORTAL_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")


def account_exists(email: str) -> bool:
    return get_user_model().objects.filter(
        Q(username__iexact=email) | Q(email__iexact=email)
    ).exists()


def invitable_organisations(user):
    """The organisations a regisseur may invite someone into: present in their gemeente."""
    return Organisation.objects.for_user(user).order_by("name")


@transaction.atomic
def invitation_create(
    *, by, email: str, role: str, organisation: Organisation | None = None,
    base_url: str | None = None,
) -> tuple[Invitation, str]:
    """A regisseur invites a begeleider or coordinator of their own gemeente.

    Writes the invitation (with the hash of a fresh token), withdraws earlier open
    invitations to the same address in this gemeente, and writes the e-mail with the
    one-time link to the outbox in the same transaction. Returns the invitation and the
    token, which is nowhere stored.
    """
    email = email.strip().lower()
    if role not in INVITABLE_ROLES:
        raise InvitationError(_("Only caseworkers and coordinators can be invited."))
    if by.gemeente_id is None:
        raise InvitationError(_("Your account is not linked to a municipality."))
    if organisation is not None and not invitable_organisations(by).filter(
        pk=organisation.pk
    ).exists():
        raise InvitationError(_("This organisation does not work in your municipality."))
    if role == Role.BEGELEIDER and organisation is None:
        raise InvitationError(_("A caseworker works for an organisation: choose it."))
    if account_exists(email):
        raise InvitationError(_("There is already an account with this e-mail address."))

    now = timezone.now()
    Invitation.objects.filter(
        gemeente_id=by.gemeente_id, email__iexact=email, accepted_at__isnull=True,
        expires_at__gt=now,
    ).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        gemeente_id=by.gemeente_id, organisation=organisation, email=email, role=role,
        token_hash=token_hash(token), invited_by=by, created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    link = _base_url(base_url) + reverse("invitation_accept", kwargs={"token": token})
    with translation.override(settings.STAFF_LANGUAGE):
        context = {
            "invitation": invitation, "link": link, "by": by,
            "gemeente": by.gemeente, "role": Role(role).label,
            "valid_days": settings.INVITATION_VALID_DAYS,
        }
        subject = _("Invitation to the regie portal of %(gemeente)s") % {
            "gemeente": by.gemeente.name
        }
        body = render_to_string("initiatives/invitation_email.txt", context)
    outbox_enqueue(key=f"invitation:{invitation.pk}", to=email, subject=subject, body=body,
                   gemeente=invitation.gemeente)
    return invitation, token


def invitation_by_token(token: str) -> Invitation | None:
    # The link is opened before any log-in, outside every gemeente's scope: the secret token
    # is the access check, and only the one invitation it names leaves this query.
    with scopes_disabled():
        return (
            Invitation.objects.select_related("gemeente", "organisation")
            .filter(token_hash=token_hash(token or ""))
            .first()
        )


@transaction.atomic
def invitation_accept(
    *, token: str, password: str, first_name: str = "", last_name: str = ""
):
    """Turn a usable invitation into an account: username and e-mail are the invited
    address, with the invitation's role and gemeente, on the staff of its organisation.

    The password must have passed Django's validators (the form does that). The
    invitation is claimed by a conditional update before anything is created, so of two
    simultaneous accepts only one creates an account; the other raises. Any error rolls
    the claim back.
    """
    invitation = invitation_by_token(token)
    if invitation is None or not invitation.is_usable:
        raise InvitationError(_("This invitation link is no longer valid."))
    with gemeente_scope(invitation.gemeente_id):
        return _invitation_claim(invitation, password, first_name, last_name)


def _invitation_claim(invitation, password, first_name, last_name):
    now = timezone.now()
    claimed = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=now
    ).update(accepted_at=now)
    if not claimed:
        raise InvitationError(_("This invitation link is no longer valid."))
    if account_exists(invitation.email):
        raise InvitationError(_("There is already an account with this e-mail address."))
    user = get_user_model().objects.create_user(
        username=invitation.email, email=invitation.email, password=password,
        first_name=first_name, last_name=last_name,
        role=invitation.role, gemeente_id=invitation.gemeente_id,
    )
    Invitation.objects.filter(pk=invitation.pk).update(user=user)
    if invitation.organisation_id:
        invitation.organisation.staff.add(user)
    return user


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> bool:
    """Withdraw an open invitation: its link stops working now. False if already used."""
    now = timezone.now()
    return bool(
        Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=now
        ).update(expires_at=now)
    )


@transaction.atomic
def initiative_register(
    *, gemeente, email: str, password: str, first_name: str, organisation_fields: dict,
    base_url: str | None = None,
):
    """Someone registers their initiative: a coordinator account and the organisation,
    whose presence in the gemeente waits for a regisseur's approval (not public until
    then). The gemeente's regisseurs hear of it by e-mail. Returns the new user."""
    email = email.strip().lower()
    if account_exists(email):
        raise InvitationError(_("There is already an account with this e-mail address."))
    user = get_user_model().objects.create_user(
        username=email, email=email, password=password, first_name=first_name,
        role=Role.COORDINATOR, gemeente=gemeente,
    )
    organisation = organisation_register(
        gemeente=gemeente, user=user, approved=False, **organisation_fields
    )
    link = _base_url(base_url) + reverse(
        "initiatives:organisation_detail", kwargs={"pk": organisation.pk}
    )
    regisseurs = get_user_model().objects.filter(
        gemeente=gemeente, role=Role.REGISSEUR, is_active=True
    ).exclude(email="")
    with translation.override(settings.STAFF_LANGUAGE):
        subject = _("New initiative to approve: %(name)s") % {"name": organisation.name}
        body = render_to_string(
            "initiatives/register_initiative_email.txt",
            {"organisation": organisation, "gemeente": gemeente, "link": link},
        )
    for regisseur in regisseurs:
        outbox_enqueue(
            key=f"initiative-registered:{organisation.pk}:{regisseur.pk}",
            to=regisseur.email, subject=subject, body=body, gemeente=gemeente,
        )
    return user
