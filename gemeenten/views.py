"""Views of the gemeenten app: the start page, two-factor, statements and /healthz."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .choices import Role
from .forms import LoginForm, TokenForm
from .heartbeats import stale_jobs
from .models import Statement
from .twofactor import demo_code_allowed, device_for, qr_svg, secret_base32, verify

ROLE_HOME = {
    Role.REGISSEUR: "initiatives:organisation_list",
    Role.BEHEERDER: "admin:index",
    Role.COORDINATOR: "initiatives:my_organisations",
    Role.BEGELEIDER: "initiatives:my_organisations",
}


def home(request):
    if not request.user.is_authenticated:
        return render(request, "home.html", {"form": LoginForm(request)})
    target = ROLE_HOME.get(request.user.role)
    if target:
        return redirect(target)
    return render(request, "home.html")


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


def statement(request, slug):
    page = get_object_or_404(Statement, slug=slug)
    paragraphs = [p.strip() for p in (page.body or "").split("\n\n") if p.strip()]
    # modeltranslation falls back to Dutch; say so instead of mislabelling the language.
    language = request.LANGUAGE_CODE
    translated = language == "nl" or bool(getattr(page, f"body_{language}", ""))
    return render(request, "statement.html",
                  {"page": page, "paragraphs": paragraphs, "translated": translated})


def _broker_ok() -> str | None:
    # The project's Celery app (regie.celery) is the current app once Django has loaded the
    # project package; gemeenten sits below regie and so does not import it.
    from celery import current_app

    try:
        with current_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001 - any broker failure is a health failure
        return f"broker: {type(exc).__name__}"
    return None


@require_GET
@never_cache
def healthz(request):
    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001
        problems.append(f"database: {type(exc).__name__}")
    else:
        problems += [f"job not run in time: {name}" for name in stale_jobs()]
    broker = _broker_ok()
    if broker:
        problems.append(broker)
    status = 503 if problems else 200
    return JsonResponse(
        {"status": "fail" if problems else "ok", "problems": problems,
         "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]},
        status=status,
    )
