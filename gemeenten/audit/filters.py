"""The privacy officer's search of the audit log: period, account, action, purpose and the
person's opaque reference. Only ids and codes: the log holds no names, so none can be
searched for, and none ends up in a URL."""
from datetime import timedelta

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..forms import PortalForm
from ..models import AuditEvent
from ..privacy import start_of
from .models import Action, Purpose

JOB = "job"  # the account filter's choice for events written by a job (no account)
# What the apps write as subject_type, in words; another type shows as it is stored.
SUBJECT_TYPES = {
    "newcomer": _("person (newcomer)"),
    "council_report": _("report for the council"),
    "audit_log": _("audit log"),
}


def subject_type_label(code: str) -> str:
    return str(SUBJECT_TYPES.get(code, code))


class AccountSelect(forms.Select):
    """An account's user name is a name, not a word of the interface's language."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value not in ("", JOB):
            option["attrs"]["lang"] = "zxx"
        return option


def _search_form():
    """The filter's form: the period's checks across two fields. Made here, not at module
    level, because it has no fields of its own (the filter set adds them) and the walk of
    every form (tests/test_forms.py) would find an empty form that accepts anything."""

    class AuditSearchForm(PortalForm):
        def clean(self):
            data = super().clean()
            since, until = data.get("since"), data.get("until")
            for name, day in (("since", since), ("until", until)):
                # Far-off dates overflow when turned into a moment with a time zone.
                if day and not 1900 <= day.year <= 9998:
                    self.add_error(name, _("Choose a date between 1900 and 9998."))
                    return data
            if since and until and since > until:
                raise ValidationError(_("The period starts after it ends."))
            return data

    return AuditSearchForm


class AuditEventFilter(django_filters.FilterSet):
    since = django_filters.DateFilter(
        label=_("From"), method="filter_since",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    until = django_filters.DateFilter(
        label=_("Up to and including"), method="filter_until",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    actor = django_filters.ChoiceFilter(label=_("Account"), method="filter_actor",
                                        empty_label=_("All accounts"), widget=AccountSelect)
    action = django_filters.ChoiceFilter(label=_("Action"), choices=Action.choices,
                                         empty_label=_("All actions"))
    purpose = django_filters.ChoiceFilter(label=_("Purpose"), choices=Purpose.choices,
                                          empty_label=_("All purposes"))
    subject_type = django_filters.ChoiceFilter(label=_("Kind of record"),
                                               empty_label=_("All kinds"))
    subject_id = django_filters.CharFilter(
        label=_("Person's reference (opaque id)"), max_length=64,
        help_text=_("The number the audit log keeps for the person; from a person's request "
                    "it is filled in for you."))
    o = django_filters.ChoiceFilter(
        label=_("Order"), method="filter_order", empty_label=None,
        choices=[("-at", _("Newest first")), ("at", _("Oldest first"))])

    class Meta:
        model = AuditEvent
        form = _search_form()
        fields = []

    def __init__(self, *args, user, subject_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        from ..models import User

        accounts = User.objects.filter(gemeente=user.gemeente_id).order_by("username")
        self.filters["actor"].extra["choices"] = [(JOB, _("A job (no account)"))] + [
            (str(pk), username) for pk, username in accounts.values_list("pk", "username")]
        self.filters["subject_type"].extra["choices"] = [
            (code, subject_type_label(code)) for code in subject_types]

    def filter_since(self, queryset, name, value):
        return queryset.filter(at__gte=start_of(value))

    def filter_until(self, queryset, name, value):
        return queryset.filter(at__lt=start_of(value + timedelta(days=1)))

    def filter_actor(self, queryset, name, value):
        if value == JOB:
            return queryset.filter(actor_id__isnull=True)
        return queryset.filter(actor_id=int(value))

    def filter_order(self, queryset, name, value):
        return queryset.order_by(value, "pk" if value == "at" else "-pk")

    def summary(self) -> str:
        """The search in codes and ids, for the audit event of an export."""
        data = self.form.cleaned_data
        return " ".join(f"{key}={value}" for key, value in data.items()
                        if value not in (None, "") and key != "o")
