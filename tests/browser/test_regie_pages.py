"""The regie pages in a real headless Chromium: axe-core finds no WCAG 2.1 A/AA problem on the
dashboard, the referral network, the taakstelling page (also with a form's errors) and the
begeleiding counts, and the dashboard reflows at 320 px. Data: tests/regie/conftest.py's
Testdam (names and numbers invented)."""
import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.test_staff_pages import (
    _check,
    _current_token,
    _log_in,
    _submit,
    _too_wide,
    _visit,
)
from tests.regie.conftest import world  # noqa: F401  the fixture

pytestmark = BROWSER_TEST_MARKS


@pytest.fixture
def regisseur(world):  # noqa: F811
    user = world.regisseur
    user.username = "regisseur@example.org"
    user.save(update_fields=["username"])
    return user, TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)


def test_the_regie_pages_have_no_axe_violations_and_reflow(live_server, page, regisseur):
    user, device = regisseur
    report = []
    dashboard = live_server.url + reverse("regie:dashboard")
    _log_in(page, live_server, user.username, next_url=dashboard)
    page.wait_for_url("**/account/2fa/?next=**")
    page.locator("#id_token").fill(_current_token(device))
    _submit(page, page.locator("main form button[type=submit]"))
    assert page.url == dashboard
    _check(report, page, "dashboard")
    assert page.locator("h2").count() >= 4 and page.locator("h3").count() >= 8

    for name in ("regie:network", "regie:begeleiding", "regie:taakstelling"):
        _visit(page, live_server.url + reverse(name))
        _check(report, page, name)
    _visit(page, live_server.url + reverse("regie:network") + "?start=2026-06&end=2026-01")
    _check(report, page, "network, with an error")

    _visit(page, live_server.url + reverse("regie:taakstelling"))
    page.locator("#id_aankomst-month").fill("2027-03")
    page.locator("#id_aankomst-number").fill("-4")
    page.locator("button[value=aankomst]").click()
    page.wait_for_load_state("load")
    assert page.locator("#id_aankomst-number.is-invalid").count() == 1
    _check(report, page, "taakstelling, with errors")

    # At 320 px the tables scroll in their own box: axe again, since a box that scrolls must
    # be reachable by keyboard (scrollable-region-focusable), which 1280 px never shows.
    page.set_viewport_size({"width": 320, "height": 800})
    for name in ("regie:dashboard", "regie:network", "regie:taakstelling", "regie:begeleiding",
                 "regie:report"):
        _visit(page, live_server.url + reverse(name))
        assert _too_wide(page) is None, (name, _too_wide(page))
        _check(report, page, f"{name} at 320 px")
    assert not report, "axe-core found WCAG 2.1 AA violations:\n" + "\n".join(report)
