"""Nobody gives themselves more rights than they hold: the beheerder's user admin, roles
(not is_superuser) in the portal's own pages, and the demo beheerder's permissions."""
import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from gemeenten.choices import Role
from gemeenten.models import User
from gemeenten.permissions import BEHEERDER_PERMISSIONS, beheerder_permissions
from tests.factories import UserFactory
from tests.initiatives.test_kaart_support import filled, rendered_form

pytestmark = pytest.mark.django_db


def _verified_login(client, user):
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def _change_form(client, user):
    url = reverse("admin:gemeenten_user_change", args=[user.pk])
    data = rendered_form(client.get(url).content.decode(), "username")
    # The page's multiple selects as the browser sends them: the options selected only.
    for name in ("groups", "user_permissions"):
        if name in data:
            data[name] = [str(pk) for pk in getattr(user, name).values_list("pk", flat=True)]
    return url, data


def test_beheerder_cannot_tick_is_superuser_on_their_own_account(client, login_as, gemeente):
    beheerder = login_as(Role.BEHEERDER, gemeente=gemeente)
    url, data = _change_form(client, beheerder)
    assert "is_superuser" not in data
    client.post(url, filled(data, is_superuser="on", role=Role.REGISSEUR))
    beheerder.refresh_from_db()
    assert not beheerder.is_superuser
    assert beheerder.role == Role.BEHEERDER


def test_beheerder_cannot_make_another_user_superuser_or_demo(client, login_as, gemeente):
    login_as(Role.BEHEERDER, gemeente=gemeente)
    other = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    url, data = _change_form(client, other)
    response = client.post(url, filled(data, is_superuser="on", is_demo="on"))
    assert response.status_code == 302
    other.refresh_from_db()
    assert not other.is_superuser
    assert not other.is_demo


def test_beheerder_grants_only_permissions_and_groups_they_hold(client, login_as, gemeente):
    login_as(Role.BEHEERDER, gemeente=gemeente)
    other = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    foreign = Permission.objects.get(codename="change_permission")
    wide = Group.objects.create(name="alles")
    wide.permissions.set(Permission.objects.all())
    own = Permission.objects.get(codename="view_wijk")
    url, data = _change_form(client, other)
    response = client.post(url, filled(data, user_permissions=[str(foreign.pk), str(own.pk)],
                                       groups=[str(wide.pk)]))
    assert response.status_code == 200  # the form refuses the choices it does not offer
    other.refresh_from_db()
    assert not other.user_permissions.exists()
    assert not other.groups.exists()
    client.post(url, filled(data, user_permissions=[str(own.pk)]))
    assert list(other.user_permissions.all()) == [own]


def test_a_permission_a_superuser_gave_survives_a_beheerders_edit(client, login_as, gemeente):
    login_as(Role.BEHEERDER, gemeente=gemeente)
    other = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    extra = Permission.objects.get(codename="change_permission")
    other.user_permissions.add(extra)
    url, data = _change_form(client, other)
    # The page does not offer the permission, so the browser does not send it.
    client.post(url, filled(data, first_name="Nieuw", user_permissions=[]))
    other.refresh_from_db()
    assert other.first_name == "Nieuw"
    assert list(other.user_permissions.all()) == [extra]


def test_beheerder_cannot_change_a_superusers_account_or_password(client, login_as, gemeente):
    login_as(Role.BEHEERDER, gemeente=gemeente)
    root = UserFactory(role="", gemeente=gemeente, is_superuser=True, is_staff=True)
    response = client.post(reverse("admin:auth_user_password_change", args=[root.pk]),
                           {"password1": "overgenomen-wachtwoord-1",
                            "password2": "overgenomen-wachtwoord-1"})
    assert response.status_code == 403
    root.refresh_from_db()
    assert not root.check_password("overgenomen-wachtwoord-1")
    page = client.get(reverse("admin:gemeenten_user_change", args=[root.pk]))
    assert b'name="username"' not in page.content  # view only


def test_a_superuser_may_still_make_a_superuser(client, gemeente):
    root = UserFactory(role="", gemeente=gemeente, is_superuser=True, is_staff=True)
    _verified_login(client, root)
    other = UserFactory(role=Role.BEHEERDER, gemeente=gemeente)
    url, data = _change_form(client, other)
    client.post(url, filled(data, is_superuser="on"))
    other.refresh_from_db()
    assert other.is_superuser


def test_superuser_passes_no_role_check_in_the_portal(client, gemeente):
    root = UserFactory(role=Role.COORDINATOR, gemeente=gemeente, is_superuser=True,
                       is_staff=True)
    _verified_login(client, root)
    # A class-based view (the regisseur's list) and a function view (role_required).
    assert client.get(reverse("initiatives:organisation_list")).status_code == 404
    assert client.get(reverse("initiatives:invitation_create")).status_code == 404
    home = client.get(reverse("home")).content.decode()
    assert reverse("initiatives:organisation_list") not in home
    assert reverse("admin:index") not in home


def test_demo_beheerder_holds_the_beheerder_permissions_only(db):
    from gemeenten.datagen.demo import demo_seed

    demo_seed()
    beheerder = User.objects.get(username="beheerder")
    beheerder.is_superuser = True  # what the security test did through the old admin
    beheerder.save()
    beheerder.user_permissions.set(Permission.objects.all())
    demo_seed()
    beheerder = User.objects.get(username="beheerder")
    assert not beheerder.is_superuser
    assert beheerder.get_all_permissions() == set(BEHEERDER_PERMISSIONS)
    assert beheerder_permissions().count() == len(BEHEERDER_PERMISSIONS)  # no name misspelt
    assert not User.objects.filter(is_superuser=True).exists()
    for outside in ("axes.view_accessattempt", "otp_totp.view_totpdevice",
                    "django_celery_beat.change_periodictask", "auth.change_group"):
        assert not beheerder.has_perm(outside)
