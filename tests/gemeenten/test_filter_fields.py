"""`{% filter_fields %}` writes a list's filter form as crispy's bootstrap5 pack does, in
Python (issue 21: crispy's field template cost ~1 ms per field per request). Same HTML."""
import re

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form

from gemeenten.choices import Role
from gemeenten.templatetags.portal import filter_fields
from initiatives.filters import ActivityFilter, OrganisationFilter
from initiatives.models import Activity, Organisation
from tests.factories import UserFactory, WijkFactory

pytestmark = pytest.mark.django_db


def _normalised(html: str) -> str:
    """Whitespace between tags and inside the label does not matter to a browser."""
    html = re.sub(r">\s+", ">", str(html))
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s+<", "<", html).strip()


@pytest.mark.parametrize("filterset, queryset", [
    (ActivityFilter, Activity.objects.none), (OrganisationFilter, Organisation.objects.none)])
@pytest.mark.parametrize("data", [
    {}, {"q": "koffie", "theme": "taal", "weekday": "2"},
    {"month": "geen maand", "week": "ook niet", "theme": "bestaat-niet"}])
def test_the_same_html_as_crispy(gemeente, filterset, queryset, data):
    WijkFactory(gemeente=gemeente, name="Verzonnen Oost")
    user = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    ours = filterset(data, queryset=queryset(), user=user).form
    crispy = filterset(data, queryset=queryset(), user=user).form
    ours.is_valid(), crispy.is_valid()
    expected = _normalised(as_crispy_form(crispy))
    got = _normalised(filter_fields(ours))
    assert got == expected, _diff(expected, got)
    assert "Verzonnen Oost" in expected


def _diff(expected: str, got: str) -> str:
    import difflib

    lines = [html.replace("><", ">\n<").split("\n") for html in (expected, got)]
    return "\n".join(difflib.unified_diff(*lines, lineterm=""))


@pytest.mark.parametrize(("attrs", "value"), [
    ({"placeholder": "Naam, plaats & <x>", "maxlength": 200, "class": "a b", "id": "id_q",
      "required": True, "disabled": False, "data-x": None}, 'koffie "&<'),
    ({"class": "form-control", "aria-describedby": "id_month_helptext"}, ""),
    ({}, None),
    ({"type": "search"}, 12),
])
def test_a_plain_input_writes_what_djangos_template_writes(attrs, value):
    from django import forms

    from gemeenten.forms import _plain_input_class
    from initiatives.filters import MonthInput, WeekInput

    for cls in (forms.TextInput, MonthInput, WeekInput):
        widget = cls(attrs=dict(attrs))
        expected = widget.render("q", value)
        widget.__class__ = _plain_input_class(cls)
        assert widget.render("q", value) == expected
    assert _plain_input_class(forms.PasswordInput) is None  # its own get_context
    assert _plain_input_class(forms.DateInput) is None  # its own template


def test_the_search_input_keeps_crispys_class_name(gemeente):
    """crispy writes the widget's class name into the class attribute; the Python-written
    input must keep Django's name for it."""
    user = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    html = str(filter_fields(ActivityFilter({}, queryset=Activity.objects.none(),
                                            user=user).form))
    assert 'class="textinput form-control" id="id_q"' in html
    assert 'class="monthinput form-control' in html
