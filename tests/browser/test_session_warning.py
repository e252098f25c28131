"""The idle notice in a real Chromium: shortly before the session ends it appears (an
alertdialog, axe-clean, focus on its button, in Dutch); "stay logged in" renews the session
and hides it. Seconds instead of minutes here, through the settings it reads."""
import pytest
from django.urls import reverse

from gemeenten.choices import Role
from tests.browser.conftest import BROWSER_TEST_MARKS, axe_problems, open_page
from tests.factories import TEST_PASSWORD as PASSWORD
from tests.factories import GemeenteFactory, UserFactory, organisation_in

pytestmark = BROWSER_TEST_MARKS


@pytest.fixture
def coordinator():
    gemeente = GemeenteFactory(name="Proefstad", slug="proefstad")
    user = UserFactory(role=Role.COORDINATOR, gemeente=gemeente,
                       username="coordinator@example.org", email="coordinator@example.org")
    organisation_in(gemeente, name="Stichting Proef Voorbeeld").staff.add(user)
    return user


def test_the_idle_notice_appears_and_stay_logged_in_renews_the_session(
    page, live_server, coordinator, settings,
):
    settings.SESSION_COOKIE_AGE = 64  # the notice counts from 64 - 60 (renewal) = 4 s
    settings.SESSION_IDLE_WARNING_SECONDS = 3
    url = live_server.url + reverse("initiatives:my_organisations")
    page.goto(url)
    page.locator("#id_username").fill(coordinator.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form[action$='/account/login/'] button[type=submit]").click()
    page.wait_for_url(url)
    open_page(page, url)

    notice = page.get_by_role("alertdialog")
    assert notice.is_hidden()
    notice.wait_for(state="visible", timeout=5_000)
    assert "U wordt zo uitgelogd" in notice.inner_text()
    stay = page.get_by_role("button", name="Ingelogd blijven")
    assert stay.evaluate("button => document.activeElement === button")
    assert axe_problems(page) == []

    with page.expect_response(lambda r: r.url.endswith(reverse("session_ping"))) as ping:
        stay.click()
    assert ping.value.status == 204
    notice.wait_for(state="hidden", timeout=2_000)
