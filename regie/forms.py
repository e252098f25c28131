"""The regisseur's forms of the coordination layer: taakstelling, expected arrivals, and the
period of the referral network. Numbers only; a note never holds personal data."""
from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from gemeenten.forms import PortalForm, PortalModelForm
from initiatives.filters import MonthField

from .models import ExpectedArrival, Taakstelling

MAX_NUMBER = 100_000
NOT_NEGATIVE = _("Enter 0 or more.")
TOO_LARGE = _("Enter a number up to %(limit_value)s.")


def _number_field(label, help_text=""):
    return forms.IntegerField(
        label=label, help_text=help_text,
        validators=[MinValueValidator(0, NOT_NEGATIVE), MaxValueValidator(MAX_NUMBER, TOO_LARGE)],
        widget=forms.NumberInput(attrs={"min": 0, "max": MAX_NUMBER, "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter a whole number, e.g. 12.")})


class TaakstellingForm(PortalModelForm):
    year = forms.IntegerField(
        label=_("Year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        error_messages={"invalid": _("Enter a year like 2027.")},
        widget=forms.NumberInput(attrs={"min": 2000, "max": 2100}))
    number = _number_field(_("Statushouders to house"),
                           _("The number the gemeente must house in this half year."))

    class Meta:
        model = Taakstelling
        fields = ["year", "half", "number", "note"]

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeente = gemeente
        if not self.instance.pk and not self.is_bound:
            from django.utils import timezone

            today = timezone.localdate()
            self.initial.setdefault("year", today.year)
            self.initial.setdefault("half", 1 if today.month <= 6 else 2)

    def clean(self):
        data = super().clean()
        year, half = data.get("year"), data.get("half")
        if year and half:
            twice = Taakstelling.objects.filter(gemeente=self.gemeente, year=year, half=half)
            if self.instance.pk:
                twice = twice.exclude(pk=self.instance.pk)
            if twice.exists():
                raise forms.ValidationError(
                    _("This half year has a taakstelling already: change that one instead."),
                    code="unique")
        return data


class ExpectedArrivalForm(PortalModelForm):
    month = MonthField(label=_("Month"), help_text=_("For example 2027-03 for March 2027."))
    number = _number_field(_("Expected arrivals"),
                           _("How many statushouders are expected to be housed that month."))

    class Meta:
        model = ExpectedArrival
        fields = ["month", "number", "note"]

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeente = gemeente
        if self.instance.pk and not self.is_bound:
            self.initial["month"] = f"{self.instance.month:%Y-%m}"

    def clean_month(self):
        value = self.cleaned_data["month"]
        if value is None:
            raise forms.ValidationError(_("Enter a month like 2026-09."), code="required")
        month = date(value[0], value[1], 1)
        twice = ExpectedArrival.objects.filter(gemeente=self.gemeente, month=month)
        if self.instance.pk:
            twice = twice.exclude(pk=self.instance.pk)
        if twice.exists():
            raise forms.ValidationError(
                _("This month has expected arrivals already: change that row instead."),
                code="unique")
        return month


class PeriodForm(PortalForm):
    """From and until a month, both included; empty: the last 12 months."""

    start = MonthField(label=_("From month"), required=False)
    end = MonthField(label=_("Until month"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The first month lies after the last."),
                                        code="order")
        return data
