"""The tally form on a phone in a real headless Chromium: a volunteer counts a session with
the +/- steppers at 360 px, the page fits 320 px, and axe-core finds no WCAG 2.1 AA problem.
Names and numbers are invented."""
import pytest

from gemeenten.choices import Role
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.test_staff_pages import _check, _log_in, _submit, _too_wide, _url
from tests.factories import ActivityFactory, GemeenteFactory, UserFactory, organisation_in
from volunteers.models import Membership, SessionTally, Volunteer

pytestmark = BROWSER_TEST_MARKS


@pytest.fixture
def volunteer_user():
    gemeente = GemeenteFactory(name="Proefstad", slug="proefstad")
    organisation = organisation_in(gemeente, name="Taalcafé Proef")
    ActivityFactory(gemeente=gemeente, organisation=organisation, title="Taalcafé woensdag")
    user = UserFactory(role=Role.VOLUNTEER, gemeente=gemeente,
                       username="vrijwilliger.proef@example.org")
    volunteer = Volunteer.objects.create(gemeente=gemeente, first_name="Proef",
                                         surname="Teller", user=user,
                                         email="proef.teller@example.org")
    Membership.objects.create(volunteer=volunteer, organisation=organisation)
    return user


def test_a_volunteer_counts_a_session_on_a_phone(live_server, chromium, volunteer_user):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        url = _url(live_server, "volunteers:tally_create")
        _log_in(page, live_server, volunteer_user.username, next_url=url)
        page.wait_for_url(url)
        assert not _too_wide(page)
        report = []
        _check(report, page, "tally form")
        page.locator("#id_activity").select_option(label="Taalcafé woensdag")
        for _n in range(3):
            page.get_by_role("button", name="Bezoekers in totaal: een meer").click()
        page.get_by_role("button", name="Van wie nieuwkomers: een meer").click()
        page.get_by_role("button", name="Van wie nieuwkomers: een meer").click()
        page.get_by_role("button", name="Van wie nieuwkomers: een minder").click()
        page.get_by_role("button", name="Van wie voor het eerst: een minder").click()
        assert page.locator("#id_first_timers").input_value() == "0"
        page.set_viewport_size({"width": 320, "height": 640})
        assert not _too_wide(page)
        _submit(page, page.get_by_role("button", name="Telling opslaan"))
        assert "3 bezoekers bij Taalcafé woensdag" in page.locator("main").inner_text()
        _check(report, page, "my tallies")
        assert not _too_wide(page)
        assert not report, "axe-core found WCAG 2.1 AA violations:\n" + "\n".join(report)
    finally:
        context.close()
    tally = SessionTally.objects.get()
    assert (tally.total, tally.newcomers, tally.first_timers) == (3, 1, 0)


def test_the_retention_view_fits_a_phone_and_passes_axe(live_server, chromium, volunteer_user):
    from datetime import date

    organisation = Membership.objects.get().organisation
    coordinator = UserFactory(role=Role.COORDINATOR, gemeente=volunteer_user.gemeente,
                              username="coordinator.proef@example.org")
    organisation.staff.add(coordinator)
    stopped = Volunteer.objects.create(gemeente=volunteer_user.gemeente, first_name="Gestopte",
                                       surname="Helper", email="gestopt@example.org")
    Membership.objects.create(volunteer=stopped, organisation=organisation,
                              since=date(2025, 1, 1), ended_on=date(2025, 12, 1), active=False)
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        url = _url(live_server, "volunteers:retention")
        _log_in(page, live_server, coordinator.username, next_url=url)
        page.wait_for_url(url)
        assert "Verloop van vrijwilligers" in page.locator("h1").inner_text()
        assert not _too_wide(page)
        report = []
        _check(report, page, "retention")
        assert not report, "axe-core found WCAG 2.1 AA violations:\n" + "\n".join(report)
    finally:
        context.close()
