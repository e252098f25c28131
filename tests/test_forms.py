"""Every form of the project, found by walking its modules and URLs (a new form is covered
without being listed), refuses what would break or mislead: text longer than its column (a
500 on PostgreSQL, which SQLite stores silently), NUL (which PostgreSQL cannot store) and
control characters in a single-line field; invisible direction controls are removed."""
import importlib
import inspect
import pkgutil

import django_filters
import pytest
from django import forms
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from gemeenten.choices import Role
from gemeenten.forms import (
    CONTROL_CHARACTER,
    PortalForm,
    PortalModelForm,
    TypedTextMixin,
    typed_text,
)
from initiatives.models import Activity
from tests.factories import GemeenteFactory, UserFactory

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("gemeenten", "infopunt", "initiatives", "statushouders", "volunteers", "regie")
OVER_LONG = "x " * 5000  # longer than any column and than LONG_TEXT_MAX_LENGTH; many words
WITH_NUL = "ab\x00cd"

def _project_modules():
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        yield package
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            if ".migrations" in info.name or info.name.endswith((".wsgi", ".asgi")):
                continue
            yield importlib.import_module(info.name)


def _url_form_classes(resolver=None):
    """The forms that the class-based views of the URLs are given (Django's own among them)."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _url_form_classes(entry)
        elif isinstance(entry, URLPattern):
            initkwargs = getattr(entry.callback, "view_initkwargs", {})
            view_class = getattr(entry.callback, "view_class", None)
            # As LoginView.get_form_class: its authentication_form wins over form_class.
            form_class = next(filter(None, (
                initkwargs.get(key) or getattr(view_class, key, None)
                for key in ("authentication_form", "form_class")
            )), None)
            # DeleteView's form is Django's empty Form: a confirmation, nothing typed.
            if inspect.isclass(form_class) and issubclass(form_class, forms.BaseForm) \
                    and form_class is not forms.Form:
                yield form_class


def _collect():
    form_classes, filtersets = set(), set()
    for module in _project_modules():
        for _name, obj in inspect.getmembers(module, inspect.isclass):
            if not obj.__module__.startswith(PROJECT_APPS):
                continue
            if issubclass(obj, forms.BaseForm) and obj not in (PortalForm, PortalModelForm):
                form_classes.add(obj)
            elif issubclass(obj, django_filters.FilterSet) and not obj.__name__.startswith("_"):
                filtersets.add(obj)
    form_classes.update(_url_form_classes())
    return sorted(form_classes, key=lambda c: c.__qualname__), sorted(
        filtersets, key=lambda c: c.__qualname__)


FORM_CLASSES, FILTERSETS = _collect()


@pytest.fixture
def regisseur():
    return UserFactory(role=Role.REGISSEUR, gemeente=GemeenteFactory(name="Testdam",
                                                                      slug="testdam"))


def _kwargs(form_class, user) -> tuple[list, dict]:
    """What a form needs besides its data (the small registry of constructor arguments)."""
    from gemeenten.accounts.forms import AdminLoginForm, LoginForm
    from infopunt.forms import ContactForm, VolunteerSignupForm
    from initiatives.accounts.forms import InvitationForm, RegisterInitiativeForm
    from regie.forms import ExpectedArrivalForm, TaakstellingForm
    from statushouders.choices import FlagKind
    from statushouders.forms import (
        BegeleidingForm,
        FlagCloseForm,
        NewcomerForm,
        PersonLookupForm,
        ReferralForm,
    )
    from statushouders.models import Flag
    from volunteers.forms import (
        SessionTallyForm,
        TrainingForm,
        TrainingSignupForm,
        VacancyForm,
        VolunteerForm,
    )

    from .factories import OrganisationFactory

    if issubclass(form_class, LoginForm | AdminLoginForm):
        return [RequestFactory().post("/account/login/")], {}
    if issubclass(form_class, ContactForm):
        return [], {"activity_id": 1}
    if issubclass(form_class, InvitationForm):
        return [], {"by": user}
    if issubclass(form_class, NewcomerForm):
        return [], {"gemeente": user.gemeente}
    if issubclass(form_class, BegeleidingForm):
        return [], {"organisation": OrganisationFactory()}
    if issubclass(form_class, ReferralForm):
        return [], {"gemeente": user.gemeente_id}
    if issubclass(form_class, FlagCloseForm):
        return [], {"flag": Flag(kind=FlagKind.NO_HANDOVER)}
    if issubclass(form_class, PersonLookupForm):
        return [], {"user": user}
    if issubclass(form_class, VolunteerSignupForm):
        return [], {"gemeente": user.gemeente, "token_key": "vacancy-1"}
    if issubclass(form_class, VolunteerForm | TrainingForm | TrainingSignupForm
                  | SessionTallyForm | VacancyForm):
        return [], {"user": user}
    if issubclass(form_class, RegisterInitiativeForm | ExpectedArrivalForm | TaakstellingForm):
        return [], {"gemeente": user.gemeente}
    from regie.forms import PartnerMessageForm, SignalForm

    if issubclass(form_class, PartnerMessageForm | SignalForm):
        return [], {"user": user}
    if list(inspect.signature(form_class.__init__).parameters)[1:2] == ["user"]:
        return [user], {}  # Django's new-password forms
    return [], {}


def _filterset_kwargs(filterset_class, user) -> dict:
    from gemeenten.audit.filters import AuditEventFilter
    from infopunt.filters import ActivityFilter as InfopuntActivityFilter
    from initiatives.filters import TranslationFilter, _KaartFilterSet
    from statushouders.filters import NewcomerFilter
    from volunteers.filters import (
        ApplicationFilter,
        SessionTallyFilter,
        VacancyFilter,
        VolunteerFilter,
    )

    if issubclass(filterset_class, TranslationFilter):
        return {"user": user, "languages": [("ar", "Arabisch")]}
    if issubclass(filterset_class, AuditEventFilter):
        return {"user": user, "subject_types": ["newcomer"]}
    if issubclass(filterset_class, InfopuntActivityFilter):
        return {"gemeente": user.gemeente, "queryset": Activity.objects.all()}
    if issubclass(filterset_class, _KaartFilterSet | NewcomerFilter | VolunteerFilter
                  | SessionTallyFilter | VacancyFilter | ApplicationFilter):
        return {"user": user}
    return {}


def _filled(form, text) -> dict:
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField) or field.disabled:
            continue
        key = form.add_prefix(name)
        data[key] = [text] if isinstance(field, forms.MultipleChoiceField) else text
    return data


def _querydict(data):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return query


def _bound_forms(user, text):
    """(form class name, bound form) for every form and every filter set's form."""
    for form_class in FORM_CLASSES:
        args, kwargs = _kwargs(form_class, user)
        blank = form_class(*args, **kwargs)
        yield form_class.__name__, form_class(*args, data=_querydict(_filled(blank, text)),
                                              **kwargs)
    for filterset_class in FILTERSETS:
        kwargs = _filterset_kwargs(filterset_class, user)
        blank = filterset_class(**kwargs).form
        filterset = filterset_class(_querydict(_filled(blank, text)), **kwargs)
        yield f"{filterset_class.__module__}.{filterset_class.__name__}", filterset.form


def test_the_walk_finds_the_forms_of_every_kind():
    names = {c.__name__ for c in FORM_CLASSES} | {c.__name__ for c in FILTERSETS}
    assert {"LoginForm", "OutboxPasswordResetForm", "NewPasswordForm", "TokenForm",
            "RegisterInitiativeForm", "InvitationForm", "InvitationAcceptForm",
            "OrganisationForm", "ActivityForm", "ScheduleForm", "RejectForm", "ContactForm",
            "ImportUploadForm", "GemeenteAdminForm", "ContactRequestFilter",
            "OrganisationFilter"} <= names


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: c.__qualname__)
def test_every_form_checks_what_is_typed(form_class):
    """One mechanism: a form that forgets it would let control characters through."""
    assert issubclass(form_class, TypedTextMixin)


@pytest.mark.parametrize("filterset_class", FILTERSETS, ids=lambda c: c.__qualname__)
def test_every_filter_form_checks_what_is_typed(filterset_class):
    assert issubclass(filterset_class._meta.form, TypedTextMixin)


def _text_fields(form):
    """The fields a person types into or chooses from (a tick box holds no text)."""
    for name, field in form.fields.items():
        if field.disabled or isinstance(field, forms.FileField | forms.BooleanField):
            continue
        yield name, field


def test_no_form_has_two_fields_under_one_dutch_label(regisseur):
    """Two fields of one form under one label cannot be told apart, by anybody or by a
    screen reader: the signal form asked for "Onderwerp" twice (its topic and its theme)."""
    from django.utils import translation

    doubled = []
    with translation.override("nl"):
        for name, form in _bound_forms(regisseur, "x"):
            labels = [str(field.label).casefold() for field in form.fields.values()
                      if field.label and not field.widget.is_hidden]
            if len(labels) != len(set(labels)):
                doubled.append(f"{name}: {sorted({x for x in labels if labels.count(x) > 1})}")
    assert doubled == []


def test_every_field_refuses_text_longer_than_its_column(regisseur):
    accepted = []
    for name, form in _bound_forms(regisseur, OVER_LONG):
        assert not form.is_valid(), name  # and no exception
        accepted += [f"{name}.{field_name}" for field_name, _field in _text_fields(form)
                     if field_name not in form.errors]
    assert accepted == [], f"give these fields the max_length of their column: {accepted}"


def test_every_field_refuses_a_nul_character(regisseur):
    accepted = []
    for name, form in _bound_forms(regisseur, WITH_NUL):
        assert not form.is_valid(), name
        for field_name, _field in _text_fields(form):
            if field_name not in form.errors:
                accepted.append(f"{name}.{field_name}")
    assert accepted == []


def test_every_single_line_field_refuses_a_line_break(regisseur):
    accepted = []
    for name, form in _bound_forms(regisseur, "Legit Org\r\nBcc: x@example.org"):
        form.is_valid()
        for field_name, field in _text_fields(form):
            if isinstance(field.widget, forms.Textarea):
                continue
            if CONTROL_CHARACTER not in form.errors.get(field_name, []):
                accepted.append(f"{name}.{field_name}")
    assert accepted == []


@pytest.mark.parametrize("text", [
    "Legit Org\r\nBcc: x@example.org", "tab\there", "escape\x1b[31m", "bell\x07", "del\x7f",
    "c1\x85c1", "line\u2028separator",
])
def test_a_single_line_text_with_a_control_character_is_refused(text):
    with pytest.raises(forms.ValidationError) as error:
        typed_text(text, multiline=False)
    assert error.value.messages == [str(CONTROL_CHARACTER)]


def test_a_multi_line_text_keeps_line_breaks_and_tabs_and_loses_other_controls():
    assert typed_text("one\r\ntwo\tthree\x1b\x07\x7f\u2028four", multiline=True) == (
        "one\r\ntwo\tthreefour".replace("four", "\nfour"))


@pytest.mark.parametrize("control", [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
])
@pytest.mark.parametrize("multiline", [False, True])
def test_direction_controls_are_removed(control, multiline):
    assert typed_text(f"Stichting {control}gnp.exe", multiline=multiline) == "Stichting gnp.exe"


def test_a_password_is_kept_exactly_as_typed_but_not_with_a_nul():
    assert typed_text("geheim\u202eabc", multiline=False, secret=True) == "geheim\u202eabc"
    with pytest.raises(forms.ValidationError):
        typed_text("geheim\x00", multiline=False, secret=True)


def test_arabic_and_persian_text_keeps_its_joiners_and_marks():
    """Zero-width (non-)joiners and the directional marks are part of how RTL text is
    written; only the embeddings, overrides and isolates go."""
    text = "می\u200cخواهم \u200fسلام\u200e"
    assert typed_text(text, multiline=False) == text


@pytest.mark.parametrize("lang", ["nl", "ar", "uk", "ti", "fa", "tr", "so"])
def test_the_control_character_message_is_in_every_infopunt_language(lang):
    from django.utils import translation

    with translation.override(lang):
        assert str(CONTROL_CHARACTER) != CONTROL_CHARACTER._args[0]


def test_the_infopunt_contact_form_refuses_a_line_break_in_the_visitors_language(
    client, gemeente, monkeypatch
):
    import time

    from django.utils import translation

    from initiatives.models import ContactRequest
    from tests.infopunt.factories import public_activity
    from tests.initiatives.test_kaart_support import filled, rendered_form

    activity = public_activity(gemeente)
    url = f"/ti/infopunt/{gemeente.slug}/activiteit/{activity.pk}/contact/"
    data = rendered_form(client.get(url).content.decode(), "question")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 10)
    response = client.post(url, filled(data, first_name="Testa\r\nBcc: x@example.org",
                                       phone="06 1234 5678"))
    assert response.status_code == 200
    with translation.override("ti"):
        assert str(CONTROL_CHARACTER) in response.content.decode()
    assert not ContactRequest.objects.exists()



def test_an_id_too_large_for_the_database_is_an_invalid_choice_not_a_500(regisseur):
    """Found by fuzzing: '9223372036854775808' in a choice of themes raised OverflowError on
    SQLite (a DataError on PostgreSQL) inside validation."""
    from gemeenten.models import Theme
    from tests.factories import OrganisationFactory

    class Themes(PortalForm):
        themes = forms.ModelMultipleChoiceField(queryset=Theme.objects.all())
        one = forms.ModelChoiceField(queryset=Theme.objects.all(), required=False)

    OrganisationFactory()
    form = Themes(data={"themes": ["9223372036854775808"], "one": "-99999999999999999999"})
    assert not form.is_valid()
    assert set(form.errors) == {"themes", "one"}
