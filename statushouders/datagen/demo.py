"""Demo newcomers of Stichting Welkom Demodam, the demo begeleider's organisation: people
whose begeleiding ends at different distances from today, so each stage is visible. Names are
obviously invented."""
from datetime import timedelta

from gemeenten.datagen.registry import Demo
from gemeenten.models import Language, Theme

from ..choices import EndReason, LearningRoute, ResidenceBasis
from ..models import Begeleiding, Newcomer

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
