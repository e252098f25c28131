"""Accounts that come in from outside: invitations by a regisseur (a one-time link that
expires) and the self-registration of an initiative (confirmed through a one-time link to the
given address before anything exists). Only a hash of a token is stored."""
import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from gemeenten.choices import ORGANISATION_ROLES, Role
from gemeenten.outbox import outbox_enqueue
from gemeenten.scope import gemeente_scope, scopes_disabled

from ..models import (
    ContactRequest,
    InitiativeRegistration,
    Invitation,
    Organisation,
    RegistrationAttempt,
)
from ..services import organisation_register

INVITABLE_ROLES = (Role.BEGELEIDER, Role.COORDINATOR)

# What other apps do when an invitation is accepted, fn(invitation=, user=), registered from
# their AppConfig.ready() (volunteers links the account to its Volunteer record); this app
# names none of them. They run in the accept's transaction and gemeente scope.
_accepted_hooks: list = []


def on_invitation_accepted(fn):
    _accepted_hooks.append(fn)
    return fn


class InvitationError(Exception):
    """A user-facing reason why an invitation cannot be made or accepted."""


class RegistrationThrottled(Exception):
    """Too many self-registrations from this client address, or for this e-mail address,
    in the past hour."""


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
    first_name: str = "", last_name: str = "", base_url: str | None = None,
) -> tuple[Invitation, str]:
    """A regisseur invites a begeleider or coordinator of their own gemeente; a coordinator
    invites a volunteer of their own organisation's pool (role volunteer: never the
    organisation's staff; volunteers' own hook links the account to the Volunteer).

    Writes the invitation (with the hash of a fresh token), withdraws earlier open
    invitations to the same address in this gemeente, and writes the e-mail with the
    one-time link to the outbox in the same transaction. Returns the invitation and the
    token, which is nowhere stored.

    A coordinator of an organisation whose contact requests the gemeente reads for want of
    one (forwarding a request) hears in the e-mail how many wait: as soon as the account
    exists they are the coordinator's (ContactRequestQuerySet.for_user).
    """
    email = email.strip().lower()
    if role == Role.VOLUNTEER:
        # A coordinator invites a volunteer of their own organisation's pool.
        if by.role != Role.COORDINATOR or organisation is None or not (
                Organisation.objects.own(by).filter(pk=organisation.pk).exists()):
            raise InvitationError(_("Only a coordinator of the organisation can invite its "
                                    "volunteers."))
    elif role not in INVITABLE_ROLES:
        raise InvitationError(_("Only caseworkers and coordinators can be invited."))
    if by.gemeente_id is None:
        raise InvitationError(_("Your account is not linked to a municipality."))
    if role != Role.VOLUNTEER and organisation is not None and not (
            invitable_organisations(by).filter(pk=organisation.pk).exists()):
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
        first_name=first_name.strip(), last_name=last_name.strip(),
        token_hash=token_hash(token), invited_by=by, created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    link = _base_url(base_url) + reverse("invitation_accept", kwargs={"token": token})
    waiting = 0
    if organisation is not None and role == Role.COORDINATOR:
        waiting = ContactRequest.objects.in_gemeente(by.gemeente_id).filter(
            organisation=organisation).open().held(False).without_coordinator().count()
    with translation.override(settings.STAFF_LANGUAGE):
        context = {
            "invitation": invitation, "link": link, "by": by,
            "gemeente": by.gemeente, "role": Role(role).label,
            "valid_days": settings.INVITATION_VALID_DAYS, "contact_requests_waiting": waiting,
            "volunteer": role == Role.VOLUNTEER,
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


def _link_claim(model, pk: int, *, used_field: str, invalid: str, email: str, **also) -> None:
    """Claim a one-time link (an invitation, a registration) by a conditional update before
    anything is created, so of two simultaneous uses only one goes on; then refuse an
    address that has an account meanwhile. Raises InvitationError; the caller's transaction
    rolls the claim back."""
    now = timezone.now()
    claimed = model.objects.filter(
        pk=pk, expires_at__gt=now, **{f"{used_field}__isnull": True}
    ).update(**{used_field: now}, **also)
    if not claimed:
        raise InvitationError(invalid)
    if account_exists(email):
        raise InvitationError(_("There is already an account with this e-mail address."))


def _invitation_claim(invitation, password, first_name, last_name):
    _link_claim(Invitation, invitation.pk, used_field="accepted_at", email=invitation.email,
                invalid=_("This invitation link is no longer valid."))
    user = get_user_model().objects.create_user(
        username=invitation.email, email=invitation.email, password=password,
        first_name=first_name, last_name=last_name,
        role=invitation.role, gemeente_id=invitation.gemeente_id,
    )
    Invitation.objects.filter(pk=invitation.pk).update(user=user)
    if invitation.organisation_id and invitation.role in ORGANISATION_ROLES:
        invitation.organisation.staff.add(user)  # a volunteer is no staff of it
    for hook in _accepted_hooks:
        hook(invitation=invitation, user=user)
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


def _keyed_hash(kind: str, value: str) -> str:
    """A hash that cannot be reversed by trying every IP or address without SECRET_KEY."""
    return salted_hmac(f"initiatives.registration-attempt.{kind}", value.strip().lower(),
                       algorithm="sha256").hexdigest()


def _registration_attempt_record(*, client_address: str, email: str, now) -> None:
    """Count this attempt, or raise RegistrationThrottled when the client address or the
    e-mail address already reached its hourly limit (nothing is counted then)."""
    address, mail = _keyed_hash("address", client_address), _keyed_hash("email", email)
    recent = RegistrationAttempt.objects.filter(created_at__gt=now - timedelta(hours=1))
    if (recent.filter(address_hash=address).count() >= settings.REGISTRATION_MAX_PER_HOUR
            or recent.filter(email_hash=mail).count()
            >= settings.REGISTRATION_MAX_PER_EMAIL_PER_HOUR):
        raise RegistrationThrottled
    RegistrationAttempt.objects.create(address_hash=address, email_hash=mail, created_at=now)


@transaction.atomic
def initiative_registration_start(
    *, gemeente, email: str, password: str, first_name: str, organisation_fields: dict,
    client_address: str, base_url: str | None = None, language: str | None = None,
) -> InitiativeRegistration | None:
    """Someone registers their initiative: nothing exists yet but the registration to
    confirm and an e-mail to the given address with a one-time link (which makes the
    account and the organisation, initiative_registration_confirm).

    For an address that already has an account, the e-mail instead says someone tried to
    register with it, with the way to log in or reset the password; the caller answers the
    same in both cases, and the password is hashed in both, so neither the page nor its
    timing tells whether an address is known. Returns the registration, or None for a
    known address. Raises RegistrationThrottled above the hourly limits.

    `organisation_fields` are what the regisseur judges and the infopunt shows later (name,
    kind, description, contact; themes, languages and wijken as lists); the e-mail and
    its link are in `language`, the one the registrant used.
    """
    language = language or settings.STAFF_LANGUAGE
    fields = dict(organisation_fields)
    themes, languages = fields.pop("themes", []), fields.pop("languages", [])
    wijken = [wijk for wijk in fields.pop("wijken", []) if wijk.gemeente_id == gemeente.pk]
    email = email.strip().lower()
    now = timezone.now()
    _registration_attempt_record(client_address=client_address, email=email, now=now)
    password_hash = make_password(password)
    base = _base_url(base_url)
    if account_exists(email):
        with translation.override(language):
            subject = _("Someone tried to register with your e-mail address")
            body = render_to_string("initiatives/register_initiative_known_email.txt", {
                "login": base + reverse("login"),
                "password_reset": base + reverse("password_reset"),
            })
        outbox_enqueue(key=f"registration-known:{secrets.token_hex(16)}", to=email,
                       subject=subject, body=body, gemeente=gemeente)
        return None
    token = secrets.token_urlsafe(32)
    with gemeente_scope(gemeente.pk):
        registration = InitiativeRegistration.objects.create(
            gemeente=gemeente, email=email, first_name=first_name, password=password_hash,
            token_hash=token_hash(token), created_at=now,
            expires_at=now + timedelta(hours=settings.REGISTRATION_LINK_VALID_HOURS),
            language=language, **fields,
        )
        registration.themes.set(themes)
        registration.languages.set(languages)
        registration.wijken.set(wijken)
    with translation.override(language):
        # /<language>/infopunt/...: the confirmation page speaks the registrant's language.
        link = base + reverse("infopunt:register_confirm", kwargs={"token": token})
        subject = _("Confirm the registration of %(name)s") % {"name": registration.name}
        body = render_to_string("initiatives/register_initiative_confirm_email.txt", {
            "registration": registration, "gemeente": gemeente, "link": link,
            "valid_hours": settings.REGISTRATION_LINK_VALID_HOURS,
        })
    outbox_enqueue(key=f"registration-confirm:{registration.pk}", to=email, subject=subject,
                   body=body, gemeente=gemeente)
    return registration


def initiative_registration_by_token(token: str) -> InitiativeRegistration | None:
    # Opened before any log-in, outside every gemeente's scope: the secret token is the
    # access check, and only the one registration it names leaves this query.
    with scopes_disabled():
        return (
            InitiativeRegistration.objects.select_related("gemeente")
            .filter(token_hash=token_hash(token or ""))
            .first()
        )


@transaction.atomic
def initiative_registration_confirm(*, token: str, base_url: str | None = None):
    """The link in the e-mail was used, so the address is the registrant's: now the
    coordinator account (with the password chosen at registration) and the organisation,
    whose presence waits for a regisseur's approval, are made, and the gemeente's
    regisseurs hear of it. Returns the new user.

    Claimed by a conditional update first, so a link works once; raises InvitationError
    when it is unknown, used or expired, or the address got an account meanwhile.
    """
    registration = initiative_registration_by_token(token)
    if registration is None or not registration.is_usable:
        raise InvitationError(_("This link is no longer valid."))
    gemeente = registration.gemeente
    with gemeente_scope(gemeente.pk):
        _link_claim(InitiativeRegistration, registration.pk, used_field="confirmed_at",
                    email=registration.email, invalid=_("This link is no longer valid."),
                    password="")
        user = get_user_model().objects.create_user(
            username=registration.email, email=registration.email, password=None,
            first_name=registration.first_name, role=Role.COORDINATOR, gemeente=gemeente,
        )
        user.password = registration.password
        user.save(update_fields=["password"])
        organisation = organisation_register(
            gemeente=gemeente, user=user, approved=False, name=registration.name,
            kind=registration.kind, newcomer_led=registration.newcomer_led,
            description=registration.description, email=registration.contact_email,
            phone=registration.phone, themes=list(registration.themes.all()),
            languages=list(registration.languages.all()),
            wijken=list(registration.wijken.filter(gemeente=gemeente)),
        )
        # Kept for the regisseur: who registered what, with which confirmed address.
        InitiativeRegistration.objects.filter(pk=registration.pk).update(
            organisation=organisation)
        _regisseurs_tell(gemeente=gemeente, organisation=organisation, base_url=base_url)
    return user


def _regisseurs_tell(*, gemeente, organisation: Organisation, base_url: str | None) -> None:
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
