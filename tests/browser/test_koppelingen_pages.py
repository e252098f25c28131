"""The koppelingen pages in a real headless Chromium, for the coördinator, the volunteer and
the begeleider: axe-core finds no WCAG 2.1 A/AA problem, and at 320 px no page scrolls
sideways; the volunteer logs a check-in on a 320 px phone. Names are invented."""
import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from gemeenten.choices import Role
from gemeenten.scope import gemeente_scope
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.test_staff_pages import (
    _check,
    _current_token,
    _log_in,
    _submit,
    _too_wide,
    _url,
    _visit,
)
from tests.factories import GemeenteFactory, UserFactory
from tests.volunteers.koppelingen import NATIVE, accepted_referral, make_world, volunteer
from volunteers.models import CheckIn
from volunteers.services import match_start

pytestmark = BROWSER_TEST_MARKS


@pytest.fixture
def world():
    gemeente = GemeenteFactory(name="Proefstad", slug="proefstad")
    world = make_world(gemeente)
    account = UserFactory(role=Role.VOLUNTEER, gemeente=gemeente,
                          username="vrijwilliger@example.org")
    for user, name in ((world.coordinator, "coordinator"), (world.begeleider, "begeleider")):
        user.username = f"{name}@example.org"
        user.save(update_fields=["username"])
    helper = volunteer(world, name="Vera", languages=[("ar", NATIVE)], wijk=world.wijk,
                       user=account)
    world.no_vog = volunteer(world, name="Zonder", vog=False, max_koppelingen=0)
    world.device = TOTPDevice.objects.create(user=world.begeleider, name="telefoon",
                                             confirmed=True)
    with gemeente_scope(gemeente):
        match, _created = match_start(
            referral=accepted_referral(world), volunteer=helper, by=world.coordinator,
            starts_on=timezone.localdate(), goals=["Zelf een afspraak bij de huisarts maken",
                                                   "De brieven van de gemeente begrijpen"])
    world.match = match
    world.waiting = accepted_referral(world)
    world.account = account
    return world


def _pages(live_server, world) -> dict:
    match = world.match
    return {
        "coordinator": {
            "koppelingen": _url(live_server, "volunteers:match_list"),
            "suggestions": _url(live_server, "volunteers:match_new", world.waiting.pk),
            "start form with warnings": _url(
                live_server, "volunteers:match_new", world.waiting.pk,
                query=f"?vrijwilliger={world.no_vog.pk}"),
            "koppeling": _url(live_server, "volunteers:match_detail", match.pk),
        },
        "vrijwilliger": {
            "my page": _url(live_server, "volunteers:home"),
            "koppeling": _url(live_server, "volunteers:match_detail", match.pk),
        },
        "begeleider": {
            "the person's koppelingen": _url(live_server, "volunteers:newcomer_matches",
                                             world.newcomer.pk),
            "koppeling": _url(live_server, "volunteers:match_detail", match.pk),
            "the person": _url(live_server, "statushouders:newcomer_detail", world.newcomer.pk),
        },
    }


def test_the_koppelingen_pages_pass_axe_and_fit_320_px(live_server, chromium, world):
    report, wide = [], {}
    for who, pages in _pages(live_server, world).items():
        context = chromium.new_context(viewport={"width": 1280, "height": 800})
        try:
            page = context.new_page()
            page.set_default_timeout(10_000)
            _log_in(page, live_server, f"{who}@example.org", next_url=next(iter(pages.values())))
            if who == "begeleider":
                page.wait_for_url("**/account/2fa/?next=**")
                page.locator("#id_token").fill(_current_token(world.device))
                _submit(page, page.locator("main form button[type=submit]"))
            for width in (1280, 320):
                page.set_viewport_size({"width": width, "height": 800})
                for name, url in pages.items():
                    _visit(page, url)
                    if width == 1280:
                        _check(report, page, f"{who}: {name}")
                    elif problem := _too_wide(page):
                        wide[f"{who}: {name}"] = problem
        finally:
            context.close()
    assert not report, "\n".join(report)
    assert not wide, f"pages wider than 320 px: {wide}"


def test_the_volunteer_logs_a_check_in_on_a_phone(live_server, chromium, world):
    context = chromium.new_context(viewport={"width": 320, "height": 640}, is_mobile=True,
                                   has_touch=True)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        home = _url(live_server, "volunteers:home")
        _log_in(page, live_server, "vrijwilliger@example.org", next_url=home)
        _visit(page, home)
        form = page.locator("form.checkin-form").first
        form.locator("textarea, input[name=text]").fill("Samen naar de huisarts gebeld")
        form.locator("input[name=needs_attention]").check()
        _submit(page, form.locator("button[type=submit]"))
        assert "uw contactmoment is opgeslagen" in page.locator("main").inner_text()
        assert _too_wide(page) is None
        problems = []
        _check(problems, page, "after the check-in")
        assert not problems, problems
    finally:
        context.close()
    checkin = CheckIn.objects.get()
    assert checkin.needs_attention and checkin.text == "Samen naar de huisarts gebeld"
