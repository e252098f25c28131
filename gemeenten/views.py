"""Views of the gemeenten app: the start page, statements and /healthz."""
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .accounts.forms import LoginForm
from .choices import Role
from .health import broker_health, database_checks
from .models import Statement

ROLE_HOME = {
    Role.REGISSEUR: "regie:dashboard",
    Role.BEHEERDER: "admin:index",
    Role.COORDINATOR: "initiatives:my_organisations",
    Role.BEGELEIDER: "statushouders:worklist",
    Role.VOLUNTEER: "volunteers:home",
    Role.PRIVACY_OFFICER: "statushouders:privacy_lookup",
}


def home(request):
    if not request.user.is_authenticated:
        return render(request, "home.html", {"form": LoginForm(request)})
    target = ROLE_HOME.get(request.user.role)
    if target:
        return redirect(target)
    return render(request, "home.html")


def statement(request, slug):
    page = get_object_or_404(Statement, slug=slug)
    paragraphs = [p.strip() for p in (page.body or "").split("\n\n") if p.strip()]
    # modeltranslation falls back to Dutch; say so instead of mislabelling the language.
    language = request.LANGUAGE_CODE
    translated = language == "nl" or bool(getattr(page, f"body_{language}", ""))
    return render(request, "statement.html",
                  {"page": page, "paragraphs": paragraphs, "translated": translated})


def _sees_health_details(request) -> bool:
    """The details help an attacker too (which database, which job is down, error names):
    only a regisseur or beheerder who passed two-factor authentication gets them."""
    user = request.user
    try:
        return bool(
            user.is_authenticated
            and (user.is_superuser or user.role in (Role.REGISSEUR, Role.BEHEERDER))
            and user.is_verified()
        )
    except Exception:  # noqa: BLE001 - a database that is down: no details, still a status
        return False


@require_GET
@never_cache
def healthz(request):
    """For monitoring: 503 when a part fails. Everyone sees each part's state ("ok", "fail",
    or "retrying" for tasks waiting out a database error, which is not yet a failure); why,
    only staff: `problems` (the reasons for a 503) and `notes` (what is only reported)."""
    checks, problems, notes = {}, [], []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001
        checks["database"] = "fail"
        problems.append(f"database: {type(exc).__name__}")
        # The other parts are read from the database: unknown while it is down.
        checks |= dict.fromkeys(database_checks(), "unknown")
    else:
        checks["database"] = "ok"
        now = timezone.now()
        for name, check in database_checks().items():
            part = check(now)
            checks[name] = part.state
            (problems if part.state == "fail" else notes).extend(part.details)
    broker = broker_health()
    checks["broker"] = broker.state
    problems += broker.details
    failed = "fail" in checks.values()
    body = {"status": "fail" if failed else "ok", "checks": checks}
    if _sees_health_details(request):
        body["problems"] = problems
        body["notes"] = notes
        body["database_engine"] = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return JsonResponse(body, status=503 if failed else 200)
