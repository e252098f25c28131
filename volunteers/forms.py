"""The coördinator's forms: volunteers, trainings, vacancies and deciding on sign-ups."""
from django import forms
from django.utils.translation import gettext_lazy as _

from gemeenten.forms import PortalForm, PortalModelForm
from gemeenten.models import Language, Theme, Wijk
from initiatives.models import Organisation
from statushouders.choices import DAY_PARTS, WEEKDAY_CODES

from .choices import LanguageLevel, MembershipKind
from .models import Training, Vacancy, Volunteer


class VolunteerForm(PortalModelForm):
    organisation = forms.ModelChoiceField(label=_("Organisation"),
                                          queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=MembershipKind.choices,
                             initial=MembershipKind.OCCASIONAL)
    spoken = forms.ModelMultipleChoiceField(
        label=_("Languages"), queryset=Language.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple, to_field_name="code")
    level = forms.ChoiceField(label=_("Level of those languages"),
                              choices=LanguageLevel.choices, initial=LanguageLevel.GOOD)
    available = forms.MultipleChoiceField(
        label=_("Available"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(f"{d}-{p}", f"{dl} {pl}") for d, dl in WEEKDAY_CODES for p, pl in DAY_PARTS])

    class Meta:
        model = Volunteer
        fields = ["first_name", "surname", "email", "phone", "wijk", "interests",
                  "ervaringsdeskundige", "max_koppelingen", "vog", "vog_date",
                  "visible_across_organisations"]
        widgets = {"interests": forms.CheckboxSelectMultiple,
                   "vog_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.own(user)
        self.fields["wijk"].queryset = Wijk.objects.filter(gemeente=user.gemeente_id)

    def clean(self):
        data = super().clean()
        if data.get("vog_date") and not data.get("vog"):
            self.add_error("vog", _("Tick this when the volunteer has a VOG with that date."))
        if not data.get("email") and not data.get("phone"):
            self.add_error("email", _("Give an e-mail address or a phone number."))
        self.instance.availability = ",".join(data.get("available") or [])
        return data


class TrainingForm(PortalModelForm):
    class Meta:
        model = Training
        fields = ["organisation", "topic", "starts_at", "place", "seats", "open_to_others"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                    format="%Y-%m-%dT%H:%M")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.own(user)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class TrainingSignupForm(PortalForm):
    volunteer = forms.ModelChoiceField(label=_("Volunteer"), queryset=Volunteer.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = Volunteer.objects.for_user(user).filter(
            anonymised_at__isnull=True).order_by("surname", "first_name")


class VacancyForm(PortalModelForm):
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages wanted"), queryset=Language.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple, to_field_name="code")

    class Meta:
        model = Vacancy
        fields = ["organisation", "title", "description", "theme", "wijk", "starts_on",
                  "ends_on", "hours", "languages"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}),
                   "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.own(user)
        self.fields["wijk"].queryset = Wijk.objects.filter(gemeente=user.gemeente_id)
        self.fields["theme"].queryset = Theme.objects.order_by("name")
        self.fields["languages"].queryset = Language.objects.order_by("name_nl")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date comes after the start date."))
        return data


class ApplicationAcceptForm(PortalForm):
    kind = forms.ChoiceField(label=_("Joins as"), choices=MembershipKind.choices,
                             initial=MembershipKind.OCCASIONAL)


class ApplicationDeclineForm(PortalForm):
    reason = forms.CharField(
        label=_("Reason (not required)"), max_length=500, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("When they gave an e-mail address, they receive this in their e-mail."))
