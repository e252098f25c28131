"""The import_sociale_kaart command and the importer service behind it."""
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from gemeenten.models import Gemeente, Wijk
from initiatives.choices import LAST_WEEK_OF_MONTH, ApprovalState, Frequency
from initiatives.imports import (
    ADD,
    ORGANISATION,
    sociale_kaart_import,
    sociale_kaart_parse,
    sociale_kaart_read,
)
from initiatives.models import Activity, Occurrence, Organisation, Presence, Schedule
from tests.factories import GemeenteFactory, WijkFactory, organisation_in

from .files import as_dicts, from_dicts, sample_rows, to_csv, to_xlsx

pytestmark = pytest.mark.django_db

VARIANTS = {
    "comma-utf8": ("kaart.csv", lambda rows: to_csv(rows)),
    "comma-utf8-bom": ("kaart.csv", lambda rows: to_csv(rows, encoding="utf-8-sig")),
    "semicolon-cp1252": ("kaart.csv", lambda rows: to_csv(rows, delimiter=";", encoding="cp1252")),
    "semicolon-utf8-bom": (
        "kaart.csv", lambda rows: to_csv(rows, delimiter=";", encoding="utf-8-sig")
    ),
    "xlsx-with-date-cells": ("kaart.xlsx", to_xlsx),
}


def write(tmp_path, rows, variant="comma-utf8"):
    name, make = VARIANTS[variant]
    path = tmp_path / name
    path.write_bytes(make(rows))
    return path


def existing(gemeente: str) -> None:
    """The command imports into an existing gemeente only (it never creates one)."""
    from django.utils.text import slugify

    if not Gemeente.objects.filter(name=gemeente).exists():
        GemeenteFactory(name=gemeente, slug=slugify(gemeente))


def run(path, gemeente="Voorbeeldstad", **options):
    """Call the command in an existing gemeente; returns (stdout, stderr)."""
    import io

    existing(gemeente)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_sociale_kaart", str(path), gemeente=gemeente, stdout=out, stderr=err,
                 **options)
    return out.getvalue(), err.getvalue()


def run_failing(path, gemeente="Voorbeeldstad", *, create=True, **options):
    """Call the command expecting a CommandError; returns (message, stderr)."""
    import io

    if create:
        existing(gemeente)
    err = io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_sociale_kaart", str(path), gemeente=gemeente,
                     stdout=io.StringIO(), stderr=err, **options)
    return str(excinfo.value), err.getvalue()


def nothing_written():
    return (
        Organisation.objects.count() == 0 and Activity.objects.count() == 0
        and Schedule.objects.count() == 0 and Wijk.objects.count() == 0
    )


# The sample's season runs from 2026-09-01 to 2027-07-15: its occurrences exist only on a day
# inside it, so the tests that look at them live on such a day.
IN_THE_SAMPLES_SEASON = datetime(2026, 11, 30, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.mark.parametrize("variant", list(VARIANTS))
@time_machine.travel(IN_THE_SAMPLES_SEASON, tick=False)
def test_sample_imports_in_every_separator_encoding_and_as_xlsx(tmp_path, variant):
    out, _err = run(write(tmp_path, sample_rows(), variant))

    assert "Organisaties: 5 nieuw, 0 bijgewerkt, 0 ongewijzigd." in out
    assert "Activiteiten: 5 nieuw, 0 bijgewerkt, 0 ongewijzigd." in out
    gemeente = Gemeente.objects.get(name="Voorbeeldstad")
    assert gemeente.slug == "voorbeeldstad"
    taalcafe = Activity.objects.get(title_nl="Taalcafé Centrum")  # accents survive cp1252
    assert taalcafe.gemeente == gemeente
    assert taalcafe.organisation.name == "Stichting Voorbeeld Taal"
    assert taalcafe.organisation.kind == "citizen_initiative"
    assert taalcafe.description_nl.startswith("Samen Nederlands oefenen bij een kop koffie")
    assert sorted(taalcafe.languages.values_list("code", flat=True)) == ["ar", "nl", "ti"]
    assert list(taalcafe.themes.values_list("slug", flat=True)) == ["taal"]
    assert list(taalcafe.target_groups.values_list("slug", flat=True)) == ["volwassenen"]
    assert taalcafe.wijk.name == "Centrum"
    assert (taalcafe.address, taalcafe.postcode, taalcafe.city) == (
        "Marktplein 1", "1234 AB", "Voorbeeldstad"
    )
    assert taalcafe.capacity == 25
    assert taalcafe.cost == "" and taalcafe.is_free
    assert taalcafe.signup_required is False
    schedule = taalcafe.schedules.get()
    assert (schedule.frequency, schedule.weekday_list) == (Frequency.WEEKLY, [2])
    assert (schedule.start_time, schedule.end_time) == (time(19, 0), time(21, 0))
    assert (schedule.valid_from, schedule.valid_until) == (date(2026, 9, 1), date(2027, 7, 15))
    # activities_refresh ran: occurrences and search_text are there.
    assert Occurrence.objects.filter(activity=taalcafe).exists()
    assert "taalcafe centrum" in taalcafe.search_text

    vrouwen = Activity.objects.get(title_nl="Vrouwenochtend")
    assert vrouwen.organisation.newcomer_led is True
    assert vrouwen.organisation.kind == "self_organisation"
    assert vrouwen.signup_required is True
    assert sorted(vrouwen.themes.values_list("slug", flat=True)) == ["gezondheid", "ontmoeting"]
    biweekly = vrouwen.schedules.get()
    assert biweekly.frequency == Frequency.BIWEEKLY
    assert (biweekly.valid_from, biweekly.valid_until) == (date(2026, 9, 1), date(2027, 6, 30))

    kleding = Activity.objects.get(title_nl="Kledingbank")
    assert kleding.capacity is None
    assert kleding.organisation.phone == "010-0000000"
    assert kleding.schedules.get().valid_until is None
    assert kleding.schedules.get().frequency == Frequency.MONTHLY

    training = Activity.objects.get(title_nl="Sollicitatietraining")
    assert training.cost == "€ 5 per keer"
    assert training.schedules.get().frequency == Frequency.ONCE
    assert training.schedules.get().valid_from == date(2026, 10, 2)

    post = Activity.objects.get(title_nl="Hulp bij post en formulieren")
    assert post.schedules.get().weekday_list == [0, 3]
    assert post.organisation.kind == "faith_based"

    # Imported organisations count as approved.
    assert set(Presence.objects.values_list("approval", flat=True)) == {ApprovalState.APPROVED}
    assert sorted(Wijk.objects.filter(gemeente=gemeente).values_list("name", flat=True)) == [
        "Centrum", "Noord", "Zuid",
    ]


@pytest.mark.parametrize("variant", ["semicolon-cp1252", "xlsx-with-date-cells"])
def test_reimport_of_the_same_file_changes_nothing(tmp_path, variant):
    path = write(tmp_path, sample_rows(), variant)
    run(path)
    before = (
        Organisation.objects.count(), Activity.objects.count(), Schedule.objects.count(),
        Occurrence.objects.count(), Wijk.objects.count(), Presence.objects.count(),
    )
    stamps = dict(Activity.objects.values_list("pk", "updated_at"))

    out, _err = run(path, gemeente="  voorbeeldSTAD ")  # names match case/space-insensitively

    assert "Organisaties: 0 nieuw, 0 bijgewerkt, 5 ongewijzigd." in out
    assert "Activiteiten: 0 nieuw, 0 bijgewerkt, 5 ongewijzigd." in out
    assert "Nieuwe wijk" not in out
    assert Gemeente.objects.count() == 1
    assert before == (
        Organisation.objects.count(), Activity.objects.count(), Schedule.objects.count(),
        Occurrence.objects.count(), Wijk.objects.count(), Presence.objects.count(),
    )
    assert stamps == dict(Activity.objects.values_list("pk", "updated_at"))


def test_reimport_with_one_changed_field_updates_that_activity_only(tmp_path):
    run(write(tmp_path, sample_rows()))
    rows = as_dicts(sample_rows())
    rows[0]["capaciteit"] = "30"
    rows[0]["organisatie"] = "stichting  voorbeeld TAAL"  # still the same organisation
    path = tmp_path / "changed.csv"
    path.write_bytes(to_csv(from_dicts(rows), delimiter=";"))

    out, _err = run(path)

    assert "Organisaties: 0 nieuw, 0 bijgewerkt, 5 ongewijzigd." in out
    assert "Activiteiten: 0 nieuw, 1 bijgewerkt, 4 ongewijzigd." in out
    assert Activity.objects.count() == 5 and Organisation.objects.count() == 5
    assert Activity.objects.get(title_nl="Taalcafé Centrum").capacity == 30


@time_machine.travel(IN_THE_SAMPLES_SEASON, tick=False)
def test_reimport_with_a_changed_time_moves_the_upcoming_occurrences(tmp_path):
    run(write(tmp_path, sample_rows()))
    taalcafe = Activity.objects.get(title_nl="Taalcafé Centrum")
    schedule_pk = taalcafe.schedules.get().pk
    rows = as_dicts(sample_rows())
    rows[0]["begintijd"], rows[0]["eindtijd"] = "18:30", "20:30"
    rows[0]["talen"] = "nl;Arabisch"  # a Dutch name works as well as a code
    path = tmp_path / "changed.csv"
    path.write_bytes(to_csv(from_dicts(rows)))

    out, _err = run(path)

    assert "Activiteiten: 0 nieuw, 1 bijgewerkt, 4 ongewijzigd." in out
    schedule = taalcafe.schedules.get()
    assert schedule.pk == schedule_pk  # changed in place: past occurrences stay
    assert schedule.start_time == time(18, 30)
    starts = {o.starts_at.astimezone().strftime("%H:%M") for o in taalcafe.occurrences.all()}
    assert starts == {"18:30"}
    assert sorted(taalcafe.languages.values_list("code", flat=True)) == ["ar", "nl"]


BAD_ROWS = {
    "empty organisatie": ({"organisatie": ""}, "organisatie"),
    "empty activiteit": ({"activiteit": "  "}, "activiteit"),
    "unknown soort": ({"soort": "vereniging"}, "soort"),
    "unknown theme": ({"themas": "taal;dansen"}, "themas"),
    "unknown target group": ({"doelgroep": "studenten"}, "doelgroep"),
    "unknown language": ({"talen": "nl;klingon"}, "talen"),
    "unknown day": ({"dagen": "ma;xy"}, "dagen"),
    "time that does not parse": ({"begintijd": "zeven uur"}, "begintijd"),
    "time out of range": ({"eindtijd": "25:00"}, "eindtijd"),
    "date that does not parse": ({"geldig_van": "31-2-2026"}, "geldig_van"),
    "geldig_tot before geldig_van": (
        {"geldig_van": "1-9-2026", "geldig_tot": "2026-08-31"}, "geldig_tot"
    ),
    "capaciteit not a number": ({"capaciteit": "veel"}, "capaciteit"),
    "unknown frequentie": ({"frequentie": "dagelijks"}, "frequentie"),
    "week_van_maand not 1-4 or laatste": (
        {"frequentie": "maandelijks", "week_van_maand": "5"}, "week_van_maand"
    ),
    "ja/nee that is neither": ({"aanmelden": "misschien"}, "aanmelden"),
}


@pytest.mark.parametrize("case", list(BAD_ROWS))
@pytest.mark.parametrize("variant", ["comma-utf8", "xlsx-with-date-cells"])
def test_a_bad_row_imports_nothing_and_names_its_line_and_reason(tmp_path, case, variant):
    change, column = BAD_ROWS[case]
    rows = as_dicts(sample_rows())
    for row in rows:
        row["week_van_maand"] = ""
    rows[2].update(change)  # the third data row: line 4 (the header is line 1)
    path = write(tmp_path, from_dicts(rows), variant)

    message, stderr = run_failing(path)

    assert f"Regel 4, kolom {column}:" in stderr
    assert "Line 2" not in stderr and "Line 3" not in stderr
    assert "Er is niets geïmporteerd" in message and "(regels 4)" in message
    assert nothing_written()


def test_every_bad_row_is_reported_at_once(tmp_path):
    rows = as_dicts(sample_rows())
    rows[0]["themas"] = "breien"
    rows[3]["capaciteit"] = "tien"
    rows[3]["dagen"] = "maandag;funday"
    path = write(tmp_path, from_dicts(rows))

    message, stderr = run_failing(path)

    assert "Regel 2, kolom themas: onbekend thema “breien”" in stderr
    assert "Regel 5, kolom capaciteit: “tien” is geen getal" in stderr
    assert "Regel 5, kolom dagen: onbekende dag “funday”" in stderr
    assert "2 foute rij(en) (regels 2, 5)" in message
    assert nothing_written()


NOT_SPREADSHEETS = {
    "pdf.csv": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "junk.csv": bytes(range(256)) * 8,
    "empty.csv": b"",
    "blank.csv": b"\r\n\r\n",
    "no-headers.csv": b"Stichting Foo,burgerinitiatief,nee\nStichting Bar,zelforganisatie,ja\n",
    "broken.xlsx": b"PK\x03\x04" + b"\x00" * 200,
    "pdf-named.xlsx": b"%PDF-1.4 not a workbook",
    "old.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
    "headers-only.csv": b"organisatie,activiteit\n",
}


@pytest.mark.parametrize("name", list(NOT_SPREADSHEETS))
def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_error(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(NOT_SPREADSHEETS[name])

    message, _stderr = run_failing(path)

    assert message.startswith(f"{name}: ")
    assert "Traceback" not in message
    assert nothing_written()


def test_unknown_columns_are_refused_rather_than_dropped(tmp_path):
    rows = sample_rows()
    rows[0][rows[0].index("themas")] = "thema"
    message, _stderr = run_failing(write(tmp_path, rows))
    assert "Onbekende kolom(men): thema." in message
    assert nothing_written()


def test_a_missing_file_is_a_clear_error(tmp_path):
    message, _stderr = run_failing(tmp_path / "bestaat-niet.csv")
    assert "Kan " in message and "niet lezen" in message


def test_new_wijken_are_created_and_reported(tmp_path):
    gemeente = GemeenteFactory(name="Voorbeeldstad", slug="voorbeeldstad")
    WijkFactory(gemeente=gemeente, name="CENTRUM")

    out, _err = run(write(tmp_path, sample_rows()))

    assert "Nieuwe wijken: Noord, Zuid." in out
    assert "Gemeente" not in out  # the existing gemeente was used, not created
    assert sorted(gemeente.wijken.values_list("name", flat=True)) == ["CENTRUM", "Noord", "Zuid"]
    assert Activity.objects.get(title_nl="Taalcafé Centrum").wijk.name == "CENTRUM"
    presence = Presence.objects.get(organisation__name="Stichting Voorbeeld Taal")
    assert list(presence.wijken.values_list("name", flat=True)) == ["CENTRUM"]


def test_an_unknown_gemeente_on_the_command_line_is_an_error_and_creates_nothing(tmp_path):
    GemeenteFactory(name="Voorbeeldstad", slug="voorbeeldstad")

    message, _err = run_failing(write(tmp_path, sample_rows()), gemeente="Voorbeeldstat",
                                create=False)

    assert "Er is geen gemeente Voorbeeldstat" in message
    assert "Bedoelt u Voorbeeldstad?" in message
    assert list(Gemeente.objects.values_list("name", flat=True)) == ["Voorbeeldstad"]
    assert nothing_written()


def test_the_gemeente_may_be_named_by_its_slug(tmp_path):
    gemeente = GemeenteFactory(name="Nieuw Voorbeeld", slug="nieuw-voorbeeld")

    run(write(tmp_path, sample_rows()), gemeente="nieuw-voorbeeld")

    assert Activity.objects.filter(gemeente=gemeente).count() == 5
    assert Gemeente.objects.count() == 1


def test_organisations_match_among_the_gemeentes_presences_only(tmp_path):
    gemeente = GemeenteFactory(name="Voorbeeldstad", slug="voorbeeldstad")
    here = organisation_in(gemeente, name="STICHTING VOORBEELD TAAL", kind="formal",
                           approval=ApprovalState.PENDING)
    elsewhere = organisation_in(GemeenteFactory(name="Elders", slug="elders"),
                                name="Werkmaatjes Voorbeeldstad")

    out, _err = run(write(tmp_path, sample_rows()))

    assert "Organisaties: 4 nieuw, 1 bijgewerkt, 0 ongewijzigd." in out
    here.refresh_from_db()
    assert here.kind == "citizen_initiative"  # the file's soort
    assert here.website == "https://example.org/taal"
    assert here.activities.get().title_nl == "Taalcafé Centrum"
    # An existing presence keeps its approval; the regisseur decides.
    assert here.presences.get().approval == ApprovalState.PENDING
    assert not elsewhere.activities.exists()
    assert Organisation.objects.filter(name="Werkmaatjes Voorbeeldstad").count() == 2


def test_list_cells_with_commas_monthly_week_and_two_rows_for_one_activity(tmp_path):
    rows = as_dicts(sample_rows())
    for row in rows:
        row["week_van_maand"] = ""
    rows[3]["themas"] = "Post, formulieren en geldzaken,juridisch"  # quoted cell with commas
    rows[3]["talen"] = "nl, Arabisch"
    rows[2]["week_van_maand"] = "laatste"
    extra = dict(rows[0], dagen="za", begintijd="10:00", eindtijd="12:00", talen="nl;uk")
    rows.insert(1, extra)  # a second time for the taalcafé
    out, _err = run(write(tmp_path, from_dicts(rows)))

    assert "Activiteiten: 5 nieuw" in out
    post = Activity.objects.get(title_nl="Hulp bij post en formulieren")
    assert sorted(post.themes.values_list("slug", flat=True)) == ["juridisch", "papieren"]
    assert sorted(post.languages.values_list("code", flat=True)) == ["ar", "nl"]
    assert Schedule.objects.get(activity__title_nl="Kledingbank").week_of_month == (
        LAST_WEEK_OF_MONTH
    )
    taalcafe = Activity.objects.get(title_nl="Taalcafé Centrum")
    assert sorted(s.weekday_list[0] for s in taalcafe.schedules.all()) == [2, 5]
    assert sorted(taalcafe.languages.values_list("code", flat=True)) == ["ar", "nl", "ti", "uk"]

    out, _err = run(write(tmp_path, from_dicts(rows)))  # and a re-import keeps both
    assert "Activiteiten: 0 nieuw, 0 bijgewerkt, 5 ongewijzigd." in out


def test_service_writes_all_or_nothing(monkeypatch):
    """A failure halfway through the write leaves nothing behind."""
    from initiatives.imports import write

    gemeente = GemeenteFactory(name="Voorbeeldstad", slug="voorbeeldstad")
    parsed, errors = sociale_kaart_parse(sociale_kaart_read(to_csv(sample_rows()), "k.csv"))
    assert not errors

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    # The organisations are written by then; the activities' insert fails.
    monkeypatch.setattr(write, "activities_create_many", broken)
    with pytest.raises(RuntimeError):
        sociale_kaart_import(gemeente=gemeente, rows=parsed)
    assert nothing_written()


def test_dry_run_reports_and_writes_nothing(tmp_path):
    import io

    existing("Voorbeeldstad")
    out = io.StringIO()
    call_command("import_sociale_kaart", str(write(tmp_path, sample_rows())),
                 gemeente="Voorbeeldstad", dry_run=True, stdout=out)

    assert "Proefdraaien, niets opgeslagen." in out.getvalue()
    assert "Activiteiten: 5 nieuw" in out.getvalue()
    assert nothing_written()


def test_planning_takes_the_same_queries_for_5_and_50_activities(tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from initiatives.imports import sociale_kaart_plan

    gemeente = GemeenteFactory(name="Voorbeeldstad", slug="voorbeeldstad")
    small, _ = sociale_kaart_parse(sociale_kaart_read(to_csv(sample_rows()), "k.csv"))
    sociale_kaart_import(gemeente=gemeente, rows=small)
    rows = as_dicts(sample_rows())
    many = [dict(r, activiteit=f"{r['activiteit']} {n}", organisatie=f"{r['organisatie']} {n}")
            for n in range(10) for r in rows]
    large, _ = sociale_kaart_parse(sociale_kaart_read(to_csv(from_dicts(many)), "k.csv"))
    # "Stichting Voorbeeld Taal 3" is very like the known "Stichting Voorbeeld Taal": the
    # regisseur chooses to add each.
    added = {u.key: ADD for u in sociale_kaart_plan(gemeente=gemeente, rows=large).unknown}
    sociale_kaart_import(gemeente=gemeente, rows=large, choices={ORGANISATION: added})

    # presences (+ organisation); their organisations' themes, languages and the presence
    # wijken (3); the gemeente's wijken; its activities (+ wijk); their themes, target
    # groups, languages and schedules (4): 10, however many rows.
    with CaptureQueriesContext(connection) as few:
        plan = sociale_kaart_plan(gemeente=gemeente, rows=small)
    with CaptureQueriesContext(connection) as lots:
        plan_large = sociale_kaart_plan(gemeente=gemeente, rows=large)
    assert len(few) == len(lots) == 10
    assert plan.report().activities["unchanged"] == 5
    assert plan_large.report().activities["unchanged"] == 50
