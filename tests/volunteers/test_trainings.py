"""Trainings shared between initiatives: the calendar, sign-ups, and no overbooking when two
sign up for the last seat at once (PostgreSQL, and SQLite on a file)."""
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.scope import gemeente_scope
from volunteers.models import Membership, Training, TrainingSignup, Volunteer
from volunteers.services import NotOpenToYou, TrainingFull, training_sign_up

from ..factories import organisation_in


def _volunteer(gemeente, organisation, name):
    volunteer = Volunteer.objects.create(gemeente=gemeente, first_name=name, surname="Leerling",
                                         email=f"{name}@example.org")
    Membership.objects.create(volunteer=volunteer, organisation=organisation)
    return volunteer


def _training(gemeente, organisation, seats=2, open_to_others=True, topic="Omgaan met trauma"):
    return Training.objects.create(gemeente=gemeente, organisation=organisation, topic=topic,
                                   starts_at=timezone.now() + timedelta(days=7), seats=seats,
                                   open_to_others=open_to_others)


@pytest.mark.django_db
def test_the_calendar_shows_own_and_open_trainings_and_signs_up_until_full(
        client, login_as, gemeente):
    own = organisation_in(gemeente, name="Eigen Taalcafé")
    other = organisation_in(gemeente, name="Ander Initiatief")
    login_as(Role.COORDINATOR, organisation=own, gemeente=gemeente)
    a, b = _volunteer(gemeente, own, "Anna"), _volunteer(gemeente, own, "Bert")
    shared = _training(gemeente, other, seats=1, topic="Gedeelde training")
    _training(gemeente, other, open_to_others=False, topic="Alleen intern")
    page = client.get(reverse("volunteers:trainings")).content.decode()
    assert "Gedeelde training" in page and "Alleen intern" not in page
    url = reverse("volunteers:training_signup", args=[shared.pk])
    client.post(url, {"volunteer": a.pk})
    refused = client.post(url, {"volunteer": b.pk}, follow=True)
    assert "Alle plaatsen van deze training zijn bezet." in refused.content.decode()
    assert list(TrainingSignup.objects.values_list("volunteer", flat=True)) == [a.pk]


@pytest.mark.django_db
def test_signing_up_twice_is_one_sign_up_and_a_closed_training_refuses_others(gemeente):
    own, other = organisation_in(gemeente), organisation_in(gemeente)
    volunteer = _volunteer(gemeente, own, "Cas")
    training = _training(gemeente, own, seats=5)
    training_sign_up(training=training, volunteer=volunteer, organisations=[own])
    training_sign_up(training=training, volunteer=volunteer, organisations=[own])
    assert TrainingSignup.objects.count() == 1
    closed = _training(gemeente, own, open_to_others=False)
    with pytest.raises(NotOpenToYou):
        training_sign_up(training=closed, volunteer=_volunteer(gemeente, other, "Dirk"),
                         organisations=[other])


@pytest.mark.sqlite_file
@pytest.mark.django_db(transaction=True)
def test_two_sign_ups_for_the_last_seat_at_once_give_one_seat(gemeente):
    organisation = organisation_in(gemeente)
    training = _training(gemeente, organisation, seats=1)
    volunteers = [_volunteer(gemeente, organisation, f"Gelijk{n}") for n in range(2)]
    barrier = threading.Barrier(2)
    outcome = []

    def sign_up(volunteer):
        try:
            barrier.wait(timeout=10)
            with gemeente_scope(gemeente):  # a thread starts outside any scope, as a request
                training_sign_up(training=training, volunteer=volunteer,
                                 organisations=[organisation])
            outcome.append("seat")
        except TrainingFull:
            outcome.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(v,)) for v in volunteers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcome) == ["full", "seat"]
    assert TrainingSignup.objects.filter(training=training).count() == 1
