"""Fixtures for the browser tests: one headless Debian Chromium per module (its asyncio loop
must not outlive the browser tests), a fresh context (no history, storage or cookies) per test."""
import os
from urllib.parse import urlparse

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE_JS = settings.BASE_DIR / "static" / "vendor" / "axe" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# Every browser test module uses these: Chromium, and a transactional database so the live
# server thread sees the data; serialized_rollback puts the seeded themes, languages and
# statements back after the flush of the previous test. On SQLite the live server's thread
# and the test's own connection share the database: a file, as for the concurrency tests.
BROWSER_TEST_MARKS = [
    pytest.mark.browser,
    pytest.mark.sqlite_file,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def chromium():
    """While Playwright's sync API runs, it keeps an asyncio loop marked as running in this
    thread, and Django would refuse every ORM call of the test and of the database setup
    (SynchronousOnlyOperation). The tests are plain synchronous code in one thread (the
    live server has its own), so Django may allow them for exactly that time."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Django's connections live in context-local storage, and Playwright's event loop gives
    # the tests a fresh context: the connection they get there lacks the snapshot of the
    # migrated data that serialized_rollback restores (when the test database was set up
    # before this fixture, i.e. after any ordinary test). Hand the snapshot over.
    snapshots = {alias: getattr(connections[alias], "_test_serialized_contents", None)
                 for alias in connections}
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, snapshot in snapshots.items():
            if snapshot is not None and not hasattr(connections[alias],
                                                    "_test_serialized_contents"):
                connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A page that fails its test when the Content-Security-Policy refused anything on it
    (an inline script or style, a handler attribute, htmx's injected style)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page
    context.close()
    assert not refused, f"the CSP refused something: {refused}"


def axe_problems(page) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations of the page, one readable text each.

    A limit to know: axe's color-contrast rule skips text whose letters render narrower
    joined than apart (its test for icon ligatures), and connected Arabic script looks like
    that, so most Arabic text is not contrast-checked. The Dutch run checks the same colours
    on Latin text; a contrast rule only for Arabic pages would be missed here."""
    # From the portal's own static files: the CSP refuses an inline script, as it should.
    assert AXE_JS.exists()
    page.add_script_tag(url="/static/vendor/axe/axe.min.js")
    result = page.evaluate(
        "async (tags) => await axe.run(document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    problems = []
    for violation in result["violations"]:
        lines = [f"{violation['id']} ({violation['impact']}): {violation['help']}"
                 f" <{violation['helpUrl']}>"]
        for node in violation["nodes"][:3]:
            lines.append(f"    at {node['target']}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(violation["nodes"]) > 3:
            lines.append(f"    ... and {len(violation['nodes']) - 3} more")
        problems.append("\n".join(lines))
    return problems


def open_page(page, url: str, *, stylesheets=("/static/css/portal.css",), status=200) -> None:
    """Open `url`, and fail unless it answers `status`, every stylesheet, script and font it
    loads came back (200, or 304 from the browser's cache), and `stylesheets` and Bootstrap
    are among them: colour contrast means something only with the real CSS."""
    loaded = []

    def keep(response):
        loaded.append(response)

    page.on("response", keep)
    response = page.goto(url, wait_until="load")
    page.evaluate("async () => { await document.fonts.ready; }")
    page.remove_listener("response", keep)
    assert response is not None and response.status == status, (
        f"{url}: {response and response.status}")
    assert_assets_loaded(page.url, loaded, stylesheets)


def assert_assets_loaded(url, responses, stylesheets=("/static/css/portal.css",)) -> None:
    assets = [r for r in responses
              if r.request.resource_type in ("stylesheet", "script", "font")]
    broken = [f"{r.status} {r.url}" for r in assets if r.status not in (200, 304)]
    assert not broken, f"{url} loaded broken assets: {broken}"
    loaded = {urlparse(r.url).path for r in assets if r.request.resource_type == "stylesheet"}
    assert set(stylesheets) <= loaded, loaded
    assert any("bootstrap" in path for path in loaded), loaded

