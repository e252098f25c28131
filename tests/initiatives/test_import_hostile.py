"""Hostile spreadsheets: zip bombs, huge sheets, NUL and control characters are refused
before anything reaches the database."""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gemeenten.choices import Role
from initiatives.imports import ImportFileError, sociale_kaart_parse, sociale_kaart_read
from initiatives.models import ImportUpload, Organisation

from .files import as_dicts, from_dicts, sample_rows, to_csv, to_xlsx

pytestmark = pytest.mark.django_db


def read_error(content: bytes, name: str) -> str:
    with pytest.raises(ImportFileError) as excinfo:
        sociale_kaart_read(content, name)
    return excinfo.value.message


def with_extra_member(xlsx: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for member in source.namelist():
            target.writestr(member, source.read(member))
        target.writestr(name, data)
    return out.getvalue()


def with_sheet_text_replaced(xlsx: bytes, old: bytes, new: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for member in source.namelist():
            target.writestr(member, source.read(member).replace(old, new))
    return out.getvalue()


def test_an_xlsx_that_unpacks_beyond_the_limit_is_refused_unopened(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    bomb = with_extra_member(to_xlsx(sample_rows()), "xl/media/image1.bin", b"\0" * 2_000_000)
    assert len(bomb) < 20_000

    assert "pakt uit tot veel meer" in read_error(bomb, "kaart.xlsx")


def test_an_xlsx_member_with_an_absurd_compression_ratio_is_refused():
    bomb = with_extra_member(to_xlsx(sample_rows()), "xl/media/image1.bin", b"A" * 3_000_000)

    assert "pakt uit tot veel meer" in read_error(bomb, "kaart.xlsx")


def test_an_xlsx_row_with_too_many_columns_is_refused():
    import openpyxl

    rows = sample_rows()
    rows[2] = rows[2] + [None] * (60 - len(rows[2])) + ["verstopt"]  # in column 61

    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)

    assert "Regel 3 heeft meer dan 60 kolommen" in read_error(buffer.getvalue(), "kaart.xlsx")


@pytest.mark.parametrize("make,name", [(to_xlsx, "kaart.xlsx"), (to_csv, "kaart.csv")])
def test_a_cell_longer_than_the_limit_is_refused(make, name):
    rows = as_dicts(sample_rows())
    rows[1]["omschrijving"] = "Heel lang verhaal. " * 300
    assert "Regel 3 heeft een cel van meer dan 5000 tekens" in read_error(
        make(from_dicts(rows)), name
    )


def test_a_nul_byte_after_the_first_4096_bytes_of_a_csv_is_refused():
    rows = [dict(row) for row in as_dicts(sample_rows()) * 10]
    rows[-1]["adres"] = "Stationsweg\x009"
    content = to_csv(from_dicts(rows))
    assert content.index(b"\x00") > 4096

    assert "NUL-teken" in read_error(content, "kaart.csv")


@pytest.mark.parametrize("nul", [b"\x00", b"&#0;", b"&#x0;"])
def test_a_nul_inside_an_xlsx_cell_is_refused(nul):
    content = with_sheet_text_replaced(to_xlsx(sample_rows()), b"Marktplein 1",
                                       b"Markt" + nul + b"plein 1")
    assert "NUL-teken" in read_error(content, "kaart.xlsx")


def test_a_nul_byte_is_refused_at_the_preview_and_nothing_is_stored(client, login_as):
    login_as(Role.REGISSEUR)
    rows = [dict(row) for row in as_dicts(sample_rows()) * 10]
    rows[-1]["kosten"] = "\x00"
    content = to_csv(from_dicts(rows))
    assert content.index(b"\x00") > 4096

    response = client.post(reverse("initiatives:import"),
                           {"file": SimpleUploadedFile("kaart.csv", content)})

    assert response.status_code == 200
    assert "NUL-teken" in str(response.context["form"].errors["file"])
    assert not ImportUpload.objects.exists() and not Organisation.objects.exists()


@pytest.mark.parametrize("column,value", [
    ("organisatie", "Taalcafé\x1bTestdam"),
    ("adres", "Marktplein\x071"),
    ("kosten", "gratis\x08"),
    ("wijk", "Centrum\tNoord"),
    ("telefoon", "010\n0000000"),
])
def test_a_control_character_in_a_single_line_cell_is_a_row_error(column, value):
    rows = as_dicts(sample_rows())
    rows[0][column] = value

    parsed, errors = sociale_kaart_parse(sociale_kaart_read(to_csv(from_dicts(rows)), "k.csv"))

    assert [(e.line, e.column) for e in errors] == [(2, column)]
    assert "stuurteken" in errors[0].message


def test_tabs_and_line_breaks_stay_in_a_description_but_other_control_characters_do_not():
    rows = as_dicts(sample_rows())
    rows[0]["omschrijving"] = "Eerste regel\nTweede\tregel"
    rows[1]["omschrijving"] = "Piep\x07"

    parsed, errors = sociale_kaart_parse(sociale_kaart_read(to_csv(from_dicts(rows)), "k.csv"))

    assert [(e.line, e.column) for e in errors] == [(3, "omschrijving")]
    assert parsed[0].description == "Eerste regel\nTweede regel"


def test_direction_controls_are_removed_from_imported_text():
    """As from what is typed in a form: "\\u202e" would turn the rest of a title around."""
    rows = as_dicts(sample_rows())
    rows[0]["organisatie"] = "Taalcafé \u202eTestdam\u202c"
    rows[0]["omschrijving"] = "Eerste \u2066regel\u2069"

    parsed, errors = sociale_kaart_parse(sociale_kaart_read(to_csv(from_dicts(rows)), "k.csv"))

    assert errors == []
    assert parsed[0].organisation == "Taalcafé Testdam"
    assert parsed[0].description == "Eerste regel"
