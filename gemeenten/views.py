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
from .heartbeats import stale_jobs
from .models import Statement
from .outbox import outbox_failing_since

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


def _mail_problem() -> str | None:
    since = outbox_failing_since()
    if since is None:
        return None
    minutes = int((timezone.now() - since).total_seconds() // 60)
    if minutes < settings.OUTBOX_FAILING_ALERT_MINUTES:
        return None
    return f"mail: the mail server has been failing for {minutes} minutes"


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
    """For monitoring: 503 when a part is down. Everyone sees "ok" or "fail" per part (the
    database, the periodic jobs, the mail server, the broker); why, only staff."""
    checks, problems = {}, []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001
        checks["database"] = "fail"
        problems.append(f"database: {type(exc).__name__}")
        # Jobs and mail are read from the database: unknown while it is down.
        checks["jobs"] = checks["mail"] = "unknown"
    else:
        checks["database"] = "ok"
        stale = stale_jobs()
        checks["jobs"] = "fail" if stale else "ok"
        problems += [f"job not run in time: {name}" for name in stale]
        mail = _mail_problem()
        checks["mail"] = "fail" if mail else "ok"
        problems += [mail] if mail else []
    broker = _broker_ok()
    checks["broker"] = "fail" if broker else "ok"
    problems += [broker] if broker else []
    body = {"status": "fail" if problems else "ok", "checks": checks}
    if _sees_health_details(request):
        body["problems"] = problems
        body["database_engine"] = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return JsonResponse(body, status=503 if problems else 200)
