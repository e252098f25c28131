"""The second factor at log-in: TOTP set up through a granted set-up, a code at every log-in."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .forms import TokenForm
from .twofactor import (
    confirmed_device,
    demo_code_allowed,
    qr_svg,
    secret_base32,
    setup_allowed,
    setup_device,
    setup_grant,
    setup_link_send,
    setup_link_user_ok,
    verify,
)


@login_required
@never_cache
def two_factor(request):
    next_url = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if verify(request, form.cleaned_data["token"]):
            messages.success(request, _("You are logged in."))
            return redirect(next_url)
        form.add_error("token", _("This code is not right. Try the newest code in your app."))
    setting_up = setup_allowed(request)
    context = {
        "form": form,
        "next": next_url,
        "setting_up": setting_up,
        # Without a device and without a granted set-up only the demo code or a link helps.
        "needs_link": not setting_up and confirmed_device(request.user) is None,
        "demo_allowed": demo_code_allowed(request.user),
    }
    if setting_up:
        device = setup_device(request.user)
        context.update(qr=qr_svg(device), secret=secret_base32(device))
    return render(request, "registration/two_factor.html", context)


@login_required
@never_cache
def two_factor_setup_link(request, token):
    """The e-mailed link: grants this session the set-up of a new device."""
    if not setup_link_user_ok(token, request.user):
        return render(request, "registration/two_factor_link_invalid.html", status=410)
    setup_grant(request, request.user)
    return redirect("two_factor")


@login_required
def two_factor_setup_link_request(request):
    """The user asks for a set-up link by e-mail, sent to the address the account has."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.needs_two_factor or request.user.is_verified():
        return redirect("two_factor")  # a verified session has no use for one
    if setup_link_send(user=request.user):
        messages.success(request, _("We have sent a link to set up two-step verification to "
                                    "the e-mail address of your account."))
    else:
        messages.error(request, _("Your account has no e-mail address. Ask the administrator "
                                  "of the portal for a set-up link."))
    return redirect("two_factor")


@never_cache
def session_ping(request):
    """Asked by the idle notice's "stay logged in": renews the session. 204 while logged in,
    401 once the session has ended."""
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    request.session.modified = True  # renewed now, whenever it was last written
    return HttpResponse(status=204)
