"""Writes of koppelingen: starting one from an accepted referral (with the newcomer's goals),
ending it with a reason, evaluating a goal, the volunteer's check-in. Each writes its audit
event: a koppeling is a newcomer's data."""
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.audit import Action, Purpose, audit_record
from gemeenten.models import gemeente_setting
from statushouders.choices import ReferralState
from statushouders.models import Referral
from statushouders.referrals import referral_transition

from ..choices import GoalMoment
from ..models import MAX_GOALS, CheckIn, Match, MatchGoal
from .matching import pool

SUBJECT = "newcomer"  # the audit log's subject type, as statushouders writes it
# A koppeling starts from an accepted referral; "started" is what starting one makes it.
MATCHABLE_STATES = (ReferralState.ACCEPTED, ReferralState.STARTED)


class MatchRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _audit(match, by, action, detail):
    audit_record(gemeente=match.gemeente_id, actor=by, action=action, purpose=Purpose.REFERRAL,
                 subject_type=SUBJECT, subject_id=match.newcomer_id, detail=detail)


def planned_end_for(gemeente, starts_on: date) -> date:
    return starts_on + relativedelta(months=gemeente_setting(gemeente, "match_planned_months"))


@transaction.atomic
def match_start(*, referral: Referral, volunteer, by, starts_on: date,
                planned_end: date | None = None, one_on_one: bool = True,
                goals: list[str] = ()) -> tuple[Match, bool]:
    """A koppeling from an accepted referral, with up to three goals of the newcomer; the
    referral becomes "started". Idempotent per referral: while it has an active koppeling,
    that one is returned (created False), whoever sends the form again."""
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    existing = Match.objects.filter(referral=locked, ended_on__isnull=True).first()
    if existing is not None:
        return existing, False
    if locked.state not in MATCHABLE_STATES:
        raise MatchRefused(_("Only an accepted aanmelding can get a koppeling."))
    if not pool(locked.to_organisation_id).filter(pk=volunteer.pk).exists():
        raise MatchRefused(_("Choose an active volunteer of the organisation."))
    planned_end = planned_end or planned_end_for(locked.gemeente, starts_on)
    if planned_end < starts_on:
        raise MatchRefused(_("The planned end cannot be before the start."))
    try:
        with transaction.atomic():
            match = Match.objects.create(
                gemeente_id=locked.gemeente_id, volunteer=volunteer,
                newcomer_id=locked.newcomer_id, organisation_id=locked.to_organisation_id,
                referral=locked, starts_on=starts_on, planned_end=planned_end,
                one_on_one=one_on_one, created_by=by)
    except IntegrityError:  # another request started one meanwhile
        return Match.objects.get(referral=locked, ended_on__isnull=True), False
    MatchGoal.objects.bulk_create([MatchGoal(match=match, text=text.strip(), set_on=starts_on)
                                   for text in goals if text.strip()][:MAX_GOALS])
    if locked.state == ReferralState.ACCEPTED:
        referral_transition(referral=locked, to_state=ReferralState.STARTED, by=by,
                            version=locked.version)
    _audit(match, by, Action.CREATE, f"koppeling {match.pk} from referral {locked.pk}")
    return match, True


@transaction.atomic
def match_end(*, match: Match, by, ended_on: date, reason: str, note: str = "") -> Match:
    """The koppeling ends with a reason. Ending it again changes nothing."""
    locked = Match.objects.select_for_update().get(pk=match.pk)
    if locked.ended_on is not None:
        return locked
    if ended_on < locked.starts_on:
        raise MatchRefused(_("The end cannot be before the start."))
    if ended_on > timezone.localdate():
        raise MatchRefused(_("The end cannot be in the future."))
    Match.objects.filter(pk=locked.pk, ended_on__isnull=True).update(
        ended_on=ended_on, end_reason=reason, end_note=note.strip()[:300])
    locked.refresh_from_db()
    _audit(locked, by, Action.CHANGE, f"koppeling {locked.pk} ended: {reason}")
    return locked


@transaction.atomic
def goal_add(*, match: Match, by, text: str) -> MatchGoal:
    if match.goals.count() >= MAX_GOALS:
        raise MatchRefused(_("A koppeling has at most %(count)s goals.") % {"count": MAX_GOALS})
    goal = MatchGoal.objects.create(match=match, text=text.strip())
    _audit(match, by, Action.CHANGE, f"koppeling {match.pk}: goal added")
    return goal


@transaction.atomic
def goal_evaluate(*, goal: MatchGoal, by, moment: str, result: str, words: str = "",
                  on: date | None = None) -> MatchGoal:
    """Looked at together: the result and one line in the newcomer's own words. Evaluating
    the same moment again replaces it (they may change their mind on the day)."""
    on = on or timezone.localdate()
    if moment == GoalMoment.HALFWAY:
        changes = {"halfway_result": result, "halfway_words": words.strip(), "halfway_on": on}
    else:
        changes = {"end_result": result, "end_words": words.strip(), "end_on": on}
    MatchGoal.objects.filter(pk=goal.pk).update(**changes)
    goal.refresh_from_db()
    _audit(goal.match, by, Action.CHANGE, f"koppeling {goal.match_id}: goal evaluated")
    return goal


@transaction.atomic
def checkin_record(*, match: Match, by, on: date, text: str,
                   needs_attention: bool = False) -> CheckIn:
    checkin = CheckIn.objects.create(match=match, on=on, text=text.strip(),
                                     needs_attention=needs_attention, recorded_by=by)
    _audit(match, by, Action.CHANGE, f"koppeling {match.pk}: check-in")
    return checkin


@transaction.atomic
def checkin_handled(*, checkin: CheckIn, by) -> None:
    """The coördinator saw to it: it leaves their list of what needs attention. A change of
    the person's koppeling, so audited (once: a second click changes nothing)."""
    handled = CheckIn.objects.filter(pk=checkin.pk, attention_handled_at__isnull=True).update(
        attention_handled_at=timezone.now())
    if handled:
        match = Match.objects.get(pk=checkin.match_id)
        _audit(match, by, Action.CHANGE, f"check-in {checkin.pk} handled")
