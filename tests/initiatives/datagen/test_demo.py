"""seed_demo: a believable Demodam, one demo user per role, and idempotent."""
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django_scopes import scopes_disabled

from gemeenten.accounts.twofactor import demo_code_allowed
from gemeenten.choices import Role
from gemeenten.datagen.demo import DEMO_PASSWORD, demo_seed
from gemeenten.models import Gemeente, User, Wijk
from gemeenten.permissions import BEHEERDER_PERMISSIONS
from infopunt.models import SearchDay, SearchWordDay
from initiatives.choices import ApprovalState, OrganisationKind
from initiatives.models import (
    Activity,
    ContactRequest,
    Funding,
    InitiativeRegistration,
    Occurrence,
    Organisation,
    Presence,
    Schedule,
)

pytestmark = pytest.mark.django_db

MODELS = [Gemeente, Wijk, Organisation, Presence, Activity, Schedule, Occurrence, Funding, User,
          SearchDay, SearchWordDay, ContactRequest]


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_demo_a_second_run_creates_nothing_new():
    call_command("seed_demo", stdout=StringIO())
    first = _counts()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert _counts() == first
    assert "nothing added" in out.getvalue()
    assert first["Organisation"] == 41  # 40 and the self-registered one waiting for approval
    assert first["Activity"] == 121
    assert first["Wijk"] == 10


def test_seed_demo_a_later_day_adds_no_schedules_or_fundings_only_rolls_the_window():
    demo_seed(today=date(2026, 3, 2))
    schedules, fundings = Schedule.objects.count(), Funding.objects.count()
    demo_seed(today=date(2026, 5, 4))
    assert (Schedule.objects.count(), Funding.objects.count()) == (schedules, fundings)
    assert Occurrence.objects.filter(date__gt=date(2027, 4, 2)).exists()


def test_seed_demo_taalcafe_takes_a_summer_break():
    demo_seed(today=date(2026, 3, 2))
    taalcafe = Activity.objects.get(organisation__name="Taalcafé De Brug", title_nl="Taalcafé")
    dates = list(taalcafe.occurrences.values_list("date", flat=True))
    assert any(d < date(2026, 7, 4) for d in dates)
    assert any(d > date(2026, 8, 31) for d in dates)
    assert not [d for d in dates if date(2026, 7, 5) <= d <= date(2026, 8, 30)]


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """Demodam seeded once for the tests of TestTheSeededDemo, which only read it (what a test
    writes rolls back to the seed); rolled back itself after the class, so no other test sees
    Demodam. Tests that seed twice or on a given day seed their own."""
    with django_db_blocker.unblock(), transaction.atomic():
        with scopes_disabled():
            seeded = demo_seed()
        yield seeded
        transaction.set_rollback(True)


class TestTheSeededDemo:
    def test_seed_demo_creates_one_demo_user_per_role_with_the_documented_password(self, demo):
        users = User.objects.filter(gemeente=demo.gemeente)
        assert set(users.values_list("role", flat=True)) == set(Role.values)
        # Besides one per role: the coordinator of the self-registered initiative.
        assert set(users.values_list("username", flat=True)) == {
            "regisseur", "begeleider", "coordinator", "vrijwilliger", "beheerder", "privacy",
            "aanmelder"}
        for user in users:
            assert user.is_demo
            assert user.check_password(DEMO_PASSWORD)
        beheerder = users.get(username="beheerder")
        assert beheerder.is_staff
        assert not beheerder.is_superuser
        assert beheerder.get_all_permissions() == set(BEHEERDER_PERMISSIONS)
        assert users.get(username="coordinator").organisations.get().name == "Taalcafé De Brug"
        assert users.get(username="begeleider").organisations.get().begeleiding_capacity

    def test_demo_regisseur_logs_in_with_the_documented_password_and_demo_code(
        self, demo, client, settings,
    ):
        settings.DEBUG = True  # the demo code works on the embedded default with DEBUG on only
        response = client.post(
            reverse("login"), {"username": "regisseur", "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302
        regisseur = User.objects.get(username="regisseur")
        assert demo_code_allowed(regisseur) is settings.EMBEDDED_DATABASE
        if settings.EMBEDDED_DATABASE:
            response = client.post(reverse("two_factor"), {"token": "000000", "next": "/"})
            assert response.status_code == 302
            assert client.get(reverse("initiatives:organisation_list")).status_code == 200
        assert regisseur.role == Role.REGISSEUR
        assert regisseur.gemeente.slug == "demodam"
        assert Organisation.objects.for_user(regisseur).count() == 41

    def test_seed_demo_has_every_kind_and_refugee_led_self_organisations(self, demo):
        organisations = Organisation.objects.in_gemeente(demo.gemeente)
        assert set(organisations.values_list("kind", flat=True)) == set(OrganisationKind.values)
        self_organisations = organisations.filter(kind=OrganisationKind.SELF_ORGANISATION)
        assert self_organisations.count() >= 5
        assert all(self_organisations.values_list("newcomer_led", flat=True))
        communities = " ".join(self_organisations.values_list("communities_reached", flat=True))
        for community in ("Eritrese", "Syrische", "Oekraïense", "Afghaanse", "Somalische"):
            assert community in communities
        pending = Presence.objects.filter(gemeente=demo.gemeente, approval=ApprovalState.PENDING)
        assert 1 <= pending.count() <= 5
        assert Organisation.objects.public(demo.gemeente).count() == 41 - pending.count()

    def test_seed_demo_has_a_self_registered_initiative_waiting_with_everything_filled_in(
        self, demo
    ):
        organisation = Organisation.objects.in_gemeente(demo.gemeente).get(
            name="Eritrese Vrouwen Demodam")
        presence = organisation.presences.get()
        assert presence.approval == ApprovalState.PENDING
        assert presence.wijken.exists() and organisation.themes.exists()
        assert organisation.languages.exists() and organisation.email and organisation.phone
        registration = InitiativeRegistration.objects.get(organisation=organisation)
        assert registration.confirmed_at and registration.themes.exists()
        assert list(organisation.staff.values_list("username", flat=True)) == ["aanmelder"]

    def test_seed_demo_activities_speak_several_languages_and_have_occurrences(self, demo):
        activities = Activity.objects.filter(gemeente=demo.gemeente)
        codes = set(activities.values_list("languages__code", flat=True))
        assert {"nl", "ar", "ti", "uk", "prs", "so"} <= codes
        assert not activities.filter(
            occurrences__isnull=True, schedules__frequency="weekly").exists()
        assert all(activities.values_list("search_text", flat=True))

    def test_seed_demo_gives_the_regisseur_searches_with_few_results_and_the_coordinator_requests(
        self, demo, client, login_as,
    ):
        gemeente = Gemeente.objects.get(name="Demodam")
        login_as(Role.REGISSEUR, gemeente=gemeente)
        html = client.get(reverse("infopunt_search_gaps")).content.decode()
        assert "zwemles" in html  # searched 6 times, nothing found
        assert "naaicursus" in html
        # Each path a contact request takes: the gemeente reads those of an organisation
        # without a coordinator account (one of them without an e-mail address) ...
        html = client.get(reverse("initiatives:contact_list")).content.decode()
        assert "Demo-bezoeker Selam" in html and "Demo-bezoeker Olena" in html
        assert "Demo-bezoeker Amani" not in html
        olena = ContactRequest.objects.get(first_name="Demo-bezoeker Olena")
        assert olena.organisation.email == "" and not olena.organisation.staff.exists()
        # ... and the coordinator those of their own organisation.
        coordinator = User.objects.get(username="coordinator")
        client.force_login(coordinator)
        html = client.get(reverse("initiatives:contact_list")).content.decode()
        assert "Demo-bezoeker Amani" in html and "Demo-bezoeker Selam" not in html

    def test_seed_demo_has_activities_translated_into_its_newcomer_languages_and_others_not(
        self, demo, client, login_as
    ):
        codes = demo.gemeente.newcomer_languages
        assert codes == ["en", "ar", "uk"]
        activities = list(Activity.objects.filter(gemeente=demo.gemeente, is_active=True))
        complete = [a for a in activities if all(a.is_translated(c) for c in codes)]
        lacking = [a for a in activities if not all(a.is_translated(c) for c in codes)]
        assert complete and lacking
        assert any(a.is_translated("fa") for a in activities)
        login_as(Role.REGISSEUR, gemeente=demo.gemeente)
        html = client.get(reverse("initiatives:translation_list")).content.decode()
        assert f"{len(lacking)} activiteiten missen een vertaling" in html
