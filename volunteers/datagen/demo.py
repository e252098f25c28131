"""Demo volunteers of Taalcafé De Brug (the demo coördinator's): a core team and occasional
helpers, one ervaringsdeskundige. Names are obviously invented."""
from datetime import datetime, time, timedelta

from django.utils import timezone

from gemeenten.datagen.registry import Demo
from gemeenten.models import Language, Theme

from ..choices import LanguageLevel, MembershipKind
from ..models import (
    Membership,
    Training,
    Vacancy,
    Volunteer,
    VolunteerApplication,
    VolunteerLanguage,
)

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
    demo_trainings(demo)
    demo_vacancies(demo)


# organisation, topic, days ahead, seats, open to others
TRAININGS = [
    ("Taalcafé De Brug", "Nederlands leren met beeld en gebaar", 12, 12, True),
    ("Taalhuis Demodam", "Omgaan met verhalen over vlucht", 20, 15, True),
    ("Taalcafé De Brug", "Kennismaking nieuwe vrijwilligers", 5, 8, False),
]


def demo_trainings(demo: Demo) -> None:
    for name, topic, days, seats, open_to_others in TRAININGS:
        organisation = demo.organisations.get(name)
        if organisation is None:
            continue
        when = timezone.make_aware(datetime.combine(demo.today + timedelta(days=days), time(19)))
        _training, created = Training.objects.get_or_create(
            gemeente=demo.gemeente, organisation=organisation, topic=topic,
            defaults={"starts_at": when, "seats": seats, "place": "Bibliotheek Demodam",
                      "open_to_others": open_to_others})
        demo.created["trainings"] += int(created)


# organisation, title, theme, wijk, starts in days, lasts days, hours, languages.
# The first two are a planted recruitment clash for the regie's overlap detection: two
# organisations looking for taal volunteers in Centrum over overlapping periods.
VACANCIES = [
    ("Taalcafé De Brug", "Gastvrouw of gastheer voor het taalcafé", "taal", "Centrum",
     -14, 180, "2 uur per week, dinsdagavond", ["nl", "ar"]),
    ("Taalhuis Demodam", "Taalmaatje voor een nieuwe Demodammer", "taal", "Centrum",
     7, 120, "1 uur per week", ["nl", "uk"]),
    ("Taalcafé De Brug", "Helpende hand bij het zomerfeest", "ontmoeting", "Noorderpark",
     30, 2, "één zaterdag", []),
]
# first name, surname, vacancy title (None: the organisation in general), languages,
# ervaringsdeskundige
APPLICATIONS = [
    ("Aanmelder", "Verzonnen", "Gastvrouw of gastheer voor het taalcafé", ["nl", "ar"], True),
    ("Helpgraag", "Voorbeeldig", None, ["nl", "en"], False),
]


def demo_vacancies(demo: Demo) -> None:
    by_title = {}
    for name, title, theme, wijk, days, lasts, hours, codes in VACANCIES:
        organisation = demo.organisations.get(name)
        if organisation is None:
            continue
        starts = demo.today + timedelta(days=days)
        vacancy, created = Vacancy.objects.get_or_create(
            gemeente=demo.gemeente, organisation=organisation, title=title,
            defaults={"theme": Theme.objects.get(slug=theme), "wijk": demo.wijken.get(wijk),
                      "starts_on": starts, "ends_on": starts + timedelta(days=lasts),
                      "hours": hours,
                      "description": "Een verzonnen vacature voor de demo."})
        if created:
            vacancy.languages.set(Language.objects.filter(code__in=codes))
            demo.created["vacancies"] += 1
        by_title[title] = vacancy
    organisation = demo.organisations.get(ORGANISATION)
    if organisation is None:
        return
    for first, surname, title, codes, ervaring in APPLICATIONS:
        email = f"{first.lower()}.{surname.lower()}@demodam.example"
        application, created = VolunteerApplication.objects.get_or_create(
            gemeente=demo.gemeente, organisation=organisation, email=email,
            defaults={"first_name": first, "surname": surname,
                      "vacancy": by_title.get(title), "wijk": demo.wijken.get("Centrum"),
                      "availability": "di-avond", "ervaringsdeskundige": ervaring,
                      "motivation": "Ik help graag mee (verzonnen demotekst).",
                      "language": "nl"})
        if created:
            application.languages.set(Language.objects.filter(code__in=codes))
            application.interests.set(Theme.objects.filter(slug="taal"))
            demo.created["volunteer applications"] += 1
