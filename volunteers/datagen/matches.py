"""Demo koppelingen for Taalcafé De Brug: the demo volunteer account's koppeling (two goals
of the newcomer and a check-in), and an accepted aanmelding still waiting for one, so the
demo can walk "pick a suggested volunteer". Names are obviously invented. Idempotent."""
from datetime import timedelta

from gemeenten.datagen.registry import Demo
from gemeenten.models import Language, Theme
from statushouders.choices import ReferralState
from statushouders.forms import default_instemming_text
from statushouders.models import Newcomer, Referral
from statushouders.referrals import referral_create, referral_transition

from ..choices import LanguageLevel, MembershipKind
from ..models import (
    CheckIn,
    Membership,
    Training,
    TrainingSignup,
    Volunteer,
    VolunteerLanguage,
)
from ..services.matches import match_start

ORGANISATION = "Taalcafé De Brug"
BEGELEIDING = "Stichting Welkom Demodam"
ACCOUNT_VOLUNTEER = "vera.vrijwilligster@demodam.example"
GOALS = ["Zelf een afspraak bij de huisarts maken", "De brieven van de gemeente begrijpen"]


def demo_matches(demo: Demo) -> None:
    organisation = demo.organisations.get(ORGANISATION)
    coordinator = demo.users.get("coordinator")
    account = demo.users.get("vrijwilliger")
    vera = Volunteer.objects.filter(gemeente=demo.gemeente, email=ACCOUNT_VOLUNTEER).first()
    if organisation is None or coordinator is None or vera is None:
        return
    if account is not None and vera.user_id is None \
            and not Volunteer.objects.filter(user=account).exists():
        vera.user = account
        vera.max_koppelingen = 2
        vera.save(update_fields=["user", "max_koppelingen"])
    _suggestable_volunteer(demo, organisation)
    # Her upcoming training, for her page.
    training = Training.objects.filter(gemeente=demo.gemeente, organisation=organisation,
                                       topic="Nederlands leren met beeld en gebaar").first()
    if training is not None:
        TrainingSignup.objects.get_or_create(training=training, volunteer=vera)
    # The accepted aanmelding of the statushouders demo gets its koppeling with Vera.
    accepted = Referral.objects.filter(
        to_organisation=organisation, state=ReferralState.ACCEPTED,
        newcomer__registratienummer="WD-0004").first()
    if accepted is not None:
        starts_on = demo.today - timedelta(days=40)
        match, created = match_start(referral=accepted, volunteer=vera, by=coordinator,
                                     starts_on=starts_on, goals=GOALS)
        if created:
            CheckIn.objects.create(match=match, on=demo.today - timedelta(days=6),
                                   text="Samen naar de bibliotheek geweest; ging goed.",
                                   recorded_by=account)
            demo.created["koppelingen"] += 1
    _waiting_aanmelding(demo, organisation, coordinator)


def _suggestable_volunteer(demo, organisation) -> None:
    """A Somali-speaking volunteer in Molenwijk: the waiting aanmelding's best suggestion."""
    volunteer, created = Volunteer.objects.get_or_create(
        gemeente=demo.gemeente, email="demi.suggestievoorbeeld@demodam.example",
        defaults={"first_name": "Demi", "surname": "Suggestievoorbeeld",
                  "wijk": demo.wijken.get("Molenwijk"), "availability": "di-ochtend,do-avond",
                  "vog": True, "max_koppelingen": 2})
    if not created:
        return
    volunteer.interests.set(Theme.objects.filter(slug="taal"))
    levels = {"so": LanguageLevel.NATIVE, "nl": LanguageLevel.GOOD}
    VolunteerLanguage.objects.bulk_create([
        VolunteerLanguage(volunteer=volunteer, language=language, level=levels[language.code])
        for language in Language.objects.filter(code__in=levels)])
    Membership.objects.create(volunteer=volunteer, organisation=organisation,
                              kind=MembershipKind.CORE)
    demo.created["volunteers"] += 1


def _waiting_aanmelding(demo, organisation, coordinator) -> None:
    """WD-0003 referred to the Taalcafé and accepted there, waiting for a koppeling."""
    begeleiding = demo.organisations.get(BEGELEIDING)
    newcomer = Newcomer.objects.filter(organisation=begeleiding,
                                       registratienummer="WD-0003").first()
    if begeleiding is None or newcomer is None or Referral.objects.filter(
            newcomer=newcomer, to_organisation=organisation).exists():
        return
    referral = referral_create(
        newcomer=newcomer, by=demo.users.get("begeleider"), from_organisation=begeleiding,
        to_organisation=organisation, need=Theme.objects.filter(slug="taal").first(),
        availability="di-ochtend,do-avond", note="Wil graag een taalmaatje.",
        shared_fields=["first_name", "languages", "wijk", "availability", "need"],
        instemming_text=default_instemming_text(), instemming_language="nl")
    referral_transition(referral=referral, to_state=ReferralState.ACCEPTED, by=coordinator,
                        version=referral.version)
    demo.created["referrals"] += 1
