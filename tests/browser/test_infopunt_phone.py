"""The infopunt on a phone (390 × 844) and on a kiosk's wide screen, in a real Chromium
(issue 17): three taps from the start screen to an activity in the visitor's own language,
with nothing to scroll; and kiosk mode scales the text, not only the targets.

Positions are measured with bounding boxes. Names are invented."""
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from gemeenten.models import Theme
from tests.browser.conftest import BROWSER_TEST_MARKS, open_page
from tests.factories import GemeenteFactory, organisation_in
from tests.infopunt.factories import public_activity

pytestmark = BROWSER_TEST_MARKS

PHONE = {"width": 390, "height": 844}
STYLESHEETS = ("/static/css/portal.css", "/static/infopunt/infopunt.css")


@pytest.fixture
def world():
    """Testdam: six Dutch-only language activities whose titles come first in the alphabet,
    then one where Arabic is spoken and one where Ukrainian is."""
    gemeente = GemeenteFactory(name="Testdam", slug="testdam")
    organisation = organisation_in(gemeente, name="Stichting Testa Voorbeeld")
    for letter in "ABCDEF":
        public_activity(gemeente, organisation=organisation, themes=("taal",),
                        languages=("nl",), title=f"{letter}-taalles Verzonnen")
    arabic = public_activity(gemeente, organisation=organisation, themes=("taal",),
                             languages=("nl", "ar"), title="Taalcafé Zonnebloem")
    ukrainian = public_activity(gemeente, organisation=organisation, themes=("taal",),
                                languages=("uk", "nl"), title="Kletskring Soniasjnyk")
    return {"gemeente": gemeente, "ar": arabic, "uk": ukrainian}


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


def _fits(box, viewport=PHONE) -> bool:
    """Wholly on the screen, without scrolling."""
    return (box is not None and box["y"] >= 0 and box["x"] >= 0
            and box["y"] + box["height"] <= viewport["height"]
            and box["x"] + box["width"] <= viewport["width"])


@pytest.mark.parametrize("language", ["ar", "uk"])
def test_three_taps_from_the_start_screen_to_an_activity_in_your_language(
    live_server, chromium, world, language
):
    context = chromium.new_context(viewport=PHONE, locale="nl-NL")
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        taps = 0
        own_name = {"ar": "العربية", "uk": "Українська"}[language]
        with translation.override("nl"):
            start = live_server.url + reverse("infopunt:home", args=["testdam"])
        open_page(page, start, stylesheets=STYLESHEETS)
        assert page.evaluate("() => window.scrollY") == 0

        # 1: the language switcher names the language in itself.
        switch = page.locator(".ip-languages").get_by_role("link", name=own_name, exact=True)
        assert _fits(switch.bounding_box())
        switch.click()
        taps += 1
        page.wait_for_url(f"**/{language}/infopunt/testdam/")

        # 2: the theme tile, in the visitor's language, on the first screen.
        tile = page.locator(".ip-tiles").get_by_role(
            "link", name=Theme.objects.get(slug="taal").name if language == "nl" else
            getattr(Theme.objects.get(slug="taal"), f"name_{language}"), exact=True)
        assert _fits(tile.bounding_box())
        tile.click()
        taps += 1
        page.wait_for_url("**/aanbod/?thema=taal")
        page.wait_for_load_state("load")

        # The filters wait behind one button; the first result is in the visitor's language,
        # marked so, and on the screen without scrolling.
        assert page.locator("details.ip-filter-box > summary").is_visible()
        assert not page.locator("form.ip-filters").is_visible()
        cards = page.locator(".ip-results > li")
        first = cards.nth(0)
        title = world[language].title
        assert first.locator("h2").inner_text() == title
        assert first.locator(f'bdi[lang="{language}"]').count() == 1
        badge = first.locator(".ip-badge-yours")
        assert badge.inner_text() == _in(language, "In your language")
        assert cards.nth(1).locator(".ip-badge-yours").count() == 0
        link = first.get_by_role("link", name=title, exact=True)
        box, card = link.bounding_box(), first.bounding_box()
        assert _fits(box) and _fits(card), (box, card)
        print(f"\n{language}: first result at y={card['y']:.0f}, {card['height']:.0f} px tall;"
              f" second at y={cards.nth(1).bounding_box()['y']:.0f}")

        # 3: the activity.
        link.click()
        taps += 1
        page.wait_for_url(f"**/activiteit/{world[language].pk}/**")
        assert page.get_by_role("heading", level=1).inner_text() == title
        assert taps <= 3

        # And back to the list it came from, not to every activity.
        page.get_by_role("link", name=_in(language, "Back to the results")).click()
        page.wait_for_url("**/aanbod/?thema=taal")
        assert page.locator(".ip-results > li").nth(0).locator("h2").inner_text() == title

        # The one button opens the filters.
        page.locator("details.ip-filter-box > summary").click()
        assert page.get_by_label(_in(language, "Language spoken")).is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("kiosk", [True, False])
def test_kiosk_mode_scales_the_text_on_a_wide_screen(live_server, chromium, world, kiosk):
    context = chromium.new_context(viewport={"width": 1080, "height": 1920})
    try:
        page = context.new_page()
        with translation.override("nl"):
            url = live_server.url + reverse("infopunt:results", args=["testdam"])
        open_page(page, url + ("?kiosk=1&thema=taal" if kiosk else "?thema=taal"),
                  stylesheets=STYLESHEETS)
        size = page.evaluate("(selector) => parseFloat(getComputedStyle("
                             "document.querySelector(selector)).fontSize)", "html")
        texts = {selector: page.evaluate(
            "(selector) => parseFloat(getComputedStyle("
            "document.querySelector(selector)).fontSize)", selector)
            for selector in (".ip-results p", ".ip-filters select", ".ip-filters button",
                             ".ip-results .btn", ".ip-count")}
        if kiosk:
            assert size >= 20
            assert min(texts.values()) >= 17.5, texts  # nothing left at 16 px or smaller
            assert texts[".ip-results p"] >= 22, texts
            heights = page.evaluate(
                "() => [...document.querySelectorAll('main a, main button, main select')]"
                ".filter(e => e.offsetParent).map(e => e.getBoundingClientRect().height)")
            assert min(heights) >= 44
            # The filters stand beside the list on a wide screen.
            assert page.locator("form.ip-filters").is_visible()
            assert not page.locator("details.ip-filter-box > summary").is_visible()
        else:
            assert size == 16
    finally:
        context.close()
