"""Issue 17: an import never erases what it does not mention, never turns a typo into a new
wijk or organisation without the regisseur choosing so, and can import only its correct rows."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse

from gemeenten.choices import Role
from gemeenten.models import Wijk
from initiatives.imports import (
    ADD,
    WIJK,
    ImportChoicesMissing,
    sociale_kaart_import,
    sociale_kaart_parse,
    sociale_kaart_plan,
    sociale_kaart_read,
)
from initiatives.models import Activity, ImportUpload, Organisation
from tests.factories import GemeenteFactory, WijkFactory, organisation_in

from .files import as_dicts, from_dicts, sample_rows, to_csv

pytestmark = pytest.mark.django_db

FIRST = "Stichting Voorbeeld Taal"  # the first row of the sample, in wijk Centrum


def parsed(rows: list[dict]):
    good, errors = sociale_kaart_parse(sociale_kaart_read(to_csv(from_dicts(rows)), "k.csv"))
    assert errors == []
    return good


def first_row_only(**cells) -> list[dict]:
    return [dict(as_dicts(sample_rows())[0], **cells)]


@pytest.fixture
def gemeente():
    return GemeenteFactory(name="Voorbeeldstad", slug="voorbeeldstad")


# --- 2. An empty cell keeps the stored value --------------------------------------------


def test_blank_website_email_and_phone_keep_the_organisations_values(gemeente):
    organisation = organisation_in(gemeente, name=FIRST, website="https://example.org/eigen",
                                   email="eigen@example.org", phone="010-1111111")

    sociale_kaart_import(gemeente=gemeente, rows=parsed(first_row_only(
        website="", email="", telefoon="")), choices={WIJK: {"centrum": ADD}})

    organisation.refresh_from_db()
    assert (organisation.website, organisation.email, organisation.phone) == (
        "https://example.org/eigen", "eigen@example.org", "010-1111111")


def test_blank_cells_keep_an_existing_activitys_values_and_times(gemeente):
    sociale_kaart_import(gemeente=gemeente, rows=parsed(first_row_only()),
                         choices={WIJK: {"centrum": ADD}})
    activity = Activity.objects.get()
    before = (activity.description_nl, activity.address, activity.postcode, activity.city,
              activity.capacity, activity.wijk_id, activity.email)
    schedules = list(activity.schedules.values_list("weekdays", "start_time"))

    blank = {column: "" for column in ("omschrijving", "adres", "postcode", "plaats",
                                       "capaciteit", "wijk", "email", "themas", "talen",
                                       "doelgroep", "dagen", "begintijd", "eindtijd",
                                       "frequentie", "geldig_van", "geldig_tot", "kosten")}
    plan = sociale_kaart_plan(gemeente=gemeente, rows=parsed(first_row_only(**blank)))
    assert plan.activities[0].action == "unchanged"
    sociale_kaart_import(gemeente=gemeente, rows=parsed(first_row_only(**blank)))

    activity.refresh_from_db()
    assert (activity.description_nl, activity.address, activity.postcode, activity.city,
            activity.capacity, activity.wijk_id, activity.email) == before
    assert list(activity.schedules.values_list("weekdays", "start_time")) == schedules
    assert set(activity.themes.values_list("slug", flat=True)) == {"taal"}


def test_gratis_makes_an_existing_activity_free_and_an_empty_cost_keeps_it(gemeente):
    sociale_kaart_import(gemeente=gemeente, rows=parsed(first_row_only(kosten="€ 5")),
                         choices={WIJK: {"centrum": ADD}})
    sociale_kaart_import(gemeente=gemeente, rows=parsed(first_row_only(kosten="")))
    assert Activity.objects.get().cost == "€ 5"
    sociale_kaart_import(gemeente=gemeente, rows=parsed(first_row_only(kosten="gratis")))
    assert Activity.objects.get().cost == ""


def test_preview_shows_each_change_as_old_to_new(client, login_as):
    user = login_as(Role.REGISSEUR)
    organisation_in(user.gemeente, name=FIRST, website="https://example.org/oud",
                    email="oud@example.org")
    content = to_csv(from_dicts(first_row_only(website="https://example.org/nieuw", email="")))
    response = client.post(reverse("initiatives:import"),
                           {"file": SimpleUploadedFile("k.csv", content)})

    html = client.get(response["Location"]).content.decode()

    assert ('<li data-change="website"><code>website</code>: <del><bdi>https://example.org/oud'
            '</bdi></del>') in html
    assert "<ins><bdi>https://example.org/nieuw</bdi></ins>" in html
    assert 'data-change="email"' not in html  # the empty cell changes nothing


def test_shared_fields_of_an_organisation_with_staff_are_kept_and_shown_per_field(
    client, login_as
):
    from tests.factories import UserFactory

    user = login_as(Role.REGISSEUR)
    organisation = organisation_in(user.gemeente, name=FIRST, website="https://example.org/eigen")
    organisation.staff.add(UserFactory(role=Role.COORDINATOR, gemeente=user.gemeente))
    content = to_csv(from_dicts(first_row_only(website="https://example.org/gemeente")))
    response = client.post(reverse("initiatives:import"),
                           {"file": SimpleUploadedFile("k.csv", content)})

    html = client.get(response["Location"]).content.decode()

    assert "Niet gewijzigd door deze import: de organisatie beheert haar eigen gegevens" in html
    assert ("<code>website</code>: blijft <bdi>https://example.org/eigen</bdi> (het bestand "
            "zegt <bdi>https://example.org/gemeente</bdi>)") in html


# --- 3. A typo does not create a wijk or an organisation ----------------------------------


def test_a_wijk_like_a_known_one_is_not_created_without_a_choice(gemeente):
    WijkFactory(gemeente=gemeente, name="Molenwijk")
    rows = parsed(first_row_only(wijk="Molenwyk"))

    plan = sociale_kaart_plan(gemeente=gemeente, rows=rows)
    [unknown] = plan.unresolved
    assert (unknown.name, unknown.suggestion, unknown.lines) == ("Molenwyk", "Molenwijk", [2])
    with pytest.raises(ImportChoicesMissing):
        sociale_kaart_import(gemeente=gemeente, rows=rows)
    assert list(Wijk.objects.values_list("name", flat=True)) == ["Molenwijk"]
    assert not Activity.objects.exists()


def test_a_mapped_wijk_uses_the_known_one_and_an_added_one_is_created(gemeente):
    known = WijkFactory(gemeente=gemeente, name="Molenwijk")
    rows = parsed(first_row_only(wijk="Molenwyk"))

    report = sociale_kaart_import(gemeente=gemeente, rows=rows, choices={WIJK: {"molenwyk":
                                                                                known.pk}})
    assert Activity.objects.get().wijk == known
    assert Wijk.objects.count() == 1
    assert "Gelezen als bekende naam: Molenwyk → Molenwijk." in report.summary()

    sociale_kaart_import(gemeente=gemeente, rows=parsed(first_row_only(
        wijk="Molenwyk", activiteit="Tweede")), choices={WIJK: {"molenwyk": ADD}})
    assert sorted(Wijk.objects.values_list("name", flat=True)) == ["Molenwijk", "Molenwyk"]


def test_a_wijk_of_another_gemeente_cannot_be_chosen(gemeente):
    WijkFactory(gemeente=gemeente, name="Molenwijk")
    elsewhere = WijkFactory(gemeente=GemeenteFactory(name="Elders", slug="elders"),
                            name="Molenwijk")
    rows = parsed(first_row_only(wijk="Molenwyk"))

    plan = sociale_kaart_plan(gemeente=gemeente, rows=rows,
                              choices={WIJK: {"molenwyk": elsewhere.pk}})

    assert [u.name for u in plan.unresolved] == ["Molenwyk"]


def test_an_organisation_like_a_known_one_can_be_mapped_to_it(gemeente):
    known = organisation_in(gemeente, name=FIRST)
    rows = parsed(first_row_only(organisatie="Stichting Voorbeeld Tall", wijk=""))

    [unknown] = sociale_kaart_plan(gemeente=gemeente, rows=rows).unresolved
    assert unknown.suggestion == FIRST
    sociale_kaart_import(gemeente=gemeente, rows=rows,
                         choices={"organisation": {unknown.key: known.pk}})

    assert Organisation.objects.count() == 1
    assert Activity.objects.get().organisation == known


def test_an_unknown_theme_or_language_gets_a_suggestion():
    rows = sociale_kaart_read(to_csv(from_dicts(first_row_only(themas="tal", talen="Arabies"))),
                              "k.csv")
    _good, errors = sociale_kaart_parse(rows)
    messages = {e.column: e.message for e in errors}
    assert messages["themas"] == "onbekend thema “tal”; bedoelt u Taal?"
    assert messages["talen"].endswith("bedoelt u Arabisch?")


def test_the_command_refuses_a_typo_wijk_until_mapped_or_added(gemeente, tmp_path):
    known = WijkFactory(gemeente=gemeente, name="Molenwijk")
    path = tmp_path / "k.csv"
    path.write_bytes(to_csv(from_dicts(first_row_only(wijk="Molenwyk"))))
    err = io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_sociale_kaart", str(path), gemeente="Voorbeeldstad",
                     stdout=io.StringIO(), stderr=err)
    assert "Molenwyk kan een tikfout zijn" in str(excinfo.value)
    assert 'bedoelt u Molenwijk? Geef --map-wijk "Molenwyk=Molenwijk"' in err.getvalue()
    assert not Activity.objects.exists()

    call_command("import_sociale_kaart", str(path), gemeente="Voorbeeldstad",
                 map_wijk=["Molenwyk=Molenwijk"], stdout=io.StringIO())
    assert Activity.objects.get().wijk == known and Wijk.objects.count() == 1


def _upload(client, rows):
    response = client.post(reverse("initiatives:import"),
                           {"file": SimpleUploadedFile("k.csv", to_csv(from_dicts(rows)))})
    assert response.status_code == 302, response.content.decode()
    return response["Location"].split("upload=")[1]


def _confirm(client, data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("initiatives:import_confirm"), data)


def test_the_preview_asks_and_the_confirm_keeps_the_choice_with_the_upload(client, login_as):
    user = login_as(Role.REGISSEUR)
    known = WijkFactory(gemeente=user.gemeente, name="Molenwijk")
    signed = _upload(client, first_row_only(wijk="Molenwyk"))

    html = client.get(reverse("initiatives:import_preview") + f"?upload={signed}").content.decode()
    assert "bedoelt u <bdi>Molenwijk</bdi>?" in html
    assert '<select class="form-select" id="choice-1" name="wijk:molenwyk" required>' in html

    # No choice: the preview again, saying so; nothing queued, nothing written.
    response = _confirm(client, {"upload": signed})
    assert response.status_code == 200 and "data-choose-error" in response.content.decode()
    assert ImportUpload.objects.get().state == "uploaded"

    response = _confirm(client, {"upload": signed, "wijk:molenwyk": str(known.pk)})
    assert response.status_code == 302
    upload = ImportUpload.objects.get()
    # The wijk as chosen; the organisation like no known one is added (its default).
    assert upload.name_choices == {"wijk": {"molenwyk": known.pk},
                                   "organisation": {"stichtingvoorbeeldtaal": "add"}}
    assert upload.state == "done", upload.summary
    assert Activity.objects.get().wijk == known and Wijk.objects.count() == 1


# --- 12c. Import only the correct rows, as an explicit choice ------------------------------


def test_only_the_correct_rows_are_imported_when_chosen_and_the_report_says_which_not(
    client, login_as
):
    login_as(Role.REGISSEUR)
    rows = as_dicts(sample_rows())
    rows[1]["talen"] = "so;xx"  # line 3
    # line 7: the same activity as line 2, with another time: skipped with it
    rows.append(dict(rows[0], dagen="vr", talen="xx"))
    rows.append(dict(rows[0], dagen="za"))  # line 8, same activity as bad line 7
    signed = _upload(client, rows)

    # The default: a file with errors imports nothing.
    _confirm(client, {"upload": signed})
    assert ImportUpload.objects.get().state == "uploaded"
    assert not Activity.objects.exists()

    _confirm(client, {"upload": signed, "only_correct": "1"})

    upload = ImportUpload.objects.get()
    assert upload.state == "done" and upload.skip_bad_rows
    assert set(Activity.objects.values_list("title_nl", flat=True)) == {
        "Kledingbank", "Hulp bij post en formulieren", "Sollicitatietraining"}
    assert "4 rijen zijn overgeslagen:" in upload.summary
    assert "regel 3 (talen: onbekende taal “xx”" in upload.summary
    assert "regel 7 (talen: onbekende taal “xx”" in upload.summary
    # Lines 2 and 8 are the same activity as bad line 7: importing them alone would drop
    # the activity's Friday.
    assert "regel 2 (dezelfde activiteit als regel 7, die een probleem heeft)" in upload.summary
    assert "regel 8 (dezelfde activiteit als regel 7, die een probleem heeft)" in upload.summary


def test_the_command_imports_only_the_correct_rows_when_asked(gemeente, tmp_path):
    rows = as_dicts(sample_rows())
    rows[1]["talen"] = "xx"
    path = tmp_path / "k.csv"
    path.write_bytes(to_csv(from_dicts(rows)))
    out = io.StringIO()

    call_command("import_sociale_kaart", str(path), gemeente="Voorbeeldstad",
                 only_correct_rows=True, stdout=out, stderr=io.StringIO())

    assert Activity.objects.count() == 4
    assert "1 rij is overgeslagen: regel 3 (talen: onbekende taal “xx”" in out.getvalue()


def test_the_demo_sample_shows_a_typo_wijk_a_typo_organisation_and_a_bad_row(gemeente):
    """initiatives/datagen/samples/: the file to try in `make run` (README)."""
    from pathlib import Path

    import initiatives

    WijkFactory(gemeente=gemeente, name="Molenwijk")
    organisation_in(gemeente, name="Buurtkamer De Linde")
    sample = Path(initiatives.__file__).parent / "datagen/samples/demodam_tikfout_en_lege_cellen.csv"
    rows = sociale_kaart_read(sample.read_bytes(), sample.name)

    good, errors = sociale_kaart_parse(rows)
    assert [str(e) for e in errors] == [
        "Regel 6, kolom themas: onbekend thema “sprot”; bedoelt u sport?"]
    plan = sociale_kaart_plan(gemeente=gemeente, rows=good)
    assert {(u.name, u.suggestion) for u in plan.unresolved} == {
        ("Molenwyk", "Molenwijk"), ("Buurtkamer de Lind", "Buurtkamer De Linde")}


def test_the_preview_can_be_shown_again_with_the_choices_without_importing(client, login_as):
    user = login_as(Role.REGISSEUR)
    organisation = organisation_in(user.gemeente, name=FIRST)
    known = WijkFactory(gemeente=user.gemeente, name="Molenwijk")
    signed = _upload(client, first_row_only(wijk="Molenwyk"))

    html = _confirm(client, {"upload": signed, "refresh": "1"}).content.decode()
    # Undecided: not shown as a wijk the organisation gets.
    assert 'data-change="wijk"' not in html
    html = _confirm(client, {"upload": signed, "refresh": "1",
                             "wijk:molenwyk": str(known.pk)}).content.decode()

    assert f'<option value="{known.pk}" selected>Hetzelfde als Molenwijk</option>' in html
    assert "<ins><bdi>Molenwijk</bdi></ins>" in html  # the organisation's wijken
    assert "data-choose-error" not in html
    assert ImportUpload.objects.get().state == "uploaded"
    assert not organisation.presences.get().wijken.exists()
