"""Retention (DESIGN.md): a volunteer is anonymised 12 months after their last membership
ended; the row stays for the counts."""
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from gemeenten.privacy import register_access, register_erasure, register_retention


@register_retention("volunteers")
def anonymise_volunteers(today: date) -> int:
    from .models import Membership, Volunteer

    cutoff = today - timedelta(days=settings.VOLUNTEER_RETENTION_DAYS)
    recent = Membership.objects.filter(volunteer=OuterRef("pk")).filter(
        Q(active=True) | Q(ended_on__gte=cutoff))
    due = Volunteer.objects.filter(anonymised_at__isnull=True, memberships__isnull=False) \
        .exclude(Exists(recent)).distinct()
    done = 0
    for volunteer in due:
        volunteer.first_name = volunteer.surname = volunteer.email = volunteer.phone = ""
        volunteer.vog_date = None
        volunteer.availability = ""
        volunteer.anonymised_at = timezone.now()
        volunteer.save()
        volunteer.languages.all().delete()
        done += 1
    return done


@register_retention("tally_stories")
def clear_tally_stories(today: date) -> int:
    """A tally's counts are anonymous and stay (they feed the report); its sentence of what
    went well may still name or describe someone, so it goes TALLY_STORY_RETENTION_DAYS after
    the session: a session on day D keeps it through D + N days and loses it the day after."""
    from .models import SessionTally

    cutoff = today - timedelta(days=settings.TALLY_STORY_RETENTION_DAYS)
    return SessionTally.objects.filter(session_date__lt=cutoff).exclude(went_well="") \
        .update(went_well="")
# --- koppelingen -----------------------------------------------------------------------------


@register_retention("koppelingen")
def anonymise_match_goals_and_checkins(today: date) -> int:
    """MATCH_RETENTION_DAYS after a koppeling ended: its check-ins go, its goals keep only
    their results (the anonymous figures) and lose their text and the newcomer's words, and
    the note on the end is cleared."""
    from .models import CheckIn, Match, MatchGoal

    cutoff = today - timedelta(days=settings.MATCH_RETENTION_DAYS)
    ended = Match.objects.filter(ended_on__lt=cutoff)
    checkins, _per_model = CheckIn.objects.filter(match__in=ended.values("pk")).delete()
    goals = (MatchGoal.objects.filter(match__in=ended.values("pk"))
             .filter(~Q(text="") | ~Q(halfway_words="") | ~Q(end_words=""))
             .update(text="", halfway_words="", end_words=""))
    notes = ended.exclude(end_note="").update(end_note="")
    return checkins + goals + notes


@register_access("koppelingen")
def newcomer_matches_access(subject_id: str) -> dict:
    """What the volunteers app holds about a newcomer: their koppelingen, goals, check-ins."""
    from .models import Match

    return {"koppelingen": [
        {"organisation": m.organisation.name, "volunteer": m.volunteer.first_name,
         "start": str(m.starts_on), "planned_end": str(m.planned_end),
         "ended": str(m.ended_on or ""), "end_reason": m.get_end_reason_display(),
         "goals": [{"goal": g.text, "halfway": g.get_halfway_result_display(),
                    "halfway_words": g.halfway_words, "end": g.get_end_result_display(),
                    "end_words": g.end_words} for g in m.goals.all()],
         "check_ins": [f"{c.on}: {c.text}" for c in m.checkins.all()]}
        for m in Match.objects.filter(newcomer_id=int(subject_id))
        .select_related("organisation", "volunteer").prefetch_related("goals", "checkins")]}


@register_erasure("koppelingen")
def newcomer_matches_erase(subject_id: str) -> int:
    """A newcomer erased on request takes their koppelingen, goals and check-ins along.
    Named so it runs before the statushouders handler deletes the person."""
    from .models import Match

    deleted, _per_model = Match.objects.filter(newcomer_id=int(subject_id)).delete()
    return deleted


@register_retention("volunteer_applications")
def delete_old_volunteer_applications(today: date) -> int:
    """A sign-up is deleted VOLUNTEER_APPLICATION_RETENTION_DECIDED_DAYS after the
    coördinator decided (an accepted one lives on as the Volunteer record), or
    VOLUNTEER_APPLICATION_RETENTION_PENDING_DAYS after it came in when nobody did."""
    from .models import VolunteerApplication

    start = timezone.make_aware(datetime.combine(today, time.min))
    decided = start - timedelta(days=settings.VOLUNTEER_APPLICATION_RETENTION_DECIDED_DAYS)
    untouched = start - timedelta(days=settings.VOLUNTEER_APPLICATION_RETENTION_PENDING_DAYS)
    due = VolunteerApplication.objects.filter(
        Q(decided_at__lt=decided) | Q(decided_at__isnull=True, created_at__lt=untouched))
    count = due.count()
    due.delete()  # with their languages and interests
    return count
