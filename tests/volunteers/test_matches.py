"""Koppelingen: starting one from an accepted aanmelding (idempotent, with goals, confirmed
when there are warnings), ending it with a reason, the goals looked at together, the
volunteer's check-in on a phone, who sees what, the counts for the regie, retention."""
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.models import AuditEvent
from gemeenten.scope import gemeente_scope
from statushouders.choices import ReferralState
from statushouders.models import Newcomer, Referral
from statushouders.referrals import instemming_withdraw
from volunteers.models import CheckIn, Match, MatchGoal
from volunteers.services import MatchRefused, match_end, match_start

from ..factories import UserFactory, log_in, organisation_in
from .koppelingen import GOOD, NATIVE, accepted_referral, make_world, volunteer

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def world(gemeente):
    return make_world(gemeente)


def _login(client, user):
    log_in(client, user)
    return client


def _start(world, referral=None, person=None, **kwargs):
    referral = referral or accepted_referral(world)
    person = person or volunteer(world)
    with gemeente_scope(world.gemeente):
        match, _created = match_start(referral=referral, volunteer=person,
                                      by=world.coordinator,
                                      starts_on=kwargs.pop("starts_on", TODAY - timedelta(
                                          days=30)), **kwargs)
    return match


# --- the service ---------------------------------------------------------------------------


def test_match_start_is_idempotent_per_referral_and_starts_the_referral(world):
    referral = accepted_referral(world)
    first, second = volunteer(world), volunteer(world)
    with gemeente_scope(world.gemeente):
        match, created = match_start(referral=referral, volunteer=first, by=world.coordinator,
                                     starts_on=date(2026, 9, 1),
                                     goals=["Zelf boodschappen doen", "", "Bellen met de school",
                                            "Een vierde"])
        again, created_again = match_start(referral=referral, volunteer=second,
                                           by=world.coordinator, starts_on=date(2026, 9, 2),
                                           goals=["Nog een"])
    assert created and not created_again and again == match
    assert Match.objects.count() == 1 and match.volunteer == first
    assert match.planned_end == date(2027, 3, 1)  # six months, the gemeente's setting
    assert list(match.goals.values_list("text", flat=True)) == [
        "Zelf boodschappen doen", "Bellen met de school", "Een vierde"][:3]
    assert Referral.objects.get(pk=referral.pk).state == ReferralState.STARTED
    assert AuditEvent.objects.filter(subject_id=str(world.newcomer.pk),
                                     detail__startswith="koppeling").count() == 1


def test_match_start_refuses_an_unanswered_referral_and_another_pool(world):
    from gemeenten.models import Theme
    from statushouders.referrals import referral_create

    proposed = referral_create(
        newcomer=world.newcomer, by=world.begeleider, from_organisation=world.sender,
        to_organisation=world.receiver, need=Theme.objects.get(slug="taal"),
        shared_fields=["first_name"], instemming_text="Ik stem in.", instemming_language="nl")
    with gemeente_scope(world.gemeente), pytest.raises(MatchRefused):
        match_start(referral=proposed, volunteer=volunteer(world), by=world.coordinator,
                    starts_on=TODAY)
    stranger = volunteer(world, organisation=world.other)
    with gemeente_scope(world.gemeente), pytest.raises(MatchRefused):
        match_start(referral=accepted_referral(world), volunteer=stranger,
                    by=world.coordinator, starts_on=TODAY)
    assert not Match.objects.exists()


def test_a_second_koppeling_after_one_without_a_click(world):
    referral = accepted_referral(world)
    first = _start(world, referral)
    with gemeente_scope(world.gemeente):
        match_end(match=first, by=world.coordinator, ended_on=TODAY, reason="no_click")
    second = _start(world, referral, volunteer(world))
    assert second != first and Match.objects.active().count() == 1


def test_end_with_a_reason_once_and_ended_early(world):
    match = _start(world)
    with gemeente_scope(world.gemeente):
        ended = match_end(match=match, by=world.coordinator, ended_on=TODAY,
                          reason="volunteer_stopped", note="Verhuisd naar elders")
        again = match_end(match=match, by=world.coordinator, ended_on=TODAY,
                          reason="other")
    assert ended.ended_on == TODAY and again.end_reason == "volunteer_stopped"
    assert ended.ended_early


# --- the coördinator's pages -----------------------------------------------------------------


def test_the_coordinator_picks_a_suggestion_and_starts_with_two_goals(client, world):
    _login(client, world.coordinator)
    best = volunteer(world, name="Beste", languages=[("ar", NATIVE)], wijk=world.wijk)
    volunteer(world, name="Tweede", languages=[("nl", GOOD)])
    referral = accepted_referral(world)
    aanmelding = client.get(reverse("statushouders:aanmelding_detail", args=[referral.pk]))
    url = reverse("volunteers:match_new", args=[referral.pk])
    assert url in aanmelding.content.decode()
    page = client.get(url).content.decode()
    assert page.index("Beste") < page.index("Tweede")
    assert "spreekt Arabisch (moedertaal)" in page and "Geheimnaam" not in page
    form = client.get(url, {"vrijwilliger": best.pk})
    assert form.status_code == 200 and "confirm" not in form.context["form"].fields
    response = client.post(f"{url}?vrijwilliger={best.pk}", {
        "starts_on": TODAY.isoformat(), "planned_end": "", "one_on_one": "on",
        "goal_1": "Zelf de bus nemen", "goal_2": "Een formulier invullen", "goal_3": ""})
    match = Match.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "volunteers:match_detail", args=[match.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "Zelf de bus nemen" in detail and "Een formulier invullen" in detail
    # Sending the form again does not make a second koppeling.
    client.post(f"{url}?vrijwilliger={best.pk}", {"starts_on": TODAY.isoformat()})
    assert Match.objects.count() == 1


def test_a_choice_with_warnings_needs_a_confirmation(client, world):
    _login(client, world.coordinator)
    no_vog = volunteer(world, name="Zonder", vog=False)
    referral = accepted_referral(world)
    url = f"{reverse('volunteers:match_new', args=[referral.pk])}?vrijwilliger={no_vog.pk}"
    response = client.post(url, {"starts_on": TODAY.isoformat(), "one_on_one": "on"})
    assert response.status_code == 200 and not Match.objects.exists()
    assert "Vink dit aan om de koppeling ondanks de waarschuwingen te starten." in \
        response.content.decode()
    # Not one-on-one: no VOG needed, no warning, no confirmation.
    assert client.post(url, {"starts_on": TODAY.isoformat()}).status_code == 302
    assert Match.objects.get().one_on_one is False


def test_bad_dates_give_dutch_errors_never_a_500(client, world):
    _login(client, world.coordinator)
    person = volunteer(world)
    referral = accepted_referral(world)
    url = f"{reverse('volunteers:match_new', args=[referral.pk])}?vrijwilliger={person.pk}"
    response = client.post(url, {"starts_on": "2026-13-45", "goal_1": "x" * 201})
    assert response.status_code == 200
    response = client.post(url, {"starts_on": "2026-09-01", "planned_end": "2026-08-01"})
    assert "De geplande einddatum kan niet vóór de start liggen." in response.content.decode() \
        or "planned_end" in response.context["form"].errors
    assert client.get(reverse("volunteers:match_new", args=[referral.pk]),
                      {"vrijwilliger": "abc"}).status_code == 404
    assert not Match.objects.exists()


def test_the_end_form_with_a_reason(client, world):
    match = _start(world)
    _login(client, world.coordinator)
    url = reverse("volunteers:match_end", args=[match.pk])
    future = client.post(url, {"ended_on": (TODAY + timedelta(days=3)).isoformat(),
                               "reason": "no_click"})
    assert "Het einde kan niet in de toekomst liggen." in future.content.decode()
    assert client.post(url, {"ended_on": TODAY.isoformat(), "reason": "no_click",
                             "note": "Geen klik"}).status_code == 302
    match.refresh_from_db()
    assert (match.ended_on, match.end_reason, match.end_note) == (TODAY, "no_click",
                                                                  "Geen klik")


def test_a_referral_not_yet_accepted_sends_the_coordinator_back(client, world):
    from gemeenten.models import Theme
    from statushouders.referrals import referral_create

    proposed = referral_create(
        newcomer=world.newcomer, by=world.begeleider, from_organisation=world.sender,
        to_organisation=world.receiver, need=Theme.objects.get(slug="taal"),
        shared_fields=["first_name"], instemming_text="Ik stem in.", instemming_language="nl")
    _login(client, world.coordinator)
    response = client.get(reverse("volunteers:match_new", args=[proposed.pk]))
    assert response["Location"] == reverse("statushouders:aanmelding_detail",
                                           args=[proposed.pk])


# --- goals ------------------------------------------------------------------------------------


def test_goals_are_looked_at_together_halfway_and_at_the_end(client, world):
    user = UserFactory(gemeente=world.gemeente, role=Role.VOLUNTEER)
    match = _start(world, person=volunteer(world, user=user), goals=["Zelf bellen"])
    goal = match.goals.get()
    _login(client, user)
    url = reverse("volunteers:goal_evaluate", args=[goal.pk])
    client.post(url, {"moment": "halfway", "result": "partly", "words": "Het gaat beter"})
    client.post(url, {"moment": "end", "result": "reached", "words": "Ik bel zelf!"})
    bad = client.post(url, {"moment": "end", "result": "super"})
    assert bad.status_code == 200
    goal.refresh_from_db()
    assert (goal.halfway_result, goal.halfway_words, goal.end_result, goal.end_words) == (
        "partly", "Het gaat beter", "reached", "Ik bel zelf!")
    page = client.get(reverse("volunteers:match_detail", args=[match.pk])).content.decode()
    assert "Ik bel zelf!" in page and "bereikt" in page
    add = reverse("volunteers:goal_add", args=[match.pk])
    client.post(add, {"text": "Tweede doel"})
    client.post(add, {"text": "Derde doel"})
    refused = client.post(add, {"text": "Vierde doel"})
    assert match.goals.count() == 3 and refused.status_code == 200


def test_goal_figures_per_organisation_are_anonymous_counts(world):
    match = _start(world, goals=["a", "b", "c"])
    other = _start(world, accepted_referral(world, to=world.other),
                   volunteer(world, organisation=world.other), goals=["d"])
    a, b, c = match.goals.order_by("pk")
    MatchGoal.objects.filter(pk=a.pk).update(halfway_result="partly", end_result="reached")
    MatchGoal.objects.filter(pk=b.pk).update(halfway_result="not_yet")
    MatchGoal.objects.filter(pk=other.goals.get().pk).update(end_result="partly")
    rows = list(MatchGoal.objects.filter(match__gemeente=world.gemeente)
                .outcomes_per_organisation())
    assert [(r["match__organisation__name"], r["reached"], r["partly"], r["not_yet"], r["open"])
            for r in rows] == [("Maatjesclub Elders", 0, 1, 0, 0),
                               ("Taalcafé Test", 1, 0, 1, 1)]
    assert c  # c was not looked at: "open"


# --- check-ins on a phone ------------------------------------------------------------------


def test_the_volunteer_logs_a_check_in_and_bad_input_is_refused(client, world):
    user = UserFactory(gemeente=world.gemeente, role=Role.VOLUNTEER)
    match = _start(world, person=volunteer(world, user=user))
    _login(client, user)
    url = reverse("volunteers:checkin_create", args=[match.pk])
    cases = [
        ({"on": (TODAY + timedelta(days=1)).isoformat(), "text": "Morgen"},
         "De datum kan niet in de toekomst liggen."),
        ({"on": (TODAY - timedelta(days=60)).isoformat(), "text": "Te vroeg"},
         "De datum kan niet vóór de start van de koppeling liggen."),
        ({"on": TODAY.isoformat(), "text": ""}, "Dit veld is verplicht."),
        ({"on": TODAY.isoformat(), "text": "x" * 201}, "niet meer dan 200 tekens"),
        ({"on": TODAY.isoformat(), "text": "Regel\r\nBcc: x@example.org"}, "één regel"),
        ({"on": "gisteren", "text": "Wat"}, "Voer een geldige datum in."),
    ]
    for data, error in cases:
        response = client.post(url, data)
        assert response.status_code == 200, data
        assert error in response.content.decode(), (data, error)
    assert not CheckIn.objects.exists()
    # From the volunteer's own page, the form with its error still leads back there.
    again = client.post(url, {"on": TODAY.isoformat(), "text": "", "terug": "mijn"})
    assert '<input type="hidden" name="terug" value="mijn">' in again.content.decode()
    response = client.post(url, {"on": TODAY.isoformat(), "text": "Samen gekookt",
                                 "needs_attention": "on", "terug": "mijn"})
    assert response["Location"] == reverse("volunteers:home")
    checkin = CheckIn.objects.get()
    assert checkin.needs_attention and checkin.recorded_by == user
    # The coördinator sees it in the menu count and marks it handled.
    coordinator = _login(Client(), world.coordinator)
    listing = coordinator.get(reverse("volunteers:match_list"))
    assert "vraagt aandacht" in listing.content.decode()
    assert listing.context["nav_counts"]["koppelingen"] == 1
    coordinator.post(reverse("volunteers:checkin_handled", args=[checkin.pk]))
    assert CheckIn.objects.needs_attention().count() == 0


def test_the_check_in_form_fits_a_phone(client, world):
    """One column, a full-width button, date input; nothing wider than the screen."""
    user = UserFactory(gemeente=world.gemeente, role=Role.VOLUNTEER)
    _start(world, person=volunteer(world, user=user))
    _login(client, user)
    page = client.get(reverse("volunteers:home")).content.decode()
    assert 'type="date"' in page and 'class="btn btn-primary w-100"' in page
    assert "<table" not in page


# --- who sees what ---------------------------------------------------------------------------


def test_a_volunteer_sees_only_their_own_koppelingen(client, world):
    mine = UserFactory(gemeente=world.gemeente, role=Role.VOLUNTEER)
    theirs = UserFactory(gemeente=world.gemeente, role=Role.VOLUNTEER)
    my_match = _start(world, person=volunteer(world, user=mine), goals=["Mijn doel"])
    their_match = _start(world, person=volunteer(world, user=theirs), goals=["Hun doel"])
    _login(client, mine)
    home = client.get(reverse("volunteers:home")).content.decode()
    assert "Mijn doel" in home and "Hun doel" not in home and "Nieuwa" in home
    assert client.get(reverse("volunteers:match_detail", args=[my_match.pk])).status_code \
        == 200
    for name in ("match_detail", "checkin_create", "goal_add"):
        method = client.get if name == "match_detail" else client.post
        assert method(reverse(f"volunteers:{name}", args=[their_match.pk])).status_code == 404
    assert client.post(reverse("volunteers:goal_evaluate", args=[
        their_match.goals.get().pk])).status_code == 404
    assert client.get(reverse("volunteers:match_list")).status_code == 404


def test_coordinators_see_only_their_organisations_koppelingen(client, world):
    match = _start(world)
    outsider = UserFactory(gemeente=world.gemeente, role=Role.COORDINATOR)
    world.other.staff.add(outsider)
    _login(client, outsider)
    assert client.get(reverse("volunteers:match_detail", args=[match.pk])).status_code == 404
    assert client.post(reverse("volunteers:match_end", args=[match.pk]),
                       {"ended_on": TODAY.isoformat(), "reason": "other"}).status_code == 404
    assert client.get(reverse("volunteers:match_list")).context["paginator"].count == 0
    assert Match.objects.get().ended_on is None


def test_the_begeleider_reads_the_goals_of_their_own_people_only(client, world):
    match = _start(world, goals=["Zelf de huur betalen"])
    CheckIn.objects.create(match=match, on=TODAY, text="Prive notitie van het maatje")
    _login(client, world.begeleider)
    page = client.get(reverse("volunteers:newcomer_matches", args=[world.newcomer.pk]))
    assert "Zelf de huur betalen" in page.content.decode()
    detail = client.get(reverse("volunteers:match_detail", args=[match.pk])).content.decode()
    assert "Zelf de huur betalen" in detail and "Prive notitie" not in detail
    stranger = UserFactory(gemeente=world.gemeente, role=Role.BEGELEIDER)
    organisation_in(world.gemeente).staff.add(stranger)
    other = _login(Client(), stranger)
    assert other.get(reverse("volunteers:match_detail", args=[match.pk])).status_code == 404
    assert other.get(reverse("volunteers:newcomer_matches",
                             args=[world.newcomer.pk])).status_code == 404


def test_a_withdrawn_instemming_closes_the_koppeling_to_organisation_and_volunteer(
        client, world):
    user = UserFactory(gemeente=world.gemeente, role=Role.VOLUNTEER)
    match = _start(world, person=volunteer(world, user=user))
    instemming_withdraw(instemming=match.referral.instemming, by=world.begeleider)
    _login(client, world.coordinator)
    assert client.get(reverse("volunteers:match_detail", args=[match.pk])).status_code == 404
    _login(client, user)
    assert client.get(reverse("volunteers:match_detail", args=[match.pk])).status_code == 404
    assert Match.objects.active().count() == 0


def test_a_newcomer_without_a_shared_first_name_stays_unnamed(client, world):
    match = _start(world, accepted_referral(world, shared=["need", "languages"]))
    _login(client, world.coordinator)
    page = client.get(reverse("volunteers:match_detail", args=[match.pk])).content.decode()
    assert "Nieuwa" not in page and "een nieuwkomer (naam niet gedeeld)" in page


# --- lists and pages in fixed queries ------------------------------------------------------


def test_the_list_filters_sorts_and_pins_its_queries(client, world,
                                                     django_assert_max_num_queries):
    for _n in range(3):
        _start(world)
    ended = _start(world)
    Match.objects.filter(pk=ended.pk).update(ended_on=TODAY, end_reason="moved")
    _login(client, world.coordinator)
    url = reverse("volunteers:match_list")
    # session, user, the organisation count for the menu, the page's count and rows (with
    # check-in figures in one aggregate), the menu's attention count.
    with django_assert_max_num_queries(9) as few:
        assert client.get(url).context["paginator"].count == 3
    for _n in range(12):
        _start(world)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).context["paginator"].count == 15
    assert client.get(url, {"state": "ended"}).context["paginator"].count == 1
    assert client.get(url, {"state": "all", "o": "-end"}).status_code == 200


def test_the_volunteer_home_in_fixed_queries(client, world, django_assert_max_num_queries):
    user = UserFactory(gemeente=world.gemeente, role=Role.VOLUNTEER)
    person = volunteer(world, user=user, max_koppelingen=10)
    _start(world, person=person, goals=["Een"])
    _login(client, user)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("volunteers:home"))
    for _n in range(3):
        _start(world, person=person, goals=["Twee", "Drie"])
    # One audit event per koppeling shown: the rest does not grow.
    with django_assert_max_num_queries(len(few.captured_queries) + 3):
        client.get(reverse("volunteers:home"))
    assert client.get("/")["Location"] == reverse("volunteers:home")


# --- counts for the regie -------------------------------------------------------------------


def test_dashboard_counts_against_hand_computed_values(world):
    """Taalcafé: 2 active (wijk Testwijk), 1 ended early (no click), 1 ended on plan;
    Maatjesclub: 1 active, its newcomer in Anderwijk."""
    second = Newcomer.objects.create(gemeente=world.gemeente, organisation=world.sender,
                                     registratienummer="K-2", first_name="Proef",
                                     surname="Tweede", wijk=world.other_wijk)
    _start(world)
    _start(world)
    early = _start(world, starts_on=TODAY - timedelta(days=90))
    planned = _start(world, starts_on=TODAY - timedelta(days=200),
                     planned_end=TODAY - timedelta(days=10))
    with gemeente_scope(world.gemeente):
        match_end(match=early, by=world.coordinator, ended_on=TODAY, reason="no_click")
        match_end(match=planned, by=world.coordinator, ended_on=TODAY, reason="planned_end")
    world.newcomer = second
    _start(world, accepted_referral(world, to=world.other),
           volunteer(world, organisation=world.other))
    elsewhere = organisation_in(UserFactory().gemeente)  # another gemeente counts nowhere
    assert elsewhere
    rows = Match.objects.in_gemeente(world.gemeente)
    assert [(r["organisation__name"], r["n"]) for r in rows.active().per_organisation()] == [
        ("Taalcafé Test", 2), ("Maatjesclub Elders", 1)]
    assert [(r["wijk_name"], r["n"]) for r in rows.active().per_wijk()] == [
        ("Testwijk", 2), ("Anderwijk", 1)]
    assert [(r["end_reason"], r["n"]) for r in rows.ended_early().end_reasons()] == [
        ("no_click", 1)]
    assert rows.ended().count() == 2
    # The coördinator's retention view: the early ending per reason, in words.
    from volunteers.choices import MatchEndReason
    from volunteers.services.retention import early_endings

    with gemeente_scope(world.gemeente):
        assert early_endings([world.receiver]) == [
            {"reason": MatchEndReason.NO_CLICK.label, "count": 1}]
        assert early_endings([world.other]) == []


# --- retention and erasure -------------------------------------------------------------------


def test_goals_and_check_ins_go_a_year_after_the_koppeling_ended(world):
    from gemeenten.privacy import retention_run

    match = _start(world, starts_on=date(2025, 1, 1), planned_end=date(2025, 7, 1),
                   goals=["Zelf bellen"])
    MatchGoal.objects.update(end_result="reached", end_words="Ik bel zelf")
    CheckIn.objects.create(match=match, on=date(2025, 2, 1), text="Gebeld")
    Match.objects.filter(pk=match.pk).update(ended_on=date(2025, 7, 1),
                                             end_reason="planned_end", end_note="Klaar")
    assert retention_run(today=date(2026, 7, 1))["koppelingen"] == 0  # 365 days: not yet
    assert retention_run(today=date(2026, 7, 2))["koppelingen"] == 3
    assert retention_run(today=date(2026, 7, 2))["koppelingen"] == 0
    goal = MatchGoal.objects.get()
    assert (goal.text, goal.end_words, goal.end_result) == ("", "", "reached")
    assert not CheckIn.objects.exists() and Match.objects.get().end_note == ""


def test_erasing_a_newcomer_takes_their_koppelingen_along(world):
    from gemeenten.privacy import person_access, person_erase

    match = _start(world, goals=["Zelf bellen"])
    CheckIn.objects.create(match=match, on=TODAY, text="Gebeld")
    with gemeente_scope(world.gemeente):
        report = person_access(world.newcomer.pk)
        assert report["koppelingen"]["koppelingen"][0]["goals"][0]["goal"] == "Zelf bellen"
        removed = person_erase(world.newcomer.pk)
    assert removed["koppelingen"] == 3  # the koppeling, its goal and its check-in
    assert not Match.objects.exists() and not Newcomer.objects.exists()


def test_opening_a_koppeling_is_audited_without_personal_data(client, world):
    match = _start(world)
    _login(client, world.coordinator)
    before = AuditEvent.objects.count()
    client.get(reverse("volunteers:match_detail", args=[match.pk]))
    event = AuditEvent.objects.order_by("-pk").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.subject_id, event.actor_id) == (
        "view", str(world.newcomer.pk), world.coordinator.pk)
    assert "Nieuwa" not in event.detail and "Geheimnaam" not in event.detail
