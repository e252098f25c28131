"""Writes of vacancies and of the sign-ups that come in through the infopunt: a sign-up is
stored, then the organisation's coördinator accepts it (a Volunteer with a Membership, and an
invitation to an account) or declines it (the applicant hears so by e-mail, when they gave
one). Also the invitation of a volunteer already in the pool."""
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gemeenten.choices import Role
from gemeenten.outbox import outbox_enqueue
from initiatives.accounts.services import InvitationError, invitation_create
from initiatives.models import Organisation
from initiatives.querysets import contact_readers

from ..choices import ApplicationState, MembershipKind
from ..models import (
    Membership,
    Vacancy,
    Volunteer,
    VolunteerApplication,
    VolunteerInvitation,
    VolunteerLanguage,
)


class ApplicationTokenUsed(Exception):
    """This form was sent before (a double click or a replay): nothing more is stored."""


class ApplicationsThrottled(Exception):
    """The organisation received many sign-ups in the past hour."""


@transaction.atomic
def vacancy_save(*, form, gemeente) -> Vacancy:
    """A new or edited vacancy with its languages (the form checked the organisation)."""
    vacancy = form.save(commit=False)
    vacancy.gemeente = gemeente
    vacancy.save()
    form.save_m2m()
    return vacancy


@transaction.atomic
def volunteer_application_create(
    *, organisation, gemeente, vacancy: Vacancy | None, first_name: str, surname: str,
    email: str, phone: str, languages, wijk, availability: str, interests,
    ervaringsdeskundige: bool, motivation: str, language: str, form_nonce: str,
    max_per_hour: int | None = None, now=None, base_url: str | None = None,
) -> VolunteerApplication:
    """Store a sign-up from the public form. One form token makes one sign-up (its nonce is
    unique: a replay raises ApplicationTokenUsed); above `max_per_hour` sign-ups for the
    organisation in the past hour it raises ApplicationsThrottled. The organisation's
    coördinators hear by e-mail that a sign-up waits."""
    now = now or timezone.now()
    cap = settings.VOLUNTEER_APPLICATION_MAX_PER_HOUR if max_per_hour is None else max_per_hour
    # Serialises concurrent sign-ups for one organisation on PostgreSQL, so the cap holds;
    # SQLite's IMMEDIATE transactions already do.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    recent = VolunteerApplication.objects.filter(
        organisation=organisation, created_at__gte=now - timedelta(hours=1)).count()
    if recent >= cap:
        raise ApplicationsThrottled
    try:
        with transaction.atomic():
            application = VolunteerApplication.objects.create(
                gemeente=gemeente, organisation=organisation, vacancy=vacancy,
                first_name=first_name, surname=surname, email=email.strip().lower(),
                phone=phone, wijk=wijk, availability=availability,
                ervaringsdeskundige=ervaringsdeskundige, motivation=motivation,
                language=language[:8], form_nonce=form_nonce or None, created_at=now)
    except IntegrityError as error:
        raise ApplicationTokenUsed from error
    application.languages.set(languages)
    application.interests.set(interests)
    _tell_coordinators(application, base_url)
    return application


def _tell_coordinators(application: VolunteerApplication, base_url: str | None) -> None:
    """An e-mail to the organisation's coördinators that a sign-up waits; no personal data
    in it, only the link (they log in to read it)."""
    readers = contact_readers(organisation=application.organisation,
                              gemeente=application.gemeente_id).exclude(email="")
    base = (base_url or getattr(settings, "PORTAL_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")
    link = base + reverse("volunteers:application_detail", args=[application.pk])
    with translation.override(settings.STAFF_LANGUAGE):
        names = {"organisation": application.organisation.name, "link": link}
        subject = _("New volunteer sign-up for %(organisation)s") % names
        body = _("Someone signed up on the information point to help %(organisation)s as a "
                 "volunteer.\n\nLog in to read the sign-up and accept or decline it:\n"
                 "%(link)s") % names
    for to in readers.values_list("email", flat=True):
        outbox_enqueue(key=f"volunteer-application:{application.pk}:{to}", to=to,
                       subject=subject, body=body, gemeente=application.gemeente)


@transaction.atomic
def volunteer_application_accept(
    *, application: VolunteerApplication, by, kind: str = MembershipKind.OCCASIONAL,
    base_url: str | None = None,
) -> VolunteerApplication:
    """The coördinator accepts a sign-up: a Volunteer (the one of the gemeente with this
    e-mail address, when there is one), their languages and interests and a Membership of
    the organisation, in one transaction; with an e-mail address an invitation to an account
    (role volunteer). The sign-up is claimed by a conditional update first, so accepting
    twice, or at once in two windows, does all of this once."""
    claimed = VolunteerApplication.objects.filter(
        pk=application.pk, state=ApplicationState.PENDING).update(
        state=ApplicationState.ACCEPTED, decided_at=timezone.now(), decided_by=by)
    if not claimed:
        application.refresh_from_db()
        return application
    volunteer = None
    if application.email:
        volunteer = Volunteer.objects.filter(
            gemeente=application.gemeente_id, email__iexact=application.email,
            anonymised_at__isnull=True).order_by("pk").first()
    if volunteer is None:
        volunteer = Volunteer.objects.create(
            gemeente_id=application.gemeente_id, first_name=application.first_name,
            surname=application.surname, email=application.email, phone=application.phone,
            wijk=application.wijk, availability=application.availability,
            ervaringsdeskundige=application.ervaringsdeskundige)
    volunteer.interests.add(*application.interests.all())
    VolunteerLanguage.objects.bulk_create(
        [VolunteerLanguage(volunteer=volunteer, language=language)
         for language in application.languages.all()], ignore_conflicts=True)
    membership, created = Membership.objects.get_or_create(
        volunteer=volunteer, organisation=application.organisation,
        defaults={"kind": kind})
    if not created and not membership.active:
        Membership.objects.filter(pk=membership.pk).update(active=True, ended_on=None,
                                                           kind=kind)
    VolunteerApplication.objects.filter(pk=application.pk).update(volunteer=volunteer)
    application.refresh_from_db()
    if volunteer.email and volunteer.user_id is None:
        try:
            volunteer_invite(volunteer=volunteer, organisation=application.organisation,
                             by=by, base_url=base_url)
        except InvitationError:
            pass  # an account with this address exists already: nothing to invite to
    return application


@transaction.atomic
def volunteer_application_decline(
    *, application: VolunteerApplication, by, reason: str = "",
) -> VolunteerApplication:
    """Decline a sign-up, with an optional reason; the applicant hears so by e-mail in the
    language of the form, when they gave an address. Declining twice does it once."""
    claimed = VolunteerApplication.objects.filter(
        pk=application.pk, state=ApplicationState.PENDING).update(
        state=ApplicationState.DECLINED, decided_at=timezone.now(), decided_by=by,
        decline_reason=reason.strip())
    application.refresh_from_db()
    if claimed and application.email:
        language = application.language or settings.STAFF_LANGUAGE
        with translation.override(language):
            subject = _("Your sign-up as a volunteer at %(organisation)s") % {
                "organisation": application.organisation.name}
            body = render_to_string("volunteers/application_declined_email.txt", {
                "application": application, "organisation": application.organisation})
        outbox_enqueue(key=f"volunteer-application-declined:{application.pk}",
                       to=application.email, subject=subject, body=body,
                       gemeente=application.gemeente)
    return application


@transaction.atomic
def volunteer_invite(*, volunteer: Volunteer, organisation, by, base_url: str | None = None
                     ) -> VolunteerInvitation:
    """Invite a volunteer of the organisation's pool to an account with the role
    volunteer; once accepted the account is Volunteer.user (volunteer_invitation_accepted).
    Raises InvitationError (no address, an account exists, not the coördinator's own)."""
    if not volunteer.email:
        raise InvitationError(_("This volunteer has no e-mail address to invite."))
    if volunteer.user_id is not None:
        raise InvitationError(_("This volunteer has an account already."))
    invitation, _token = invitation_create(
        by=by, email=volunteer.email, role=Role.VOLUNTEER, organisation=organisation,
        first_name=volunteer.first_name, last_name=volunteer.surname, base_url=base_url)
    return VolunteerInvitation.objects.create(volunteer=volunteer, invitation=invitation)


def volunteer_invitation_accepted(*, invitation, user) -> None:
    """Registered with initiatives' invitations: the new account is the Volunteer's."""
    if invitation.role != Role.VOLUNTEER:
        return
    link = VolunteerInvitation.objects.filter(invitation_id=invitation.pk).first()
    if link is not None:
        Volunteer.objects.filter(pk=link.volunteer_id, user__isnull=True).update(user=user)
