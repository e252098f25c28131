"""Retention (DESIGN.md): a newcomer is anonymised 12 months after their last begeleiding
ended and their last referral closed (the row stays for the counts); a referral's note and
its instemming text are cleared 6 months after the referral closed. Access and erasure
handlers answer a person's request (gemeenten.privacy)."""
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from gemeenten.audit import Action, Purpose, audit_record
from gemeenten.privacy import register_access, register_erasure, register_retention, start_of

from .services import SUBJECT


@register_retention("newcomers")
def anonymise_newcomers(today: date) -> int:
    from .choices import OPEN_STATES
    from .models import Begeleiding, Newcomer, Referral

    cutoff = today - timedelta(days=settings.NEWCOMER_RETENTION_DAYS)
    still_held = Begeleiding.objects.filter(newcomer=OuterRef("pk")).exclude(
        actual_end__lt=cutoff)
    referral_recent = Referral.objects.filter(newcomer=OuterRef("pk")).filter(
        Q(state__in=OPEN_STATES) | Q(closed_at__gte=start_of(cutoff)))
    due = (Newcomer.objects.filter(anonymised_at__isnull=True, begeleidingen__isnull=False)
           .exclude(Exists(still_held)).exclude(Exists(referral_recent)).distinct())
    done = 0
    now = timezone.make_aware(datetime.combine(today, time(hour=3)))
    for newcomer in due:
        with transaction.atomic():
            newcomer.first_name = newcomer.surname = newcomer.phone = newcomer.email = ""
            newcomer.registratienummer = f"anon-{newcomer.pk}"
            newcomer.birth_year = newcomer.household_size = newcomer.housing_date = None
            newcomer.anonymised_at = now
            newcomer.save()
            # The wijk and the languages stay: they are the categories the report for the
            # council counts people by (shown only from 10 up), and without them its figures
            # of past periods would change (issue 22, tests/test_retention_boundaries.py).
            audit_record(gemeente=newcomer.gemeente_id, actor=None, action=Action.ANONYMISE,
                         purpose=Purpose.RETENTION, subject_type=SUBJECT,
                         subject_id=newcomer.pk)
        done += 1
    return done



@register_retention("referral_notes")
def clear_referral_notes(today: date) -> int:
    """The note and the instemming text of a referral closed more than 6 months ago."""
    from .models import Instemming, Referral

    before = start_of(today - timedelta(days=settings.REFERRAL_NOTE_RETENTION_DAYS))
    closed = Referral.objects.filter(closed_at__lt=before)
    notes = closed.exclude(note="").update(note="")
    texts = Instemming.objects.filter(referral__in=closed.values("pk")).exclude(
        text="").update(text="")
    return notes + texts


@register_retention("newcomer_uploads")
def delete_old_uploads(today: date) -> int:
    """A newcomer spreadsheet is needed only between its preview and its import."""
    from .models import NewcomerUpload

    deleted, _per_model = NewcomerUpload.objects.filter(
        created_at__lt=start_of(today - timedelta(days=1))).delete()
    return deleted


@register_access("statushouders")
def newcomer_access(subject_id: str) -> dict:
    """What this app holds about the person: their record, begeleidingen, referrals with
    their instemming and history, and open or closed action points."""
    from .models import Flag, Newcomer

    newcomer = Newcomer.objects.select_related("organisation", "wijk").get(pk=int(subject_id))
    return {
        "newcomer": {
            "organisation": newcomer.organisation.name,
            "registratienummer": newcomer.registratienummer,
            "first_name": newcomer.first_name, "surname": newcomer.surname,
            "phone": newcomer.phone, "email": newcomer.email,
            "birth_year": newcomer.birth_year, "household_size": newcomer.household_size,
            "wijk": newcomer.wijk.name if newcomer.wijk else "",
            "housing_date": str(newcomer.housing_date or ""),
            "residence_basis": newcomer.get_residence_basis_display(),
            "learning_route": newcomer.get_learning_route_display(),
            "languages": [language.name_nl for language in newcomer.languages.all()],
            "needs": [theme.name for theme in newcomer.needs.all()],
            "registered": str(newcomer.created_at),
        },
        "begeleidingen": [
            {"organisation": b.organisation.name, "start": str(b.start),
             "planned_end": str(b.planned_end or ""), "actual_end": str(b.actual_end or ""),
             "end_reason": b.get_end_reason_display()}
            for b in newcomer.begeleidingen.select_related("organisation")],
        "referrals": [
            {"to": r.to_organisation.name, "state": r.get_state_display(),
             "sent": str(r.created_at), "note": r.note, "availability": r.availability,
             "instemming": {"shared": r.instemming.shared_fields, "text": r.instemming.text,
                            "language": r.instemming.language,
                            "recorded": str(r.instemming.recorded_at),
                            "withdrawn": str(r.instemming.withdrawn_at or "")},
             "history": [f"{e.at}: {e.from_state or '-'} → {e.to_state} {e.reason}".strip()
                         for e in r.events.all()]}
            for r in newcomer.referrals.select_related("to_organisation", "instemming")
            .prefetch_related("events")],
        "action_points": [
            {"kind": f.get_kind_display(), "state": f.get_state_display(),
             "raised": str(f.raised_on)}
            for f in Flag.objects.filter(begeleiding__newcomer=newcomer)],
    }


@register_erasure("statushouders")
def newcomer_erase(subject_id: str) -> int:
    """Erase on request: the person, their begeleidingen, referrals, instemmingen and action
    points. The audit log keeps only the opaque id."""
    from .models import Newcomer

    deleted, _per_model = Newcomer.objects.filter(pk=int(subject_id)).delete()
    return deleted
