"""The regisseur's wijken: list with counts, rename, merge (every reference moves)."""
import datetime

import pytest
from django.urls import reverse

from gemeenten.choices import Role
from gemeenten.models import Wijk
from infopunt.models import SearchDay, SearchWordDay
from infopunt.services import search_record
from initiatives.models import Activity, Presence
from initiatives.services.wijken import wijk_merge, wijk_reference_fields
from tests.factories import ActivityFactory, GemeenteFactory, WijkFactory, organisation_in

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 2)


@pytest.fixture
def regisseur(login_as):
    return login_as(Role.REGISSEUR)


def _in_wijk(gemeente, wijk, n=1):
    for _i in range(n):
        organisation = organisation_in(gemeente)
        organisation.presences.get().wijken.add(wijk)
        ActivityFactory(gemeente=gemeente, organisation=organisation, wijk=wijk)


def test_every_foreign_key_to_wijk_is_found_across_the_apps():
    found = {(r.model._meta.label_lower, r.field.name) for r in wijk_reference_fields()}
    assert {("initiatives.activity", "wijk"), ("initiatives.presence_wijken", "wijk"),
            ("infopunt.searchday", "wijk"), ("infopunt.searchwordday", "wijk")} <= found


def test_the_list_shows_the_own_gemeentes_wijken_with_counts_in_fixed_queries(
    client, regisseur, django_assert_max_num_queries
):
    molen = WijkFactory(gemeente=regisseur.gemeente, name="Molenwijk")
    WijkFactory(gemeente=regisseur.gemeente, name="Molenwyk")
    WijkFactory(gemeente=GemeenteFactory(name="Elders", slug="elders"), name="Elderwijk")
    _in_wijk(regisseur.gemeente, molen, 2)
    # session, user, 2FA device, the menu's counts (contact requests, worklist, signals
    # waiting), the wijken with both counts as subqueries: the same for 2 wijken or 200
    with django_assert_max_num_queries(9):
        html = client.get(reverse("initiatives:wijk_list")).content.decode()
    assert "Molenwyk" in html and "Elderwijk" not in html
    assert (f'<tr data-wijk="{molen.pk}">' in html)
    row = html.split(f'<tr data-wijk="{molen.pk}">')[1].split("</tr>")[0]
    assert 'data-count="organisations">2<' in row and 'data-count="activities">2<' in row


def test_rename_changes_the_name_and_the_activities_search_text(client, regisseur):
    wijk = WijkFactory(gemeente=regisseur.gemeente, name="Molenwyk")
    _in_wijk(regisseur.gemeente, wijk)
    from initiatives.services import activities_refresh

    activities_refresh(list(Activity.objects.values_list("pk", flat=True)))

    response = client.post(reverse("initiatives:wijk_rename", args=[wijk.pk]),
                           {"name": "  Molen  wijk "})

    assert response.status_code == 302
    wijk.refresh_from_db()
    assert wijk.name == "Molen wijk"
    assert "molen wijk" in Activity.objects.get().search_text


def test_rename_to_a_name_that_exists_is_refused_with_a_message(client, regisseur):
    WijkFactory(gemeente=regisseur.gemeente, name="Molenwijk")
    wijk = WijkFactory(gemeente=regisseur.gemeente, name="Molenwyk")

    response = client.post(reverse("initiatives:wijk_rename", args=[wijk.pk]),
                           {"name": "MOLENWIJK"})

    assert response.status_code == 200
    assert "Er is al een wijk die Molenwijk heet" in response.content.decode()
    wijk.refresh_from_db()
    assert wijk.name == "Molenwyk"


def test_another_gemeentes_wijk_is_a_404_and_other_roles_get_404(client, login_as):
    elsewhere = WijkFactory(gemeente=GemeenteFactory(name="Elders", slug="elders"))
    login_as(Role.REGISSEUR)
    for name in ("initiatives:wijk_rename", "initiatives:wijk_merge"):
        assert client.get(reverse(name, args=[elsewhere.pk])).status_code == 404
        assert client.post(reverse(name, args=[elsewhere.pk]),
                           {"name": "X", "target": elsewhere.pk}).status_code == 404
    coordinator = login_as(Role.COORDINATOR, gemeente=GemeenteFactory(name="C", slug="c"))
    own = WijkFactory(gemeente=coordinator.gemeente)
    assert client.get(reverse("initiatives:wijk_list")).status_code == 404
    assert client.get(reverse("initiatives:wijk_merge", args=[own.pk])).status_code == 404


def test_merge_shows_what_moves_then_moves_every_reference_and_deletes_the_wijk(
    client, regisseur
):
    gemeente = regisseur.gemeente
    typo = WijkFactory(gemeente=gemeente, name="Molenwyk")
    right = WijkFactory(gemeente=gemeente, name="Molenwijk")
    _in_wijk(gemeente, typo, 2)
    both = organisation_in(gemeente)
    both.presences.get().wijken.add(typo, right)  # would be a duplicate link: dropped
    for wijk in (typo, right):  # the same day and filters: the counts add up
        search_record(gemeente=gemeente, day=DAY, theme="taal", wijk=wijk, result_count=1,
                      words=["fiets"])
    search_record(gemeente=gemeente, day=DAY, theme="sport", wijk=typo, result_count=0)

    confirm = client.post(reverse("initiatives:wijk_merge", args=[typo.pk]),
                          {"target": right.pk})
    html = confirm.content.decode()
    assert "<li>Activiteiten: 2</li>" in html
    assert "<li>Organisaties die in de wijk werken: 3</li>" in html
    assert "<li>Zoektellingen van het informatiepunt: 3</li>" in html
    assert Wijk.objects.filter(pk=typo.pk).exists()  # nothing happened yet

    response = client.post(reverse("initiatives:wijk_merge", args=[typo.pk]),
                           {"target": right.pk, "confirm": "1"})

    assert response.status_code == 302
    assert not Wijk.objects.filter(pk=typo.pk).exists()
    assert Activity.objects.filter(wijk=right).count() == 2
    assert Presence.objects.filter(wijken=right).count() == 3
    assert Presence.wijken.through.objects.filter(wijk=right).count() == 3
    assert SearchDay.objects.get(theme="taal").searches == 2
    assert SearchDay.objects.get(theme="sport").wijk == right
    assert SearchWordDay.objects.get(word="fiets").searches == 2
    assert not SearchDay.objects.filter(wijk__isnull=True).exists()


def test_merge_with_a_wijk_of_another_gemeente_is_refused_and_changes_nothing(
    client, regisseur
):
    typo = WijkFactory(gemeente=regisseur.gemeente, name="Molenwyk")
    elsewhere = WijkFactory(gemeente=GemeenteFactory(name="Elders", slug="elders"))

    response = client.post(reverse("initiatives:wijk_merge", args=[typo.pk]),
                           {"target": elsewhere.pk, "confirm": "1"})

    assert response.status_code == 200
    assert "Kies een van uw wijken." in response.content.decode()
    assert Wijk.objects.filter(pk=typo.pk).exists()
    with pytest.raises(Exception, match="gemeente"):
        wijk_merge(source=typo, target=elsewhere)
    with pytest.raises(Exception, match="verschillende"):
        wijk_merge(source=typo, target=typo)


def test_a_failing_merge_changes_nothing(regisseur, monkeypatch):
    gemeente = regisseur.gemeente
    typo = WijkFactory(gemeente=gemeente, name="Molenwyk")
    right = WijkFactory(gemeente=gemeente, name="Molenwijk")
    _in_wijk(gemeente, typo)
    from initiatives.services import wijken as service

    monkeypatch.setattr(service, "activities_refresh",
                        lambda ids: (_ for _ in ()).throw(RuntimeError("boom")))

    pk = typo.pk
    with pytest.raises(RuntimeError):
        wijk_merge(source=typo, target=right)

    assert Wijk.objects.filter(pk=pk).exists()
    assert Activity.objects.get().wijk_id == pk
