"""The regisseur's coverage, calendar and report pages in a real Chromium, on the seeded demo:
no axe-core WCAG 2.1 A/AA violation, nothing the CSP refuses (the `page` fixture), no page
wider than 320 px (wide tables scroll inside their own box), and at 1280 px every table
fits. Names in the demo are invented."""
from urllib.parse import urlparse

from django.test.utils import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import BROWSER_TEST_MARKS, axe_problems, open_page
from tests.browser.test_staff_pages import (
    _TABLES_CUT_OFF,
    _current_token,
    _submit,
    _too_wide,
)

pytestmark = BROWSER_TEST_MARKS


def test_coverage_calendar_and_report_are_accessible_and_reflow(live_server, page):
    from gemeenten.datagen.demo import DEMO_PASSWORD, demo_seed
    from gemeenten.models import User
    from gemeenten.scope import scopes_disabled

    with scopes_disabled():
        demo_seed()
    user = User.objects.get(username="regisseur")
    page.set_default_timeout(10_000)
    page.goto(live_server.url + reverse("login"))
    page.locator("#id_username").fill("regisseur")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    _submit(page, page.locator("form[action$='/account/login/'] button[type=submit]"))
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    page.goto(live_server.url + reverse("two_factor"))
    page.locator("#id_token").fill(_current_token(device))
    with override_settings(DEBUG=False):
        _submit(page, page.locator("main form button[type=submit]").last)
    problems = {}
    for name in ("regie:coverage", "regie:calendar", "regie:report"):
        url = live_server.url + reverse(name)
        page.set_viewport_size({"width": 1280, "height": 900})
        open_page(page, url, stylesheets=("/static/css/portal.css", "/static/css/regie.css"))
        assert urlparse(page.url).path == reverse(name)
        if axe := axe_problems(page):
            problems[f"{name} axe"] = axe
        if cut := page.evaluate(_TABLES_CUT_OFF):
            problems[f"{name} at 1280"] = cut
        page.set_viewport_size({"width": 320, "height": 640})
        if wide := _too_wide(page):
            problems[f"{name} at 320"] = wide
    assert not problems, problems
