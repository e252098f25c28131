"""TOTP set-up at first log-in and verification at every log-in (django-otp)."""
from io import BytesIO

import segno
from django.conf import settings
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


def demo_code_allowed(user) -> bool:
    """The documented demo way past 2FA: embedded default, DEBUG on, a demo account."""
    return bool(settings.DEBUG and settings.EMBEDDED_DATABASE and user.is_demo)


def device_for(user) -> TOTPDevice:
    """The user's TOTP device: the confirmed one, or an unconfirmed one to set up."""
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    return device


def qr_svg(device: TOTPDevice) -> str:
    out = BytesIO()
    segno.make(device.config_url, error="m").save(
        out, kind="svg", scale=4, xmldecl=False, svgns=True, title="QR"
    )
    return out.getvalue().decode()


def secret_base32(device: TOTPDevice) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode()


def verify(request, device: TOTPDevice, token: str) -> bool:
    token = (token or "").strip().replace(" ", "")
    ok = False
    if token == settings.DEMO_2FA_CODE and demo_code_allowed(request.user):
        ok = True
    elif token.isdigit():
        ok = device.verify_token(token)
    if ok:
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        otp_login(request, device)
    return ok
