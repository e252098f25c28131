"""Project-wide checks: migrations complete, catalogues compiled, nothing from a CDN."""
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from gemeenten.catalogues import po_files, stale_catalogues

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_models_have_their_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def test_compiled_catalogues_match_their_po_files():
    assert po_files(), "the nl catalogue is missing"
    stale = stale_catalogues()
    assert not stale, f"run `make messages` or compile_catalogues: stale {stale}"


def test_templates_load_nothing_from_another_host():
    pattern = re.compile(r"""(src|href)=["'](https?:)?//""", re.I)
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "templates").rglob("*.html")
        if pattern.search(p.read_text(encoding="utf-8"))
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
