"""Issue 22, retention: each period of DESIGN.md's retention table on its day boundary.

A record whose clock starts on day D (a begeleiding ended, a referral closed, a message
sent ...) is untouched by the retention job on D + N (the last day of its period) and
anonymised, cleared or deleted on D + N + 1. The job runs through `retention_run(today=...)`,
as the daily task does. The anonymous counts of the report for the council are the same
before and after. Koppelingen and tally stories have their own boundary tests
(tests/volunteers/test_matches.py, test_tallies.py)."""
import datetime
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from gemeenten.models import AuditEvent, OutboxMessage, Wijk
from gemeenten.privacy import retention_run
from infopunt.models import SearchDay, SearchWordDay
from infopunt.services import search_record
from initiatives.models import ContactRequest
from regie import report as reports
from statushouders.models import Instemming, Newcomer, Referral
from volunteers.models import Membership, Volunteer

from .factories import ActivityFactory, organisation_in
from .regie.helpers import newcomer, referral

pytestmark = pytest.mark.django_db

D = date(2026, 1, 15)  # the day each clock starts


def _noon(day: date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _late(day: date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))


def _last_kept_and_first_gone(days: int) -> tuple[date, date]:
    return D + timedelta(days=days), D + timedelta(days=days + 1)


def test_a_newcomer_is_anonymised_the_day_after_twelve_months_from_the_end_of_begeleiding(
        gemeente):
    organisation = organisation_in(gemeente)
    person = newcomer(gemeente, organisation, start=date(2025, 1, 1))
    person.begeleidingen.update(actual_end=D, end_reason="completed")
    kept, gone = _last_kept_and_first_gone(settings.NEWCOMER_RETENTION_DAYS)
    assert retention_run(today=kept)["newcomers"] == 0
    assert Newcomer.objects.get(pk=person.pk).first_name == "Testa"
    assert retention_run(today=gone)["newcomers"] == 1
    person.refresh_from_db()
    assert (person.first_name, person.surname, person.anonymised_at is not None) == (
        "", "", True)


def test_a_referral_closed_late_on_its_day_holds_the_person_until_twelve_months_after(
        gemeente):
    organisation = organisation_in(gemeente)
    person = newcomer(gemeente, organisation, start=date(2024, 1, 1))
    person.begeleidingen.update(actual_end=date(2024, 6, 1), end_reason="completed")
    referral(gemeente, person, to=organisation_in(gemeente), sent=_noon(date(2025, 12, 1)),
             state="completed")
    Referral.objects.filter(newcomer=person).update(closed_at=_late(D))
    kept, gone = _last_kept_and_first_gone(settings.NEWCOMER_RETENTION_DAYS)
    assert retention_run(today=kept)["newcomers"] == 0
    assert retention_run(today=gone)["newcomers"] == 1


def test_a_referral_note_and_instemming_text_are_cleared_the_day_after_six_months(gemeente):
    organisation = organisation_in(gemeente)
    person = newcomer(gemeente, organisation)
    closed = referral(gemeente, person, to=organisation_in(gemeente), sent=_noon(D),
                      state="completed")
    Referral.objects.filter(pk=closed.pk).update(note="Verzonnen notitie", closed_at=_late(D))
    Instemming.objects.create(referral=closed, shared_fields="first_name", text="Ja",
                              language="nl")
    kept, gone = _last_kept_and_first_gone(settings.REFERRAL_NOTE_RETENTION_DAYS)
    assert retention_run(today=kept)["referral_notes"] == 0
    assert Referral.objects.get(pk=closed.pk).note == "Verzonnen notitie"
    assert retention_run(today=gone)["referral_notes"] == 2
    closed.refresh_from_db()
    assert (closed.note, closed.instemming.text, closed.state) == ("", "", "completed")


def _contact_request(gemeente, activity, *, state, created, closed=None):
    return ContactRequest.objects.create(
        gemeente=gemeente, organisation=activity.organisation, activity=activity,
        first_name="Testa", phone="0600000000", state=state, created_at=created,
        closed_at=closed)


def test_a_closed_contact_request_is_deleted_the_day_after_three_months(gemeente):
    activity = ActivityFactory(organisation=organisation_in(gemeente))
    request = _contact_request(gemeente, activity, state="closed",
                               created=_noon(D - timedelta(days=5)), closed=_late(D))
    kept, gone = _last_kept_and_first_gone(settings.CONTACT_REQUEST_RETENTION_CLOSED_DAYS)
    assert retention_run(today=kept)["contact_requests"] == 0
    assert ContactRequest.objects.filter(pk=request.pk).exists()
    assert retention_run(today=gone)["contact_requests"] == 1
    assert not ContactRequest.objects.filter(pk=request.pk).exists()


def test_a_never_closed_contact_request_is_deleted_the_day_after_six_months(gemeente):
    activity = ActivityFactory(organisation=organisation_in(gemeente))
    request = _contact_request(gemeente, activity, state="answered", created=_late(D))
    kept, gone = _last_kept_and_first_gone(settings.CONTACT_REQUEST_RETENTION_OPEN_DAYS)
    assert retention_run(today=kept)["contact_requests"] == 0
    assert retention_run(today=gone)["contact_requests"] == 1
    assert not ContactRequest.objects.filter(pk=request.pk).exists()


def test_a_volunteer_is_anonymised_the_day_after_twelve_months_from_their_last_membership(
        gemeente):
    organisation = organisation_in(gemeente)
    volunteer = Volunteer.objects.create(gemeente=gemeente, first_name="Vertrokken",
                                         surname="Helpvaardig", email="v@example.org")
    Membership.objects.create(volunteer=volunteer, organisation=organisation, active=False,
                              ended_on=D)
    kept, gone = _last_kept_and_first_gone(settings.VOLUNTEER_RETENTION_DAYS)
    assert retention_run(today=kept)["volunteers"] == 0
    assert Volunteer.objects.get(pk=volunteer.pk).first_name == "Vertrokken"
    assert retention_run(today=gone)["volunteers"] == 1
    volunteer.refresh_from_db()
    assert (volunteer.first_name, volunteer.email) == ("", "")


def test_an_outbox_body_is_deleted_the_day_after_thirty_days_from_sending(gemeente):
    message = OutboxMessage.objects.create(key="retention:boundary", to="a@example.org",
                                           subject="Proef", body="Verzonnen inhoud",
                                           sent_at=_late(D))
    kept, gone = _last_kept_and_first_gone(settings.OUTBOX_BODY_RETENTION_DAYS)
    assert retention_run(today=kept)["outbox_message_body"] == 0
    assert retention_run(today=gone)["outbox_message_body"] == 1
    message.refresh_from_db()
    assert (message.body, message.subject) == ("", "Proef")


def test_search_words_are_dropped_the_day_after_ninety_days_and_the_counts_stay(gemeente):
    search_record(gemeente=gemeente, day=D, words=["verzonnenwoord"], result_count=0)
    kept, gone = _last_kept_and_first_gone(settings.INFOPUNT_SEARCH_WORD_RETENTION_DAYS)
    assert retention_run(today=kept)["infopunt_search_words"] == 0
    assert retention_run(today=gone)["infopunt_search_words"] == 1
    assert not SearchWordDay.objects.exists()
    assert SearchDay.objects.filter(date=D).count() == 1  # the anonymous count stays


def test_an_audit_event_is_deleted_the_day_after_two_years(gemeente):
    """The database's trigger compares with the real clock, so this one runs today."""
    today = timezone.localdate()
    day = today - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    fields = dict(gemeente=gemeente, action="view", purpose="referral",
                  subject_type="newcomer", subject_id="1")
    last_day = AuditEvent.objects.create(at=_noon(day), **fields)
    older = AuditEvent.objects.create(at=_late(day - timedelta(days=1)), **fields)
    assert retention_run(today=today)["audit_events"] == 1
    remaining = set(AuditEvent.objects.values_list("pk", flat=True))
    assert last_day.pk in remaining and older.pk not in remaining


def _report_figures(gemeente, period) -> list:
    """Everything the report for the council shows, as its export's rows."""
    return reports.report_rows(reports.council_report(gemeente, period))


def test_the_reports_anonymous_counts_stay_the_same_after_retention(gemeente):
    """Twelve people referred in a quarter of 2025, their begeleiding and referrals long
    closed: after the retention job has anonymised them and cleared the notes, every figure
    of the report for that quarter (by wijk and by language included) is unchanged."""
    noord = Wijk.objects.create(gemeente=gemeente, name="Noord")
    zuid = Wijk.objects.create(gemeente=gemeente, name="Zuid")
    sender = organisation_in(gemeente, name="Stichting Bewaartermijn")
    receiver = organisation_in(gemeente, name="Taalhuis Bewaartermijn", newcomer_led=True)
    people = ([newcomer(gemeente, sender, wijk=noord, languages=["ar"],
                        start=date(2024, 9, 1), planned_end=date(2025, 5, 1))
               for _ in range(12)]
              + [newcomer(gemeente, sender, wijk=zuid, languages=["ti"],
                          start=date(2024, 9, 1), planned_end=date(2025, 5, 1))
                 for _ in range(11)])
    for n, person in enumerate(people):
        person.begeleidingen.update(actual_end=date(2025, 5, 1), end_reason="completed")
        made = referral(gemeente, person, to=receiver, sent=_noon(date(2025, 4, 10)),
                        accepted=_noon(date(2025, 4, 11)) if n % 3 else None,
                        state="completed" if n % 3 else "declined")
        Referral.objects.filter(pk=made.pk).update(closed_at=_noon(date(2025, 4, 20)),
                                                   note="Verzonnen notitie")
    period = reports.parse_period("2025-K2")
    before = _report_figures(gemeente, period)
    done = retention_run(today=date(2026, 7, 1))
    assert done["newcomers"] == len(people) and done["referral_notes"] == len(people)
    assert not Newcomer.objects.filter(anonymised_at__isnull=True).exists()
    assert _report_figures(gemeente, period) == before
