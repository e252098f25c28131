"""Demo newcomers of Stichting Welkom Demodam, the demo begeleider's organisation: people
whose begeleiding ends at different distances from today, so each stage is visible. Names are
obviously invented."""
from datetime import timedelta

from django.utils import timezone

from gemeenten.datagen.registry import Demo
from gemeenten.models import Language, Theme

from ..choices import EndReason, LearningRoute, ReferralState, ResidenceBasis
from ..flags import raise_flags
from ..forms import default_instemming_text
from ..models import Begeleiding, Instemming, Newcomer, Referral, ReferralEvent

ORGANISATION = "Stichting Welkom Demodam"

# number, first name, surname, residence basis, languages, wijk, days to planned end, ended
PEOPLE = [
    ("WD-0001", "Testa", "Voorbeeld", ResidenceBasis.ASYLUM, ["ti"], "Centrum", 200, False),
    ("WD-0002", "Demo", "Nieuwkomer", ResidenceBasis.ASYLUM, ["ar"], "Molenwijk", 80, False),
    ("WD-0003", "Proef", "Persoon", ResidenceBasis.FAMILY_MIGRATION, ["so"], "Molenwijk", 25,
     False),
    ("WD-0004", "Oefen", "Gebruiker", ResidenceBasis.TEMPORARY_PROTECTION, ["uk"], "Centrum",
     -10, False),
    ("WD-0005", "Fictief", "Voorbeeldig", ResidenceBasis.ASYLUM, ["fa", "en"], "Centrum", -40,
     True),
]


# number of the person, receiving organisation, state, days ago it was sent
REFERRALS = [
    ("WD-0001", "Taalcafé De Brug", ReferralState.PROPOSED, 2),
    ("WD-0002", "Taalcafé De Brug", ReferralState.PROPOSED, 9),
    ("WD-0003", "Taalhuis Demodam", ReferralState.PROPOSED, 16),
    ("WD-0004", "Taalcafé De Brug", ReferralState.ACCEPTED, 30),
    ("WD-0005", "Taalhuis Demodam", ReferralState.DECLINED, 60),
]


def demo_newcomers(demo: Demo) -> None:
    organisation = demo.organisations.get(ORGANISATION)
    caseworker = demo.users.get("begeleider")
    if organisation is None:
        return
    themes = {t.slug: t for t in Theme.objects.filter(slug__in=["taal", "werk", "papieren"])}
    for number, first, surname, basis, languages, wijk, days, ended in PEOPLE:
        newcomer, created = Newcomer.objects.get_or_create(
            organisation=organisation, registratienummer=number,
            defaults={
                "gemeente": demo.gemeente, "first_name": first, "surname": surname,
                "residence_basis": basis, "birth_year": 1985, "household_size": 2,
                "wijk": demo.wijken.get(wijk), "housing_date": demo.today - timedelta(days=300),
                "learning_route": LearningRoute.B1,
            },
        )
        if not created:
            continue
        demo.created["newcomers"] += 1
        newcomer.languages.set(Language.objects.filter(code__in=languages))
        newcomer.needs.set([themes[slug] for slug in ("taal", "papieren") if slug in themes])
        planned_end = demo.today + timedelta(days=days)
        Begeleiding.objects.create(
            newcomer=newcomer, organisation=organisation, caseworker=caseworker,
            start=planned_end - timedelta(days=365), planned_end=planned_end,
            actual_end=planned_end if ended else None,
            end_reason=EndReason.COMPLETED if ended else "",
        )
    _demo_referrals(demo, organisation, caseworker)
    raise_flags(gemeente=demo.gemeente, today=demo.today)


def _demo_referrals(demo, organisation, caseworker) -> None:
    """One referral per demo person, in several states; the coordinator's Taalcafé has
    aanmeldingen to answer. Made once: a person with a referral is skipped."""
    taal = Theme.objects.filter(slug="taal").first()
    for number, receiver_name, state, days in REFERRALS:
        receiver = demo.organisations.get(receiver_name)
        newcomer = Newcomer.objects.filter(organisation=organisation,
                                           registratienummer=number).first()
        if receiver is None or newcomer is None or newcomer.referrals.exists():
            continue
        sent = timezone.now() - timedelta(days=days)
        referral = Referral.objects.create(
            gemeente=demo.gemeente, newcomer=newcomer, from_organisation=organisation,
            from_user=caseworker, to_organisation=receiver, need=taal, state=state,
            availability="di-ochtend,do-avond", note="Wil graag Nederlands oefenen.",
            created_at=sent,
            accepted_at=sent + timedelta(days=2) if state == ReferralState.ACCEPTED else None,
            answered_at=None if state == ReferralState.PROPOSED else sent + timedelta(days=2),
            reason="Groep is vol" if state == ReferralState.DECLINED else "",
        )
        Instemming.objects.create(
            referral=referral, shared_fields="first_name,languages,availability,need,note",
            text=default_instemming_text(), language="nl", recorded_by=caseworker,
            recorded_at=sent)
        ReferralEvent.objects.create(referral=referral, to_state=ReferralState.PROPOSED,
                                     by=caseworker, at=sent)
        if state != ReferralState.PROPOSED:
            ReferralEvent.objects.create(referral=referral, from_state=ReferralState.PROPOSED,
                                         to_state=state, at=sent + timedelta(days=2),
                                         reason=referral.reason)
        demo.created["referrals"] += 1
