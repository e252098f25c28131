import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from gemeenten.forms import PortalForm
from gemeenten.models import Theme
from gemeenten.text import normalise
from initiatives.filters import MonthFilter
from initiatives.models import Activity, Organisation

from .choices import ApplicationState, MembershipKind
from .models import CheckIn, Match, SessionTally, Vacancy, Volunteer, VolunteerApplication


class VolunteerFilter(django_filters.FilterSet):
    class Meta:
        model = Volunteer
        fields = []
        form = PortalForm

    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=100,
                                  widget=forms.TextInput(attrs={"type": "search"}))
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.none(),
        field_name="memberships__organisation", empty_label=_("All organisations"),
        distinct=True)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MembershipKind.choices,
                                       field_name="memberships__kind", empty_label=_("All"),
                                       distinct=True)
    o = django_filters.OrderingFilter(
        fields=(("surname", "name"), ("created_at", "registered")),
        field_labels={"surname": _("Name"), "created_at": _("Registered")},
        label=_("Sort by"), empty_label=_("Default order"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["organisation"].queryset = Organisation.objects.own(user)

    def filter_search(self, queryset, name, value):
        return queryset.search(normalise(value).split())


class SessionTallyFilter(django_filters.FilterSet):
    class Meta:
        model = SessionTally
        fields = []
        form = PortalForm

    activity = django_filters.ModelChoiceFilter(
        label=_("Activity"), queryset=Activity.objects.none(), empty_label=_("All activities"))
    month = MonthFilter(label=_("Month"), method="filter_month",
                        help_text=_("For example 2026-07 for July 2026."))
    o = django_filters.OrderingFilter(
        fields=(("session_date", "date"), ("activity__title", "activity"),
                ("total", "visitors")),
        field_labels={"session_date": _("Date"), "activity__title": _("Activity"),
                      "total": _("Visitors")},
        label=_("Sort by"), empty_label=_("Default order"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["activity"].queryset = Activity.objects.filter(
            pk__in=SessionTally.objects.for_user(user).values("activity_id")).order_by("title")

    def filter_month(self, queryset, name, value):
        year, month = value
        return queryset.filter(session_date__year=year, session_date__month=month)
class MatchFilter(django_filters.FilterSet):
    """The organisation's koppelingen: active or ended, sorted by a column."""

    class Meta:
        model = Match
        fields = []
        form = PortalForm

    state = django_filters.ChoiceFilter(
        label=_("State"), method="filter_state", empty_label=_("All"),
        choices=[("active", _("active")), ("ended", _("ended")),
                 ("attention", _("needs attention"))])
    o = django_filters.OrderingFilter(
        fields=(("starts_on", "start"), ("planned_end", "end"),
                ("volunteer__first_name", "volunteer")),
        field_labels={"starts_on": _("Start"), "planned_end": _("Planned end"),
                      "volunteer__first_name": _("Volunteer")},
        label=_("Sort by"), empty_label=_("Default order"))

    def filter_state(self, queryset, name, value):
        if value == "active":
            return queryset.filter(ended_on__isnull=True)
        if value == "ended":
            return queryset.filter(ended_on__isnull=False)
        if value == "attention":
            return queryset.filter(pk__in=CheckIn.objects.needs_attention().values("match_id"))
        return queryset


class VacancyFilter(django_filters.FilterSet):
    class Meta:
        model = Vacancy
        fields = []
        form = PortalForm

    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=100,
                                  widget=forms.TextInput(attrs={"type": "search"}))
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=[("open", _("open")), ("closed", _("closed"))],
        method="filter_state", empty_label=_("All"))
    theme = django_filters.ModelChoiceFilter(label=_("Theme"), queryset=Theme.objects.all(),
                                             empty_label=_("All themes"))
    o = django_filters.OrderingFilter(
        fields=(("title", "title"), ("starts_on", "starts"), ("created_at", "created")),
        field_labels={"title": _("Title"), "starts_on": _("From"), "created_at": _("Created")},
        label=_("Sort by"), empty_label=_("Default order"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)

    def filter_search(self, queryset, name, value):
        return queryset.search(normalise(value).split())

    def filter_state(self, queryset, name, value):
        return queryset.filter(is_open=value == "open")


class ApplicationFilter(django_filters.FilterSet):
    class Meta:
        model = VolunteerApplication
        fields = []
        form = PortalForm

    state = django_filters.ChoiceFilter(label=_("State"), choices=ApplicationState.choices,
                                        empty_label=_("All"))
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.none(),
        empty_label=_("All organisations"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["organisation"].queryset = Organisation.objects.own(user)
