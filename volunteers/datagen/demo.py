"""Demo volunteers of Taalcafé De Brug (the demo coördinator's): a core team and occasional
helpers, one ervaringsdeskundige. Names are obviously invented."""
from gemeenten.datagen.registry import Demo
from gemeenten.models import Language, Theme

from ..choices import LanguageLevel, MembershipKind
from ..models import Membership, Volunteer, VolunteerLanguage

ORGANISATION = "Taalcafé De Brug"
# first name, surname, kind, languages, ervaringsdeskundige, vog
PEOPLE = [
    ("Vera", "Vrijwilligster", MembershipKind.CORE, ["nl", "en"], False, True),
    ("Hulp", "Proefpersoon", MembershipKind.CORE, ["nl", "ar"], True, True),
    ("Maatje", "Verzonnen", MembershipKind.OCCASIONAL, ["nl", "uk"], False, False),
    ("Helper", "Voorbeeld", MembershipKind.OCCASIONAL, ["nl", "ti"], True, False),
]


def demo_volunteers(demo: Demo) -> None:
    organisation = demo.organisations.get(ORGANISATION)
    if organisation is None:
        return
    taal = list(Theme.objects.filter(slug__in=["taal", "maatje"]))
    for first, surname, kind, codes, ervaring, vog in PEOPLE:
        email = f"{first.lower()}.{surname.lower()}@demodam.example"
        volunteer, created = Volunteer.objects.get_or_create(
            gemeente=demo.gemeente, email=email,
            defaults={"first_name": first, "surname": surname,
                      "wijk": demo.wijken.get("Centrum"), "ervaringsdeskundige": ervaring,
                      "vog": vog, "availability": "di-avond,za-ochtend"})
        if not created:
            continue
        volunteer.interests.set(taal)
        VolunteerLanguage.objects.bulk_create([
            VolunteerLanguage(volunteer=volunteer, language=language,
                              level=LanguageLevel.NATIVE if language.code != "nl"
                              else LanguageLevel.GOOD)
            for language in Language.objects.filter(code__in=codes)])
        Membership.objects.create(volunteer=volunteer, organisation=organisation, kind=kind)
        demo.created["volunteers"] += 1
