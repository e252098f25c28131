"""Demo data of the coordination layer: a gap the coverage view shows (DESIGN: the demo shows
every part). Two invented families in Het Weiland need help with work and with language, and
no activity on either theme is held in that wijk. Idempotent: found by their numbers."""
from datetime import timedelta

from gemeenten.datagen.registry import Demo
from gemeenten.models import Language, Theme
from statushouders.choices import LearningRoute, ResidenceBasis
from statushouders.models import Begeleiding, Newcomer

ORGANISATION = "Stichting Welkom Demodam"
GAP_WIJK = "Het Weiland"
GAP_THEMES = ("werk", "taal")
PEOPLE = [("WD-0101", "Gatja", "Voorbeeldweiland", "ar"),
          ("WD-0102", "Lacuna", "Proefweiland", "ti")]


def demo_gap(demo: Demo) -> None:
    organisation = demo.organisations.get(ORGANISATION)
    wijk = demo.wijken.get(GAP_WIJK)
    if organisation is None or wijk is None:
        return
    themes = list(Theme.objects.filter(slug__in=GAP_THEMES))
    for number, first, surname, language in PEOPLE:
        newcomer, created = Newcomer.objects.get_or_create(
            organisation=organisation, registratienummer=number,
            defaults={"gemeente": demo.gemeente, "first_name": first, "surname": surname,
                      "residence_basis": ResidenceBasis.ASYLUM, "birth_year": 1990,
                      "household_size": 3, "wijk": wijk,
                      "housing_date": demo.today - timedelta(days=60),
                      "learning_route": LearningRoute.B1})
        if not created:
            continue
        newcomer.languages.set(Language.objects.filter(code=language))
        newcomer.needs.set(themes)
        Begeleiding.objects.create(
            newcomer=newcomer, organisation=organisation,
            caseworker=demo.users.get("begeleider"), start=demo.today - timedelta(days=60),
            planned_end=demo.today + timedelta(days=305))
        demo.created["newcomers"] += 1
