"""A small world for the koppelingen tests: a begeleiding organisation refers a newcomer to a
taalcafé, which accepts; the taalcafé has volunteers. Names are obviously invented."""
from dataclasses import dataclass
from datetime import date

from gemeenten.choices import Role
from gemeenten.models import Language, Theme
from statushouders.choices import ReferralState
from statushouders.models import Begeleiding, Newcomer, Referral
from statushouders.referrals import referral_create, referral_transition
from volunteers.choices import LanguageLevel
from volunteers.models import Membership, Volunteer, VolunteerLanguage

from ..factories import UserFactory, WijkFactory, organisation_in

ALL_SHARED = ["first_name", "languages", "wijk", "availability", "need", "maatjes"]


@dataclass
class World:
    gemeente: object
    sender: object
    receiver: object
    other: object
    begeleider: object
    coordinator: object
    newcomer: object
    wijk: object
    other_wijk: object


def make_world(gemeente) -> World:
    sender = organisation_in(gemeente, name="Stichting Testbegeleiding")
    receiver = organisation_in(gemeente, name="Taalcafé Test")
    other = organisation_in(gemeente, name="Maatjesclub Elders")
    begeleider = UserFactory(gemeente=gemeente, role=Role.BEGELEIDER)
    sender.staff.add(begeleider)
    coordinator = UserFactory(gemeente=gemeente, role=Role.COORDINATOR)
    receiver.staff.add(coordinator)
    wijk = WijkFactory(gemeente=gemeente, name="Testwijk")
    other_wijk = WijkFactory(gemeente=gemeente, name="Anderwijk")
    newcomer = Newcomer.objects.create(
        gemeente=gemeente, organisation=sender, registratienummer="K-1", first_name="Nieuwa",
        surname="Geheimnaam", wijk=wijk)
    newcomer.languages.set(Language.objects.filter(code__in=["ar", "ti"]))
    Begeleiding.objects.create(newcomer=newcomer, organisation=sender, start=date(2026, 1, 1),
                               planned_end=date(2026, 12, 31))
    return World(gemeente, sender, receiver, other, begeleider, coordinator, newcomer, wijk,
                 other_wijk)


def accepted_referral(world: World, *, shared=ALL_SHARED, to=None, by=None,
                      availability="di-avond,za-ochtend", need="taal") -> Referral:
    to = to or world.receiver
    referral = referral_create(
        newcomer=world.newcomer, by=world.begeleider, from_organisation=world.sender,
        to_organisation=to, need=Theme.objects.get(slug=need), availability=availability,
        shared_fields=list(shared), instemming_text="Ik stem in.", instemming_language="nl")
    if by is None:
        by = world.coordinator if to == world.receiver else UserFactory(
            gemeente=world.gemeente, role=Role.COORDINATOR)
        to.staff.add(by)
    return referral_transition(referral=referral, to_state=ReferralState.ACCEPTED, by=by,
                               version=referral.version)


_counter = iter(range(1_000_000))


def volunteer(world: World, *, organisation=None, languages=(), wijk=None, availability="",
              interests=(), vog=True, max_koppelingen=2, name=None, active=True,
              user=None) -> Volunteer:
    n = next(_counter)
    person = Volunteer.objects.create(
        gemeente=world.gemeente, first_name=name or f"Helper{n}", surname="Verzonnen",
        email=f"helper{n}@example.org", wijk=wijk, availability=availability, vog=vog,
        max_koppelingen=max_koppelingen, user=user)
    person.interests.set(Theme.objects.filter(slug__in=interests))
    for code, level in languages:
        VolunteerLanguage.objects.create(volunteer=person,
                                         language=Language.objects.get(code=code),
                                         level=level)
    Membership.objects.create(volunteer=person, organisation=organisation or world.receiver,
                              active=active)
    return person


NATIVE, GOOD, BASIC = LanguageLevel.NATIVE, LanguageLevel.GOOD, LanguageLevel.BASIC
