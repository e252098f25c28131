"""The coördinator's volunteer and training forms, and the session tally form."""
from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.forms import PortalForm, PortalModelForm
from gemeenten.models import Language, Theme, Wijk
from initiatives.models import Activity, Organisation
from statushouders.choices import DAY_PARTS, WEEKDAY_CODES

from .choices import GoalMoment, GoalResult, LanguageLevel, MatchEndReason, MembershipKind
from .models import Training, Vacancy, Volunteer
from .models.tallies import MAX_VISITORS, WENT_WELL_MAX_LENGTH
from .querysets import recordable_activities


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


# How far back a tally may be recorded: a session is counted soon after, not months later.
TALLY_DAYS_BACK = 60


def _count_field(label):
    return forms.IntegerField(
        label=label, min_value=0, max_value=MAX_VISITORS, initial=0,
        error_messages={"min_value": _("A number of people cannot be below 0."),
                        "max_value": _("That is more than %(limit_value)s: please check "
                                       "the number."),
                        "invalid": _("Type a whole number, e.g. 12."),
                        "required": _("Type a number (0 when nobody).")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "pattern": "[0-9]*",
                                        "min": 0, "class": "tally-count"}))


class SessionTallyForm(PortalForm):
    """One phone screen: which session, how many came. No names, ever."""

    activity = forms.ModelChoiceField(
        label=_("Activity"), queryset=Activity.objects.none(),
        error_messages={"invalid_choice": _("Choose one of your organisation's activities."),
                        "required": _("Choose the activity.")})
    session_date = forms.DateField(
        label=_("Date of the session"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date like 2026-03-14."),
                        "required": _("Enter the date of the session.")})
    total = _count_field(_("Visitors in all"))
    newcomers = _count_field(_("Of whom newcomers"))
    first_timers = _count_field(_("Of whom here for the first time"))
    went_well = forms.CharField(
        label=_("What went well? (optional)"), required=False,
        max_length=WENT_WELL_MAX_LENGTH,
        help_text=_("One sentence, without names."))

    def __init__(self, *args, user, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["activity"].queryset = recordable_activities(user).order_by("title", "pk")
        self.fields["session_date"].initial = self.today
        self.fields["session_date"].widget.attrs.update({
            "max": self.today.isoformat(),
            "min": (self.today - timedelta(days=TALLY_DAYS_BACK)).isoformat()})

    def clean_session_date(self):
        day = self.cleaned_data["session_date"]
        if day > self.today:
            raise forms.ValidationError(
                _("That date is still to come: record a session after it took place."))
        if day < self.today - timedelta(days=TALLY_DAYS_BACK):
            raise forms.ValidationError(
                _("That is more than %(days)s days ago: tallies are recorded soon after the "
                  "session.") % {"days": TALLY_DAYS_BACK})
        return day

    def clean(self):
        data = super().clean()
        total = data.get("total")
        if total is not None:
            if (data.get("newcomers") or 0) > total:
                self.add_error("newcomers",
                               _("There cannot be more newcomers than visitors in all."))
            if (data.get("first_timers") or 0) > total:
                self.add_error("first_timers", _("There cannot be more first-timers than "
                                                 "visitors in all."))
        return data
# --- koppelingen ----------------------------------------------------------------------------

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _goal_field(number: int):
    return forms.CharField(
        label=_("Goal %(number)s") % {"number": number}, max_length=200, required=False,
        help_text=_("In the newcomer's words: what I want to be able to do.")
        if number == 1 else "")


class MatchStartForm(PortalForm):
    """The coördinator starts the koppeling with the chosen volunteer and, right away, up to
    three goals of the newcomer. With warnings, the choice needs a tick to confirm."""

    starts_on = forms.DateField(label=_("Start"), widget=DATE_WIDGET)
    planned_end = forms.DateField(
        label=_("Planned end"), widget=DATE_WIDGET, required=False,
        help_text=_("Empty: the municipality's usual period after the start."))
    one_on_one = forms.BooleanField(label=_("One-on-one (they meet alone)"), required=False,
                                    initial=True)
    goal_1 = _goal_field(1)
    goal_2 = _goal_field(2)
    goal_3 = _goal_field(3)
    confirm = forms.BooleanField(label=_("I have read the warnings and choose this volunteer "
                                         "anyway"), required=False)

    def __init__(self, *args, warnings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.warnings = list(warnings)
        if not self.warnings:
            del self.fields["confirm"]

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("The planned end cannot be before the start."))
        if self.warnings and not data.get("confirm"):
            self.add_error("confirm", _("Tick this to start the koppeling despite the "
                                        "warnings."))
        return data

    @property
    def goals(self) -> list[str]:
        return [self.cleaned_data.get(f"goal_{n}") or "" for n in (1, 2, 3)]


class MatchEndForm(PortalForm):
    ended_on = forms.DateField(label=_("Ended on"), widget=DATE_WIDGET)
    # No reason chosen in advance: the retention view counts them.
    reason = forms.ChoiceField(label=_("Reason"),
                               choices=[("", _("Choose a reason")), *MatchEndReason.choices])
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)

    def __init__(self, *args, match=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.match = match

    def clean_ended_on(self):
        ended_on = self.cleaned_data["ended_on"]
        if ended_on > timezone.localdate():
            raise forms.ValidationError(_("The end cannot be in the future."))
        if self.match is not None and ended_on < self.match.starts_on:
            raise forms.ValidationError(_("The end cannot be before the start."))
        return ended_on


class GoalForm(PortalForm):
    text = forms.CharField(label=_("Goal"), max_length=200,
                           help_text=_("In the newcomer's words: what I want to be able to do."))

    def __init__(self, *args, **kwargs):
        # Beside the check-in form on the koppeling's page: ids of its own ("id_text" twice
        # tied the check-in's label to the goal's field).
        kwargs.setdefault("auto_id", "id_goal_%s")
        super().__init__(*args, **kwargs)


class GoalEvaluateForm(PortalForm):
    moment = forms.ChoiceField(label=_("When"), choices=GoalMoment.choices)
    result = forms.ChoiceField(label=_("Result"), choices=GoalResult.choices,
                               widget=forms.RadioSelect)
    words = forms.CharField(label=_("In their own words (one line)"), max_length=200,
                            required=False)


class CheckInForm(PortalForm):
    """The volunteer's one line after meeting, on a phone."""

    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    text = forms.CharField(label=_("How did it go? (one line)"), max_length=200)
    needs_attention = forms.BooleanField(label=_("The coördinator should look at this"),
                                         required=False)

    def __init__(self, *args, match=None, **kwargs):
        kwargs.setdefault("auto_id", "id_checkin_%s")  # beside the goal form: see GoalForm
        super().__init__(*args, **kwargs)
        self.match = match

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if self.match is not None and on < self.match.starts_on:
            raise forms.ValidationError(_("The date cannot be before the koppeling started."))
        return on


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
