"""The Dutch catalogue is complete: every string the code and templates use is translated,
none is fuzzy, and the staff pages show it. Extraction goes through babel and Django's own
`templatize`, so the check runs on a machine without GNU gettext."""
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
NL_PO = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
# The folders `make messages` leaves out: no interface strings live there.
SKIP = {".venv", "static", "staticfiles", "var", "bench", "tests", "node_modules", ".git"}
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None, "gettext_noop": None,
    "ngettext_lazy": (1, 2), "pgettext_lazy": ((1, "c"), 2), "npgettext_lazy": ((1, "c"), 2, 3),
}


def _nl_catalogue():
    with NL_PO.open("rb") as fh:
        return read_po(fh, locale="nl")


def _source_files():
    for path in sorted(ROOT.rglob("*")):
        parts = path.relative_to(ROOT).parts
        if path.is_file() and not SKIP.intersection(parts) and "migrations" not in parts:
            if path.suffix in {".py", ".html", ".txt"} and (
                path.suffix == ".py" or "templates" in parts
            ):
                yield path


def _used_messages() -> set[tuple[str | None, str]]:
    """(context, msgid) of every string the project marks for translation."""
    used = set()
    for path in _source_files():
        text = path.read_text(encoding="utf-8")
        if path.suffix != ".py":
            # Calls sit on one line each (%r-quoted); flush left so the tokenizer
            # does not trip over the template's indentation.
            text = "\n".join(line.lstrip() for line in templatize(text).splitlines())
        for _line, message, _comments, context in extract(
            "python", BytesIO(text.encode("utf-8")), KEYWORDS, options={"encoding": "utf-8"}
        ):
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid:
                used.add((context, msgid))
    return used


def test_dutch_catalogue_has_no_untranslated_and_no_fuzzy_entries():
    catalogue = _nl_catalogue()
    untranslated, fuzzy = [], []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert len(catalogue) > 600
    assert untranslated == []
    assert fuzzy == []
    assert catalogue.plural_forms == "nplurals=2; plural=(n != 1);"


def test_every_string_the_project_uses_is_in_the_dutch_catalogue():
    catalogue = _nl_catalogue()
    used = _used_messages()
    assert ("page heading", "My organisation") in used  # extraction reads contexts too
    assert (None, "Log in") in used  # ... and templates
    missing = sorted(
        msgid for context, msgid in used if catalogue.get(msgid, context=context) is None
    )
    assert missing == [], "run `make messages` and translate the new strings"


def test_djangos_new_password_message_is_dutch():
    """Django 5.2 reworded the too-short validator message and its nl catalogue lacks it."""
    from django.contrib.auth.password_validation import MinimumLengthValidator
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("nl"), pytest.raises(ValidationError) as error:
        MinimumLengthValidator(min_length=12).validate("kort")
    assert error.value.messages == ["Dit wachtwoord is te kort. Het moet minstens 12 tekens bevatten."]


@pytest.mark.django_db
def test_login_page_is_in_dutch_from_the_portal_catalogue(client):
    html = client.get("/account/login/").text
    assert '<html lang="nl"' in html
    # Strings only our catalogue has (Django's own has none of them).
    for dutch in ["Wachtwoord vergeten?", "Meld uw initiatief aan",
                  "Hebt u een initiatief voor nieuwkomers en nog geen account?",
                  "Op zoek naar activiteiten voor nieuwkomers? Daarvoor hebt u geen account nodig."]:
        assert dutch in html
    for english in ["Forgot your password?", "Register your initiative", "Log in"]:
        assert english not in html
