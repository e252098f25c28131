"""Registering, editing and deleting through the real forms of the sociale kaart."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.models import Language, Theme
from initiatives.choices import ApprovalState
from initiatives.models import Activity, Occurrence, Organisation, Presence
from tests.factories import ActivityFactory, ScheduleFactory, WijkFactory, organisation_in

from .test_kaart_support import filled, rendered_form

pytestmark = pytest.mark.django_db


def _next_weekday(day: int) -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=(day - today.weekday()) % 7)


def test_coordinator_creates_activity_through_the_form_and_it_gets_occurrences(
    client, login_as, gemeente
):
    wijk = WijkFactory(gemeente=gemeente, name="Oosterkwartier")
    organisation = organisation_in(gemeente, name="Taalcafé De Verzonnen Brug")
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    url = reverse("initiatives:activity_create", args=[organisation.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = filled(
        rendered_form(page.content.decode(), "title"),
        title="Taalcafé op dinsdag",
        description="Samen Nederlands oefenen bij een kop thee.",
        themes=[str(Theme.objects.get(slug="taal").pk)],
        languages=[str(Language.objects.get(code="ar").pk), str(Language.objects.get(code="ti").pk)],
        wijk=str(wijk.pk),
        address="Verzonnenstraat 1",
        cost="",
        **{
            "schedules-0-frequency": "weekly",
            "schedules-0-weekdays": ["1"],
            "schedules-0-start_time": "19:00",
            "schedules-0-end_time": "21:00",
        },
    )
    response = client.post(url, data, follow=True)
    activity = Activity.objects.get(title="Taalcafé op dinsdag")
    assert response.redirect_chain[-1][0] == reverse("initiatives:activity_detail", args=[activity.pk])
    assert activity.gemeente == gemeente
    assert activity.organisation == organisation
    assert activity.is_free
    dates = list(activity.occurrences.values_list("date", flat=True))
    assert len(dates) > 40  # weekly over the 13-month window
    assert all(d.weekday() == 1 for d in dates)
    assert dates[0] == _next_weekday(1)
    assert "taalcafe op dinsdag" in activity.search_text
    body = response.content.decode()
    assert "is added" in body or "toegevoegd" in body  # the success message
    assert "gratis" in body.lower() or "free" in body.lower()
    assert "Oosterkwartier" in body


def test_activity_form_with_days_missing_for_a_weekly_rule_shows_an_error_and_saves_nothing(
    client, login_as, gemeente
):
    organisation = organisation_in(gemeente)
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    url = reverse("initiatives:activity_create", args=[organisation.pk])
    data = filled(
        rendered_form(client.get(url).content.decode(), "title"),
        title="Wandelgroep",
        **{"schedules-0-frequency": "weekly", "schedules-0-start_time": "10:00"},
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert not Activity.objects.filter(title="Wandelgroep").exists()
    assert response.context["schedules"].forms[0].errors["weekdays"]


def test_activity_without_schedule_is_saved_without_dates(client, login_as, gemeente):
    organisation = organisation_in(gemeente)
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    url = reverse("initiatives:activity_create", args=[organisation.pk])
    data = filled(rendered_form(client.get(url).content.decode(), "title"), title="Taalmaatje")
    response = client.post(url, data)
    assert response.status_code == 302
    activity = Activity.objects.get(title="Taalmaatje")
    assert activity.schedules.count() == 0
    assert activity.occurrences.count() == 0


def test_editing_a_schedule_moves_the_future_occurrences(client, login_as, gemeente):
    organisation = organisation_in(gemeente)
    activity = ActivityFactory(gemeente=gemeente, organisation=organisation, title="Kookclub")
    ScheduleFactory(activity=activity, weekdays="2")
    from initiatives.services import activity_refresh

    activity_refresh(activity)
    assert activity.occurrences.filter(date__gte=timezone.localdate()).exists()
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    url = reverse("initiatives:activity_edit", args=[activity.pk])
    data = filled(
        rendered_form(client.get(url).content.decode(), "title"),
        cost="€ 2 per avond",
        **{"schedules-0-weekdays": ["4"]},
    )
    response = client.post(url, data, follow=True)
    assert "De wijzigingen zijn opgeslagen" in response.content.decode() or (
        "The changes are saved" in response.content.decode()
    )
    future = Occurrence.objects.filter(activity=activity, date__gte=timezone.localdate())
    assert future.exists()
    assert {d.weekday() for d in future.values_list("date", flat=True)} == {4}
    activity.refresh_from_db()
    assert activity.cost == "€ 2 per avond"
    assert "€ 2 per avond" in response.content.decode()


def test_deleting_an_activity_asks_first_then_deletes(client, login_as, gemeente):
    organisation = organisation_in(gemeente)
    activity = ActivityFactory(gemeente=gemeente, organisation=organisation, title="Naaiatelier")
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    url = reverse("initiatives:activity_delete", args=[activity.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Naaiatelier" in confirm.content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists()
    response = client.post(url, rendered_form(confirm.content.decode(), "csrfmiddlewaretoken"),
                           follow=True)
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert "Naaiatelier" in response.content.decode()  # the message names what went


def test_coordinator_registers_organisation_pending_and_becomes_its_staff(
    client, login_as, gemeente
):
    wijk = WijkFactory(gemeente=gemeente, name="Westerhoek")
    user = login_as(Role.COORDINATOR, gemeente=gemeente)
    url = reverse("initiatives:organisation_register")
    data = filled(
        rendered_form(client.get(url).content.decode(), "name"),
        name="Vrouwencafé Verzinsel", kind="self_organisation", newcomer_led="on",
        wijken=[str(wijk.pk)],
    )
    response = client.post(url, data, follow=True)
    organisation = Organisation.objects.get(name="Vrouwencafé Verzinsel")
    presence = Presence.objects.get(organisation=organisation)
    assert presence.gemeente == gemeente
    assert presence.approval == ApprovalState.PENDING
    assert list(presence.wijken.all()) == [wijk]
    assert organisation.newcomer_led
    assert user in organisation.staff.all()
    assert response.status_code == 200
    assert organisation not in Organisation.objects.public(gemeente)


def test_coordinator_edits_own_organisation(client, login_as, gemeente):
    organisation = organisation_in(gemeente, name="Stichting Oud Verzonnen")
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    url = reverse("initiatives:organisation_edit", args=[organisation.pk])
    data = filled(rendered_form(client.get(url).content.decode(), "name"),
                  name="Stichting Nieuw Verzonnen", phone="0100-000000")
    response = client.post(url, data, follow=True)
    organisation.refresh_from_db()
    assert organisation.name == "Stichting Nieuw Verzonnen"
    assert "0100-000000" in response.content.decode()


def test_my_organisations_without_organisation_says_how_to_register(client, login_as, gemeente):
    login_as(Role.COORDINATOR, gemeente=gemeente)
    response = client.get(reverse("initiatives:my_organisations"))
    assert response.status_code == 200
    assert reverse("initiatives:organisation_register") in response.content.decode()
    assert response.context["organisations"].count() == 0


def test_my_organisations_shows_approval_and_last_confirmed_and_empty_activities(
    client, login_as, gemeente
):
    organisation = organisation_in(gemeente, approval=ApprovalState.PENDING, name="Buurtkracht Fictief")
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    response = client.get(reverse("initiatives:my_organisations"))
    body = response.content.decode()
    assert "Buurtkracht Fictief" in body
    assert "text-bg-warning" in body  # the "awaiting approval" badge
    assert timezone.localdate().strftime("%Y") in body  # last confirmed date
    assert reverse("initiatives:activity_create", args=[organisation.pk]) in body
