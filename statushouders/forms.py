"""Forms for newcomers and their begeleiding; choices limited to the user's gemeente and
organisation."""
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.audit import Purpose
from gemeenten.choices import Role
from gemeenten.forms import PortalForm, PortalModelForm
from gemeenten.models import Theme, User, Wijk
from initiatives.models import Organisation

from .choices import NO_NEED_THEME
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
