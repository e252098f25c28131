"""Fixtures for the browser tests: one headless Debian Chromium per module (its asyncio loop
must not outlive the browser tests), a fresh context (no history, storage or cookies) per test."""
import os

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _dutch_while_arranging():
    """Factories write `title` into the active language's field; arrange in Dutch."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")


@pytest.fixture(scope="module")
def chromium():
    """While Playwright's sync API runs, it keeps an asyncio loop marked as running in this
    thread, and Django would refuse every ORM call of the test and of the database setup
    (SynchronousOnlyOperation). The tests are plain synchronous code in one thread (the
    live server has its own), so Django may allow them for exactly that time."""
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
