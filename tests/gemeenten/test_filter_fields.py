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


class _DataOption:
    """A select that gives some options an attribute of their own (flatatt's path)."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        if option["value"] == 2:
            option["attrs"]["data-x"] = 'a "b"'
        return option


@pytest.mark.parametrize("value", [None, "", 2, "b&c", ["2", "b&c"]])
def test_a_plain_select_writes_what_djangos_template_writes(value):
    """Round two wrote each <option> with one f-string instead of format_html + flatatt:
    the HTML stays Django's, for escaped, safe and lazy labels, groups and selections."""
    from django import forms
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    from gemeenten.forms import PlainSelect

    choices = [
        ("", gettext_lazy("All themes")), (2, 'Taal & "lezen" <b>'),
        ("b&c", mark_safe("<i>veilig</i>")),
        ("Groep <1>", [(3, "drie"), ("4'", "vier")]),
    ]
    for cls in (forms.Select, forms.SelectMultiple):
        for mixin in ((), (_DataOption,)):
            django_cls = type("Django", (*mixin, cls), {})
            plain_cls = type("Plain", (*mixin, PlainSelect), {"allow_multiple_selected":
                                                              cls.allow_multiple_selected})
            attrs = {"class": "form-select", "id": "id_theme"}
            expected = django_cls(attrs=attrs, choices=choices).render("theme", value)
            got = plain_cls(attrs=attrs, choices=choices).render("theme", value)
            if not mixin:  # with own attributes flatatt writes "selected" last (as before)
                assert _normalised(got) == _normalised(expected)
            assert str(got) == _format_html_select(plain_cls(attrs=attrs, choices=choices),
                                                   value)


def _format_html_select(widget, value) -> str:
    """PlainSelect as round one wrote it (format_html per option), byte for byte."""
    from django.forms.utils import flatatt
    from django.utils.html import format_html, format_html_join
    from django.utils.safestring import mark_safe

    context = widget.get_context("theme", value, None)["widget"]
    parts = []
    for group_name, options, _index in context["optgroups"]:
        rendered = format_html_join("", '<option value="{}"{}>{}</option>', (
            (option["value"], flatatt(option["attrs"]), option["label"]) for option in options))
        parts.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
                     if group_name else rendered)
    return format_html('<select name="{}"{}>{}</select>', context["name"],
                       flatatt(context["attrs"]), mark_safe("".join(parts)))


def test_the_menus_kept_urls_are_reversed_per_language():
    """{% menu_url %} keeps each reversed link per process; each language keeps its own."""
    from pathlib import Path

    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    from gemeenten.templatetags.portal import menu_url

    names = set()
    for template in (Path(settings.BASE_DIR) / "templates" / "partials").glob("nav_*.html"):
        names |= set(re.findall(r"{% menu_url '([^']+)' %}", template.read_text()))
    assert len(names) > 30
    for _round in range(2):  # the second round reads what the first kept
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                assert {name: menu_url(name) for name in names} == {
                    name: reverse(name) for name in names}


@pytest.mark.parametrize("value", [None, "", "2", ["-title"], ["title", "b&c"], "b&c"])
def test_the_sort_orders_select_is_djangos_byte_for_byte(value):
    """django-filter's CSV select (the sort order) goes through its own render() and then
    Select's; gemeenten.forms.DjangoSelect writes Django's templates' output in Python."""
    from django import forms
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy
    from django_filters.fields import BaseCSVField
    from django_filters.widgets import BaseCSVWidget

    from gemeenten.forms import _django_select_class

    csv_select = BaseCSVField(widget=forms.Select).widget.__class__
    assert issubclass(csv_select, BaseCSVWidget)
    choices = [("", gettext_lazy("Default order")), ("2", 'Taal & "lezen" <b>'),
               ("b&c", mark_safe("<i>veilig</i>")), ("-title", "Titel"),
               ("Groep <1>", [(3, "drie"), ("4'", "vier")])]
    attrs = {"id": "id_o", "class": "csvselect form-select", "data-x": None, "off": False,
             "required": True}
    expected = csv_select(attrs=dict(attrs), choices=choices).render("o", value)
    plain = _django_select_class(csv_select)
    assert plain is not None and plain.__name__ == csv_select.__name__
    assert plain(attrs=dict(attrs), choices=choices).render("o", value) == expected
