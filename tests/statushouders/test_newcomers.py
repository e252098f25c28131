"""Newcomers and begeleiding: a begeleider registers the people of their own organisation,
the regisseur works with case references and opens details only with a logged reason."""
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from gemeenten.audit import Action, Purpose
from gemeenten.choices import Role
from gemeenten.models import AuditEvent, Theme
from statushouders.models import Begeleiding, Newcomer

from ..factories import GemeenteFactory, WijkFactory, organisation_in

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "registratienummer": "TEST-001", "first_name": "Testa", "surname": "Verzonnen",
        "birth_year": "1990", "household_size": "3", "residence_basis": "asylum",
        "begeleiding-start": "2026-11-01", "begeleiding-planned_end": "2027-10-31",
    }
    return {**data, **overrides}


def _newcomer(organisation, gemeente, number="TEST-001", **kwargs):
    newcomer = Newcomer.objects.create(
        gemeente=gemeente, organisation=organisation, registratienummer=number,
        first_name="Testa", surname="Verzonnen", **kwargs)
    Begeleiding.objects.create(newcomer=newcomer, organisation=organisation,
                               start=date(2026, 1, 1), planned_end=date(2026, 12, 31))
    return newcomer


@pytest.fixture
def begeleider(gemeente, login_as):
    organisation = organisation_in(gemeente, name="Stichting Testbegeleiding")
    return login_as(Role.BEGELEIDER, organisation=organisation, gemeente=gemeente)


def test_a_begeleider_registers_a_person_with_their_begeleiding(client, begeleider, gemeente):
    wijk = WijkFactory(gemeente=gemeente, name="Testwijk")
    response = client.post(reverse("statushouders:newcomer_create"),
                           _form(wijk=wijk.pk, needs=[Theme.objects.get(slug="taal").pk]))
    newcomer = Newcomer.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("statushouders:newcomer_detail", args=[newcomer.pk])
    assert (newcomer.organisation, newcomer.gemeente) == (
        begeleider.organisations.get(), gemeente)
    assert newcomer.begeleidingen.get().planned_end == date(2027, 10, 31)
    event = AuditEvent.objects.get()
    assert (event.action, event.purpose, event.subject_id, event.actor_id) == (
        Action.CREATE, Purpose.BEGELEIDING, str(newcomer.pk), begeleider.pk)
    assert "Testa" not in event.detail


def test_bad_input_is_refused_with_a_message_and_changes_nothing(client, begeleider):
    url = reverse("statushouders:newcomer_create")
    client.post(url, _form())
    response = client.post(url, _form(**{"begeleiding-planned_end": "2026-01-01"},
                                      registratienummer="TEST-002"))
    assert response.status_code == 200
    assert "De geplande einddatum kan niet voor de start liggen." in response.content.decode()
    response = client.post(url, _form())  # the same number again
    assert response.status_code == 200
    assert "heeft al iemand met dit nummer" in response.content.decode()
    response = client.post(url, _form(registratienummer="X" * 41, birth_year="2999"))
    assert response.status_code == 200
    assert Newcomer.objects.count() == 1


def test_health_is_never_a_need(client, begeleider):
    response = client.get(reverse("statushouders:newcomer_create"))
    needs = response.context["form"].fields["needs"].queryset
    assert needs.exists() and not needs.filter(slug="gezondheid").exists()


def test_another_organisations_person_is_a_404(client, begeleider, gemeente):
    other = _newcomer(organisation_in(gemeente), gemeente)
    for name in ("newcomer_detail", "newcomer_edit"):
        assert client.get(reverse(f"statushouders:{name}", args=[other.pk])).status_code == 404
    assert client.get(reverse("statushouders:begeleiding_edit",
                              args=[other.begeleidingen.get().pk])).status_code == 404
    assert not client.get(reverse("statushouders:newcomer_list")).context["object_list"]


def test_viewing_and_changing_a_person_is_audited(client, begeleider, gemeente):
    newcomer = _newcomer(begeleider.organisations.get(), gemeente)
    client.get(reverse("statushouders:newcomer_detail", args=[newcomer.pk]))
    client.post(reverse("statushouders:newcomer_edit", args=[newcomer.pk]),
                _form(first_name="Testb", residence_basis="other"))
    begeleiding = newcomer.begeleidingen.get()
    response = client.post(reverse("statushouders:begeleiding_edit", args=[begeleiding.pk]),
                           {"start": "2026-01-01", "planned_end": "2026-12-31",
                            "actual_end": "2026-11-15", "end_reason": ""})
    assert "Geef aan waarom de begeleiding stopte." in response.content.decode()
    client.post(reverse("statushouders:begeleiding_edit", args=[begeleiding.pk]),
                {"start": "2026-01-01", "planned_end": "2026-12-31",
                 "actual_end": "2026-11-15", "end_reason": "moved"})
    begeleiding.refresh_from_db()
    assert begeleiding.actual_end == date(2026, 11, 15)
    assert list(AuditEvent.objects.order_by("at", "pk").values_list("action", "detail")) == [
        (Action.VIEW, ""),
        (Action.CHANGE, "birth_year, first_name, household_size, residence_basis"),
        # The form shown again with its error shows the person's data: one view.
        (Action.VIEW, "begeleiding form"),
        (Action.CHANGE, "begeleiding: actual_end, end_reason"),
    ]


def test_the_regisseur_sees_case_references_and_opens_details_only_with_a_reason(
        client, login_as, gemeente):
    organisation = organisation_in(gemeente, name="Stichting Testbegeleiding")
    newcomer = _newcomer(organisation, gemeente, number="CASE-42")
    _newcomer(organisation_in(GemeenteFactory()), GemeenteFactory(), number="ELSEWHERE")
    regisseur = login_as(Role.REGISSEUR, gemeente=gemeente)
    page = client.get(reverse("statushouders:newcomer_list")).content.decode()
    assert "CASE-42" in page and "Stichting Testbegeleiding" in page
    assert "Verzonnen" not in page and "ELSEWHERE" not in page
    # A name is not a search the regisseur can make.
    found = client.get(reverse("statushouders:newcomer_list"), {"q": "Verzonnen"})
    assert not found.context["object_list"]
    assert client.get(reverse("statushouders:newcomer_detail",
                              args=[newcomer.pk])).status_code == 404
    url = reverse("statushouders:newcomer_open", args=[newcomer.pk])
    assert "Verzonnen" not in client.get(url).content.decode()
    refused = client.post(url, {"purpose": "regie", "reason": "kort"})
    assert "Verzonnen" not in refused.content.decode()
    assert not AuditEvent.objects.exists()
    shown = client.post(url, {"purpose": "handover", "reason": "Overdracht bespreken met test"})
    assert "Verzonnen" in shown.content.decode()
    event = AuditEvent.objects.get()
    assert (event.actor_id, event.action, event.purpose, event.detail) == (
        regisseur.pk, Action.VIEW, Purpose.HANDOVER, "Overdracht bespreken met test")


def test_the_list_takes_the_same_queries_for_many_people(client, begeleider, gemeente,
                                                         django_assert_max_num_queries):
    organisation = begeleider.organisations.get()
    for n in range(30):
        _newcomer(organisation, gemeente, number=f"N-{n}", wijk=WijkFactory(gemeente=gemeente))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("statushouders:newcomer_list"), {"status": "open"})
    assert response.context["paginator"].count == 30


def test_newcomers_are_anonymised_a_year_after_their_begeleiding_ended(gemeente):
    from gemeenten.privacy import retention_run

    organisation = organisation_in(gemeente)
    ended = _newcomer(organisation, gemeente, number="OLD", phone="0600000000")
    ended.begeleidingen.update(start=date(2024, 7, 1), actual_end=date(2025, 6, 30),
                              end_reason="completed")
    recent = _newcomer(organisation, gemeente, number="RECENT")
    recent.begeleidingen.update(start=date(2025, 7, 1), actual_end=date(2026, 6, 30),
                               end_reason="completed")
    ongoing = _newcomer(organisation, gemeente, number="ONGOING")
    today = date(2026, 7, 1)
    assert retention_run(today=today)["newcomers"] == 1
    assert retention_run(today=today)["newcomers"] == 0
    ended.refresh_from_db()
    assert (ended.first_name, ended.surname, ended.phone) == ("", "", "")
    assert ended.anonymised_at is not None and ended.residence_basis == "asylum"
    assert Newcomer.objects.filter(anonymised_at__isnull=True).count() == 2
    assert AuditEvent.objects.get().action == Action.ANONYMISE
    assert ongoing.begeleidingen.get().actual_end is None
    assert timezone.now()  # the run used the given day, not the clock


def test_an_open_or_recent_referral_keeps_the_person_and_old_notes_are_cleared(gemeente):
    from datetime import datetime, time

    from gemeenten.privacy import retention_run
    from statushouders.models import Instemming, Referral

    organisation = organisation_in(gemeente)
    person = _newcomer(organisation, gemeente, number="REF")
    person.begeleidingen.update(start=date(2024, 7, 1), actual_end=date(2025, 6, 30),
                                end_reason="completed")
    referral = Referral.objects.create(
        gemeente=gemeente, newcomer=person, from_organisation=organisation,
        to_organisation=organisation_in(gemeente), note="Verzonnen notitie",
        state="completed", closed_at=timezone.make_aware(datetime.combine(date(2026, 3, 1),
                                                                          time(12))))
    Instemming.objects.create(referral=referral, shared_fields="first_name", text="Ja",
                              language="nl")
    # Closed four months ago: the person stays, the note too.
    assert retention_run(today=date(2026, 7, 1))["newcomers"] == 0
    assert retention_run(today=date(2026, 7, 1))["referral_notes"] == 0
    # Seven months after closing: note and instemming text cleared, the referral stays.
    assert retention_run(today=date(2026, 10, 1))["referral_notes"] == 2
    referral.refresh_from_db()
    assert (referral.note, referral.instemming.text) == ("", "")
    assert retention_run(today=date(2027, 3, 2))["newcomers"] == 1
