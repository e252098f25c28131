"""Forms of the accounts: log-in, two-factor token and password reset through the outbox."""
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.validators import MaxLengthValidator
from django.template import loader
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.admin import OTPAdminAuthenticationForm

from ..forms import PortalForm, TypedTextMixin
from ..outbox import outbox_enqueue
from ..proxy import client_ip
from .throttle import login_wait_seconds

# The longest username an account can have; an e-mail address that becomes a username
# (invitations, self-registration) is held to it too.
USERNAME_MAX_LENGTH = get_user_model()._meta.get_field("username").max_length


class TokenForm(PortalForm):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ThrottledLoginMixin:
    """Refuses an attempt from an address that has to wait (gemeenten.accounts.throttle)
    before the password is checked; says how long, so nobody thinks the password is wrong.
    The username is held to its column's length: Django sets only the attribute, after the
    field was made, so without the validator any length reaches authenticate() and
    django-axes' record of the failure."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].validators.append(MaxLengthValidator(USERNAME_MAX_LENGTH))

    def clean(self):
        if self.request is not None:
            wait = login_wait_seconds(client_ip(self.request))
            if wait:
                raise forms.ValidationError(
                    ngettext(
                        "Too many failed log-ins from your network. Try again in %(seconds)d "
                        "second.",
                        "Too many failed log-ins from your network. Try again in %(seconds)d "
                        "seconds.",
                        wait,
                    ),
                    code="throttled", params={"seconds": wait},
                )
        return super().clean()


class LoginForm(ThrottledLoginMixin, TypedTextMixin, AuthenticationForm):
    """Django's log-in form. Invited and self-registered accounts have their e-mail address,
    lower-cased, as username; people type it with capitals, so an address is lower-cased."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-mail address or username")

    def clean_username(self):
        username = self.cleaned_data.get("username", "")
        return username.lower() if "@" in username else username


class OutboxPasswordResetForm(TypedTextMixin, PasswordResetForm):
    """Django's password reset, with the e-mail written to the outbox instead of sent."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        key = "password-reset:" + salted_hmac("outbox", context["token"]).hexdigest()[:32]
        outbox_enqueue(key=key, to=to_email, subject=subject, body=body,
                       gemeente=context["user"].gemeente)


class NewPasswordForm(TypedTextMixin, SetPasswordForm):
    """Django's new-password form of the password reset link."""


class AdminLoginForm(ThrottledLoginMixin, TypedTextMixin, OTPAdminAuthenticationForm):
    """The admin's own log-in page, throttled the same way."""
