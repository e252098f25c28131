"""Project-wide checks: migrations complete, catalogues compiled, nothing from a CDN."""
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from gemeenten.catalogues import compiled, po_files, stale_catalogues

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_models_have_their_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def test_compiled_catalogues_match_their_po_files():
    assert po_files(), "the nl catalogue is missing"
    stale = stale_catalogues()
    assert not stale, f"run `make messages` or compile_catalogues: stale {stale}"


PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"Language: nl\\n"

msgid "Save"
msgstr "Opslaan"

msgctxt "verb"
msgid "Open"
msgstr "Openen"

msgid "one day"
msgid_plural "%(n)s days"
msgstr[0] "een dag"
msgstr[1] "%(n)s dagen"
"""


@pytest.fixture
def one_catalogue(tmp_path, settings):
    po = tmp_path / "nl" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO, encoding="utf-8")
    po.with_suffix(".mo").write_bytes(compiled(po))
    settings.LOCALE_PATHS = [tmp_path]
    return po


def test_a_catalogue_compiled_by_another_babel_release_is_not_stale(one_catalogue, monkeypatch):
    """Babel writes its own version into the .mo (Generated-By): a new release changes the
    bytes but not one translation, so the check must not depend on the tool's version."""
    import babel.messages.catalog

    mo = one_catalogue.with_suffix(".mo")
    monkeypatch.setattr(babel.messages.catalog, "VERSION", "99.1.0.dev0")
    other_release = compiled(one_catalogue)
    assert b"Generated-By: Babel 99.1.0.dev0" in other_release
    assert other_release != mo.read_bytes()
    mo.write_bytes(other_release)
    assert stale_catalogues() == []


@pytest.mark.parametrize("old, new", [
    ('msgstr "Opslaan"', 'msgstr "Bewaren"'),            # a message
    ('msgstr[1] "%(n)s dagen"', 'msgstr[1] "%(n)s dag"'),  # a plural form
    ('msgstr "Openen"', 'msgstr "Open maken"'),           # a message with a context
    ("plural=(n != 1)", "plural=(n > 1)"),                # the plural rule
    ('msgid "Save"\nmsgstr "Opslaan"\n', ""),              # a message removed
])
def test_a_catalogue_whose_meaning_changed_is_stale(one_catalogue, old, new):
    assert old in PO
    one_catalogue.write_text(PO.replace(old, new), encoding="utf-8")
    assert stale_catalogues() == [one_catalogue]


def test_the_lock_agrees_with_pyproject():
    """Every fresh machine installs the lock's exact versions: a dependency added to or
    removed from pyproject.toml without `make lock` must fail here, not on the next machine.
    `uv lock --check --offline` needs no network when the lock is current."""
    uv = Path(sys.executable).with_name("uv")
    result = subprocess.run([uv, "lock", "--check", "--offline"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"run `make lock`: {result.stderr}"
    for lock, extras in (("requirements.lock", []), ("requirements-dev.lock", ["--all-extras"])):
        export = subprocess.run(
            [uv, "export", "--frozen", "--offline", "--no-emit-project", "--no-header",
             "--format", "requirements-txt", "--quiet", *extras],
            cwd=ROOT, capture_output=True, text=True, check=True)
        assert export.stdout == (ROOT / lock).read_text(), f"run `make lock`: {lock} differs"


def test_templates_load_nothing_from_another_host():
    pattern = re.compile(r"""(src|href)=["'](https?:)?//""", re.I)
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "templates").rglob("*.html")
        if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_template_comment_spans_lines():
    """Django's {# #} ends on its own line: one that goes on to the next is printed as text.
    The regisseur's and coördinator's menu bars showed their comments in English, and the
    bar grew wider than 1280 px. A longer comment is {% comment %}...{% endcomment %}."""
    offenders = [
        f"{template.relative_to(ROOT)}:{number}"
        for template in (ROOT / "templates").rglob("*")
        if template.suffix in (".html", ".txt", ".xml")
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1)
        if "{#" in line and "#}" not in line[line.index("{#"):]
    ]
    assert offenders == []


def test_every_pictogram_and_icon_is_well_formed_svg():
    """A browser shows a broken image for an SVG that is not well-formed XML (a duplicate
    attribute is enough), and nothing else would notice."""
    from xml.etree import ElementTree

    svgs = [p for p in (ROOT / "static").rglob("*.svg")
            if "vendor" not in p.parts]
    assert svgs
    for svg in svgs:
        ElementTree.parse(svg)  # raises ParseError with the line and column


def test_model_fields_have_translatable_labels():
    """The admin shows verbose_name: an English default like "Created at" is a bug."""
    from django.apps import apps
    from django.utils.functional import Promise

    fields = [
        (model, field)
        for app in ("gemeenten", "initiatives", "infopunt")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if not field.auto_created and hasattr(field, "verbose_name")
    ]
    assert len(fields) > 100
    offenders = [
        f"{model.__name__}.{field.name}"
        for model, field in fields
        if not isinstance(field.verbose_name, Promise)
    ]
    assert offenders == [], f"fields without a gettext_lazy verbose_name: {offenders}"


def test_each_app_imports_only_apps_below_it():
    """DESIGN.md "Apps and layering", as import-linter's layers contract in pyproject.toml:
    an upward import fails here with its chain (module -> module, line)."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([lint_imports, "--no-cache"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"an app imports upward:\n{result.stdout}{result.stderr}"


def test_the_layering_contract_covers_every_app_of_the_project():
    """A new app left out of the contract would be free to import anything."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers"]
    project_apps = {app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir()}
    assert set(contract["layers"]) == set(config["root_packages"]) == project_apps


def test_production_hashes_passwords_with_argon2(settings):
    """The suite hashes with MD5 for speed (tests/conftest.py); the settings module, which
    production runs, keeps Argon2 first."""
    from django.contrib.auth.hashers import check_password, make_password

    from regie import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    encoded = make_password("een-lang-testwachtwoord")
    assert encoded.startswith("argon2$")
    assert check_password("een-lang-testwachtwoord", encoded)


def test_every_table_scrolls_inside_its_own_box_at_320_pixels():
    """WCAG 1.4.10 (reflow): at 320 px a wide table may scroll, the page may not. Found on the
    contact request list (522 px wide at 320) and the regisseur's search statistics."""
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for match in re.finditer(r"<table\b", text):
            # .regie-scroll is the regie pages' own scrolling box (static/css/regie.css).
            before = text[max(0, match.start() - 200):match.start()]
            if "table-responsive" not in before and "regie-scroll" not in before:
                offenders.append(f"{template.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}")
    assert offenders == []


def test_every_ignored_advisory_says_why():
    """`make audit` ignores only what audit-ignore.txt lists, each with its reason."""
    root = Path(__file__).resolve().parent.parent
    lines = [line.strip() for line in (root / "audit-ignore.txt").read_text().splitlines()]
    for line in lines:
        if not line or line.startswith("#"):
            continue
        advisory, _, reason = line.partition(" ")
        assert re.fullmatch(r"(PYSEC|GHSA|CVE|OSV)-[\w-]+", advisory), line
        assert len(reason.strip()) >= 20, f"{advisory}: say why it does not apply"
    makefile = (root / "Makefile").read_text()
    assert "audit-ignore.txt" in makefile and "pip-audit" in makefile


def test_no_template_has_a_comment_tag_over_several_lines():
    """Django's {# #} ends at the line: one over two lines is printed on the page (found when
    the staff menu's comment showed as English text). Longer comments use {% comment %}."""
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for match in re.finditer(r"\{#(.*?)#\}", text, flags=re.S):
            if "\n" in match.group(1):
                offenders.append(f"{template.relative_to(ROOT)}:"
                                 f"{text.count(chr(10), 0, match.start()) + 1}")
    assert offenders == []
