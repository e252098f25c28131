"""The staff pages in a real headless Chromium: axe-core finds no WCAG 2.1 A/AA problem on
what a regisseur (after password and TOTP) and a coordinator (password only) see, nor on the
log-in, password-reset and privacy pages; every staff page of every role reflows at 320 px
and shows every table column at 1280 px.

Each test logs in once through the real pages (the regisseur with a TOTP code computed from
the device's key). A module-wide stored log-in is not possible: sessions live in the
database, which the transactional tests flush between tests.

Issue 11, "Quality / WCAG 2.1 AA". Names and numbers in here are invented."""
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gemeenten.choices import Role
from initiatives.accounts.services import token_hash
from initiatives.choices import ApprovalState
from initiatives.models import ContactRequest, ImportUpload, InitiativeRegistration
from tests.browser.conftest import BROWSER_TEST_MARKS, assert_assets_loaded, axe_problems, open_page
from tests.factories import TEST_PASSWORD as PASSWORD
from tests.factories import GemeenteFactory, ScheduleFactory, UserFactory, organisation_in
from tests.infopunt.factories import public_activity

pytestmark = BROWSER_TEST_MARKS


def _import_status_ref(gemeente, user, **fields) -> str:
    """The signed reference of an import in the given state, as the confirm hands it out."""
    from django.core import signing

    from initiatives.views.imports import SALT

    stored = ImportUpload.objects.create(gemeente=gemeente, uploaded_by=user, filename="kaart.csv",
                                         data=b"", **fields)
    return signing.dumps({"i": stored.pk}, salt=SALT)


@pytest.fixture
def world():
    """Proefstad: an approved organisation with two scheduled activities and a coordinator,
    a self-registered organisation waiting for approval, a regisseur with a confirmed TOTP
    device, and a contact request for the coordinator."""
    gemeente = GemeenteFactory(name="Proefstad", slug="proefstad")
    organisation = organisation_in(gemeente, name="Stichting Proef Voorbeeld")
    pending = organisation_in(gemeente, name="Buurtgroep Verzonnen",
                              approval=ApprovalState.PENDING)
    cafe = public_activity(
        gemeente, organisation=organisation, title="Taalcafé Proef Voorbeeld",
        themes=("taal",), languages=("ti", "ar"), weekday=2,
        address="Verzonnenstraat 1", postcode="1234 AB", city="Proefstad",
    )
    walk = public_activity(
        gemeente, organisation=organisation, title="Wandelgroep Verzonnen",
        themes=("taal",), languages=("nl",), weekday=5,
    )
    ScheduleFactory(activity=walk, weekdays="0")  # a second time in the week
    coordinator = UserFactory(role=Role.COORDINATOR, gemeente=gemeente,
                              username="coordinator@example.org",
                              email="coordinator@example.org")
    organisation.staff.add(coordinator)
    regisseur = UserFactory(role=Role.REGISSEUR, gemeente=gemeente,
                            username="regisseur@example.org", email="regisseur@example.org")
    device = TOTPDevice.objects.create(user=regisseur, name="telefoon", confirmed=True)
    request = ContactRequest.objects.create(
        gemeente=gemeente, organisation=organisation, activity=cafe, first_name="Testa",
        phone="06 12345678", preferred_language="ti", question="Is er plaats op woensdag?",
    )
    held = ContactRequest.objects.create(
        gemeente=gemeente, organisation=organisation, activity=cafe, first_name="Vastgehouden",
        email="vastgehouden@example.org", question="Proefvraag", held=True,
    )
    # The pending organisation has no coordinator account: the regisseur reads this one.
    for_gemeente = ContactRequest.objects.create(
        gemeente=gemeente, organisation=pending, first_name="Gemeentevraag",
        phone="06 87654321", preferred_language="ar", note="gebeld, komt vrijdag",
    )
    imports = {
        state: _import_status_ref(gemeente, regisseur, state=state, rows_total=40, rows_done=12,
                                  summary=summary)
        for state, summary in (("running", ""), ("done", "Organisaties: 1 nieuw."),
                               ("failed", "Het bestand heeft rijen met een probleem."))
    }
    assert regisseur.needs_two_factor and not coordinator.needs_two_factor
    return {"imports": imports, "gemeente": gemeente, "organisation": organisation, "pending": pending,
            "cafe": cafe, "walk": walk, "coordinator": coordinator,
            "regisseur": regisseur, "device": device, "request": request, "held": held,
            "for_gemeente": for_gemeente}


def _url(live_server, viewname: str, *args, query: str = "") -> str:
    return live_server.url + reverse(viewname, args=args) + query


def _current_token(device: TOTPDevice) -> str:
    """The code the authenticator app shows now (gemeenten/accounts/twofactor.py verifies it)."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits,
                drift=device.drift)
    return str(code).zfill(device.digits)


def _log_in(page, live_server, username: str, *, next_url: str) -> None:
    """Through the real log-in form, starting from a page that needs it."""
    page.goto(next_url)
    page.wait_for_url("**/account/login/?next=**")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form[action$='/account/login/'] button[type=submit]").click()
    page.wait_for_load_state("load")


def _submit(page, button) -> None:
    """Click a submit button and check the page it leads to loaded its CSS."""
    loaded = []

    def keep(response):
        loaded.append(response)

    page.on("response", keep)
    with page.expect_navigation(wait_until="load"):
        button.click()
    page.evaluate("async () => { await document.fonts.ready; }")
    page.remove_listener("response", keep)
    assert_assets_loaded(page.url, loaded)


def _visit(page, url: str) -> None:
    """Open a staff page (its CSS loaded) and make sure it is that page, not the log-in."""
    open_page(page, url)
    assert urlparse(page.url).path == urlparse(url).path, f"{url} went to {page.url}"
    assert page.locator("h1").count() == 1, f"{url} has no single h1"


def _check(report: list, page, name: str) -> None:
    problems = axe_problems(page)
    if problems:
        report.append(f"--- {name} ({page.url})\n" + "\n".join(problems))


def _too_wide(page) -> str | None:
    """None when the page fits its viewport; else its scroll width and the outermost elements
    that stick out on the right and are not clipped by a scrolling box (.table-responsive)."""
    return page.evaluate("""() => {
        const width = window.innerWidth;
        if (document.documentElement.scrollWidth <= width) return null;
        const style = (el) => getComputedStyle(el);
        const clipped = (el) => {
            // A scrolling ancestor clips an absolutely positioned element only when it is,
            // or contains, the element's containing block (its nearest positioned ancestor).
            const position = style(el).position;
            if (position === 'fixed') return true;
            let parent = el.parentElement, reached = position !== 'absolute';
            while (parent && parent !== document.documentElement) {
                const own = style(parent);
                reached = reached || own.position !== 'static';
                if (reached && own.overflowX !== 'visible') return true;
                parent = parent.parentElement;
            }
            return false;
        };
        const culprits = [];
        for (const el of document.body.querySelectorAll('*')) {
            if (el.getBoundingClientRect().right <= width + 0.5 || clipped(el)) continue;
            if (culprits.some((outer) => outer.contains(el))) continue;
            culprits.push(el);
        }
        const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
            + (typeof el.className === 'string' && el.className.trim()
               ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
            + ' (to ' + Math.round(el.getBoundingClientRect().right) + ' px)';
        return document.documentElement.scrollWidth + ' px wide: '
            + culprits.slice(0, 5).map(describe).join(', ');
    }""")


def test_regisseur_pages_have_no_axe_violations(live_server, chromium, page, world):
    report = []
    organisations = _url(live_server, "initiatives:organisation_list")

    # Password, then the code of the authenticator app; the 2FA page is checked on the way.
    _log_in(page, live_server, "regisseur@example.org", next_url=organisations)
    page.wait_for_url("**/account/2fa/?next=**")
    _check(report, page, "2FA, code")
    page.locator("#id_token").fill(_current_token(world["device"]))
    _submit(page, page.locator("main form button[type=submit]"))
    assert page.url == organisations
    assert page.get_by_role("alert").count() + page.locator(".alert-success").count() == 1
    _check(report, page, "organisation list, just logged in")

    organisation, cafe = world["organisation"], world["cafe"]
    pages = {
        "organisation list": organisations,
        "organisation list, filtered": _url(
            live_server, "initiatives:organisation_list", query="?approval=pending&q=buurt"),
        "activity list": _url(live_server, "initiatives:activity_list"),
        "activity list, filtered": _url(live_server, "initiatives:activity_list",
                                        query="?theme=taal&weekday=2&o=-title"),
        "organisation detail": _url(live_server, "initiatives:organisation_detail",
                                    organisation.pk),
        "organisation detail, pending": _url(live_server, "initiatives:organisation_detail",
                                             world["pending"].pk),
        "do not approve, confirmation": _url(live_server, "initiatives:organisation_reject",
                                             world["pending"].pk),
        "activity detail": _url(live_server, "initiatives:activity_detail", cafe.pk),
        "activity create": _url(live_server, "initiatives:activity_create", organisation.pk),
        "activity edit, translations open": _url(
            live_server, "initiatives:activity_edit", cafe.pk, query="?vertalingen=1"),
        "missing translations": _url(live_server, "initiatives:translation_list"),
        "import": _url(live_server, "initiatives:import"),
        **{f"import status, {state}": _url(live_server, "initiatives:import_status", ref)
           for state, ref in world["imports"].items()},
        "invitations": _url(live_server, "initiatives:invitation_list"),
        "invitation form": _url(live_server, "initiatives:invitation_create"),
        "search gaps": _url(live_server, "infopunt_search_gaps"),
        "contact requests the gemeente reads": _url(live_server, "initiatives:contact_list"),
        "contact request the gemeente reads": _url(live_server, "initiatives:contact_detail",
                                                   world["for_gemeente"].pk),
        "invitation form, forwarding a contact request": _url(
            live_server, "initiatives:invitation_create",
            query=f"?contactverzoek={world['for_gemeente'].pk}"),
    }
    for name, url in pages.items():
        _visit(page, url)
        _check(report, page, name)

    # The form of an activity with two schedules, and again after a submit with errors.
    _visit(page, _url(live_server, "initiatives:activity_edit", world["walk"].pk))
    assert page.locator("#schedule-forms input[name$='-start_time']").count() == 2
    _check(report, page, "activity edit")
    page.locator("#id_title").fill("")
    page.locator("#id_schedules-0-end_time").fill("18:00")  # before the start, 19:00
    _submit(page, page.locator("main form button[type=submit]"))
    assert page.locator("#id_title.is-invalid").count() == 1
    assert page.locator("[data-schedule]").first.locator(".alert-danger, .is-invalid").count()
    _check(report, page, "activity edit, with errors")

    # A regisseur without a device yet is offered a set-up link by e-mail; the link (here
    # made directly, as the e-mail would hold it) shows the QR code to set one up.
    newcomer = UserFactory(role=Role.REGISSEUR, gemeente=world["gemeente"],
                           username="nieuw@example.org")
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        fresh = context.new_page()
        fresh.set_default_timeout(10_000)
        _log_in(fresh, live_server, newcomer.username, next_url=organisations)
        fresh.wait_for_url("**/account/2fa/?next=**")
        _visit(fresh, fresh.url)
        assert fresh.locator("main figure[role=img] svg").count() == 0
        _check(report, fresh, "2FA, without a device")
        from gemeenten.accounts.twofactor import setup_link_token

        fresh.goto(_url(live_server, "two_factor_setup_link", setup_link_token(newcomer)))
        fresh.wait_for_url("**/account/2fa/")
        _visit(fresh, fresh.url)
        assert fresh.locator("main figure[role=img] svg").count() == 1
        _check(report, fresh, "2FA, set-up")
    finally:
        context.close()

    assert not report, "axe-core found WCAG 2.1 AA violations:\n" + "\n".join(report)


def test_coordinator_pages_have_no_axe_violations(live_server, page, world):
    report = []
    # Before logging in: the log-in, password-reset and self-registration pages and the
    # privacy statement.
    InitiativeRegistration.objects.create(
        gemeente=world["gemeente"], email="nieuw@example.org", first_name="Proef",
        name="Buurtgroep Proef", kind="citizen_initiative", password="!",
        token_hash=token_hash("proef-token"), expires_at=timezone.now() + timedelta(hours=1),
    )
    for name, url in {
        "log-in": _url(live_server, "login"),
        "password reset": _url(live_server, "password_reset"),
        "privacy": live_server.url + "/nl/privacy/",
        "register an initiative": live_server.url + reverse(
            "infopunt:register", args=[world["gemeente"].slug]),
        "register an initiative (Arabic)": live_server.url + "/ar" + reverse(
            "infopunt:register", args=[world["gemeente"].slug])[3:],
        "registration: check your e-mail": live_server.url + reverse(
            "infopunt:register_sent", args=[world["gemeente"].slug]),
        "registration: confirm": live_server.url + reverse(
            "infopunt:register_confirm", args=["proef-token"]),
    }.items():
        _visit(page, url)
        _check(report, page, name)
    # The log-in form after a wrong password.
    _visit(page, _url(live_server, "login"))
    page.locator("#id_username").fill("coordinator@example.org")
    page.locator("#id_password").fill("niet-het-wachtwoord")
    _submit(page, page.locator("form[action$='/account/login/'] button[type=submit]"))
    assert page.locator(".alert-danger, .is-invalid").count()
    _check(report, page, "log-in, wrong password")

    mine = _url(live_server, "initiatives:my_organisations")
    _log_in(page, live_server, "coordinator@example.org", next_url=mine)
    page.wait_for_url(mine)
    for name, url in {
        "my organisations": mine,
        "contact requests": _url(live_server, "initiatives:contact_list"),
        "contact request": _url(live_server, "initiatives:contact_detail",
                                world["request"].pk),
        "held contact request": _url(live_server, "initiatives:contact_detail",
                                     world["held"].pk),
        "held contact requests": _url(live_server, "initiatives:contact_held"),
    }.items():
        _visit(page, url)
        _check(report, page, name)
    assert "Vastgehouden" in page.locator("main").inner_text()

    assert not report, "axe-core found WCAG 2.1 AA violations:\n" + "\n".join(report)


# Every table on the page whose columns do not all fit its box: a column cut off, to be
# scrolled to (at 1280 px a list shows every column).
_TABLES_CUT_OFF = """() => [...document.querySelectorAll('main table')]
    .filter((table) => table.getClientRects().length)
    .map((table) => {
        const box = table.closest('.table-responsive') || table.parentElement;
        const width = Math.round(table.getBoundingClientRect().width);
        if (width <= box.clientWidth + 1) return null;
        const caption = table.querySelector('caption');
        const columns = [...table.querySelectorAll('thead th')]
            .map((th) => Math.round(th.getBoundingClientRect().width)).join(' + ');
        return (caption ? caption.textContent.trim() : 'a table') + ': ' + width
            + ' px (' + columns + ') in a box of ' + box.clientWidth + ' px';
    }).filter(Boolean)"""


def test_every_staff_page_of_every_role_reflows_at_320_and_shows_every_column_at_1280(
    live_server, chromium
):
    """WCAG 1.4.10 at 320 px (no page scrolls sideways; a wide table scrolls in its own box)
    and, at 1280 px, no table cut off: every staff page from the URL resolver, for each role
    with pages of its own, on the seeded demo (long names, many themes, real dates)."""
    from django.test.utils import override_settings

    from gemeenten.datagen.demo import DEMO_PASSWORD, demo_seed
    from gemeenten.models import User
    from gemeenten.scope import scopes_disabled
    from tests.staff_pages import records_for, staff_paths

    with scopes_disabled():
        demo_seed()
    problems, checked = {}, 0
    for username in ("regisseur", "coordinator", "begeleider", "privacy", "vrijwilliger"):
        user = User.objects.get(username=username)
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.set_default_timeout(10_000)
            page.goto(_url(live_server, "login"))
            page.locator("#id_username").fill(username)
            page.locator("#id_password").fill(DEMO_PASSWORD)
            _submit(page, page.locator("form[action$='/account/login/'] button[type=submit]"))
            if user.needs_two_factor:
                device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
                page.goto(_url(live_server, "two_factor"))
                page.locator("#id_token").fill(_current_token(device))
                with override_settings(DEBUG=False):
                    _submit(page, page.locator("main form button[type=submit]").last)
            for path in staff_paths(records_for(user)):
                url = live_server.url + path
                answer = page.request.get(url, max_redirects=0)
                if answer.status != 200 or "text/html" not in answer.headers.get(
                        "content-type", ""):
                    continue
                page.set_viewport_size({"width": 1280, "height": 900})
                open_page(page, url, stylesheets=())
                if urlparse(page.url).path != path:
                    continue
                checked += 1
                where = f"{username} {path}"
                cut = page.evaluate(_TABLES_CUT_OFF)
                if cut or _too_wide(page):
                    problems[f"{where} at 1280"] = cut or _too_wide(page)
                page.set_viewport_size({"width": 320, "height": 640})
                if wide := _too_wide(page):
                    problems[f"{where} at 320"] = wide
        finally:
            context.close()
    assert checked >= 15
    assert not problems, f"pages that do not fit: {problems}"
