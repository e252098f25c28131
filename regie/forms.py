"""Forms of the coordination layer: signals, their answers, messages to partners."""
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from gemeenten.forms import PortalForm
from gemeenten.models import Theme, Wijk
from initiatives.choices import OrganisationKind
from initiatives.models import Organisation

from .models import PartnerMessage, Signal

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
