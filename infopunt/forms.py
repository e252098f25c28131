"""The "please contact me" form: a honeypot and a signed timestamp instead of a CSRF cookie,
so it sets no cookie and works on a kiosk where everyone shares one IP address.

The signed token also carries a random nonce: the contact request stores it under a unique
constraint, so one token makes at most one request (a replayed POST stores nothing)."""
import re
import secrets
import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from gemeenten.forms import HoneypotMixin, PortalForm
from gemeenten.models import Language

from . import conf

_SALT = "infopunt.contact-form"
_PHONE = re.compile(r"^\+?[0-9 ()\-.]{6,30}$")


def form_token(activity_id: int | str) -> str:
    nonce = secrets.token_urlsafe(12)  # 16 characters
    return signing.TimestampSigner(salt=_SALT).sign(f"{activity_id}:{nonce}")


def read_token(token: str, activity_id: int | str, *, now: float | None = None
               ) -> tuple[str | None, str]:
    """(why the form token is refused or None when it is good, its nonce)."""
    signer = signing.TimestampSigner(salt=_SALT)
    try:
        value = signer.unsign(token or "", max_age=conf.form_max_seconds())
    except signing.SignatureExpired:
        return "expired", ""
    except signing.BadSignature:
        return "forged", ""
    signed_id, _sep, nonce = value.partition(":")
    if signed_id != str(activity_id) or not nonce:
        return "forged", ""
    issued = signing.b62_decode(token.rsplit(signer.sep, 2)[1])
    if (now or time.time()) - issued < conf.form_min_seconds():
        return "too_fast", ""
    return None, nonce


TOKEN_MESSAGES = {
    "expired": _("This form was open for a long time. Please check it and send it again."),
    "too_fast": _("That was very fast. Please check the form and send it again."),
    "forged": _("Something went wrong. Please send the form again."),
}


def language_label(language) -> str:
    """The language's own name, glossed in the page's language (gemeenten.languages)."""
    from gemeenten.languages import language_label as label

    return label(language)


class LanguageChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return language_label(obj)


class ContactForm(HoneypotMixin, PortalForm):
    first_name = forms.CharField(
        label=_("Your first name"), max_length=60,
        error_messages={"required": _("Please fill in your first name.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    phone = forms.CharField(
        label=_("Your phone number"), max_length=30, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"), max_length=254, required=False,
        error_messages={"invalid": _("This e-mail address is not complete. Please check it.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    preferred_language = LanguageChoice(
        label=_("In which language can they best talk to you?"),
        queryset=Language.objects.all(), to_field_name="code", required=False,
        empty_label=_("No preference"),
    )
    question = forms.CharField(
        label=_("Your question (not required)"), max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, activity_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity_id = activity_id
        self.nonce = ""
        if not self.is_bound:
            self.initial["token"] = form_token(activity_id)

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(_("Please use only numbers in your phone number."))
        return phone

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and not self.has_error("email") \
                and not self.has_error("phone"):
            raise forms.ValidationError(
                _("Please fill in a phone number or an e-mail address, so they can reach you.")
            )
        problem, self.nonce = read_token(self.data.get("token", ""), self.activity_id)
        if problem:
            raise forms.ValidationError(TOKEN_MESSAGES[problem], code=problem)
        return data

    def fresh_token(self) -> str:
        return form_token(self.activity_id)


class _Languages(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return language_label(obj)


class _Themes(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name  # modeltranslation: in the page's language


def _availability_choices():
    from statushouders.choices import DAY_PARTS, WEEKDAY_CODES

    return [(f"{d}-{p}", f"{dl} {pl}") for d, dl in WEEKDAY_CODES for p, pl in DAY_PARTS]


class VolunteerSignupForm(HoneypotMixin, PortalForm):
    """Sign up to help an organisation, for one of its vacancies or in general. The same
    token, honeypot and minimum time as the contact form; volunteers' service stores it."""

    first_name = forms.CharField(
        label=_("Your first name"), max_length=60,
        error_messages={"required": _("Please fill in your first name.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    surname = forms.CharField(
        label=_("Your surname"), max_length=80,
        error_messages={"required": _("Please fill in your surname.")},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    email = forms.EmailField(
        label=_("Your e-mail address"), max_length=254, required=False,
        error_messages={"invalid": _("This e-mail address is not complete. Please check it.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(
        label=_("Your phone number"), max_length=30, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    languages = _Languages(
        label=_("Which languages do you speak?"), queryset=Language.objects.all(),
        to_field_name="code", required=False, widget=forms.CheckboxSelectMultiple)
    wijk = forms.ModelChoiceField(label=_("Where do you live?"), queryset=None, required=False,
                                  empty_label=_("I would rather not say"))
    available = forms.MultipleChoiceField(
        label=_("When can you help?"), required=False, widget=forms.CheckboxSelectMultiple)
    interests = _Themes(label=_("What would you like to help with?"), queryset=None,
                        required=False, widget=forms.CheckboxSelectMultiple)
    ervaringsdeskundige = forms.BooleanField(
        label=_("I came to the Netherlands as a newcomer myself"), required=False)
    motivation = forms.CharField(
        label=_("Why would you like to help? (not required)"), max_length=1000,
        required=False, widget=forms.Textarea(attrs={"rows": 3}))
    consent = forms.BooleanField(
        label=_("I agree that the organisation keeps these details to contact me about "
                "helping."),
        error_messages={"required": _("Please tick this box, so the organisation may keep "
                                      "your details.")})
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, gemeente, token_key: str, **kwargs):
        super().__init__(*args, **kwargs)
        from gemeenten.models import Theme, Wijk

        self.token_key = token_key
        self.nonce = ""
        self.fields["wijk"].queryset = Wijk.objects.filter(gemeente=gemeente).order_by("name")
        self.fields["interests"].queryset = Theme.objects.order_by("pk")
        self.fields["languages"].queryset = Language.objects.order_by("name_nl")
        self.fields["available"].choices = _availability_choices()
        if not self.is_bound:
            self.initial["token"] = form_token(token_key)

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(_("Please use only numbers in your phone number."))
        return phone

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and not self.has_error("email") \
                and not self.has_error("phone"):
            raise forms.ValidationError(
                _("Please fill in a phone number or an e-mail address, so they can reach you."))
        problem, self.nonce = read_token(self.data.get("token", ""), self.token_key)
        if problem:
            raise forms.ValidationError(TOKEN_MESSAGES[problem], code=problem)
        return data

    def fresh_token(self) -> str:
        return form_token(self.token_key)
