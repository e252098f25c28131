"""Log-in, two-factor authentication, lockout, password reset and the small shared pages,
all through the real forms."""
import re
from urllib.parse import quote

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gemeenten.choices import Role
from gemeenten.models import OutboxMessage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-testwachtwoord"  # the UserFactory's
TWO_FACTOR_URL = "/account/2fa/"


def nl(text: str) -> str:
    """What the page says in Dutch (the staff language), whether or not it is translated yet."""
    with translation.override("nl"):
        return gettext(text)


def log_in(client, user, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": user.username, "password": password},
                       **extra)


def current_code(user) -> str:
    device = TOTPDevice.objects.filter(user=user).latest("pk")
    return f"{totp(device.bin_key):06d}"


def set_up_link(client, user) -> str:
    """Ask for a set-up link with the 2FA page's button; the path in the e-mail."""
    client.post(reverse("two_factor_setup_request"))
    message = OutboxMessage.objects.filter(to=user.email).latest("created_at")
    return re.search(r"https?://[^/\s]+(/account/2fa/set-up/[^/\s]+/)", message.body).group(1)


def pass_two_factor(client, user):
    """The first time through the e-mailed set-up link; open the set-up page (which makes
    the device), then enter the app's code."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        assert client.get(set_up_link(client, user)).status_code == 302
    assert client.get(TWO_FACTOR_URL).status_code == 200
    response = client.post(TWO_FACTOR_URL, {"token": current_code(user)})
    assert response.status_code == 302


# --- Two-factor authentication -------------------------------------------------------------


@pytest.mark.parametrize(
    "role", [Role.REGISSEUR, Role.BEGELEIDER, Role.BEHEERDER, Role.PRIVACY_OFFICER]
)
def test_two_factor_roles_must_set_up_totp_before_anything_else(client, gemeente, role):
    user = UserFactory(role=role, gemeente=gemeente, is_staff=role == Role.BEHEERDER)
    organisations = reverse("initiatives:organisation_list")

    assert client.get(reverse("login")).status_code == 200
    response = log_in(client, user)
    assert response.status_code == 302  # the password was right
    for path in (organisations, "/admin/", "/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(TWO_FACTOR_URL), path

    assert client.get(set_up_link(client, user)).status_code == 302
    page = client.get(TWO_FACTOR_URL + "?next=" + organisations)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code, inline
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    assert page.context["secret"] in page.content.decode()  # for typing in by hand

    response = client.post(TWO_FACTOR_URL, {"token": current_code(user), "next": organisations})
    assert response.status_code == 302
    assert response["Location"] == organisations
    device.refresh_from_db()
    assert device.confirmed
    # Now past 2FA: nothing sends them back there any more.
    for path in (organisations, "/admin/", "/"):
        response = client.get(path)
        assert not response.get("Location", "").startswith(TWO_FACTOR_URL), path
    assert client.get("/", follow=True).status_code == 200


def test_regisseur_sees_the_organisations_and_beheerder_the_admin_after_totp(client, gemeente):
    regisseur = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    log_in(client, regisseur)
    pass_two_factor(client, regisseur)
    assert client.get(reverse("initiatives:organisation_list")).status_code == 200

    client.post(reverse("logout"))
    beheerder = UserFactory(role=Role.BEHEERDER, gemeente=gemeente, is_staff=True)
    log_in(client, beheerder)
    assert client.get("/admin/").status_code == 302
    pass_two_factor(client, beheerder)
    assert client.get("/admin/").status_code == 200


def test_a_confirmed_device_asks_only_for_the_code_at_the_next_log_in(client, gemeente):
    user = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    log_in(client, user)
    pass_two_factor(client, user)
    client.post(reverse("logout"))

    log_in(client, user)
    page = client.get(TWO_FACTOR_URL)
    assert page.status_code == 200
    assert "<svg" not in page.content.decode()  # the secret is never shown again
    assert "secret" not in page.context
    assert client.get(reverse("initiatives:organisation_list")).status_code == 302


def test_a_wrong_code_is_refused_with_a_dutch_message(client, gemeente):
    user = UserFactory(role=Role.BEGELEIDER, gemeente=gemeente)
    log_in(client, user)
    client.get(set_up_link(client, user))
    client.get(TWO_FACTOR_URL)
    right = current_code(user)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(TWO_FACTOR_URL, {"token": wrong})
    assert response.status_code == 200
    assert nl("This code is not right. Try the newest code in your app.") in (
        response.content.decode()
    )
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.VOLUNTEER])
def test_coordinator_and_volunteer_need_no_second_factor(client, gemeente, role):
    user = UserFactory(role=role, gemeente=gemeente)
    log_in(client, user)
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert all(TWO_FACTOR_URL not in url for url, _status in response.redirect_chain)
    assert response.wsgi_request.user == user


def _demo_user(gemeente, *, is_demo=True):
    return UserFactory(role=Role.REGISSEUR, gemeente=gemeente, is_demo=is_demo)


def test_demo_code_passes_2fa_for_a_demo_account_on_the_embedded_default(
    client, gemeente, settings
):
    settings.DEBUG = True
    settings.EMBEDDED_DATABASE = True  # what `make run` uses; the CI also runs on PostgreSQL
    user = _demo_user(gemeente)
    log_in(client, user)
    page = client.get(TWO_FACTOR_URL)
    assert "000000" in page.content.decode()  # documented on the page itself
    response = client.post(TWO_FACTOR_URL, {"token": "000000"})
    assert response.status_code == 302
    assert client.get(reverse("initiatives:organisation_list")).status_code == 200


@pytest.mark.parametrize(
    "debug, embedded, is_demo",
    [
        (False, True, True),  # production settings (DEBUG off)
        (True, False, True),  # a server database
        (True, True, False),  # not a demo account
    ],
    ids=["debug-off", "postgresql", "not-demo"],
)
def test_demo_code_is_refused_outside_the_demo(client, gemeente, settings, debug, embedded,
                                               is_demo):
    settings.DEBUG = debug
    settings.EMBEDDED_DATABASE = embedded
    user = _demo_user(gemeente, is_demo=is_demo)
    log_in(client, user)
    page = client.get(TWO_FACTOR_URL)
    assert "000000" not in page.content.decode()
    response = client.post(TWO_FACTOR_URL, {"token": "000000"})
    assert response.status_code == 200  # the form again, with its error
    assert client.get(reverse("initiatives:organisation_list")).status_code == 302
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_the_detour_through_2fa_keeps_the_page_and_its_query(client, gemeente):
    user = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    log_in(client, user)
    wanted = reverse("initiatives:organisation_list") + "?approval=pending&page=2"
    response = client.get(wanted)
    assert response["Location"] == TWO_FACTOR_URL + "?next=" + quote(wanted, safe="")
    form = client.get(response["Location"])
    assert form.context["next"] == wanted
    response = client.post(TWO_FACTOR_URL, {"token": current_code(user), "next": wanted})
    assert response["Location"] == wanted


def test_two_factor_page_does_not_redirect_to_another_site(client, gemeente):
    user = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    log_in(client, user)
    client.get(TWO_FACTOR_URL)
    response = client.post(
        TWO_FACTOR_URL, {"token": current_code(user), "next": "https://elders.example/"}
    )
    assert response["Location"] == "/"


# --- Log-in, lockout ------------------------------------------------------------------------


def test_wrong_password_shows_the_form_again_and_logs_nobody_in(client, gemeente):
    user = UserFactory(role=Role.COORDINATOR, gemeente=gemeente)
    response = log_in(client, user, password="niet-het-wachtwoord")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_account_on_this_address(client, gemeente):
    user = UserFactory(role=Role.COORDINATOR, gemeente=gemeente)
    for _attempt in range(4):
        assert log_in(client, user, password="niet-het-wachtwoord").status_code == 200
    response = log_in(client, user, password="niet-het-wachtwoord")
    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert nl("Too many attempts") in response.content.decode()

    response = log_in(client, user)  # even the right password now
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Per username + IP: the same account from another address is not locked.
    response = log_in(client, user, REMOTE_ADDR="192.0.2.77")
    assert response.status_code == 302


def test_four_wrong_passwords_do_not_lock(client, gemeente):
    user = UserFactory(role=Role.COORDINATOR, gemeente=gemeente)
    for _attempt in range(4):
        log_in(client, user, password="niet-het-wachtwoord")
    assert log_in(client, user).status_code == 302


def test_log_out_ends_the_session(client, gemeente):
    user = UserFactory(role=Role.COORDINATOR, gemeente=gemeente)
    log_in(client, user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


# --- Password reset through the outbox ------------------------------------------------------


def test_password_reset_goes_through_the_outbox_and_the_link_sets_a_new_password(
    client, gemeente, django_capture_on_commit_callbacks
):
    user = UserFactory(role=Role.COORDINATOR, gemeente=gemeente, email="reset.test@example.org")
    page = client.get(reverse("password_reset"))
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("password_reset"), {"email": "Reset.Test@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []  # nothing sent while the visitor waits
    assert len(callbacks) == 1  # the send task is queued after the commit
    message = OutboxMessage.objects.get()
    assert message.to == "reset.test@example.org"
    assert message.sent_at is None
    link = re.search(r"http://testserver(/account/password-reset/\S+/)", message.body).group(1)

    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert response.context["validlink"]
    set_password_url = response.redirect_chain[-1][0]
    new = "nieuw-en-lang-wachtwoord-42"
    response = client.post(set_password_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_complete")
    assert log_in(client, user, password=new).status_code == 302


def test_password_reset_for_an_unknown_address_looks_the_same_and_writes_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert not OutboxMessage.objects.exists()


# --- The shared pages ------------------------------------------------------------------------


def test_home_offers_log_in_and_the_way_to_the_infopunt_to_a_visitor(client, db):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="/infopunt/"' in body
    assert f'action="{reverse("login")}"' in body
    assert 'name="username"' in body and 'name="password"' in body
    assert reverse("infopunt:register_start") in body


@pytest.mark.parametrize("role", Role.values)
def test_every_role_lands_on_a_start_page_of_its_own(client, login_as, role):
    """No role is left on a page that says its pages follow soon."""
    from gemeenten.views import ROLE_HOME

    login_as(role, first_name="Vera")
    response = client.get("/")
    assert role in ROLE_HOME
    assert response.status_code == 302 and response["Location"] == reverse(ROLE_HOME[role])
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("lang, title", [
    ("nl", "Privacyverklaring"), ("en", "Privacy statement"),
])
@pytest.mark.parametrize("slug", ["privacy", "toegankelijkheid"])
def test_statements_render_in_their_language_without_a_cookie(client, db, lang, title, slug):
    from gemeenten.models import Statement

    response = client.get(f"/{lang}/{slug}/")
    assert response.status_code == 200
    body = response.content.decode()
    page = Statement.objects.get(slug=slug)
    expected_title = getattr(page, f"title_{lang}")
    assert f"<h1 class=\"h2 mb-3\">{expected_title}</h1>" in body
    if slug == "privacy":
        assert expected_title == title
    first_paragraph = getattr(page, f"body_{lang}").split("\n\n")[0].strip()
    assert first_paragraph[:40] in body
    assert f'<html lang="{lang}"' in body
    assert response.cookies == {}
    assert "Set-Cookie" not in response.headers


def test_untranslated_statement_falls_back_to_dutch_and_says_so(client, db):
    from gemeenten.models import Statement

    Statement.objects.filter(slug="privacy").update(title_tr="", body_tr="")  # not yet translated
    page = Statement.objects.get(slug="privacy")
    response = client.get("/tr/privacy/")
    assert response.status_code == 200
    body = response.content.decode()
    assert page.body_nl.split("\n\n")[0].strip()[:40] in body
    assert 'lang="nl"' in body  # the Dutch text is marked as Dutch for screen readers


def test_login_form_accepts_an_e_mail_username_typed_with_capitals(rf, gemeente):
    from gemeenten.accounts.forms import LoginForm

    UserFactory(username="wanda.test@example.org", gemeente=gemeente, role=Role.COORDINATOR)
    request = rf.post(reverse("login"))
    form = LoginForm(request, data={"username": " Wanda.Test@Example.org", "password": PASSWORD})
    assert form.is_valid(), form.errors
    assert form.get_user().username == "wanda.test@example.org"


# --- Half logged in: no staff menu before the second factor ----------------------------------


STAFF_MENU_LINKS = ("initiatives:organisation_list", "initiatives:activity_list",
                    "initiatives:invitation_create", "infopunt_search_gaps")


@pytest.mark.parametrize("role", [Role.REGISSEUR, Role.BEHEERDER])
def test_a_half_logged_in_user_sees_no_staff_menu_on_any_page_they_can_reach(
    client, gemeente, role
):
    """Password right, code not yet: every page open to them shows no staff navigation
    (the 2FA page, its set-up, password reset, a 404), only the way out."""
    user = UserFactory(role=role, gemeente=gemeente, is_staff=role == Role.BEHEERDER)
    log_in(client, user)
    menu = [reverse(name) for name in STAFF_MENU_LINKS] + ["/admin/"]
    pages = {
        "2fa": client.get(TWO_FACTOR_URL),
        "2fa set-up link (invalid)": client.get("/account/2fa/set-up/no-such-token/"),
        "password reset": client.get(reverse("password_reset")),
        "password reset sent": client.get(reverse("password_reset_done")),
        "not found": client.get("/account/no-such-page/"),
    }
    for name, page in pages.items():
        body = page.content.decode()
        assert page.status_code in (200, 404, 410), name
        for link in menu:
            assert f'href="{link}"' not in body, (name, link)
        assert 'id="nav"' not in body, name
        assert f'action="{reverse("logout")}"' in body, name  # the way out stays

    pass_two_factor(client, user)
    body = client.get(reverse("password_reset")).content.decode()
    assert 'id="nav"' in body  # once past 2FA, the menu is there


def test_a_coordinator_without_second_factor_sees_the_menu(client, gemeente):
    user = UserFactory(role=Role.COORDINATOR, gemeente=gemeente)
    log_in(client, user)
    body = client.get(reverse("password_reset")).content.decode()
    assert 'id="nav"' in body
    assert f'href="{reverse("initiatives:contact_list")}"' in body
