"""Forms of the coordination layer: signals and their answers, messages to partners,
taakstelling, expected arrivals and the period of the referral network. Numbers only in the
figures; a note or signal never holds personal data."""
import uuid
from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from gemeenten.forms import PortalForm, PortalModelForm
from gemeenten.models import Theme, Wijk
from initiatives.choices import OrganisationKind
from initiatives.filters import MonthField
from initiatives.models import Organisation

from .models import ExpectedArrival, PartnerMessage, Signal, Taakstelling

TEXT_MAX = 4000
NO_PERSONAL_DATA = _("Describe what you see in general terms. Never write names or other "
                     "details of newcomers here: the municipality needs the pattern, not "
                     "the person.")


class SignalForm(PortalForm):
    organisation = forms.ModelChoiceField(label=_("Organisation"),
                                          queryset=Organisation.objects.none())
    topic = forms.CharField(label=_("Topic"),
                            max_length=Signal._meta.get_field("topic").max_length,
                            help_text=_("In a few words, e.g. “Young people have nothing to do "
                                        "in the summer”."))
    text = forms.CharField(label=_("What do you see?"), max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 6}), help_text=NO_PERSONAL_DATA)
    wijk = forms.ModelChoiceField(label=_("District"), queryset=Wijk.objects.none(),
                                  required=False, empty_label=_("Not about one district"))
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(),
                                   required=False, empty_label=_("Not about one theme"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.own(user)
        self.fields["wijk"].queryset = Wijk.objects.for_user(user)
        if len(self.fields["organisation"].queryset) == 1:
            self.fields["organisation"].initial = self.fields["organisation"].queryset[0].pk


class SignalReplyForm(PortalForm):
    text = forms.CharField(label=_("Your message"), max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 4}), help_text=NO_PERSONAL_DATA)


class PartnerMessageForm(PortalForm):
    """The message and its selection. A hidden token makes one message of one form, however
    often "send" is pressed."""

    subject = forms.CharField(label=_("Subject"),
                              max_length=PartnerMessage._meta.get_field("subject").max_length)
    body = forms.CharField(label=_("Message"), max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("E.g. “Twelve families will be housed in Voorhof in "
                                       "March.” Counts only: no names or details of people."))
    essential = forms.BooleanField(
        label=_("Essential"), required=False,
        help_text=_("Tick only for what every partner must know (a change in the rules, a "
                    "wave of arrivals). Coordinators who asked for fewer e-mails get it too."))
    themes = forms.ModelMultipleChoiceField(label=_("Themes"), queryset=Theme.objects.all(),
                                            required=False, widget=forms.CheckboxSelectMultiple,
                                            help_text=_("None ticked: every theme."))
    wijken = forms.ModelMultipleChoiceField(label=_("Districts"), queryset=Wijk.objects.none(),
                                            required=False, widget=forms.CheckboxSelectMultiple,
                                            help_text=_("None ticked: every district."))
    kinds = forms.MultipleChoiceField(label=_("Kinds of organisation"),
                                      choices=OrganisationKind.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple,
                                      help_text=_("None ticked: every kind."))
    newcomer_led_only = forms.BooleanField(label=_("Only organisations by and for newcomers"),
                                           required=False)
    token = forms.CharField(widget=forms.HiddenInput, max_length=36)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijken"].queryset = Wijk.objects.for_user(user)

    def clean_token(self):
        try:
            return uuid.UUID(self.cleaned_data["token"])
        except ValueError:
            raise forms.ValidationError(
                _("This form is no longer valid. Open the page again."), code="token") from None


class MessagePreferenceForm(PortalForm):
    ALL, ESSENTIAL = "all", "essential"
    receive = forms.ChoiceField(
        label=_("Which messages of the municipality do you want by e-mail?"),
        choices=[(ALL, _("Every message")), (ESSENTIAL, _("Only the essential messages"))],
        widget=forms.RadioSelect,
        help_text=_("You can still read every message in the portal."))


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
