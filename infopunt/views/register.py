"""Register your initiative: the public form in the infopunt's languages, the page that says
to check the e-mail, and the one-time confirmation link (in the registrant's language).

The writes are initiatives' (initiatives.accounts.services): nothing exists until the link
is used, and then the organisation waits for the regisseur's approval."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from gemeenten.choices import Role
from gemeenten.models import Gemeente
from gemeenten.proxy import client_ip
from gemeenten.scope import scopes_disabled
from initiatives.accounts.forms import RegisterInitiativeForm, registration_started
from initiatives.accounts.services import (
    InvitationError,
    RegistrationThrottled,
    initiative_registration_by_token,
    initiative_registration_confirm,
    initiative_registration_start,
)

from .common import gemeente_or_404, render_page

# The model backend, named because AUTHENTICATION_BACKENDS lists axes first.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _logged_in_elsewhere(request):
    """Someone already logged in registers through the portal's own form."""
    if request.user.is_authenticated:
        if request.user.role == Role.COORDINATOR:
            return redirect("initiatives:organisation_register")
        return redirect("home")
    return None


@require_http_methods(["GET"])
def register_start(request):
    """Which gemeente does the initiative work in? With one, straight to its form."""
    if (elsewhere := _logged_in_elsewhere(request)) is not None:
        return elsewhere
    # Deliberately across gemeenten, before the visitor has chosen one: any gemeente of the
    # installation may be chosen. Only names and slugs leave this query.
    with scopes_disabled():
        gemeenten = list(Gemeente.objects.order_by("name").only("name", "slug")[:400])
    if len(gemeenten) == 1:
        return HttpResponseRedirect(reverse("infopunt:register", args=[gemeenten[0].slug]))
    return render_page(request, "infopunt/register_start.html", {"gemeenten": gemeenten})


# No CSRF cookie on a public page: the form carries no ambient authority (nobody is logged
# in, and a logged-in visitor is sent elsewhere); the signed start time, the honeypot and
# the hourly limits stop abuse, and nothing exists before the e-mailed link is used.
@csrf_exempt
@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def register(request, gemeente):
    """Anyone registers an initiative in this gemeente; an e-mail to the given address
    confirms it. The answer is the same whether or not the address has an account."""
    gemeente = gemeente_or_404(request, gemeente)
    if (elsewhere := _logged_in_elsewhere(request)) is not None:
        return elsewhere
    sent_url = reverse("infopunt:register_sent", args=[gemeente.slug])
    form = RegisterInitiativeForm(request.POST or None, gemeente=gemeente)
    if request.method == "POST" and form.is_spam:
        return HttpResponseRedirect(sent_url, status=303)  # a bot is told nothing
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            initiative_registration_start(
                gemeente=gemeente, email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                organisation_fields=form.organisation_fields(),
                client_address=client_ip(request),
                base_url=request.build_absolute_uri("/"),
                language=translation.get_language(),
            )
        except RegistrationThrottled:
            form.add_error(None, _("Many registrations came from here or for this e-mail "
                                   "address in the past hour. Please try again later."))
            status = 429
        else:
            return HttpResponseRedirect(sent_url, status=303)
    return render_page(request, "infopunt/register.html", {
        "gemeente": gemeente, "form": form, "started": registration_started(),
    }, status=status)


@require_http_methods(["GET"])
def register_sent(request, gemeente):
    gemeente = gemeente_or_404(request, gemeente)
    return render_page(request, "infopunt/register_sent.html", {
        "gemeente": gemeente, "valid_hours": settings.REGISTRATION_LINK_VALID_HOURS,
    })


@never_cache
@require_http_methods(["GET", "POST"])
def register_confirm(request, token):
    """GET shows a button, POST confirms: a mail scanner that opens the link makes nothing
    and logs nobody in. This step logs in, so it is an ordinary CSRF-protected form."""
    registration = initiative_registration_by_token(token)
    context = {"registration": registration,
               "gemeente": registration.gemeente if registration else None}
    if registration is None or not registration.is_usable:
        return render(request, "infopunt/register_invalid.html", context,
                      status=404 if registration is None else 410)
    if request.method == "POST":
        try:
            user = initiative_registration_confirm(
                token=token, base_url=request.build_absolute_uri("/"))
        except InvitationError as error:
            return render(request, "infopunt/register_invalid.html",
                          context | {"error": str(error)}, status=410)
        login(request, user, backend=MODEL_BACKEND)
        messages.success(request, _(
            "Thank you for registering %(name)s. The municipality will check it; until then "
            "it is not shown on the information point. You can already add your activities."
        ) % {"name": registration.name})
        return redirect(reverse("initiatives:my_organisations"))
    return render(request, "infopunt/register_confirm.html", context)
