"""Referrals (doorverwijzingen) and their instemming: the one place that creates them, moves
them between states and withdraws an instemming. Every change is a ReferralEvent (who, when,
why) and an audit event; a change names the version it saw, so of two people changing one
referral at once the second gets "this changed meanwhile" instead of overwriting.

The e-mails carry no personal data: they say that something waits and link to the portal.
"""
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gemeenten.audit import Action, Purpose, audit_record
from gemeenten.choices import Role
from gemeenten.models import User
from gemeenten.outbox import outbox_enqueue

from .choices import (
    NEEDS_REASON,
    NO_NEED_THEME,
    OPEN_STATES,
    REASON_CONSENT_WITHDRAWN,
    TRANSITIONS,
    ReferralState,
    SharedField,
)
from .models import Instemming, Referral, ReferralEvent
from .services import SUBJECT, flags_refresh_after_commit


class ReferralRefused(Exception):
    """A change the rules do not allow; the message says why, in the user's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class ChangedMeanwhile(ReferralRefused):
    def __init__(self):
        super().__init__(gettext_lazy(
            "Someone else changed this referral meanwhile. Look at it again and repeat "
            "your change if it is still needed."))


def _readers(organisation) -> list[str]:
    """Who at the organisation can act: its coördinators and begeleiders with an account
    (callers fall back to the gemeente's regisseurs: nobody else can open the link). Reads
    `staff.all()`, so a prefetch serves it without a query."""
    return sorted({u.email for u in organisation.staff.all()
                   if u.is_active and u.email and u.role in (Role.COORDINATOR, Role.BEGELEIDER)})


def _regisseurs(gemeente_id) -> list[str]:
    return sorted({u.email for u in User.objects.filter(
        gemeente_id=gemeente_id, role=Role.REGISSEUR, is_active=True) if u.email})


def _notify(referral, kind: str, to: list[str], subject: str, body: str, link: str) -> None:
    for address in to:
        outbox_enqueue(
            key=f"referral:{referral.pk}:{kind}:{address}", to=address, subject=subject,
            body=f"{body}\n\n{link}", gemeente=referral.gemeente,
        )


def _link(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def open_referrals_for_need(newcomer, need, *, exclude_organisation=None):
    """The person's open referrals for the same need elsewhere: the begeleider is warned
    before sending another."""
    rows = Referral.objects.filter(newcomer=newcomer, state__in=OPEN_STATES)
    rows = rows.filter(need=need) if need is not None else rows.filter(need__isnull=True)
    if exclude_organisation is not None:
        rows = rows.exclude(to_organisation=exclude_organisation)
    return rows


def _check_need(need, activity):
    if need is not None and need.slug == NO_NEED_THEME:
        raise ReferralRefused(gettext_lazy("Health is never recorded as a need."))
    if activity is not None and need is not None and activity.themes.filter(
            slug=NO_NEED_THEME).exists():
        raise ReferralRefused(gettext_lazy(
            "No need is recorded for a referral to a health activity."))


@transaction.atomic
def referral_create(*, newcomer, by, from_organisation, to_organisation, to_activity=None,
                    need=None, availability="", note="", introduction_date=None,
                    shared_fields: list[str], instemming_text: str, instemming_language: str,
                    guardian: str = "", held_fields: list[str] | None = None) -> Referral:
    """A referral with its instemming for the named recipient. Without instemming, no
    referral. ``held_fields``: what the referrer holds (a coördinator referring onward holds
    only what their own instemming shared), so nothing more can be shared."""
    if not shared_fields or not instemming_text.strip():
        raise ReferralRefused(gettext_lazy(
            "A referral needs the person's instemming: tick what may be shared and record "
            "the text they agreed to."))
    unknown = set(shared_fields) - set(SharedField.values)
    if unknown:
        raise ReferralRefused(gettext_lazy("Unknown field to share."))
    if held_fields is not None and not set(shared_fields) <= set(held_fields):
        raise ReferralRefused(gettext_lazy(
            "You can share only what the person's instemming shared with your organisation."))
    if to_activity is not None and to_activity.organisation_id != to_organisation.pk:
        raise ReferralRefused(gettext_lazy("That activity is not of this organisation."))
    _check_need(need, to_activity)
    referral = Referral.objects.create(
        gemeente_id=newcomer.gemeente_id, newcomer=newcomer, from_organisation=from_organisation,
        from_user=by, to_organisation=to_organisation, to_activity=to_activity, need=need,
        availability=availability, note=note, introduction_date=introduction_date,
    )
    Instemming.objects.create(
        referral=referral, shared_fields=",".join(f for f in SharedField.values
                                                  if f in shared_fields),
        text=instemming_text, language=instemming_language, guardian=guardian,
        recorded_by=by,
    )
    ReferralEvent.objects.create(referral=referral, to_state=ReferralState.PROPOSED, by=by)
    audit_record(gemeente=newcomer.gemeente_id, actor=by, action=Action.EXPORT,
                 purpose=Purpose.REFERRAL, subject_type=SUBJECT, subject_id=newcomer.pk,
                 detail=f"referral {referral.pk} to organisation {to_organisation.pk}: "
                        + ",".join(shared_fields))
    readers = _readers(to_organisation) or _regisseurs(newcomer.gemeente_id)
    with translation.override(settings.STAFF_LANGUAGE):
        _notify(referral, "new", readers,
                _("A new referral (aanmelding) for %(organisation)s")
                % {"organisation": to_organisation.name},
                _("A caseworker referred someone to %(organisation)s through the regie "
                  "portal. Log in to read the aanmelding and answer it with one click.")
                % {"organisation": to_organisation.name},
                _link(reverse("statushouders:aanmelding_list")))
    return referral


TRANSITION_REFUSED = gettext_lazy(
    "A referral that is %(current)s cannot become %(target)s.")


@transaction.atomic
def referral_transition(*, referral: Referral, to_state: str, by, version: int,
                        reason: str = "", now=None) -> Referral:
    """Move a referral along DESIGN.md's transitions; anything else is refused."""
    now = now or timezone.now()
    current = Referral.objects.select_for_update().get(pk=referral.pk)
    if current.version != version:
        raise ChangedMeanwhile
    if to_state not in TRANSITIONS.get(current.state, set()):
        raise ReferralRefused(TRANSITION_REFUSED % {
            "current": current.get_state_display(),
            "target": ReferralState(to_state).label})
    reason = (reason or "").strip()
    if to_state in NEEDS_REASON and not reason:
        raise ReferralRefused(gettext_lazy("Give a reason."))
    changes = {"state": to_state, "version": F("version") + 1, "reason": reason[:300]}
    if current.state == ReferralState.PROPOSED:
        changes["answered_at"] = now
    if to_state == ReferralState.ACCEPTED:
        changes["accepted_at"] = now
    if to_state not in OPEN_STATES:
        changes["closed_at"] = now
    updated = Referral.objects.filter(pk=current.pk, version=version).update(**changes)
    if not updated:  # cannot happen under the row lock, but the version is the fact
        raise ChangedMeanwhile
    ReferralEvent.objects.create(referral=current, from_state=current.state, to_state=to_state,
                                 by=by, at=now, reason=reason[:300])
    audit_record(gemeente=current.gemeente_id, actor=by, action=Action.CHANGE,
                 purpose=Purpose.REFERRAL, subject_type=SUBJECT,
                 subject_id=current.newcomer_id,
                 detail=f"referral {current.pk}: {current.state} → {to_state}")
    current.refresh_from_db()
    flags_refresh_after_commit(current.gemeente_id)  # a handover made, an answer given
    if to_state in (ReferralState.ACCEPTED, ReferralState.DECLINED, ReferralState.EXPIRED):
        _tell_referrer(current, to_state)
    return current


def _tell_referrer(referral: Referral, to_state: str) -> None:
    referrer = referral.from_user
    to = [referrer.email] if referrer and referrer.is_active and referrer.email else \
        _readers(referral.from_organisation) or _regisseurs(referral.gemeente_id)
    with translation.override(settings.STAFF_LANGUAGE):
        subject = {
            ReferralState.ACCEPTED: _("Your referral was accepted"),
            ReferralState.DECLINED: _("Your referral was declined"),
            ReferralState.EXPIRED: _("Your referral got no answer and has expired"),
        }[to_state]
        _notify(referral, to_state, to, subject,
                _("There is news about a referral you sent through the regie portal. Log in "
                  "to see it."),
                _link(reverse("statushouders:newcomer_detail", args=[referral.newcomer_id])))


@transaction.atomic
def instemming_withdraw(*, instemming: Instemming, by, now=None) -> Instemming:
    """One click: the instemming is withdrawn, an open referral stops with the reason
    "instemming ingetrokken", and the recipient gets a 404 at its next request."""
    now = now or timezone.now()
    locked = Instemming.objects.select_for_update().get(pk=instemming.pk)
    if locked.withdrawn_at is not None:
        return locked
    Instemming.objects.filter(pk=locked.pk).update(withdrawn_at=now, withdrawn_by=by)
    referral = Referral.objects.get(pk=locked.referral_id)
    if referral.state in OPEN_STATES:  # the transition writes the one audit event
        referral_transition(referral=referral, to_state=ReferralState.STOPPED, by=by,
                            version=referral.version, reason=REASON_CONSENT_WITHDRAWN, now=now)
    else:
        audit_record(gemeente=referral.gemeente_id, actor=by, action=Action.CHANGE,
                     purpose=Purpose.REFERRAL, subject_type=SUBJECT,
                     subject_id=referral.newcomer_id,
                     detail=f"referral {referral.pk}: instemming withdrawn")
    locked.refresh_from_db()
    return locked


def can_withdraw(instemming: Instemming, user) -> bool:
    """Whoever recorded it, and the begeleiders of the person's own organisation."""
    if instemming.withdrawn_at is not None:
        return False
    if instemming.recorded_by_id == user.pk:
        return True
    referral = instemming.referral
    return user.role == Role.BEGELEIDER and referral.newcomer.organisation.staff.filter(
        pk=user.pk).exists()


def can_answer(referral: Referral, user) -> bool:
    return referral.to_organisation.staff.filter(pk=user.pk).exists()


def answer_transitions(referral: Referral) -> list[str]:
    """The receiver's one-click actions for the referral's current state."""
    return [s for s in (ReferralState.ACCEPTED, ReferralState.DECLINED, ReferralState.STARTED,
                        ReferralState.COMPLETED) if s in TRANSITIONS.get(referral.state, ())]


def mark_viewed(referral: Referral, user, *, purpose: Purpose = Purpose.REFERRAL) -> None:
    """Someone opened the aanmelding: the receiver what the instemming shares, the referrer
    and the regisseur the referral itself."""
    audit_record(gemeente=referral.gemeente_id, actor=user, action=Action.VIEW,
                 purpose=purpose, subject_type=SUBJECT,
                 subject_id=referral.newcomer_id, detail=f"aanmelding {referral.pk}")
