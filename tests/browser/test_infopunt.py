"""The public infopunt in a real headless Chromium: axe-core finds no WCAG 2.1 A/AA problem
on its pages in Dutch and in Arabic (right to left), and a visitor can go from the start
screen to a sent contact request that the organisation's coordinator then reads.

Issue 11, "Quality / WCAG 2.1 AA". Names and numbers in here are invented."""
import time

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from gemeenten.choices import Role
from gemeenten.models import Theme
from initiatives.models import ContactRequest
from tests.browser.conftest import BROWSER_TEST_MARKS, axe_problems, open_page
from tests.factories import TEST_PASSWORD as PASSWORD
from tests.factories import GemeenteFactory, UserFactory, organisation_in
from tests.infopunt.factories import public_activity

pytestmark = BROWSER_TEST_MARKS


@pytest.fixture
def world():
    """Testdam with an approved organisation, its coordinator, a language café in Tigrinya
    and Arabic on Wednesdays, and a Dutch-only activity the language filter must drop."""
    gemeente = GemeenteFactory(name="Testdam", slug="testdam")
    organisation = organisation_in(gemeente, name="Stichting Testa Voorbeeld")
    cafe = public_activity(
        gemeente, organisation=organisation, title="Taalcafé Testa Voorbeeld",
        themes=("taal",), languages=("ti", "ar"), weekday=2,
        address="Verzonnenstraat 1", postcode="1234 AB", city="Testdam",
        phone="020 123 45 67", email="taalcafe@example.org",
    )
    dutch_only = public_activity(
        gemeente, organisation=organisation, title="Leesclub Verzonnen",
        themes=("taal",), languages=("nl",), weekday=4,
    )
    coordinator = UserFactory(role=Role.COORDINATOR, gemeente=gemeente,
                              username="coordinator@example.org",
                              email="coordinator@example.org")
    organisation.staff.add(coordinator)
    assert not coordinator.needs_two_factor
    return {"gemeente": gemeente, "cafe": cafe, "dutch_only": dutch_only,
            "coordinator": coordinator}


def _url(live_server, language: str, viewname: str, *args, query: str = "") -> str:
    with translation.override(language):
        return live_server.url + reverse(viewname, args=args) + query


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


def _open(page, url: str) -> None:
    open_page(page, url, stylesheets=("/static/css/portal.css", "/static/infopunt/infopunt.css"))


def _pages(live_server, world, language: str) -> dict[str, str]:
    slug, pk = world["gemeente"].slug, world["cafe"].pk
    return {
        "home": _url(live_server, language, "infopunt:home", slug),
        "results": _url(live_server, language, "infopunt:results", slug, query="?thema=taal"),
        "results, nothing found": _url(live_server, language, "infopunt:results", slug,
                                       query="?thema=taal&taal=so&gratis=on"),
        "activity": _url(live_server, language, "infopunt:activity", slug, pk),
        "list": _url(live_server, language, "infopunt:list", slug, query=f"?l={pk}"),
        "list_print": _url(live_server, language, "infopunt:list_print", slug,
                           query=f"?l={pk}"),
        "contact": _url(live_server, language, "infopunt:contact", slug, pk),
        "vacancies": _url(live_server, language, "infopunt:vacancies", slug),
        "volunteer sign-up": _url(live_server, language, "infopunt:organisation_signup", slug,
                                  world["cafe"].organisation_id),
        "kiosk home": _url(live_server, language, "infopunt:home", slug, query="?kiosk=1"),
        "kiosk results": _url(live_server, language, "infopunt:results", slug,
                              query="?kiosk=1&thema=taal"),
    }


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_infopunt_pages_have_no_axe_violations(live_server, page, world, language):
    report = []
    for name, url in _pages(live_server, world, language).items():
        _open(page, url)
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        problems = axe_problems(page)
        if problems:
            report.append(f"--- {name} ({url})\n" + "\n".join(problems))
    assert not report, "axe-core found WCAG 2.1 AA violations:\n" + "\n".join(report)


@pytest.mark.parametrize("language", ["nl", "ar", "ti"])
def test_infopunt_pages_reflow_at_320_css_pixels(live_server, chromium, world, language):
    """WCAG 1.4.10, which axe does not test: 320 px wide (a 1280 px screen at 400 %), no
    page scrolls sideways, in either direction of writing."""
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        wide = {}
        for name, url in _pages(live_server, world, language).items():
            _open(page, url)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > 320:
                wide[name] = width
    finally:
        context.close()
    assert not wide, f"pages wider than 320 px (name: scroll width): {wide}"


def test_a_visitor_asks_to_be_contacted_and_the_coordinator_sees_it(
    live_server, chromium, page, world
):
    slug, cafe = world["gemeente"].slug, world["cafe"]
    taal = Theme.objects.get(slug="taal")

    # The visitor chooses Arabic in the switcher, which names every language in itself.
    _open(page, _url(live_server, "nl", "infopunt:home", slug))
    page.locator(".ip-languages").get_by_role("link", name="العربية", exact=True).click()
    page.wait_for_url(f"**/ar/infopunt/{slug}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    current = page.locator(".ip-languages [aria-current='true']")
    assert current.inner_text() == "العربية"
    assert page.get_by_role("heading", level=1).inner_text() == _in(
        "ar", "What are you looking for?")

    # The tile of the theme "Taal", in Arabic.
    page.locator(".ip-tiles").get_by_role("link", name=taal.name_ar, exact=True).click()
    page.wait_for_url("**/aanbod/?thema=taal")
    results = page.locator(".ip-results")
    assert results.get_by_role("link", name="Leesclub Verzonnen", exact=True).is_visible()

    # Only what is spoken in Tigrinya.
    page.get_by_label(_in("ar", "Language spoken")).select_option("ti")
    page.get_by_role("button", name=_in("ar", "Show activities")).click()
    page.wait_for_url("**taal=ti**")
    assert results.get_by_role("link", name="Taalcafé Testa Voorbeeld", exact=True).is_visible()
    assert results.get_by_role("link", name="Leesclub Verzonnen", exact=True).count() == 0

    # The activity, onto the list, the list, and its print view.
    results.get_by_role("link", name="Taalcafé Testa Voorbeeld", exact=True).click()
    page.wait_for_url(f"**/activiteit/{cafe.pk}/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Taalcafé Testa Voorbeeld"
    page.get_by_role("link", name=_in("ar", "Add to my list")).click()
    page.wait_for_url(f"**l={cafe.pk}**")
    assert page.get_by_role("status").inner_text() == _in("ar", "The activity is on your list.")
    page.locator(".ip-list-link").click()
    page.wait_for_url(f"**/ar/infopunt/{slug}/lijst/?l={cafe.pk}")
    page.get_by_role("link", name=_in("ar", "Print the list")).click()
    page.wait_for_url(f"**/lijst/afdrukken/?l={cafe.pk}")
    printed = page.locator(".ip-print-item")
    assert printed.count() == 1
    assert "Taalcafé Testa Voorbeeld" in printed.inner_text()
    assert printed.get_by_role("img", name=_in("ar", "QR code to this activity")).count() == 1

    # Back to the activity, and "please contact me".
    page.get_by_role("link", name=_in("ar", "Back to my list")).click()
    page.locator(".ip-list").get_by_role("link", name="Taalcafé Testa Voorbeeld", exact=True).click()
    page.get_by_role("link", name=_in("ar", "Please contact me")).click()
    page.wait_for_url(f"**/activiteit/{cafe.pk}/contact/**")
    # Sent empty, the form says what is missing, and that state is accessible too.
    page.get_by_role("button", name=_in("ar", "Send")).click()
    page.wait_for_load_state("load")
    assert page.get_by_text(_in("ar", "Please fill in your first name.")).is_visible()
    assert axe_problems(page) == []
    rendered = time.monotonic()
    page.get_by_label(_in("ar", "Your first name")).fill("Testa")
    page.get_by_label(_in("ar", "Your phone number")).fill("06 12345678")
    page.get_by_label(_in("ar", "In which language can they best talk to you?")).select_option("ti")
    page.get_by_label(_in("ar", "Your question (not required)")).fill("Is er plaats op woensdag?")
    # The form refuses what is sent within INFOPUNT_FORM_MIN_SECONDS (3) of rendering.
    page.wait_for_timeout(max(0, 3.2 - (time.monotonic() - rendered)) * 1000)
    page.get_by_role("button", name=_in("ar", "Send")).click()
    page.wait_for_url(f"**/activiteit/{cafe.pk}/contact/verzonden/**")
    assert page.get_by_role("heading", level=1).inner_text() == _in("ar", "Thank you")
    assert "Stichting Testa Voorbeeld" in page.get_by_role("status").inner_text()
    assert axe_problems(page) == []

    # The coordinator, on another computer, logs in and finds the request waiting.
    context = chromium.new_context()
    try:
        staff = context.new_page()
        staff.set_default_timeout(10_000)
        contact_list = live_server.url + reverse("initiatives:contact_list")
        staff.goto(contact_list)
        staff.wait_for_url("**/account/login/?next=**")
        staff.locator("#id_username").fill("Coordinator@example.org")
        staff.locator("#id_password").fill(PASSWORD)
        staff.locator("form[action$='/account/login/'] button[type=submit]").click()
        staff.wait_for_url(contact_list)
        row = staff.locator("tbody tr")
        assert row.count() == 1
        cells = row.locator("td").all_inner_texts()
        assert cells[1:4] == ["Testa", "Taalcafé Testa Voorbeeld", "Stichting Testa Voorbeeld"]
    finally:
        context.close()
    request = ContactRequest.objects.get()
    assert (request.phone, request.preferred_language) == ("06 12345678", "ti")
