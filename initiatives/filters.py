"""The filters of the regisseur's lists (django-filter); each one is a QuerySet method or a
plain lookup, so the same filter means the same thing on every page."""
import copy
import re
from functools import partial

import django_filters
from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from gemeenten import options
from gemeenten.forms import PortalForm, plain_selects
from gemeenten.models import Language, Theme, Wijk
from gemeenten.options import use_cached_choices
from gemeenten.text import normalise

from .choices import WEEKDAYS, ApprovalState, OrganisationKind
from .models import Activity, Organisation, Presence

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_MONTH_DUTCH = re.compile(r"^\s*(\d{1,2})[-/](\d{4})\s*$")


class MonthInput(forms.TextInput):
    input_type = "month"


class MonthField(forms.CharField):
    """A month as "2026-09" (the month input) or "9-2026"; cleans to (year, month)."""

    widget = MonthInput

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        if match := _MONTH.match(value):
            year, month = int(match[1]), int(match[2])
        elif match := _MONTH_DUTCH.match(value):
            month, year = int(match[1]), int(match[2])
        else:
            raise forms.ValidationError(_("Enter a month like 2026-09."), code="invalid")
        if not 1 <= month <= 12 or not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Enter a month like 2026-09."), code="invalid")
        return (year, month)


class MonthFilter(django_filters.Filter):
    field_class = MonthField


_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


class WeekInput(forms.TextInput):
    input_type = "week"


class WeekField(forms.CharField):
    """An ISO week as "2026-W49" (the week input); cleans to (monday, sunday)."""

    widget = WeekInput

    def to_python(self, value):
        from datetime import date, timedelta

        value = super().to_python(value)
        if not value:
            return None
        match = _WEEK.match(value)
        try:
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1) if match else None
        except ValueError:
            monday = None
        if monday is None or not 2000 <= monday.year <= 2100:
            raise forms.ValidationError(_("Enter a week like 2026-W49."), code="invalid")
        return (monday, monday + timedelta(days=6))


class WeekFilter(django_filters.Filter):
    field_class = WeekField


YES_NO_ALL = forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))])


def _search_words(value: str) -> list[str]:
    return normalise(value).split()


def _bound(filter_, parent, model):
    """A shallow copy of a declared filter for one filter set: what django-filter's deep
    copy sets (model, parent) and a filter method bound to the copy, not the original."""
    bound = copy.copy(filter_)
    bound.model, bound.parent = model, parent
    if filter_.method is not None:
        bound.method = filter_.method  # the setter binds a FilterMethod to this copy
    return bound


class _KaartFilterSet(django_filters.FilterSet):
    """Choices that depend on the user (their gemeente's wijken) are set here."""

    class Meta:
        form = PortalForm

    q = django_filters.CharFilter(
        label=_("Search"), method="filter_search", max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name, place, word…")}),
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.all(), to_field_name="slug",
        method="filter_theme", empty_label=_("All themes"),
    )
    wijk = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=Wijk.objects.none(), method="filter_wijk",
        empty_label=_("All districts"),
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Language"), queryset=Language.objects.all(), to_field_name="code",
        method="filter_language", empty_label=_("All languages"),
    )
    weekday = django_filters.ChoiceFilter(
        label=_("Day of the week"), choices=WEEKDAYS, method="filter_weekday",
        empty_label=_("Any day"),
    )
    month = MonthFilter(
        label=_("Active in month"), method="filter_month",
        help_text=_("For example 2026-07 for July 2026."),
    )
    approval = django_filters.ChoiceFilter(
        label=_("Approval"), choices=ApprovalState.choices, method="filter_approval",
        empty_label=_("Any state"),
    )

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, user=None):
        # BaseFilterSet.__init__, but without its deep copy of every filter (and so of its
        # choices, labels and querysets) on each request: a shallow copy per filter that
        # knows this filter set. The form class is made once per class (_form_class).
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: _bound(filter_, self, queryset.model)
                        for name, filter_ in self.base_filters.items()}
        self.user = user
        # The option lists from the process's cache (gemeenten.options) rather than three
        # queries per page, and the <select>s written without a template per option.
        fields = self.form.fields
        fields["wijk"].queryset = Wijk.objects.for_user(user)  # what a chosen wijk must be in
        use_cached_choices(fields["theme"], options.themes)
        use_cached_choices(fields["language"], options.languages)
        if user is not None and user.gemeente_id:
            use_cached_choices(fields["wijk"], partial(options.wijken, user.gemeente))
        plain_selects(self.form)

    @classmethod
    def _form_class(cls):
        """The form class of get_form_class, made once: django-filter makes the class and a
        field per filter on every request (each form still deep-copies its fields, as
        every Django form does)."""
        form_class = cls.__dict__.get("_made_form_class")
        if form_class is None:
            model = cls._meta.model
            fields = {name: _bound(filter_, None, model).field
                      for name, filter_ in cls.base_filters.items()}
            form_class = type(f"{cls.__name__}Form", (cls._meta.form,), fields)
            cls._made_form_class = form_class
        return form_class

    def get_form_class(self):
        return self._form_class()

    def _presences(self, **conditions):
        """The organisations whose presence in the user's gemeente matches (one filter()
        call: presence, wijk and state are the same row)."""
        return Presence.objects.for_user(self.user).filter(**conditions).values("organisation")

    def _activities(self):
        return Activity.objects.for_user(self.user)


class ActivityFilter(_KaartFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind of organisation"), field_name="organisation__kind",
        choices=OrganisationKind.choices, empty_label=_("All kinds"),
    )
    newcomer_led = django_filters.BooleanFilter(
        label=_("By and for newcomers"), field_name="organisation__newcomer_led",
        widget=YES_NO_ALL,
    )
    week = WeekFilter(label=_("Has a date in week"), method="filter_week",
                      help_text=_("For example 2026-W49 for week 49 of 2026."))
    o = django_filters.OrderingFilter(
        fields=(
            ("title", "title"),
            ("organisation__name", "organisation"),
            ("wijk__name", "wijk"),
            ("next_date", "next_date"),
            ("updated_at", "updated"),
        ),
        field_labels={
            "title": _("Title"), "organisation__name": _("Organisation"),
            "wijk__name": _("District"), "next_date": _("Next date"),
            "updated_at": _("Last changed"),
        },
        label=_("Sort by"), empty_label=_("Default order"),
    )

    class Meta(_KaartFilterSet.Meta):
        model = Activity
        fields = []

    def filter_search(self, queryset, name, value):
        for word in _search_words(value):
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def filter_theme(self, queryset, name, value):
        return queryset.filter(themes=value)

    def filter_wijk(self, queryset, name, value):
        return queryset.in_wijk(value)

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages=value)

    def filter_weekday(self, queryset, name, value):
        return queryset.on_weekday(int(value))

    def filter_month(self, queryset, name, value):
        return queryset.in_month(*value)

    def filter_week(self, queryset, name, value):
        return queryset.between(*value)

    def filter_approval(self, queryset, name, value):
        return queryset.filter(organisation__in=self._presences(approval=value))


class OrganisationFilter(_KaartFilterSet):
    """Organisations; theme, language, wijk and dates also match through their activities
    in the gemeente, because many small initiatives only describe their activities."""

    kind = django_filters.ChoiceFilter(
        label=_("Kind of organisation"), choices=OrganisationKind.choices,
        empty_label=_("All kinds"),
    )
    newcomer_led = django_filters.BooleanFilter(
        label=_("By and for newcomers"), widget=YES_NO_ALL
    )
    o = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("kind", "kind"),
            ("approval_state", "approval"),
            ("last_confirmed", "confirmed"),
            ("activity_count", "activities"),
        ),
        field_labels={
            "name": _("Name"), "kind": _("Kind of organisation"),
            "approval_state": _("Approval"), "last_confirmed": _("Last confirmed"),
            "activity_count": _("Number of activities"),
        },
        label=_("Sort by"), empty_label=_("Default order"),
    )

    class Meta(_KaartFilterSet.Meta):
        model = Organisation
        fields = []

    def _with_activities(self, queryset, own: Q, activities):
        return queryset.filter(own | Q(pk__in=activities.values("organisation_id")))

    def filter_search(self, queryset, name, value):
        activities = self._activities()
        own = Q()
        for word in _search_words(value):
            activities = activities.filter(search_text__contains=word)
            own &= Q(name__icontains=word)
        if not value.strip():
            return queryset
        return self._with_activities(queryset, own, activities)

    def filter_theme(self, queryset, name, value):
        return self._with_activities(
            queryset, Q(pk__in=Organisation.objects.filter(themes=value).values("pk")),
            self._activities().filter(themes=value),
        )

    def filter_wijk(self, queryset, name, value):
        return self._with_activities(
            queryset,
            Q(pk__in=self._presences(wijken=value)),
            self._activities().in_wijk(value),
        )

    def filter_language(self, queryset, name, value):
        return self._with_activities(
            queryset, Q(pk__in=Organisation.objects.filter(languages=value).values("pk")),
            self._activities().filter(languages=value),
        )

    def filter_weekday(self, queryset, name, value):
        return queryset.filter(pk__in=self._activities().on_weekday(int(value)).values("organisation_id"))

    def filter_month(self, queryset, name, value):
        return queryset.filter(pk__in=self._activities().in_month(*value).values("organisation_id"))

    def filter_approval(self, queryset, name, value):
        return queryset.filter(pk__in=self._presences(approval=value))


class TranslationFilter(django_filters.FilterSet):
    """The regisseur's missing translations: per organisation and per language (of the
    gemeente's newcomer languages)."""

    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.none(),
        empty_label=_("All organisations"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Missing language"), choices=[], method="filter_language",
        empty_label=_("Any of them"),
    )

    class Meta:
        model = Activity
        fields = []
        form = PortalForm

    def __init__(self, *args, user=None, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        active = Activity.objects.for_user(user).active().values("organisation_id")
        self.filters["organisation"].queryset = (
            Organisation.objects.for_user(user).filter(pk__in=active).order_by("name"))
        self.filters["language"].extra["choices"] = list(languages)

    def filter_language(self, queryset, name, value):
        from .querysets import untranslated

        return queryset.filter(untranslated(value))
