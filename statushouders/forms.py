"""Forms for newcomers and their begeleiding; choices limited to the user's gemeente and
organisation."""
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.audit import Purpose
from gemeenten.choices import Role
from gemeenten.forms import PortalForm, PortalModelForm
from gemeenten.models import Theme, User, Wijk
from initiatives.models import Organisation

from .choices import (
    DAY_PARTS,
    NO_NEED_THEME,
    WEEKDAY_CODES,
    FlagKind,
    FlagOutcome,
    ReferralState,
    SharedField,
)
from .models import Begeleiding, Newcomer


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class NewcomerForm(PortalModelForm):
    class Meta:
        model = Newcomer
        fields = ["registratienummer", "first_name", "surname", "phone", "email",
                  "birth_year", "languages", "household_size", "wijk", "housing_date",
                  "residence_basis", "learning_route", "needs"]
        widgets = {
            "housing_date": DateInput(),
            "languages": forms.CheckboxSelectMultiple,
            "needs": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk"].queryset = Wijk.objects.filter(gemeente=gemeente)
        # A need is a theme, never health: a referral to a health activity records none.
        self.fields["needs"].queryset = Theme.objects.exclude(slug=NO_NEED_THEME)
        self.fields["learning_route"].help_text = _(
            "Only where it decides which offer fits.")
        year = timezone.localdate().year
        self.fields["birth_year"].widget.attrs.update({"min": 1900, "max": year})

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year and year > timezone.localdate().year:
            raise forms.ValidationError(_("A year of birth cannot be in the future."))
        return year


class BegeleidingForm(PortalModelForm):
    class Meta:
        model = Begeleiding
        fields = ["caseworker", "start", "planned_end", "actual_end", "end_reason"]
        widgets = {"start": DateInput(), "planned_end": DateInput(),
                   "actual_end": DateInput()}

    def __init__(self, *args, organisation: Organisation, starting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = User.objects.filter(
            organisations=organisation, role=Role.BEGELEIDER, is_active=True,
        ).order_by("first_name", "last_name")
        self.fields["caseworker"].label_from_instance = (
            lambda user: user.get_full_name() or user.email)
        self.fields["caseworker"].empty_label = _("Everyone of the organisation")
        if starting:  # a new begeleiding has not ended yet
            del self.fields["actual_end"]
            del self.fields["end_reason"]
            self.fields["start"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        start, planned, actual = (data.get("start"), data.get("planned_end"),
                                  data.get("actual_end"))
        if start and planned and planned < start:
            self.add_error("planned_end", _("The planned end cannot be before the start."))
        if start and actual and actual < start:
            self.add_error("actual_end", _("The end cannot be before the start."))
        if actual and not data.get("end_reason"):
            self.add_error("end_reason", _("Say why the begeleiding ended."))
        if data.get("end_reason") and not actual and "actual_end" in self.fields:
            self.add_error("actual_end", _("Give the date the begeleiding ended."))
        return data


class OpenDetailsForm(PortalForm):
    """The regisseur's reason for opening a person's details: logged with the view."""

    purpose = forms.ChoiceField(
        label=_("Purpose"),
        choices=[(Purpose.REGIE, Purpose.REGIE.label), (Purpose.HANDOVER, Purpose.HANDOVER.label)],
    )
    reason = forms.CharField(
        label=_("Reason"), min_length=10, max_length=300,
        help_text=_("Why you need this person's details now. It is logged with your name."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


def default_instemming_text() -> str:
    """In the active language: the referral form shows it, the print page prints it in the
    person's language."""
    from django.utils.translation import gettext

    return gettext(
        "I agree that my caseworker shares the ticked details with the organisation named "
        "above, so that it can contact me about this referral. I can withdraw this at any "
        "time by telling my caseworker.")


class ReferralForm(PortalForm):
    """A begeleider refers a person: to whom, for what, when they can, and the instemming."""

    to_organisation = forms.ModelChoiceField(label=_("To organisation"),
                                             queryset=Organisation.objects.none())
    to_activity = forms.ModelChoiceField(label=_("Activity (optional)"), required=False,
                                         queryset=None)
    need = forms.ModelChoiceField(label=_("Need"), required=False, queryset=None,
                                  help_text=_("Not for a health activity."))
    availability = forms.MultipleChoiceField(
        label=_("Available"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(f"{d}-{p}", f"{dl} {pl}") for d, dl in WEEKDAY_CODES for p, pl in DAY_PARTS],
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    introduction_date = forms.DateField(label=_("Introduction meeting (optional)"),
                                        required=False, widget=DateInput())
    shared_fields = forms.MultipleChoiceField(
        label=_("The person agrees to share with this organisation"),
        choices=SharedField.choices, widget=forms.CheckboxSelectMultiple,
    )
    instemming_language = forms.ChoiceField(label=_("Language of the text the person agreed to"))
    instemming_text = forms.CharField(
        label=_("Text the person agreed to"), max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    guardian = forms.CharField(label=_("Guardian (for a minor)"), required=False,
                               max_length=120)
    send_anyway = forms.BooleanField(
        label=_("Send anyway: I know about the open referral for this need"), required=False)

    def __init__(self, *args, gemeente, exclude_organisation=None, held_fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        from initiatives.models import Activity

        if held_fields is not None:  # an onward referral shares at most what is held
            self.fields["shared_fields"].choices = [
                (value, label) for value, label in SharedField.choices if value in held_fields]
            del self.fields["send_anyway"]

        organisations = Organisation.objects.in_gemeente(gemeente).order_by("name")
        if exclude_organisation is not None:
            organisations = organisations.exclude(pk=exclude_organisation.pk)
        self.fields["to_organisation"].queryset = organisations
        self.fields["to_activity"].queryset = (
            Activity.objects.in_gemeente(gemeente).active().select_related("organisation")
            .order_by("organisation__name", "title"))
        self.fields["to_activity"].label_from_instance = (
            lambda a: f"{a.organisation.name} — {a.title}")
        self.fields["need"].queryset = Theme.objects.exclude(slug=NO_NEED_THEME)
        self.fields["instemming_language"].choices = [
            (code, name) for code, name in settings.LANGUAGES]
        self.fields["instemming_language"].initial = "nl"
        self.fields["instemming_text"].initial = default_instemming_text

    def clean(self):
        data = super().clean()
        activity, organisation = data.get("to_activity"), data.get("to_organisation")
        if activity and organisation and activity.organisation_id != organisation.pk:
            self.add_error("to_activity", _("That activity is not of this organisation."))
        return data


class AnswerForm(PortalForm):
    """One-click answers carry the version the user saw; a reason where one is needed."""

    to_state = forms.ChoiceField(choices=ReferralState.choices, widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)


class FlagCloseForm(PortalForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=FlagOutcome.choices)
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, flag, **kwargs):
        super().__init__(*args, **kwargs)
        if flag.kind != FlagKind.NO_HANDOVER:
            self.fields["outcome"].choices = [
                (FlagOutcome.DONE, FlagOutcome.DONE.label),
                (FlagOutcome.OTHER, FlagOutcome.OTHER.label)]
        else:
            self.fields["outcome"].choices = [
                (value, label) for value, label in FlagOutcome.choices
                if value != FlagOutcome.DONE]


class PersonLookupForm(PortalForm):
    """The privacy officer finds a person by their case reference, never by name."""

    organisation = forms.ModelChoiceField(label=_("Organisation"),
                                          queryset=Organisation.objects.none())
    registratienummer = forms.CharField(label=_("Registration number"), max_length=40)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.in_gemeente(user.gemeente_id).filter(newcomers__isnull=False)
            .distinct().order_by("name"))


class ErasureForm(PortalForm):
    reason = forms.CharField(label=_("Request (reference or date of the request)"),
                             max_length=300)
    confirm = forms.BooleanField(label=_("I understand this cannot be undone"))


class NewcomerUploadForm(PortalForm):
    file = forms.FileField(label=_("Spreadsheet (.csv or .xlsx)"))
