"""factory_boy factories for the foundation; names are obviously invented."""
import datetime

import factory
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.models import Gemeente, Language, Theme, User, Wijk
from initiatives.choices import ApprovalState, Frequency
from initiatives.models import Activity, Organisation, Presence, Schedule

TEST_PASSWORD = "een-lang-testwachtwoord"  # every UserFactory user's


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    slug = factory.Sequence(lambda n: f"testgemeente-{n}")


class WijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wijk

    gemeente = factory.SubFactory(GemeenteFactory)
    name = factory.Sequence(lambda n: f"Wijk {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"testgebruiker{n}")
    first_name = "Testa"
    last_name = factory.Sequence(lambda n: f"Voorbeeld{n}")
    email = factory.Sequence(lambda n: f"gebruiker{n}@example.org")
    gemeente = factory.SubFactory(GemeenteFactory)
    role = Role.REGISSEUR
    password = factory.django.Password(TEST_PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stichting Test {n}")


class PresenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Presence

    organisation = factory.SubFactory(OrganisationFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    approval = ApprovalState.APPROVED
    last_confirmed = factory.LazyFunction(timezone.localdate)


def organisation_in(gemeente, *, approval=ApprovalState.APPROVED, **kwargs) -> Organisation:
    organisation = OrganisationFactory(**kwargs)
    PresenceFactory(organisation=organisation, gemeente=gemeente, approval=approval)
    return organisation


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    gemeente = factory.SubFactory(GemeenteFactory)
    organisation = factory.LazyAttribute(lambda o: organisation_in(o.gemeente))
    title = factory.Sequence(lambda n: f"Testactiviteit {n}")
    description = "Een verzonnen activiteit voor de tests."

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(Theme.objects.filter(slug__in=extracted))

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(Language.objects.filter(code__in=extracted))


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    activity = factory.SubFactory(ActivityFactory)
    frequency = Frequency.WEEKLY
    weekdays = "2"
    start_time = datetime.time(19, 0)
    end_time = datetime.time(21, 0)
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


def log_in(client, user) -> User:
    """`user` logged in on `client`, with a confirmed TOTP device and a verified session
    where their role needs 2FA, as after a real log-in."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    if user.needs_two_factor:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return user


def staff_logged_in(client, role: str, *, gemeente, organisation=None, **fields) -> User:
    """A new user of that role in that gemeente (and organisation), logged in on `client`
    (`log_in`). The `login_as` fixture and the walks that log in per role use it."""
    user = UserFactory(role=role, gemeente=gemeente, is_staff=role == Role.BEHEERDER,
                       is_superuser=False, **fields)
    if role == Role.BEHEERDER:
        from gemeenten.permissions import beheerder_permissions

        user.user_permissions.set(beheerder_permissions())
    if organisation is not None:
        organisation.staff.add(user)
    return log_in(client, user)
