"""The result-list filters of the infopunt. A value that does not validate is dropped, so a
forged or stale link still gives a list rather than an error."""
from functools import partial
from html import escape

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from gemeenten import options
from gemeenten.forms import PortalForm
from gemeenten.models import Language, Theme, Wijk
from gemeenten.text import normalise
from initiatives.choices import WEEKDAYS
from initiatives.models import Occurrence, Schedule

from .forms import language_label
from .querysets import week_end
from .search import languages_named

MAX_QUERY_WORDS = 5
MAX_WORD_LENGTH = 40

FOR_WHOM = [("vrouwen", _("For women")), ("jongeren", _("For young people"))]


def query_words(raw: str | None) -> list[str]:
    """The normalised words of a search, at most five, each at most 40 characters."""
    words = []
    for word in normalise((raw or "")[:200]).split(" "):
        word = word.strip(".,;:!?()[]{}\"'%_*\\")[:MAX_WORD_LENGTH]
        if len(word) >= 2 and word not in words:
            words.append(word)
    return words[:MAX_QUERY_WORDS]


class LoadedChoiceField(forms.ModelChoiceField):
    """Validates against the cached objects of the option list (`loaded`: a function giving
    them by the `to_field_name` value, called only when a value was chosen), so a chosen
    theme or language costs no query of its own."""

    loaded = None

    def to_python(self, value):
        if self.loaded is None or value in self.empty_values:
            return super().to_python(value)
        try:
            return self.loaded()[value]
        except (KeyError, TypeError):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice",
                params={"value": value},
            ) from None


class LanguageChoiceField(LoadedChoiceField):
    def label_from_instance(self, obj):
        return language_label(obj)


class ThemeFilter(django_filters.ModelChoiceFilter):
    field_class = LoadedChoiceField


class LanguageFilter(django_filters.ModelChoiceFilter):
    field_class = LanguageChoiceField


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q",
                                  widget=forms.TextInput(attrs={"type": "search"}))
    thema = ThemeFilter(
        label=_("Theme"), queryset=Theme.objects.all(), to_field_name="slug",
        method="filter_theme", empty_label=_("All themes"),
    )
    taal = LanguageFilter(
        label=_("Language spoken"), queryset=Language.objects.all(), to_field_name="code",
        method="filter_language", empty_label=_("All languages"),
    )
    wijk = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=Wijk.objects.none(), method="filter_wijk",
        empty_label=_("All districts"),
    )
    dag = django_filters.ChoiceFilter(
        label=_("Day"), choices=WEEKDAYS, method="filter_day", empty_label=_("Any day"),
    )
    voor = django_filters.ChoiceFilter(
        label=_("For whom"), choices=FOR_WHOM, method="filter_for", empty_label=_("Everyone"),
    )
    week = django_filters.BooleanFilter(
        label=_("This week"), method="filter_week", widget=forms.CheckboxInput,
    )
    gratis = django_filters.BooleanFilter(
        label=_("Free of charge"), method="filter_free", widget=forms.CheckboxInput,
    )
    nieuwkomers = django_filters.BooleanFilter(
        label=_("By and for newcomers"), method="filter_newcomer_led",
        widget=forms.CheckboxInput,
    )

    class Meta:
        form = PortalForm  # search words are stored and shown to the regisseur

    def __init__(self, *args, gemeente, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        wijken = Wijk.objects.filter(gemeente=gemeente)
        self.filters["wijk"].queryset = wijken
        fields = self.form.fields
        fields["wijk"].queryset = wijken
        # The options from the cache (gemeenten.options), labels made in the visitor's
        # language once rather than a count and a select each time they are rendered, or a
        # hundred labels per request; (value, label, selected), so the template does not
        # compare per option.
        objects = {"thema": options.themes, "taal": options.languages}
        for name, kind, key in (("thema", "themes", "slug"), ("taal", "languages", "code"),
                                ("wijk", "wijken", "pk")):
            field = fields[name]
            if isinstance(field, LoadedChoiceField):
                field.loaded = partial(_by, objects[name], key)
            field.ip_choices = self._marked(name, [("", field.empty_label)] + options.labels(
                kind, partial(_attribute, key), field.label_from_instance,
                gemeente=gemeente if kind == "wijken" else None,
            ))
        for name in ("dag", "voor"):
            fields[name].ip_choices = self._marked(name, list(fields[name].choices))

    def _marked(self, name, choices):
        current = str(self.form[name].value())
        marked = [(value, label, str(value) == current) for value, label in choices]
        # The <option>s as the template wrote them, made here: a hundred of them per page
        # (html.escape is Django's escape without its lazy-string wrapper).
        self.form.fields[name].ip_options = mark_safe("".join(  # every part escaped
            f'<option value="{escape(str(value))}"{" selected" if selected else ""}>'
            f"{escape(str(label))}</option>"
            for value, label, selected in marked
        ))
        return marked

    def filter_q(self, queryset, name, value):
        """Every word must match: in the text (titles, descriptions, organisation, place),
        or, when it names a language, among the languages spoken (infopunt.search)."""
        languages = options.languages()
        for word in query_words(value):
            condition = Q(search_text__contains=word)
            for code in languages_named(word, languages):
                condition |= Q(facets__contains=f" l:{code} ")
            queryset = queryset.filter(condition)
        return queryset

    # Theme, language and target group test Activity.facets (kept with the M2M choices by
    # activities_refresh): a LIKE on the row rather than a join probed for every activity.
    def filter_theme(self, queryset, name, value):
        return queryset.filter(facets__contains=f" t:{value.slug} ") if value else queryset

    def filter_language(self, queryset, name, value):
        return queryset.filter(facets__contains=f" l:{value.code} ") if value else queryset

    def filter_wijk(self, queryset, name, value):
        return queryset.filter(wijk=value) if value else queryset

    def filter_day(self, queryset, name, value):
        if value in (None, ""):
            return queryset
        # Django's week_day lookup counts Sunday = 1 .. Saturday = 7; ours Monday = 0.
        on_day = Occurrence.objects.filter(
            activity_id=OuterRef("pk"), date__gte=self.today,
            date__week_day=(int(value) + 1) % 7 + 1,
        )
        return queryset.filter(Exists(on_day))

    def filter_for(self, queryset, name, value):
        return queryset.filter(facets__contains=f" g:{value} ") if value else queryset

    def filter_week(self, queryset, name, value):
        if not value:
            return queryset
        soon = Occurrence.objects.filter(
            activity_id=OuterRef("pk"), date__gte=self.today, date__lte=week_end(self.today)
        )
        return queryset.filter(Exists(soon))

    def filter_free(self, queryset, name, value):
        return queryset.filter(cost="") if value else queryset

    def filter_newcomer_led(self, queryset, name, value):
        return queryset.filter(organisation__newcomer_led=True) if value else queryset

    def active_filters(self) -> dict:
        """The filters that took effect, by name, as their cleaned values."""
        data = getattr(self.form, "cleaned_data", {}) or {}
        return {k: v for k, v in data.items() if v not in (None, "", False)}


def _attribute(name, obj):
    return getattr(obj, name)


def _by(load, key: str) -> dict:
    """The objects of a cached list (`load`) by their `key` value, as a form submits it."""
    return {str(getattr(obj, key)): obj for obj in load()}


def current(queryset, today):
    """Current offer: activities with a date ahead or without a schedule (by appointment).

    "A date ahead" is `last_date` (the last occurrence, kept by activities_refresh): a test
    on the row. It comes first in the OR, so only the few rows without one are probed for
    a schedule.
    """
    # Correlated to an activity already in the gemeente's scope: the base manager, without
    # the scope's join back to the activity (which made the planner hash every activity).
    # The second, redundant condition (>= beside =) is one PostgreSQL cannot hash: without
    # it, when few rows are expected (a word search from the trigram index, initiatives
    # 0018) the planner chose to hash every schedule of the country (100,000 at `stress`,
    # 8-20 ms) for the few activities without a date ahead, instead of probing the index.
    has_schedule = Schedule._base_manager.filter(
        activity_id=OuterRef("pk"), activity_id__gte=OuterRef("pk"))
    return queryset.filter(Q(last_date__gte=today) | ~Exists(has_schedule))

