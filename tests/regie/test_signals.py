"""Signals: a coördinator sends, the regisseur answers, both see the thread and its status;
overdue on its working-day boundary; scoping (another organisation's signal is a 404); the
outbox tells the other side once per message; bad input gives Dutch errors."""
from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.models import OutboxMessage
from gemeenten.navigation import NavCounts
from regie.models import Signal, SignalState
from regie.services import SignalClosed, signal_create, signal_reply
from tests.factories import GemeenteFactory, UserFactory, organisation_in
from tests.initiatives.test_kaart_support import filled, rendered_form

from .factories import organisation_with_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def regisseur(gemeente):
    return UserFactory(gemeente=gemeente, role=Role.REGISSEUR, email="regisseur.test@example.org")


def _signal(organisation, coordinator, topic="Geen zomeraanbod voor jongeren"):
    return signal_create(organisation=organisation, by=coordinator, topic=topic,
                         text="Jongeren vertellen dat er in de zomer niets te doen is.")


def test_a_coordinator_sends_a_signal_through_the_form_and_the_regisseur_is_told(
        client, login_as, gemeente, regisseur):
    organisation = organisation_in(gemeente, name="Taalcafé Proef")
    login_as(Role.COORDINATOR, gemeente=gemeente, organisation=organisation)
    url = reverse("regie:signal_create")
    page = client.get(url).content.decode()
    assert "nooit namen" in page  # the help text: no personal data about newcomers
    data = rendered_form(page, "topic")
    response = client.post(url, filled(data, topic="Wachtlijst taalmaatjes",
                                       text="De wachtlijst groeit."), follow=True)
    signal = Signal.objects.get()
    assert response.redirect_chain[-1][0] == reverse("regie:signal_detail", args=[signal.pk])
    assert (signal.organisation, signal.state) == (organisation, SignalState.OPEN)
    mail = OutboxMessage.objects.get()
    assert mail.to == regisseur.email
    assert "De wachtlijst groeit" not in mail.body  # only that something waits, and where
    assert NavCounts(regisseur)["signals_waiting"] == 0  # not verified: no count before 2FA


def test_the_regisseur_answers_and_both_sides_see_the_thread_and_its_status(
        client, login_as, gemeente, regisseur):
    organisation, coordinator = organisation_with_coordinator(gemeente)
    signal = _signal(organisation, coordinator)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("regie:signal_detail", args=[signal.pk])
    client.post(url, {"text": "Dank u, we kijken naar een zomerprogramma."})
    signal.refresh_from_db()
    assert signal.state == SignalState.ANSWERED and signal.waiting_since is None
    told = OutboxMessage.objects.filter(to=coordinator.email)
    assert told.count() == 1
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert "zomerprogramma" in page and "beantwoord" in page
    client.post(url, {"text": "Fijn, wij willen meedenken."})
    signal.refresh_from_db()
    assert signal.state == SignalState.OPEN and signal.waiting_since is not None
    assert OutboxMessage.objects.filter(to=regisseur.email).count() == 2  # signal + reply


def test_a_closed_signal_takes_no_more_messages(gemeente, regisseur):
    organisation, coordinator = organisation_with_coordinator(gemeente)
    signal = _signal(organisation, coordinator)
    Signal.objects.filter(pk=signal.pk).update(state=SignalState.CLOSED)
    with pytest.raises(SignalClosed):
        signal_reply(signal=signal, by=regisseur, text="Te laat.")
    assert signal.messages.count() == 1


def test_either_side_closes_with_a_post(client, login_as, gemeente):
    organisation, coordinator = organisation_with_coordinator(gemeente)
    signal = _signal(organisation, coordinator)
    client.force_login(coordinator)
    url = reverse("regie:signal_close", args=[signal.pk])
    assert client.get(url).status_code == 405
    client.post(url)
    signal.refresh_from_db()
    assert signal.state == SignalState.CLOSED and not Signal.objects.waiting().exists()


@pytest.mark.parametrize(("today", "overdue"), [
    (date(2026, 11, 13), False),  # 9 working days after Monday 2 November
    (date(2026, 11, 16), True),  # the 10th working day
])
def test_overdue_on_its_working_day_boundary(gemeente, today, overdue):
    organisation, coordinator = organisation_with_coordinator(gemeente)
    signal = _signal(organisation, coordinator)
    sent = timezone.make_aware(datetime(2026, 11, 2, 23, 30))
    Signal.objects.filter(pk=signal.pk).update(waiting_since=sent)
    assert Signal.objects.overdue(gemeente, today=today).exists() is overdue
    assert Signal.objects.waiting(gemeente).count() == 1


def test_overdue_skips_dutch_public_holidays(gemeente):
    organisation, coordinator = organisation_with_coordinator(gemeente)
    signal = _signal(organisation, coordinator)
    # Sent Monday 21 December 2026: Christmas (25th, 26th) and New Year's Day are not counted.
    Signal.objects.filter(pk=signal.pk).update(
        waiting_since=timezone.make_aware(datetime(2026, 12, 21, 9)))
    assert not Signal.objects.overdue(gemeente, today=date(2027, 1, 4)).exists()  # 8 days
    assert Signal.objects.overdue(gemeente, today=date(2027, 1, 6)).exists()  # the 10th


def test_the_setting_changes_the_deadline(gemeente):
    gemeente.settings = {**gemeente.settings, "signal_answer_working_days": 2}
    gemeente.save()
    organisation, coordinator = organisation_with_coordinator(gemeente)
    signal = _signal(organisation, coordinator)
    Signal.objects.filter(pk=signal.pk).update(
        waiting_since=timezone.make_aware(datetime(2026, 11, 2, 9)))
    assert Signal.objects.overdue(gemeente, today=date(2026, 11, 4)).exists()


def test_another_organisations_signal_is_a_404(client, gemeente):
    mine, me = organisation_with_coordinator(gemeente, email="mij.test@example.org")
    theirs, them = organisation_with_coordinator(gemeente, email="zij.test@example.org")
    signal = _signal(theirs, them)
    client.force_login(me)
    for name in ("regie:signal_detail", "regie:signal_close"):
        assert client.post(reverse(name, args=[signal.pk]), {"text": "Hallo"}).status_code == 404
    assert client.get(reverse("regie:signal_detail", args=[signal.pk])).status_code == 404
    assert signal.messages.count() == 1
    assert "Geen zomeraanbod" not in client.get(reverse("regie:signal_list")).content.decode()


def test_another_gemeentes_regisseur_gets_a_404(client, login_as, gemeente):
    organisation, coordinator = organisation_with_coordinator(gemeente)
    signal = _signal(organisation, coordinator)
    login_as(Role.REGISSEUR, gemeente=GemeenteFactory(name="Elderstad", slug="elders"))
    assert client.get(reverse("regie:signal_detail", args=[signal.pk])).status_code == 404
    assert client.get(reverse("regie:signal_list")).context["signals"].count() == 0


def test_a_coordinator_cannot_send_for_another_organisation(client, gemeente):
    mine, me = organisation_with_coordinator(gemeente, email="mij.test@example.org")
    theirs = organisation_in(gemeente)
    client.force_login(me)
    response = client.post(reverse("regie:signal_create"), {
        "organisation": theirs.pk, "topic": "Iets", "text": "Iets anders"})
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Signal.objects.exists()


@pytest.mark.parametrize(("field", "value", "error"), [
    ("topic", "", "Dit veld is verplicht."),
    ("text", "", "Dit veld is verplicht."),
    ("topic", "x" * 201, "niet meer dan 200 tekens"),
    ("topic", "Regel\r\nBcc: x@example.org", "op één regel"),
    ("text", "a\x00b", "Null-tekens"),
])
def test_bad_input_gives_a_dutch_error_and_no_signal(client, gemeente, field, value, error):
    mine, me = organisation_with_coordinator(gemeente)
    client.force_login(me)
    data = {"organisation": mine.pk, "topic": "Iets", "text": "Iets anders", field: value}
    response = client.post(reverse("regie:signal_create"), data)
    assert response.status_code == 200
    assert error.lower() in response.content.decode().lower()
    assert not Signal.objects.exists()


def test_the_regisseurs_nav_counts_the_signals_waiting(client, login_as, gemeente):
    organisation, coordinator = organisation_with_coordinator(gemeente)
    _signal(organisation, coordinator)
    user = login_as(Role.REGISSEUR, gemeente=gemeente)
    user.is_verified = lambda: True
    assert NavCounts(user)["signals_waiting"] == 1
    assert NavCounts(coordinator)["signals_waiting"] == 0


def test_the_list_answers_with_a_fixed_number_of_queries(client, login_as, gemeente,
                                                         django_assert_num_queries):
    organisation, coordinator = organisation_with_coordinator(gemeente)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("regie:signal_list") + "?o=-last"
    _signal(organisation, coordinator)
    client.get(url)
    # session, user, 2FA device, the user's gemeente (its settings: overdue); count, page;
    # the nav counts (contact requests, worklist, overlap, signals waiting: one query,
    # gemeenten.navigation)
    with django_assert_num_queries(7) as few:
        assert client.get(url).status_code == 200
    pinned = len(few.captured_queries)  # before another request resets the log
    for number in range(5):
        _signal(organisation, coordinator, topic=f"Signaal {number}")
    with django_assert_num_queries(pinned):
        client.get(url)
