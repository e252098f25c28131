"""The second factor at log-in: TOTP set up the first time, a code at every log-in."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .forms import TokenForm
from .twofactor import demo_code_allowed, device_for, qr_svg, secret_base32, verify


@login_required
@never_cache
def two_factor(request):
    device = device_for(request.user)
    next_url = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if verify(request, device, form.cleaned_data["token"]):
            messages.success(request, _("You are logged in."))
            return redirect(next_url)
        form.add_error("token", _("This code is not right. Try the newest code in your app."))
    context = {
        "form": form,
        "next": next_url,
        "setting_up": not device.confirmed,
        "demo_allowed": demo_code_allowed(request.user),
    }
    if not device.confirmed:
        context.update(qr=qr_svg(device), secret=secret_base32(device))
    return render(request, "registration/two_factor.html", context)
