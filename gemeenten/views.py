"""Views of the gemeenten app: the start page, statements and /healthz."""
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .accounts.forms import LoginForm
from .choices import Role
from .heartbeats import stale_jobs
from .models import Statement

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
