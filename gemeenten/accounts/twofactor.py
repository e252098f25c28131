"""TOTP set-up and verification at log-in (django-otp).

Setting up a device is never trust-on-first-use: whoever knows a password must not be able
to enrol their own authenticator. A set-up is granted to a session by the invitation (its
accept flow goes straight on into the set-up) or by a one-time link e-mailed to the account's
address (on request, or sent by a beheerder from the admin). The grant gives a fresh key,
which replaces the old device (a lost phone) once its first code is confirmed."""
import hashlib
from base64 import b32encode
from io import BytesIO

import segno
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..outbox import outbox_enqueue

SETUP_SESSION_KEY = "regie_2fa_setup_for"
DEMO_SESSION_KEY = "regie_2fa_demo_for"
_LINK_SALT = "regie.2fa-setup-link"


def demo_code_allowed(user) -> bool:
    """The documented demo way past 2FA: embedded default, DEBUG on, a demo account."""
    return bool(settings.DEBUG and settings.EMBEDDED_DATABASE and user.is_demo)


def demo_verified(request) -> bool:
    """A session that passed with the demo code; checked again at every request, so it ends
    the moment the installation stops being the demo. No device is confirmed by it."""
    user = request.user
    return request.session.get(DEMO_SESSION_KEY) == user.pk and demo_code_allowed(user)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def setup_allowed(request) -> bool:
    return request.session.get(SETUP_SESSION_KEY) == request.user.pk


def setup_grant(request, user) -> None:
    """Let this session set up a device for `user`, with a key nobody has seen before."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    request.session[SETUP_SESSION_KEY] = user.pk


def setup_device(user) -> TOTPDevice:
    """The unconfirmed device of a granted set-up."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="default", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    out = BytesIO()
    segno.make(device.config_url, error="m").save(
        out, kind="svg", scale=4, xmldecl=False, svgns=True, title="QR"
    )
    return out.getvalue().decode()


def secret_base32(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode()


def verify(request, token: str) -> bool:
    """Check the code against the confirmed device, or, in a granted set-up, against the new
    one (confirming it and removing the user's older devices)."""
    user = request.user
    token = (token or "").strip().replace(" ", "")
    if token == settings.DEMO_2FA_CODE and demo_code_allowed(user):
        request.session[DEMO_SESSION_KEY] = user.pk
        return True
    if not token.isdigit():
        return False
    if setup_allowed(request):
        device = setup_device(user)
        if not device.verify_token(token):
            return False
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        del request.session[SETUP_SESSION_KEY]
        otp_login(request, device)
        return True
    device = confirmed_device(user)
    if device is None or not device.verify_token(token):
        return False
    otp_login(request, device)
    return True


# --- The e-mailed set-up link ------------------------------------------------------------


def _state(user) -> str:
    """Changes when a device is confirmed or the password changes: a used link is dead."""
    devices = TOTPDevice.objects.filter(user=user, confirmed=True).values_list("pk", flat=True)
    raw = f"{user.pk}:{user.password}:{sorted(devices)}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def setup_link_token(user) -> str:
    return signing.dumps({"u": user.pk, "s": _state(user)}, salt=_LINK_SALT, compress=True)


def setup_link_user_ok(token: str, user) -> bool:
    """Whether the link is this user's, not expired and not used yet."""
    max_age = settings.TWO_FACTOR_SETUP_LINK_HOURS * 3600
    try:
        payload = signing.loads(token, salt=_LINK_SALT, max_age=max_age)
    except signing.BadSignature:
        return False
    return payload.get("u") == user.pk and payload.get("s") == _state(user)


def setup_link_send(*, user) -> bool:
    """Write the set-up link to the user's e-mail address (through the outbox); at most one
    per user per hour, so nobody floods a mailbox with them. False without an address."""
    if not user.email:
        return False
    token = setup_link_token(user)
    context = {"user": user, "hours": settings.TWO_FACTOR_SETUP_LINK_HOURS,
               "link": settings.PORTAL_BASE_URL.rstrip("/")
               + reverse("two_factor_setup_link", args=[token])}
    subject = "".join(loader.render_to_string(
        "registration/two_factor_setup_email_subject.txt", context).splitlines())
    body = loader.render_to_string("registration/two_factor_setup_email.txt", context)
    outbox_enqueue(key=f"2fa-setup:{user.pk}:{timezone.now():%Y%m%d%H}", to=user.email,
                   subject=subject, body=body, gemeente=user.gemeente)
    return True
