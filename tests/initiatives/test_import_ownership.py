"""Who owns an organisation's shared fields when a gemeente imports its sociale kaart."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from gemeenten.choices import Role
from initiatives.imports import sociale_kaart_parse, sociale_kaart_plan, sociale_kaart_read
from initiatives.models import Activity, Presence
from tests.factories import GemeenteFactory, UserFactory, WijkFactory, organisation_in

from .files import as_dicts, from_dicts, sample_rows, to_csv

pytestmark = pytest.mark.django_db

NAME = "Stichting Voorbeeld Taal"  # the first row of the sample


def file_with_new_website() -> bytes:
    rows = as_dicts(sample_rows())
    rows[0]["website"] = "https://example.org/door-de-gemeente"
    return to_csv(from_dicts(rows))


def import_into(gemeente, content: bytes, tmp_path) -> str:
    path = tmp_path / "kaart.csv"
    path.write_bytes(content)
    out = io.StringIO()
    call_command("import_sociale_kaart", str(path), gemeente=gemeente.name, stdout=out)
    return out.getvalue()


@pytest.fixture
def gemeente_a():
    return GemeenteFactory(name="Testdam", slug="testdam")


def test_import_cannot_change_an_organisation_also_present_in_another_gemeente(
    gemeente_a, tmp_path
):
    gemeente_b = GemeenteFactory(name="Proefdorp", slug="proefdorp")
    organisation = organisation_in(gemeente_a, name=NAME, website="https://example.org/eigen",
                                  kind="civil_society")
    presence_b = Presence.objects.create(organisation=organisation, gemeente=gemeente_b)
    presence_b.wijken.add(WijkFactory(gemeente=gemeente_b, name="Dorpskern"))

    out = import_into(gemeente_a, file_with_new_website(), tmp_path)

    organisation.refresh_from_db()
    assert organisation.website == "https://example.org/eigen"  # what B sees is unchanged
    assert organisation.name == NAME and organisation.kind == "civil_society"
    assert not organisation.themes.exists() and not organisation.languages.exists()
    assert list(presence_b.wijken.values_list("name", flat=True)) == ["Dorpskern"]
    # A's own things are written: its presence wijken and its activity.
    presence_a = organisation.presences.get(gemeente=gemeente_a)
    assert list(presence_a.wijken.values_list("name", flat=True)) == ["Centrum"]
    assert organisation.activities.get(gemeente=gemeente_a).title_nl == "Taalcafé Centrum"
    assert not organisation.activities.filter(gemeente=gemeente_b).exists()
    assert "1 organisatie hield haar eigen gegevens" in out


def test_import_cannot_change_an_organisation_with_a_coordinator_account(gemeente_a, tmp_path):
    organisation = organisation_in(gemeente_a, name=NAME, website="https://example.org/eigen",
                                  kind="civil_society")
    organisation.staff.add(UserFactory(role=Role.COORDINATOR, gemeente=gemeente_a))

    import_into(gemeente_a, file_with_new_website(), tmp_path)

    organisation.refresh_from_db()
    assert organisation.website == "https://example.org/eigen"
    assert organisation.name == NAME
    assert Activity.objects.filter(organisation=organisation, gemeente=gemeente_a).count() == 1


def test_import_updates_an_organisation_only_its_gemeente_knows_and_without_staff(
    gemeente_a, tmp_path
):
    organisation = organisation_in(gemeente_a, name=NAME, website="https://example.org/eigen",
                                  kind="civil_society")

    out = import_into(gemeente_a, file_with_new_website(), tmp_path)

    organisation.refresh_from_db()
    assert organisation.website == "https://example.org/door-de-gemeente"
    assert organisation.kind == "citizen_initiative"
    assert sorted(organisation.languages.values_list("code", flat=True)) == ["ar", "nl", "ti"]
    assert "eigen gegevens" not in out


def test_preview_says_which_organisation_keeps_its_own_details(client, login_as):
    user = login_as(Role.REGISSEUR)
    organisation = organisation_in(user.gemeente, name=NAME, website="https://example.org/eigen",
                                  kind="civil_society")
    Presence.objects.create(organisation=organisation,
                            gemeente=GemeenteFactory(name="Proefdorp", slug="proefdorp"))
    uploaded = client.post(reverse("initiatives:import"),
                           {"file": SimpleUploadedFile("kaart.csv", file_with_new_website())})

    html = client.get(uploaded["Location"]).content.decode()

    assert ("Niet gewijzigd door deze import: de organisatie werkt ook in een andere "
            "gemeente, die dezelfde gegevens ziet.") in html
    # Each field it keeps, with what stays and what the file says.
    assert "https://example.org/eigen" in html
    assert 'data-kept="website,email,soort,themas,talen"' in html
    assert 'data-count="organisations-kept"' in html
    assert "1 organisatie houdt haar eigen gegevens bij" in html


@pytest.mark.parametrize("case", ["alone", "with staff", "also elsewhere"])
def test_the_plan_follows_shared_fields_writable_by(gemeente_a, case):
    organisation = organisation_in(gemeente_a, name=NAME)
    if case == "with staff":
        organisation.staff.add(UserFactory(role=Role.COORDINATOR, gemeente=gemeente_a))
    elif case == "also elsewhere":
        Presence.objects.create(organisation=organisation,
                                gemeente=GemeenteFactory(name="Proefdorp", slug="proefdorp"))
    rows, errors = sociale_kaart_parse(sociale_kaart_read(to_csv(sample_rows()), "k.csv"))
    assert not errors

    plan = sociale_kaart_plan(gemeente=gemeente_a, rows=rows)

    org_plan = next(p for p in plan.organisations if p.name == NAME)
    assert org_plan.keeps_own is not organisation.shared_fields_writable_by(gemeente_a)
