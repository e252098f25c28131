"""Freshness of listings: the job asks once per interval, the signed link confirms on a POST
only and once, a bad or expired link changes nothing, and the regisseur's list to check."""
import re
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.models import JobHeartbeat, OutboxMessage
from gemeenten.scope import gemeente_scope
from initiatives.choices import ApprovalState
from initiatives.models import Presence
from regie.models import ListingCheck
from regie.services import listing_ask
from tests.factories import ActivityFactory, GemeenteFactory, UserFactory, organisation_in

from .factories import organisation_with_coordinator

pytestmark = pytest.mark.django_db


def _confirmed(organisation, gemeente, months_ago):
    day = timezone.localdate() - relativedelta(months=months_ago)
    Presence.objects.filter(organisation=organisation, gemeente=gemeente).update(
        last_confirmed=day)
    return day


def _ask(gemeente, today=None):
    with gemeente_scope(gemeente):
        return listing_ask(gemeente=gemeente, today=today or timezone.localdate())


def _link(message: OutboxMessage) -> str:
    return re.search(r"http://\S+/regie/vermelding/\S+/", message.body)[0].split(
        "127.0.0.1:8000")[-1]


def test_the_job_asks_a_due_listing_once_per_interval(gemeente):
    organisation, coordinator = organisation_with_coordinator(gemeente)
    _confirmed(organisation, gemeente, 7)
    assert _ask(gemeente) == 1
    assert _ask(gemeente) == 0  # the same day
    today = timezone.localdate()
    assert _ask(gemeente, today + relativedelta(months=5)) == 0  # within the interval
    mail = OutboxMessage.objects.get()
    assert mail.to == coordinator.email
    assert "/regie/vermelding/" in mail.body
    # Still unconfirmed after another interval: asked again, with a new link.
    assert _ask(gemeente, today + relativedelta(months=6, days=3)) == 1
    assert OutboxMessage.objects.count() == 2
    assert ListingCheck.objects.get().round == 2


def test_recent_pending_and_other_gemeentes_listings_are_not_asked(gemeente):
    fresh, _user = organisation_with_coordinator(gemeente)
    _confirmed(fresh, gemeente, 5)
    pending, _user = organisation_with_coordinator(gemeente, approval=ApprovalState.PENDING,
                                                   email="pending.test@example.org")
    _confirmed(pending, gemeente, 12)
    elders = GemeenteFactory(name="Elderstad", slug="elders")
    other, _user = organisation_with_coordinator(elders, email="elders.test@example.org")
    _confirmed(other, elders, 12)
    assert _ask(gemeente) == 0
    assert not OutboxMessage.objects.exists()


def test_without_an_account_the_organisations_own_address_is_asked(gemeente):
    with_address = organisation_in(gemeente, email="info@wandelclub.example")
    without = organisation_in(gemeente, email="")
    _confirmed(with_address, gemeente, 8)
    _confirmed(without, gemeente, 8)
    assert _ask(gemeente) == 2
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == ["info@wandelclub.example"]
    assert ListingCheck.objects.get(presence__organisation=without).asked_addresses == 0


@pytest.fixture
def asked(gemeente):
    organisation, _coordinator = organisation_with_coordinator(gemeente)
    day = _confirmed(organisation, gemeente, 7)
    _ask(gemeente)
    presence = Presence.objects.get(organisation=organisation)
    return presence, _link(OutboxMessage.objects.get()), day


def test_get_on_the_link_confirms_nothing(client, asked):
    presence, link, day = asked
    response = client.get(link)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Alles klopt nog" in page and "<form method=\"post\"" in page
    presence.refresh_from_db()
    assert presence.last_confirmed == day


def test_post_on_the_link_confirms_once(client, asked):
    presence, link, day = asked
    response = client.post(link)
    assert response.status_code == 200
    assert "Dank u wel" in response.content.decode()
    presence.refresh_from_db()
    assert presence.last_confirmed == timezone.localdate()
    check = ListingCheck.objects.get()
    assert (check.confirmed_round, check.confirmed_via) == (1, "link")
    Presence.objects.filter(pk=presence.pk).update(last_confirmed=day)
    again = client.post(link)
    assert "al gebruikt" in again.content.decode()
    presence.refresh_from_db()
    assert presence.last_confirmed == day  # the second POST changed nothing


@pytest.mark.parametrize("spoil", [lambda link: link[:-6] + "xxxxx/", lambda link: link.replace(
    "/vermelding/", "/vermelding/a")])
def test_a_changed_link_gives_a_dutch_page_and_changes_nothing(client, asked, spoil):
    presence, link, day = asked
    response = client.post(spoil(link))
    assert response.status_code == 404
    assert "Deze link is niet geldig" in response.content.decode()
    presence.refresh_from_db()
    assert presence.last_confirmed == day


def test_an_expired_link_gives_a_dutch_page_and_changes_nothing(client, asked, settings):
    presence, link, day = asked
    with time_machine.travel(timezone.now() + timedelta(days=settings.LISTING_CONFIRM_LINK_DAYS,
                                                        hours=1)):
        response = client.post(link)
    assert response.status_code == 410
    assert "Deze link is verlopen" in response.content.decode()
    presence.refresh_from_db()
    assert presence.last_confirmed == day


def test_a_link_of_an_earlier_ask_no_longer_works(client, asked, gemeente):
    presence, link, day = asked
    ListingCheck.objects.update(round=2)  # a newer ask sent a newer link
    assert client.post(link).status_code == 410
    presence.refresh_from_db()
    assert presence.last_confirmed == day


def test_a_hidden_listing_is_not_confirmed_by_its_link(client, asked):
    presence, link, day = asked
    Presence.objects.filter(pk=presence.pk).update(approval=ApprovalState.PENDING)
    response = client.post(link)
    assert "niet getoond" in response.content.decode()
    presence.refresh_from_db()
    assert presence.last_confirmed == day


# --- the regisseur's list to check ----------------------------------------------------------


def test_the_list_shows_listings_unconfirmed_for_nine_months(client, login_as, gemeente):
    stale, _user = organisation_with_coordinator(gemeente, name="Stichting Oud Nieuws")
    _confirmed(stale, gemeente, 10)
    due, _user = organisation_with_coordinator(gemeente, name="Stichting Bijna Oud",
                                               email="bijna.test@example.org")
    _confirmed(due, gemeente, 7)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    page = client.get(reverse("regie:listing_list")).content.decode()
    assert "Stichting Oud Nieuws" in page and "Stichting Bijna Oud" not in page


def test_the_gemeente_setting_moves_the_list_and_the_infopunt_together(client, login_as,
                                                                      gemeente):
    gemeente.settings = {**gemeente.settings, "listing_stale_months": 3}
    gemeente.save()
    activity = ActivityFactory(gemeente=gemeente)
    _confirmed(activity.organisation, gemeente, 4)
    infopunt = client.get(f"/nl/infopunt/{gemeente.slug}/activiteit/{activity.pk}/")
    assert "mogelijk niet actueel" in infopunt.content.decode()
    login_as(Role.REGISSEUR, gemeente=gemeente)
    assert activity.organisation.name in client.get(reverse("regie:listing_list")).content.decode()


def test_the_list_answers_with_a_fixed_number_of_queries(client, login_as, gemeente,
                                                         django_assert_num_queries):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("regie:listing_list") + "?o=-asked"

    def stale(n):
        for number in range(n):
            organisation, _user = organisation_with_coordinator(
                gemeente, email=f"c{number}.{n}@example.org")
            _confirmed(organisation, gemeente, 11)

    stale(2)
    client.get(url)
    # session, user, 2FA device, the user's gemeente (its settings); count, page, the page's
    # coördinators; the nav counts (contact requests, worklist, overlap, signals waiting:
    # one query, gemeenten.navigation)
    with django_assert_num_queries(8) as few:
        assert client.get(url).status_code == 200
    pinned = len(few.captured_queries)  # before another request resets the log
    stale(4)
    with django_assert_num_queries(pinned):
        client.get(url)


def test_the_regisseur_confirms_after_a_call_and_the_coordinator_is_told(client, login_as,
                                                                         gemeente):
    organisation, coordinator = organisation_with_coordinator(gemeente)
    _confirmed(organisation, gemeente, 10)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = client.post(reverse("regie:listing_confirm", args=[organisation.pk]), follow=True)
    assert coordinator.email in response.content.decode()
    assert Presence.objects.get(organisation=organisation).last_confirmed == timezone.localdate()
    assert OutboxMessage.objects.get().to == coordinator.email
    assert ListingCheck.objects.get().confirmed_via == "regisseur"


def test_the_regisseur_hides_a_listing_with_one_click_and_the_coordinator_is_told(
        client, login_as, gemeente):
    activity = ActivityFactory(gemeente=gemeente)
    organisation = activity.organisation
    coordinator = UserFactory(gemeente=gemeente, role=Role.COORDINATOR,
                              email="verborgen.test@example.org")
    organisation.staff.add(coordinator)
    _confirmed(organisation, gemeente, 10)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    assert client.get(reverse("regie:listing_hide", args=[organisation.pk])).status_code == 405
    client.post(reverse("regie:listing_hide", args=[organisation.pk]))
    assert Presence.objects.get(organisation=organisation).approval == ApprovalState.PENDING
    assert OutboxMessage.objects.get().to == coordinator.email
    infopunt = client.get(f"/nl/infopunt/{gemeente.slug}/activiteit/{activity.pk}/")
    assert infopunt.status_code == 404
    client.post(reverse("regie:listing_hide", args=[organisation.pk]))  # twice: told once
    assert OutboxMessage.objects.count() == 1


def test_another_gemeentes_listing_is_a_404(client, login_as, gemeente):
    elders = GemeenteFactory(name="Elderstad", slug="elders")
    organisation = organisation_in(elders)
    _confirmed(organisation, elders, 10)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    for name in ("regie:listing_confirm", "regie:listing_hide"):
        assert client.post(reverse(name, args=[organisation.pk])).status_code == 404
    assert Presence.objects.get(organisation=organisation).approval == ApprovalState.APPROVED


def test_coordinators_do_not_see_the_list(client, login_as, gemeente):
    login_as(Role.COORDINATOR, gemeente=gemeente)
    assert client.get(reverse("regie:listing_list")).status_code == 404


def test_the_task_calls_the_service_and_records_its_heartbeat():
    from regie.tasks import listing_freshness_task

    with mock.patch("regie.services.listing_ask_everywhere") as service:
        listing_freshness_task.delay()
    service.assert_called_once()
    assert JobHeartbeat.objects.get(name="listing_freshness").last_success_at is not None
