"""Shared fixtures: login_as passes 2FA for the roles that need it."""
import pytest

from .factories import GemeenteFactory, staff_logged_in


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """Argon2 is slow on purpose; every user a test makes (factories, seed_demo, logins) is
    hashed with MD5 instead. Production keeps Argon2: see test_project.py."""
    from django.conf import settings
    from django.test import override_settings

    fast = "django.contrib.auth.hashers.MD5PasswordHasher"
    with override_settings(PASSWORD_HASHERS=[fast, *settings.PASSWORD_HASHERS]):
        yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, request):
    """On SQLite the test database lives in memory, unless a selected test that will run is
    marked `sqlite_file`: threads and SQLite's locking need a file (the in-memory database
    ignores the busy timeout, DESIGN.md), and then the whole session uses the file database
    of settings.py. One database serves the whole session, so the choice is per run."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return
    if not any(item.get_closest_marker("sqlite_file") and not item.get_closest_marker("skip")
               for item in request.session.items):
        database.setdefault("TEST", {})["NAME"] = None  # Django's shared in-memory database


@pytest.fixture(autouse=True)
def _eager_celery(settings, tmp_path):
    """Tasks queued from services run in-process unless a test needs a real worker."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from regie.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture(autouse=True)
def _search_counts_written_per_request(settings):
    """The infopunt's search counts wait in the process (infopunt.services.SearchTally) to
    be written together; the tests see them written at the end of each request, as with
    INFOPUNT_SEARCH_FLUSH_SECONDS = 0, and no test's counts outlive it."""
    from infopunt.services import search_tally

    settings.INFOPUNT_SEARCH_FLUSH_SECONDS = 0
    search_tally.clear()
    yield
    search_tally.clear()


@pytest.fixture(autouse=True)
def _empty_cache():
    """The process's cache (locmem) outlives a test's rolled-back data: the infopunt's cached
    option lists (gemeenten.options) must not carry one test's wijken into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _test_code_outside_the_tenant_scope():
    """The test's own code (factories, assertions) reads across gemeenten on purpose. What
    it starts enters its own scope: a request through the middleware, a task through
    TenantTask; a query there outside a scope raises ScopeError and fails the test."""
    from django_scopes import scopes_disabled

    with scopes_disabled():
        yield


@pytest.fixture(autouse=True, scope="session")
def _commands_start_outside_the_tenant_scope():
    """A management command starts as it does from a shell: in no scope, whatever the test
    around it has entered, so a command that forgets its scope fails here too."""
    from django.core.management.base import BaseCommand

    from gemeenten.scope import no_scope

    execute = BaseCommand.execute

    def execute_in_no_scope(self, *args, **options):
        with no_scope():
            return execute(self, *args, **options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseCommand, "execute", execute_in_no_scope)
        yield


@pytest.fixture
def gemeente(db):
    return GemeenteFactory(name="Testdam", slug="testdam")


@pytest.fixture
def login_as(client, db):
    """login_as(role, organisation=..., gemeente=...) -> user, logged in on `client`,
    with a confirmed TOTP device and a verified session where the role needs 2FA."""

    def _login(role: str, *, organisation=None, gemeente=None, client=client, **fields):
        gemeente = gemeente or GemeenteFactory(name="Testdam", slug="testdam")
        return staff_logged_in(client, role, gemeente=gemeente, organisation=organisation,
                               **fields)

    return _login



SERVICE_MARKERS = ("postgres", "redis", "browser")


def _service_missing(marker: str) -> str | None:
    import os
    import shutil

    from django.conf import settings

    if marker == "postgres" and settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return "needs PostgreSQL (DATABASE_URL)"
    if marker == "redis" and not settings.CELERY_BROKER_URL.startswith("redis"):
        return "needs a Redis broker (CELERY_BROKER_URL)"
    if marker == "browser":
        if not shutil.which(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
            return "needs Debian's chromium"
    return None


def pytest_collection_modifyitems(config, items):
    """Service tests skip where the service is absent (the embedded default run)."""
    for item in items:
        for marker in SERVICE_MARKERS:
            if item.get_closest_marker(marker):
                reason = _service_missing(marker)
                if reason:
                    item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With REGIE_REQUIRE_SERVICES=1 (the PostgreSQL CI run) a skipped service test fails,
    so a missing service cannot pass quietly."""
    import os

    outcome = yield
    report = outcome.get_result()
    if os.environ.get("REGIE_REQUIRE_SERVICES") == "1" and report.skipped:
        marks = [m for m in SERVICE_MARKERS if item.get_closest_marker(m)]
        if marks:
            report.outcome = "failed"
            report.longrepr = f"{item.nodeid} needs {', '.join(marks)} but was skipped"


def pytest_configure(config):
    """REGIE_TEST_NOW=2027-03-28T01:30+01:00 runs the whole suite as if it were that moment
    (the clock keeps ticking from there), to find tests that hold only on some days: run it
    at a year's end late in the evening, a daylight-saving change or a leap day. A test that
    needs one particular date freezes it itself (time_machine)."""
    import os

    # Django empties every table between transactional tests, the append-only audit log
    # included: the one switch of its trigger, on only in the test runner (test_audit.py).
    from gemeenten.audit.triggers import allow_maintenance

    allow_maintenance()

    when = os.environ.get("REGIE_TEST_NOW")
    if when:
        import time_machine

        config._regie_travel = time_machine.travel(when, tick=True)
        config._regie_travel.start()


def pytest_unconfigure(config):
    travel = getattr(config, "_regie_travel", None)
    if travel is not None:
        travel.stop()
