"""Forms of the sociale kaart: small, so a volunteer registers an activity in minutes."""
from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.forms import PortalForm, PortalModelForm
from gemeenten.languages import language_name
from gemeenten.models import Language, TargetGroup, Theme, Wijk, infopunt_translation_languages

from .choices import WEEKDAYS
from .models import Activity, Organisation, Schedule


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def _checkboxes(queryset, label, *, help_text=""):
    return forms.ModelMultipleChoiceField(
        queryset=queryset, required=False, label=label, help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


class OrganisationForm(PortalModelForm):
    """What an organisation tells about itself; only the name is required."""

    themes = _checkboxes(Theme.objects.all(), _("What do you help with?"))
    languages = _checkboxes(Language.objects.all(), _("Languages you speak"))
    website = forms.URLField(
        label=_("website"), required=False, assume_scheme="https",
        max_length=Organisation._meta.get_field("website").max_length,
    )
    wijken = forms.ModelMultipleChoiceField(
        queryset=Wijk.objects.none(), required=False, label=_("Districts where you work"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = [
            "name", "kind", "newcomer_led", "description", "themes", "languages",
            "communities_reached", "website", "email", "phone",
            "referral_capacity_per_month", "begeleiding_capacity", "story",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "story": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, gemeente=None, presence=None, shared_fields_locked=False,
                 **kwargs):
        super().__init__(*args, **kwargs)
        if gemeente is None:
            del self.fields["wijken"]
        else:
            self.fields["wijken"].queryset = Wijk.objects.filter(gemeente=gemeente)
            if presence is not None:
                self.initial["wijken"] = list(presence.wijken.values_list("pk", flat=True))
        self.fields["name"].help_text = _("The name people know you by.")
        self.shared_fields_locked = shared_fields_locked
        if shared_fields_locked:
            # What every gemeente sees is the organisation's own (or shared with another
            # gemeente): shown, not changed; a disabled field ignores what is posted.
            for name in self._meta.fields:
                self.fields[name].disabled = True


# The infopunt languages besides Dutch: an activity's title and description may be given in
# each (django-modeltranslation's title_ar, description_ar, ...).
TRANSLATION_LANGUAGES = infopunt_translation_languages()
TRANSLATION_FIELDS = [
    f"{field}_{code}" for code in TRANSLATION_LANGUAGES for field in ("title", "description")
]


class ActivityForm(PortalModelForm):
    """One offer. Title is the only required field; empty cost means free.

    "title" and "description" are the Dutch texts (staff pages are Dutch, so modeltranslation
    writes them to title_nl); the translations are optional, one title and description per
    infopunt language, and an empty one is stored as nothing (the infopunt then shows Dutch
    and says so)."""

    themes = _checkboxes(Theme.objects.all(), _("Themes"))
    languages = _checkboxes(
        Language.objects.all(), _("Languages spoken"),
        help_text=_("Which languages can people use here, besides Dutch?"),
    )
    target_groups = _checkboxes(TargetGroup.objects.all(), _("For whom"))

    class Meta:
        model = Activity
        fields = [
            "title", "description", *TRANSLATION_FIELDS,
            "themes", "languages", "target_groups",
            "online", "address", "postcode", "city", "wijk",
            "cost", "signup_required", "capacity", "email", "phone",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            **{f"description_{code}": forms.Textarea(attrs={"rows": 3})
               for code in TRANSLATION_LANGUAGES},
        }
        help_texts = {
            "title": _("For example: Taalcafé on Tuesday evening"),
            "cost": _("Leave empty when it is free. Otherwise write it as you would say it, "
                      "e.g. '€ 2 per evening'."),
            "capacity": _("Leave empty when there is no limit."),
            "online": _("Tick when the activity takes place online."),
        }

    def __init__(self, *args, gemeente=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk"].queryset = (
            Wijk.objects.filter(gemeente=gemeente) if gemeente else Wijk.objects.none()
        )
        self.fields["wijk"].empty_label = _("— no particular district —")
        self.fields["title"].required = True
        self.fields["title"].label = _("Title in Dutch")
        self.fields["description"].label = _("Description in Dutch")
        self._translation_fields()

    def _translation_fields(self):
        """Labels in Dutch ("Title in Arabic"), and lang and dir on each input, so a browser
        and a screen reader treat the text as that language and an Arabic one runs right to
        left while typing."""
        from django.conf import settings
        from django.utils.translation import get_language_info

        names = {lang.code: lang for lang in Language.objects.filter(
            code__in=TRANSLATION_LANGUAGES)}
        own_names = dict(settings.LANGUAGES)  # as the infopunt's language choice names them
        self.translations = []
        for code in TRANSLATION_LANGUAGES:
            language = names.get(code)
            info = get_language_info(code)
            name_of = language_name(language) if language else info["name_translated"]
            for name, label in ((f"title_{code}", _("Title in %(language)s")),
                                (f"description_{code}", _("Description in %(language)s"))):
                field = self.fields[name]
                field.required = False
                field.label = label % {"language": name_of}
                field.help_text = ""
                field.widget.attrs.update(
                    {"lang": code, "dir": "rtl" if info["bidi"] else "ltr"})
            # Bound fields only now: a BoundField copies its label when it is made.
            title, description = self[f"title_{code}"], self[f"description_{code}"]
            self.translations.append({
                "code": code, "name": name_of, "own_name": own_names.get(code, code),
                "rtl": info["bidi"], "title": title, "description": description,
                "filled": bool(title.value() or description.value()),
            })

    @property
    def filled_translations(self) -> list[str]:
        return [t["name"] for t in self.translations if t["filled"]]

    @property
    def translation_errors(self) -> bool:
        return any(self.errors.get(name) for name in TRANSLATION_FIELDS)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cost"):
            cleaned["cost"] = cleaned["cost"].strip()
        for name in TRANSLATION_FIELDS:
            # Nothing rather than "": not translated (Activity.is_translated, the infopunt).
            if name in cleaned and not (cleaned[name] or "").strip():
                cleaned[name] = None
        return cleaned


class ScheduleForm(PortalModelForm):
    """When: one rule (weekly, every two weeks, monthly or once) and its season."""

    weekdays = forms.TypedMultipleChoiceField(
        choices=WEEKDAYS, coerce=int, required=False, label=_("Days"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Schedule
        fields = [
            "frequency", "weekdays", "week_of_month", "start_time", "end_time",
            "valid_from", "valid_until",
        ]
        widgets = {
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
        }
        help_texts = {
            "week_of_month": _("Only for monthly: which week of the month."),
            "valid_from": _("The first date (for 'once': the date itself)."),
            "valid_until": _("Leave empty when it goes on. Fill it in for a season "
                             "or before a summer break."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["weekdays"] = self.instance.weekday_list
        else:
            self.fields["valid_from"].initial = timezone.localdate
        self.fields["week_of_month"].required = False

    def clean_weekdays(self) -> str:
        # Stored as "0,2": Monday = 0, as date.weekday().
        return ",".join(str(d) for d in sorted(set(self.cleaned_data["weekdays"])))


def schedule_formset(*, data=None, instance=None, prefix="schedules"):
    """One empty schedule for a new activity; none extra when it already has some."""
    has_schedules = instance is not None and instance.pk and instance.schedules.exists()
    formset_class = inlineformset_factory(
        Activity, Schedule, form=ScheduleForm, extra=0 if has_schedules else 1,
        can_delete=True, max_num=10, validate_max=True,
    )
    return formset_class(data=data, instance=instance, prefix=prefix)


class RejectForm(PortalForm):
    reason = forms.CharField(
        label=_("Reason (not required)"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the organisation's staff in the e-mail."),
    )

    def __init__(self, *args, anyone_told: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not anyone_told:
            # The reason is not kept: it only travels in the e-mail, and none goes out.
            del self.fields["reason"]
