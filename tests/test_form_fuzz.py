"""Every form and every filter form of the project, fuzzed with Hypothesis (issue 22): whatever
is typed or forged into its fields, validation gives form errors and never raises. The forms
are the ones tests/test_forms.py finds by walking the modules and URLs (a new form is fuzzed
without being listed here); the pages that show them are walked by test_form_pages.py.

Per field the data is drawn from what a browser can send: one of the field's own choices,
an empty value, numbers, dates and times in and out of range, and arbitrary text (control
characters, NUL, direction marks, very long text). 200 examples per form in the PostgreSQL
run of CI (where an over-long or NUL value would fail as a 500), fewer on SQLite.

The examples are derandomised: the same inputs on every run, so CI passes or fails on the
code, not on the draw. To explore further, run with FUZZ_EXAMPLES=2000 (the examples past the
first ones are new).
"""
import os

import pytest
from django import forms
from django.db import connection
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tests.test_forms import (
    FILTERSETS,
    FORM_CLASSES,
    _filterset_kwargs,
    _kwargs,
    _querydict,
)

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0")) or None

TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(["\x00", "a\x00b", "\u202egnp.exe", "=HYPERLINK(\"x\")", "\r\nBcc: x",
                     "x" * 5000, "0", "-1", "9" * 30, "1e309", "NaN", "2026-02-30",
                     "31-12-2026", "25:61", "<script>", "' OR 1=1 --", "%00", "../../etc"]),
)
NUMBERS = st.one_of(st.integers(min_value=-10**12, max_value=10**12).map(str),
                    st.floats(allow_nan=True, allow_infinity=True).map(str))
DATES = st.one_of(st.dates().map(lambda d: d.isoformat()),
                  st.datetimes().map(lambda d: d.isoformat(sep=" ")),
                  st.times().map(lambda t: t.strftime("%H:%M")))


def _value_strategy(field: forms.Field):
    choices = []
    if hasattr(field, "choices"):
        try:
            choices = [str(value) for value, _label in list(field.choices)[:50]
                       if not isinstance(_label, list | tuple)]
        except Exception:  # a choice list that needs a database row we did not make
            choices = []
    kinds = [TEXT, st.just(""), NUMBERS, DATES]
    if choices:
        kinds.insert(0, st.sampled_from(choices))
    value = st.one_of(*kinds)
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return st.lists(value, max_size=4)
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return st.sampled_from(["on", "", "true", "false", "unknown", "2", "\x00"])
    return value


def _data_strategy(form):
    fields = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField) or field.disabled:
            continue
        fields[form.add_prefix(name)] = _value_strategy(field)
    return st.fixed_dictionaries({}, optional=fields)


def _examples() -> int:
    if EXAMPLES:
        return EXAMPLES
    return 200 if connection.vendor == "postgresql" else 25


def _fuzz(make_form, then=None):
    """Draw data for the form that `make_form(data)` builds and validate it (and, for a
    filter, run its query: `then(form)`)."""
    blank = make_form(None)

    @hsettings(max_examples=_examples(), deadline=None, database=None, derandomize=True,
               suppress_health_check=[HealthCheck.function_scoped_fixture,
                                      HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=_data_strategy(blank))
    def check(data):
        form = make_form(_querydict(data))
        form.is_valid()  # must not raise
        for errors in form.errors.values():
            assert all(isinstance(str(message), str) for message in errors)
        if then is not None:
            then(form)

    check()


@pytest.fixture
def user(db):
    from gemeenten.choices import Role
    from tests.factories import GemeenteFactory, UserFactory

    return UserFactory(role=Role.REGISSEUR,
                       gemeente=GemeenteFactory(name="Testdam", slug="testdam"))


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: c.__qualname__)
def test_every_form_answers_any_input_with_form_errors(form_class, user):
    args, kwargs = _kwargs(form_class, user)
    _fuzz(lambda data: form_class(*args, data=data, **kwargs))


def _view_classes(resolver=None):
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _view_classes(entry)
        elif isinstance(entry, URLPattern) and getattr(entry.callback, "view_class", None):
            yield entry.callback.view_class


def _view_queryset(filterset_class, user):
    """The queryset the list view gives its filter (with the annotations the filter sorts
    and filters on), or None for a filter no class-based view uses."""
    from django.test import RequestFactory

    for view_class in _view_classes():
        if getattr(view_class, "filterset_class", None) is filterset_class:
            view = view_class()
            view.setup(RequestFactory().get("/"))
            view.request.user = user
            view.kwargs = {}
            return view.get_queryset()
    return None


@pytest.mark.parametrize("filterset_class", FILTERSETS, ids=lambda c: c.__qualname__)
def test_every_filter_answers_any_input_with_form_errors(filterset_class, user):
    kwargs = _filterset_kwargs(filterset_class, user)
    queryset = _view_queryset(filterset_class, user)
    if queryset is not None:
        kwargs["queryset"] = queryset

    made = {}

    def make(data):
        made["filterset"] = filterset_class(data, **kwargs)
        return made["filterset"].form

    def run_query(form):
        # An invalid filter form gives the unfiltered list or none; a valid one filters.
        list(made["filterset"].qs[:1])

    _fuzz(make, run_query)
