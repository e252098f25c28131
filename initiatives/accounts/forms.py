"""Forms for accounts that come in from outside: the invitation, accepting it, and the
self-registration of an initiative. Passwords go through Django's validators."""
import time

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordMixin
from django.core import signing
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from gemeenten.accounts.forms import USERNAME_MAX_LENGTH
from gemeenten.choices import Role
from gemeenten.forms import HoneypotMixin, PortalForm
from gemeenten.models import Language, Theme, Wijk

from ..choices import OrganisationKind
from ..models import Organisation
from .services import INVITABLE_ROLES, account_exists, invitable_organisations

# Django 5.2 changed this validator message and its own nl catalogue lacks the new msgid;
# naming it here puts it in the portal's catalogue, so the error shows in Dutch.
PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)

_STARTED_SALT = "initiatives.register-initiative"
# A registration form open longer than this is checked and sent again.
REGISTRATION_FORM_MAX_SECONDS = 2 * 60 * 60


def registration_started() -> str:
    """The signed moment the form was shown, in a hidden field: a person needs a few
    seconds to fill it in, a script not (no cookie or session needed)."""
    return signing.TimestampSigner(salt=_STARTED_SALT).sign("register")


def _started_error(value: str) -> str | None:
    try:
        signing.TimestampSigner(salt=_STARTED_SALT).unsign(
            value or "", max_age=REGISTRATION_FORM_MAX_SECONDS)
    except signing.SignatureExpired:
        return _("This form was open for a long time. Please check it and send it again.")
    except signing.BadSignature:
        return _("Something went wrong. Please send the form again.")
    issued = signing.b62_decode(value.rsplit(":", 2)[1])
    if time.time() - issued < settings.REGISTRATION_FORM_MIN_SECONDS:
        return _("That was very fast. Please check the form and send it again.")
    return None


class InvitationForm(PortalForm):
    # Not required: forwarding a contact request, the regisseur often knows only the
    # organisation's address. When given, the e-mail greets them by name and the account
    # form starts with it.
    first_name = forms.CharField(
        label=_("First name"), max_length=150, required=False,
        help_text=_("Not required. The e-mail greets them by name."),
    )
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    # The address becomes the username of the account (shorter than an e-mail column).
    email = forms.EmailField(label=_("E-mail address"), max_length=USERNAME_MAX_LENGTH)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(role.value, role.label) for role in INVITABLE_ROLES],
        widget=forms.RadioSelect,
        initial=Role.COORDINATOR,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— none: the coordinator registers their own initiative —"),
        help_text=_("Only organisations that work in your municipality."),
    )

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = invitable_organisations(by)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if account_exists(email):
            raise forms.ValidationError(
                _("There is already an account with this e-mail address.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.BEGELEIDER and not cleaned.get("organisation"):
            self.add_error(
                "organisation", _("A caseworker works for an organisation: choose it.")
            )
        return cleaned


class AccountPasswordForm(SetPasswordMixin, PortalForm):
    """Name and password of a new account whose username is its e-mail address."""

    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password1, password2 = SetPasswordMixin.create_password_fields()

    def __init__(self, *args, email: str = "", **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def account_email(self) -> str:
        return self.email

    def clean(self):
        cleaned = super().clean()
        self.validate_passwords()
        # A password like the person's own name or address is refused, so the validators
        # see an unsaved user with those attributes.
        candidate = get_user_model()(
            username=self.account_email(), email=self.account_email(),
            first_name=cleaned.get("first_name", ""), last_name=cleaned.get("last_name", ""),
        )
        self.validate_password_for_user(candidate)
        return cleaned


class InvitationAcceptForm(AccountPasswordForm):
    pass


class _LanguageChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        # Its own name, and beside it the name in Dutch (or, for others, in English), as
        # the infopunt names languages.
        other = obj.name_nl if translation.get_language() == "nl" else obj.name_en
        return obj.native_name if other == obj.native_name else f"{obj.native_name} ({other})"


class RegisterInitiativeForm(HoneypotMixin, AccountPasswordForm):
    """What the regisseur needs to judge the initiative (what, for whom, where, in which
    languages, how people reach it) and the account of the person who registers it; the
    rest is filled in later, or never. The gemeente comes from the page's address."""

    field_order = ["name", "kind", "newcomer_led", "description", "themes", "wijken",
                   "languages", "contact_email", "phone", "first_name", "email",
                   "password1", "password2"]

    name = forms.CharField(
        label=_("Name of your initiative"),
        max_length=Organisation._meta.get_field("name").max_length,
        help_text=_("The name people know you by."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=OrganisationKind.choices,
        initial=OrganisationKind.CITIZEN_INITIATIVE,
    )
    newcomer_led = forms.BooleanField(
        label=_("By and for newcomers"), required=False,
        help_text=_("Run by people who came to the Netherlands themselves."),
    )
    description = forms.CharField(
        label=_("What do you do?"), max_length=2000,
        help_text=_("One or two sentences. For example: a language café every Tuesday."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please say in a few words what you do.")},
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("What do you help with?"), queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one subject.")},
    )
    wijken = forms.ModelMultipleChoiceField(
        label=_("Districts where you work"), queryset=Wijk.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty if you work in the whole municipality."),
    )
    languages = _LanguageChoices(
        label=_("Languages you speak"), queryset=Language.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one language.")},
    )
    contact_email = forms.EmailField(
        label=_("E-mail for people who want to reach you"), required=False,
        max_length=Organisation._meta.get_field("email").max_length,
        help_text=_("Shown on the information point once the municipality agrees."),
    )
    phone = forms.CharField(
        label=_("Phone for people who want to reach you"), required=False,
        max_length=Organisation._meta.get_field("phone").max_length,
        help_text=_("Shown on the information point once the municipality agrees."),
    )
    first_name = forms.CharField(label=_("Your first name"), max_length=150)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("You log in with this address. We do not show it to the public."),
        max_length=USERNAME_MAX_LENGTH,  # it becomes the username
    )

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["last_name"]
        self.gemeente = gemeente
        self.fields["wijken"].queryset = Wijk.objects.filter(gemeente=gemeente).order_by("name")
        if not self.fields["wijken"].queryset.exists():
            del self.fields["wijken"]
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")

    def account_email(self) -> str:
        return (self.cleaned_data.get("email") or "").strip().lower()

    def clean_email(self):
        # Whether the address has an account is not said here: the e-mail tells its owner.
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("contact_email") or cleaned.get("phone", "").strip()):
            self.add_error("contact_email", _(
                "How can people reach you? Please give an e-mail address or a phone number."))
        problem = _started_error(self.data.get("started", ""))
        if problem:
            raise forms.ValidationError(problem, code="timing")
        return cleaned

    def organisation_fields(self) -> dict:
        fields = {key: self.cleaned_data[key] for key in (
            "name", "kind", "newcomer_led", "description", "contact_email")}
        fields["phone"] = self.cleaned_data["phone"].strip()
        fields["themes"] = list(self.cleaned_data["themes"])
        fields["languages"] = list(self.cleaned_data["languages"])
        fields["wijken"] = list(self.cleaned_data.get("wijken") or [])
        return fields
