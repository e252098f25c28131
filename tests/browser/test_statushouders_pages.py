"""The newcomer, referral, worklist and privacy pages in a real headless Chromium, for each
role that uses them: axe-core finds no WCAG 2.1 A/AA problem, and at 320 px no page scrolls
sideways. Names and numbers are invented."""
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from gemeenten.audit import Action, Purpose, audit_record
from gemeenten.choices import Role
from statushouders.flags import raise_flags
from statushouders.models import Begeleiding, Instemming, Newcomer, Referral
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
from tests.factories import GemeenteFactory, UserFactory, organisation_in

pytestmark = BROWSER_TEST_MARKS


@pytest.fixture
def world():
    gemeente = GemeenteFactory(name="Proefstad", slug="proefstad")
    sender = organisation_in(gemeente, name="Stichting Proefbegeleiding")
    receiver = organisation_in(gemeente, name="Taalhuis Proef")
    users, devices = {}, {}
    for role, organisation in ((Role.BEGELEIDER, sender), (Role.COORDINATOR, receiver),
                               (Role.REGISSEUR, None), (Role.PRIVACY_OFFICER, None)):
        user = UserFactory(role=role, gemeente=gemeente, username=f"{role}@example.org",
                           email=f"{role}@example.org")
        if organisation:
            organisation.staff.add(user)
        if user.needs_two_factor:
            devices[role] = TOTPDevice.objects.create(user=user, name="telefoon",
                                                      confirmed=True)
        users[role] = user
    today = timezone.localdate()
    newcomer = Newcomer.objects.create(gemeente=gemeente, organisation=sender,
                                       registratienummer="PB-1", first_name="Testa",
                                       surname="Proefpersoon")
    begeleiding = Begeleiding.objects.create(newcomer=newcomer, organisation=sender,
                                             start=today - timedelta(days=340),
                                             planned_end=today + timedelta(days=25),
                                             caseworker=users[Role.BEGELEIDER])
    referral = Referral.objects.create(gemeente=gemeente, newcomer=newcomer,
                                       from_organisation=sender, to_organisation=receiver,
                                       from_user=users[Role.BEGELEIDER], note="Proefnotitie")
    Instemming.objects.create(referral=referral, shared_fields="first_name,note", text="Ja",
                              language="nl", recorded_by=users[Role.BEGELEIDER])
    raise_flags(gemeente=gemeente, today=today)
    assert begeleiding.flags.exists()
    # The privacy officer's audit log has a table to show: a view, and a job's anonymising.
    audit_record(gemeente=gemeente, actor=users[Role.BEGELEIDER], action=Action.VIEW,
                 purpose=Purpose.BEGELEIDING, subject_type="newcomer", subject_id=newcomer.pk,
                 detail="Gesprek voorbereiden")
    audit_record(gemeente=gemeente, actor=None, action=Action.ANONYMISE,
                 purpose=Purpose.RETENTION, subject_type="newcomer", subject_id=newcomer.pk)
    return {"users": users, "devices": devices, "newcomer": newcomer, "referral": referral,
            "begeleiding": begeleiding, "date": date.today()}


def _enter(page, live_server, world, role, first_url):
    _log_in(page, live_server, f"{role}@example.org", next_url=first_url)
    if role in world["devices"]:
        page.wait_for_url("**/account/2fa/?next=**")
        page.locator("#id_token").fill(_current_token(world["devices"][role]))
        _submit(page, page.locator("main form button[type=submit]"))


def _pages(live_server, world) -> dict:
    newcomer, referral = world["newcomer"], world["referral"]
    return {
        Role.BEGELEIDER: {
            "worklist": _url(live_server, "statushouders:worklist"),
            "newcomers": _url(live_server, "statushouders:newcomer_list"),
            "register a newcomer": _url(live_server, "statushouders:newcomer_create"),
            "import newcomers": _url(live_server, "statushouders:newcomer_import"),
            "newcomer": _url(live_server, "statushouders:newcomer_detail", newcomer.pk),
            "edit newcomer": _url(live_server, "statushouders:newcomer_edit", newcomer.pk),
            "refer": _url(live_server, "statushouders:referral_new", newcomer.pk),
            "begeleiding": _url(live_server, "statushouders:begeleiding_edit",
                                world["begeleiding"].pk),
            "instemming text, Arabic": _url(live_server, "statushouders:instemming_text",
                                            query="?taal=ar"),
        },
        Role.COORDINATOR: {
            "aanmeldingen": _url(live_server, "statushouders:aanmelding_list"),
            "aanmelding": _url(live_server, "statushouders:aanmelding_detail", referral.pk),
            "refer onward": _url(live_server, "statushouders:referral_onward", referral.pk),
        },
        Role.REGISSEUR: {
            "worklist": _url(live_server, "statushouders:worklist"),
            "newcomers": _url(live_server, "statushouders:newcomer_list"),
            "open a case": _url(live_server, "statushouders:newcomer_open", newcomer.pk),
        },
        Role.PRIVACY_OFFICER: {
            "requests": _url(live_server, "statushouders:privacy_lookup"),
            "erase": _url(live_server, "statushouders:privacy_erase", newcomer.pk),
            "audit log": _url(live_server, "privacy:audit_search"),
            "audit log of a person": _url(
                live_server, "privacy:audit_search",
                query=f"?subject_type=newcomer&subject_id={newcomer.pk}"),
            "processing overview": _url(live_server, "privacy:processing"),
        },
    }


def test_every_role_sees_its_pages_without_axe_problems_and_at_320_px(live_server, chromium,
                                                                      world):
    report, wide = [], {}
    for role, pages in _pages(live_server, world).items():
        context = chromium.new_context(viewport={"width": 1280, "height": 800})
        try:
            page = context.new_page()
            page.set_default_timeout(10_000)
            _enter(page, live_server, world, role, next(iter(pages.values())))
            for width in (1280, 320):  # one log-in: a TOTP code is accepted once
                page.set_viewport_size({"width": width, "height": 800})
                for name, url in pages.items():
                    _visit(page, url)
                    if width == 1280:
                        _check(report, page, f"{role}: {name}")
                    elif problem := _too_wide(page):
                        wide[f"{role}: {name}"] = problem
        finally:
            context.close()
    assert not report, "\n".join(report)
    assert not wide, f"pages wider than 320 px: {wide}"
