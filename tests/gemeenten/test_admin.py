"""The beheerder's admin: behind a verified second factor (OTPAdminSite), every page of the
gemeenten app renders, and the outbox never shows a message body."""
import pytest
from django.contrib import admin
from django.urls import reverse

from gemeenten.choices import Role
from gemeenten.models import Gemeente, OutboxMessage, Statement, Theme
from gemeenten.outbox import outbox_enqueue
from tests.factories import UserFactory, WijkFactory

pytestmark = pytest.mark.django_db


def test_the_admin_site_requires_a_verified_second_factor():
    from django_otp.admin import OTPAdminSite

    import regie.urls  # noqa: F401 - the URLconf switches the site's class

    assert isinstance(admin.site, OTPAdminSite)


def test_beheerder_without_otp_cannot_enter_the_admin(client, gemeente):
    beheerder = UserFactory(role=Role.BEHEERDER, gemeente=gemeente, is_staff=True)
    client.force_login(beheerder)  # password right, no second factor yet
    for path in ("/admin/", reverse("admin:gemeenten_user_changelist")):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/2fa/"), path


def test_staff_account_of_a_role_without_2fa_still_meets_the_otp_admin(client, gemeente):
    # Even where the middleware lets a role through, OTPAdminSite itself refuses.
    coordinator = UserFactory(role=Role.COORDINATOR, gemeente=gemeente, is_staff=True)
    client.force_login(coordinator)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_verified_beheerder_sees_every_page_of_the_gemeenten_admin(client, login_as, gemeente):
    login_as(Role.BEHEERDER, gemeente=gemeente)
    WijkFactory(gemeente=gemeente, name="Testwijk Noord")
    user = UserFactory(role=Role.COORDINATOR, gemeente=gemeente)
    outbox_enqueue(key="admin-test", to="iemand@example.org", subject="Onderwerp",
                   body="Geheime link: /account/password-reset/abc/def/", gemeente=gemeente)
    objects = {
        "user": user, "gemeente": gemeente, "theme": Theme.objects.first(),
        "statement": Statement.objects.get(slug="privacy"),
        "outboxmessage": OutboxMessage.objects.get(),
        "wijk": gemeente.wijken.get(),
    }
    for model in ["user", "gemeente", "wijk", "theme", "targetgroup", "statement",
                  "language", "outboxmessage", "jobheartbeat"]:
        response = client.get(reverse(f"admin:gemeenten_{model}_changelist"))
        assert response.status_code == 200, model
        if model in objects:
            obj = objects[model]
            response = client.get(reverse(f"admin:gemeenten_{model}_change", args=[obj.pk]))
            assert response.status_code == 200, model
    assert client.get(reverse("admin:gemeenten_user_add")).status_code == 200
    # A new gemeente is the installation's business (a superuser), not a beheerder's.
    assert client.get(reverse("admin:gemeenten_gemeente_add")).status_code == 403


def test_outbox_admin_is_read_only_and_hides_the_body(client, login_as):
    beheerder = login_as(Role.BEHEERDER)
    message = outbox_enqueue(key="admin-test", to="iemand@example.org", subject="Onderwerp",
                             body="Geheime link: /account/password-reset/abc/def/",
                             gemeente=beheerder.gemeente)
    response = client.get(reverse("admin:gemeenten_outboxmessage_change", args=[message.pk]))
    assert response.status_code == 200
    assert "Geheime link" not in response.content.decode()
    assert "iemand@example.org" in response.content.decode()
    assert client.get(reverse("admin:gemeenten_outboxmessage_add")).status_code == 403
    client.post(reverse("admin:gemeenten_outboxmessage_delete", args=[message.pk]),
                {"post": "yes"})
    assert OutboxMessage.objects.filter(pk=message.pk).exists()


def test_beheerder_sets_the_huisstijl_of_a_gemeente(client, login_as, gemeente):
    login_as(Role.BEHEERDER, gemeente=gemeente)
    url = reverse("admin:gemeenten_gemeente_change", args=[gemeente.pk])
    response = client.post(url, {
        "name": gemeente.name, "slug": gemeente.slug, "cbs_code": "GM9999",
        "primary_colour": "#7a1f3d", "settings": '{"handover_due_days": 90}',
        "wijken-TOTAL_FORMS": "1", "wijken-INITIAL_FORMS": "0",
        "wijken-MIN_NUM_FORMS": "0", "wijken-MAX_NUM_FORMS": "1000",
        "wijken-0-name": "Testwijk Zuid", "wijken-0-cbs_code": "",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    gemeente.refresh_from_db()
    assert gemeente.primary_colour == "#7a1f3d"
    assert gemeente.wijken.filter(name="Testwijk Zuid").exists()
    # The huisstijl shows on the portal's own pages.
    assert "--portal-primary: #7a1f3d" in client.get("/nl/privacy/").content.decode()


@pytest.mark.parametrize(("colour", "message"), [
    ("red", "Gebruik een kleur zoals #1f4e79."),  # not a #rrggbb colour
    ("#ffd700", "minstens 4.5:1"),  # white text on gold is unreadable (WCAG AA)
])
def test_a_colour_the_huisstijl_cannot_use_is_refused(client, login_as, gemeente, colour,
                                                      message):
    login_as(Role.BEHEERDER, gemeente=gemeente)
    url = reverse("admin:gemeenten_gemeente_change", args=[gemeente.pk])
    response = client.post(url, {
        "name": gemeente.name, "slug": gemeente.slug, "primary_colour": colour,
        "settings": "{}", "wijken-TOTAL_FORMS": "0", "wijken-INITIAL_FORMS": "0",
        "wijken-MIN_NUM_FORMS": "0", "wijken-MAX_NUM_FORMS": "1000",
    })
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Gemeente.objects.get(pk=gemeente.pk).primary_colour != colour


def test_beheerder_edits_the_english_privacy_statement(client, login_as):
    login_as(Role.BEHEERDER)
    statement = Statement.objects.get(slug="privacy")
    url = reverse("admin:gemeenten_statement_change", args=[statement.pk])
    form = client.get(url)
    assert 'name="body_en"' in form.content.decode()  # one field per language
    fields = {f"{name}_{code}": getattr(statement, f"{name}_{code}") or ""
              for name in ("title", "body") for code in ("nl", "en", "ar", "uk", "ti", "fa",
                                                           "tr", "so")}
    fields["body_en"] = "A changed test paragraph.\n\nAnd a second one."
    response = client.post(url, {"slug": statement.slug, **fields})
    assert response.status_code == 302, response.context["adminform"].form.errors
    page = client.get("/en/privacy/").content.decode()
    assert "<p>A changed test paragraph.</p>" in page
    assert "<p>And a second one.</p>" in page


def test_beheerder_cannot_reach_the_totp_devices_of_every_gemeente(client, login_as):
    """django-otp's device admin is not scoped to a gemeente and shows the secret keys; a
    lost phone is solved with a set-up link from the user admin (test_two_factor_setup)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    login_as(Role.BEHEERDER)
    device = TOTPDevice.objects.create(user=UserFactory(role=Role.REGISSEUR), name="telefoon",
                                       confirmed=True)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert client.get(url).status_code == 403
    assert client.get(reverse("admin:otp_totp_totpdevice_changelist")).status_code == 403
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_no_admin_form_asks_to_type_back_a_recorded_moment(rf, login_as):
    """A recorded moment (created_at, date_joined ...) rendered in local time cannot be saved
    back during autumn's repeated hour (it is ambiguous): the admin shows them read-only."""
    from django.contrib import admin
    from django.db import models

    beheerder = login_as(Role.BEHEERDER)
    request = rf.get("/admin/")
    request.user = beheerder
    offenders = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"gemeenten", "initiatives", "infopunt"}:
            continue  # django-celery-beat's times are typed by the beheerder, not recorded
        form = model_admin.get_form(request, None)
        for name in form.base_fields:
            field = model._meta.get_field(name) if name in {
                f.name for f in model._meta.concrete_fields} else None
            if isinstance(field, models.DateTimeField) and (
                    callable(field.default) or field.auto_now or field.auto_now_add
                    or name == "last_login"):
                offenders.append(f"{model.__name__}.{name}")
    assert offenders == []


def test_the_admin_adds_an_activity_in_autumns_repeated_hour(client, login_as, gemeente):
    """Found running the suite as if it were 2027-10-31 02:30: the add form carried
    created_at as "2027-10-31 02:30" and refused it as ambiguous."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    import time_machine

    from initiatives.models import Activity
    from tests.factories import organisation_in
    from tests.initiatives.test_kaart_support import filled, rendered_form

    organisation = organisation_in(gemeente, name="Stichting Herfsttijd")
    repeated_hour = dt.datetime(2027, 10, 31, 2, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(repeated_hour, tick=False):
        login_as(Role.BEHEERDER, gemeente=gemeente)
        url = reverse("admin:initiatives_activity_add")
        data = filled(rendered_form(client.get(url).content.decode(), "title_nl"),
                      organisation=str(organisation.pk), gemeente=str(gemeente.pk),
                      title_nl="Herfstwandeling", **{"schedules-TOTAL_FORMS": "0"})
        response = client.post(url, data)
    assert response.status_code == 302
    assert Activity.objects.filter(title_nl="Herfstwandeling").exists()
