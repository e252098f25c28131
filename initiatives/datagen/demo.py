"""The sociale kaart of the demo gemeente Demodam: its organisations, activities, fundings and
one user per role, the first demo step of `seed_demo` (registered in apps.py; the gemeente,
its wijken and the run are in gemeenten/datagen/).

Idempotent: every record is found by its natural key (organisation name within Demodam,
activity title within its organisation, username) and created only when missing, so a second
run adds nothing. Later steps get the `Demo` with the organisations and users made here.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.datagen.demo import DEMO_PASSWORD
from gemeenten.datagen.registry import Demo
from gemeenten.models import Language, TargetGroup, Theme, User
from gemeenten.permissions import beheerder_permissions

from ..choices import Frequency, OrganisationKind
from ..models import Activity, Funding, InitiativeRegistration, Organisation, Schedule
from ..services import activities_refresh, organisation_register

K = OrganisationKind

# name, kind, newcomer_led, communities reached, languages, wijken, approved, activity keys
ORGANISATIONS = [
    ("Taalcafé De Brug", K.CITIZEN_INITIATIVE, False, "", ["nl", "en"], ["Centrum"], True,
     ["taalcafe_zomerstop", "conversatie", "voorlezen"]),
    ("Buurtkamer De Linde", K.CITIZEN_INITIATIVE, False, "", ["nl"], ["Molenwijk"], True,
     ["inloop", "buurtmaaltijd", "vrouwenochtend"]),
    ("Fietsmaatjes Demodam", K.CITIZEN_INITIATIVE, False, "", ["nl", "en"], ["Noorderpark"],
     True, ["fietsles", "fietsreparatie", "wandelmaatjes"]),
    ("Welkom in Demodam", K.CITIZEN_INITIATIVE, False, "", ["nl", "en", "ar"], ["Centrum"],
     True, ["maatjesspreekuur", "kenniscafe", "open_dag"]),
    ("Huiswerkklas Molenwijk", K.CITIZEN_INITIATIVE, False, "", ["nl"], ["Molenwijk"], True,
     ["huiswerkklas", "ouderkamer", "zomerschool"]),
    ("Samen Koken Zuiderveld", K.CITIZEN_INITIATIVE, False, "", ["nl"], ["Zuiderveld"], True,
     ["samen_koken", "buurtmaaltijd", "nieuwjaar"]),
    ("Wandelclub Noorderpark", K.CITIZEN_INITIATIVE, False, "", ["nl"], ["Noorderpark"], True,
     ["wandelgroep", "wandelmaatjes", "inloop"]),
    ("Nieuwe Buren Kanaalzone", K.CITIZEN_INITIATIVE, True, "nieuwkomers uit Syrië en Eritrea",
     ["nl", "ar", "ti"], ["Kanaalzone"], False, ["inloop", "samen_koken", "jongerenavond"]),
    ("Koor Vele Stemmen", K.CITIZEN_INITIATIVE, False, "", ["nl", "en"], ["Centrum"], True,
     ["koor", "muziekmiddag", "zomerfeest"]),
    ("Papierenhulp De Akkers", K.CITIZEN_INITIATIVE, False, "", ["nl", "en"], ["De Akkers"],
     True, ["formulieren", "belastingavond", "geldzaken"]),
    ("Stichting Tesfa Demodam", K.SELF_ORGANISATION, True, "Eritrese gemeenschap",
     ["ti", "nl", "am"], ["Kanaalzone", "Oude Haven"], True,
     ["taalcafe_moedertaal", "vrouwenochtend", "ouderkamer"]),
    ("Syrische Vereniging Yasmin", K.SELF_ORGANISATION, True, "Syrische gemeenschap",
     ["ar", "nl"], ["Bloemenbuurt"], True,
     ["samen_koken", "taalcafe_moedertaal", "suikerfeest"]),
    ("Stichting Mriya Demodam", K.SELF_ORGANISATION, True, "Oekraïense ontheemden",
     ["uk", "ru", "nl"], ["Stationskwartier"], True,
     ["taalcafe_moedertaal", "kinderclub", "werkcafe"]),
    ("Afghaanse Vrouwenvereniging Umeed", K.SELF_ORGANISATION, True, "Afghaanse vrouwen",
     ["prs", "ps", "fa", "nl"], ["Zuiderveld"], True,
     ["vrouwenochtend", "naailes", "gezond_bewegen"]),
    ("Somalische Stichting Hiddo", K.SELF_ORGANISATION, True, "Somalische gemeenschap",
     ["so", "nl"], ["Het Weiland"], True, ["huiswerkklas", "ouderkamer", "voetbal"]),
    ("Koerdische Vereniging Hevi", K.SELF_ORGANISATION, True, "Koerdische gemeenschap",
     ["ckb", "kmr", "nl"], ["De Akkers"], True, ["muziekmiddag", "kenniscafe", "inloop"]),
    ("Eritrese Jongeren Selam", K.SELF_ORGANISATION, True, "Eritrese jongeren",
     ["ti", "nl"], ["Kanaalzone"], True, ["jongerenavond", "voetbal", "mentor"]),
    ("Oekraïense Ouders Sonjasjnyk", K.SELF_ORGANISATION, True, "Oekraïense gezinnen",
     ["uk", "nl"], ["Stationskwartier"], False, ["kinderclub", "ouderkamer", "speelmiddag"]),
    ("Stichting Welkom Demodam", K.CIVIL_SOCIETY, False, "statushouders en gezinsmigranten",
     ["nl", "en", "ar", "ti", "prs"], ["Centrum", "Kanaalzone", "Molenwijk"], True,
     ["spreekuur_begeleiding", "kenniscafe", "formulieren"]),
    ("Vrijwilligerscentrale Demodam", K.CIVIL_SOCIETY, False, "", ["nl", "en"], ["Centrum"],
     True, ["vrijwilligerswerk", "open_dag", "maatjesspreekuur"]),
    ("Welzijn Demodam", K.CIVIL_SOCIETY, False, "", ["nl", "tr", "ar"],
     ["Bloemenbuurt", "De Akkers"], True, ["inloop", "ouderensoos", "vrouwenochtend"]),
    ("Geldwijzer Demodam", K.CIVIL_SOCIETY, False, "", ["nl", "en"], ["Stationskwartier"],
     True, ["geldzaken", "belastingavond", "formulieren"]),
    ("Sociaal Advies Demodam", K.CIVIL_SOCIETY, False, "", ["nl", "en", "fr"], ["Centrum"],
     True, ["juridisch", "formulieren", "kenniscafe"]),
    ("Kledingbank Demodam", K.CIVIL_SOCIETY, False, "", ["nl"], ["Oude Haven"], True,
     ["kledingbank", "weggeefwinkel", "speelgoedactie"]),
    ("Meubelhulp Demodam", K.CIVIL_SOCIETY, False, "", ["nl", "ar"], ["Kanaalzone"], True,
     ["meubelbank", "inrichten", "fietsreparatie"]),
    ("Stichting Sport Verbindt", K.CIVIL_SOCIETY, False, "", ["nl", "en"], ["Het Weiland"],
     True, ["voetbal", "zwemles", "wandelgroep"]),
    ("Inloophuis De Herberg", K.FAITH_BASED, False, "", ["nl", "en"], ["Oude Haven"], True,
     ["inloop", "buurtmaaltijd", "conversatie"]),
    ("Moskeevereniging Nour Demodam", K.FAITH_BASED, False, "", ["nl", "ar", "tr", "so"],
     ["Bloemenbuurt"], True, ["huiswerkklas", "vrouwenochtend", "suikerfeest"]),
    ("Interkerkelijk Platform Demodam", K.FAITH_BASED, False, "", ["nl", "en"], ["Centrum"],
     True, ["taalcafe_zondag", "maatjesspreekuur", "nieuwjaar"]),
    ("Stichting Salam", K.FAITH_BASED, True, "Arabischsprekende gezinnen", ["ar", "nl"],
     ["Molenwijk"], True, ["kinderclub", "ouderkamer", "kenniscafe"]),
    ("Parochiewerk De Goede Herder", K.FAITH_BASED, False, "", ["nl"], ["Zuiderveld"], True,
     ["buurtmaaltijd", "kledingbank", "ouderensoos"]),
    ("Naaiatelier Draad en Co", K.SOCIAL_ENTERPRISE, True, "vrouwen uit Afghanistan en Syrië",
     ["nl", "prs", "ar"], ["Stationskwartier"], True, ["naailes", "werkervaring", "open_dag"]),
    ("Restaurant De Nieuwe Buren", K.SOCIAL_ENTERPRISE, True, "nieuwkomers die koken",
     ["nl", "ar", "ti", "en"], ["Centrum"], True,
     ["kookworkshop", "werkervaring", "zomerfeest"]),
    ("Fietswerkplaats Op Weg", K.SOCIAL_ENTERPRISE, False, "", ["nl", "en"], ["Kanaalzone"],
     True, ["fietsreparatie", "werkervaring", "fietsles"]),
    ("Leerwerkbedrijf Kanaalzone", K.SOCIAL_ENTERPRISE, False, "", ["nl"], ["Kanaalzone"],
     False, ["werkervaring", "sollicitatie", "werkcafe"]),
    ("Bibliotheek Demodam", K.FORMAL, False, "", ["nl", "en", "ar", "uk"], ["Centrum"], True,
     ["taalcafe_zomerstop", "voorlezen", "digitaal"]),
    ("Taalhuis Demodam", K.FORMAL, False, "", ["nl", "en"], ["Centrum", "Molenwijk"], True,
     ["conversatie", "taalspreekuur", "digitaal"]),
    ("Sportbedrijf Demodam", K.FORMAL, False, "", ["nl"], ["Het Weiland"], True,
     ["zwemles", "gezond_bewegen", "sportkennismaking"]),
    ("Wijkteam Demodam", K.FORMAL, False, "", ["nl", "en"], ["Bloemenbuurt", "Molenwijk"],
     True, ["spreekuur_wijkteam", "geldzaken", "ouderkamer"]),
    ("Jeugdgezondheidszorg Demodam", K.FORMAL, False, "", ["nl", "en", "ar"], ["Zuiderveld"],
     True, ["zwangerschap", "gezond_bewegen", "speelmiddag"]),
]


@dataclass(frozen=True)
class Kind:
    """One kind of activity: title in Dutch and English, themes, groups and its rhythm."""

    nl: str
    en: str
    themes: tuple[str, ...]
    groups: tuple[str, ...]
    frequency: str
    day: int  # Monday = 0
    start: clock
    end: clock
    week_of_month: int | None = None
    summer_break: bool = False
    once_in_days: int = 0  # for once: days after the seed date
    cost: str = ""
    signup: bool = False
    capacity: int | None = None
    fixed_day: bool = False  # on `day` at every organisation (a demo of a named rule)


W, B, M, ONCE = Frequency.WEEKLY, Frequency.BIWEEKLY, Frequency.MONTHLY, Frequency.ONCE
ACTIVITY_KINDS = {
    "taalcafe_zomerstop": Kind("Taalcafé", "Language café", ("taal", "ontmoeting"),
                               ("volwassenen",), W, 1, clock(19, 30), clock(21, 0),
                               summer_break=True),
    "taalcafe_moedertaal": Kind("Taalcafé in eigen taal en Nederlands",
                                "Language café in our own language and Dutch", ("taal",),
                                ("volwassenen",), W, 5, clock(14, 0), clock(16, 0)),
    "taalcafe_zondag": Kind("Taalcafé op zondag", "Sunday language café", ("taal",),
                            ("iedereen",), W, 6, clock(14, 0), clock(15, 30), summer_break=True),
    "conversatie": Kind("Conversatiegroep Nederlands", "Dutch conversation group", ("taal",),
                        ("volwassenen",), W, 3, clock(10, 0), clock(11, 30), capacity=12),
    "taalspreekuur": Kind("Taalspreekuur", "Language help desk", ("taal", "papieren"),
                          ("volwassenen",), W, 2, clock(13, 30), clock(15, 30)),
    "voorlezen": Kind("Voorleesuurtje", "Reading hour for children", ("taal", "kinderen"),
                      ("kinderen", "gezinnen"), W, 5, clock(10, 30), clock(11, 30)),
    "digitaal": Kind("Digitaal spreekuur: DigiD en e-mail", "Digital help: DigiD and e-mail",
                     ("papieren",), ("volwassenen", "ouderen"), W, 0, clock(10, 0),
                     clock(12, 0)),
    "inloop": Kind("Inloop met koffie en thee", "Drop-in with coffee and tea", ("ontmoeting",),
                   ("iedereen",), W, 2, clock(10, 0), clock(12, 0)),
    "buurtmaaltijd": Kind("Buurtmaaltijd", "Neighbourhood dinner", ("ontmoeting", "koken"),
                          ("iedereen", "gezinnen"), M, 4, clock(17, 30), clock(19, 30),
                          week_of_month=-1, cost="€ 3", signup=True, capacity=40),
    "vrouwenochtend": Kind("Vrouwenochtend", "Women's morning", ("ontmoeting",), ("vrouwen",),
                           B, 3, clock(9, 30), clock(11, 30)),
    "jongerenavond": Kind("Jongerenavond", "Youth evening", ("ontmoeting",), ("jongeren",),
                          W, 4, clock(19, 0), clock(22, 0)),
    "ouderensoos": Kind("Soos voor ouderen", "Social club for older people", ("ontmoeting",),
                        ("ouderen",), B, 1, clock(14, 0), clock(16, 0)),
    "maatjesspreekuur": Kind("Maatje worden of zoeken", "Find or become a buddy", ("maatje",),
                             ("volwassenen",), M, 0, clock(19, 0), clock(20, 30)),
    "wandelmaatjes": Kind("Wandelmaatjes", "Walking buddies", ("maatje", "sport"),
                          ("volwassenen",), W, 6, clock(11, 0), clock(12, 30)),
    "kenniscafe": Kind("Kenniscafé: wegwijs in Nederland", "Knowledge café: finding your way",
                       ("kennis",), ("volwassenen",), M, 2, clock(19, 30), clock(21, 0),
                       week_of_month=2),
    "samen_koken": Kind("Samen koken", "Cooking together", ("koken", "ontmoeting"),
                        ("iedereen",), B, 4, clock(16, 0), clock(19, 0), cost="€ 2",
                        signup=True, capacity=14),
    "kookworkshop": Kind("Kookworkshop wereldkeuken", "World kitchen cooking workshop",
                         ("koken",), ("volwassenen",), M, 5, clock(14, 0), clock(17, 0),
                         week_of_month=1, fixed_day=True, cost="€ 10", signup=True,
                         capacity=12),
    "koor": Kind("Koor Vele Stemmen", "Many Voices choir", ("kunst",), ("iedereen",), W, 0,
                 clock(19, 30), clock(21, 30), summer_break=True),
    "muziekmiddag": Kind("Muziekmiddag", "Music afternoon", ("kunst", "ontmoeting"),
                         ("iedereen",), M, 6, clock(14, 0), clock(17, 0)),
    "fietsles": Kind("Fietsles voor vrouwen", "Cycling lessons for women", ("sport",),
                     ("vrouwen",), W, 5, clock(10, 0), clock(11, 30), signup=True, capacity=8),
    "fietsreparatie": Kind("Fiets repareren", "Repair your bike", ("spullen", "sport"),
                           ("iedereen",), W, 3, clock(13, 30), clock(16, 30)),
    "wandelgroep": Kind("Wandelgroep", "Walking group", ("sport", "ontmoeting"),
                        ("iedereen",), W, 1, clock(9, 30), clock(11, 0)),
    "voetbal": Kind("Voetbal op het veldje", "Football on the pitch", ("sport",), ("jongeren",),
                    W, 2, clock(16, 0), clock(18, 0)),
    "zwemles": Kind("Zwemles voor volwassenen", "Swimming lessons for adults", ("sport",),
                    ("volwassenen",), W, 3, clock(20, 0), clock(21, 0), cost="€ 2,50",
                    signup=True, capacity=10),
    "gezond_bewegen": Kind("Gezond bewegen voor vrouwen", "Healthy exercise for women",
                           ("sport", "gezondheid"), ("vrouwen",), W, 0, clock(10, 0),
                           clock(11, 0)),
    "sportkennismaking": Kind("Kennismaken met sportclubs", "Meet the sports clubs",
                              ("sport",), ("kinderen", "jongeren"), ONCE, 0, clock(13, 0),
                              clock(16, 0), once_in_days=45),
    "werkcafe": Kind("Werkcafé", "Work café", ("werk",), ("volwassenen",), B, 1, clock(14, 0),
                     clock(16, 0)),
    "werkervaring": Kind("Werkervaringsplek", "Work experience placement", ("werk",),
                         ("volwassenen",), W, 0, clock(9, 0), clock(13, 0), signup=True,
                         capacity=6),
    "sollicitatie": Kind("Sollicitatiespreekuur", "Job application help", ("werk",),
                         ("volwassenen", "jongeren"), W, 3, clock(13, 0), clock(15, 0)),
    "mentor": Kind("Mentorprogramma", "Mentoring programme", ("werk", "maatje"),
                   ("jongeren",), M, 1, clock(19, 0), clock(21, 0), signup=True),
    "vrijwilligerswerk": Kind("Spreekuur vrijwilligerswerk", "Finding volunteer work",
                              ("vrijwilligerswerk",), ("volwassenen",), W, 1, clock(10, 0),
                              clock(12, 0)),
    "huiswerkklas": Kind("Huiswerkklas", "Homework club", ("kinderen", "school"),
                         ("kinderen", "jongeren"), W, 2, clock(15, 30), clock(17, 30)),
    "kinderclub": Kind("Kinderclub", "Children's club", ("kinderen",), ("kinderen",), W, 5,
                       clock(10, 0), clock(12, 0)),
    "speelmiddag": Kind("Speelmiddag", "Play afternoon", ("kinderen",), ("kinderen",
                        "gezinnen"), B, 2, clock(14, 0), clock(16, 0)),
    "zomerschool": Kind("Zomerschool", "Summer school", ("kinderen", "taal"), ("kinderen",),
                        ONCE, 0, clock(10, 0), clock(15, 0), once_in_days=230, signup=True,
                        capacity=25),
    "ouderkamer": Kind("Ouderkamer", "Parents' room", ("school",), ("gezinnen",), B, 4,
                       clock(8, 45), clock(10, 0)),
    "formulieren": Kind("Formulierenspreekuur", "Forms help desk", ("papieren",),
                        ("volwassenen",), W, 0, clock(13, 30), clock(15, 30)),
    "belastingavond": Kind("Hulp bij de belastingaangifte", "Help with your tax return",
                           ("papieren",), ("volwassenen",), ONCE, 0, clock(19, 0), clock(21, 0),
                           once_in_days=110, signup=True),
    "geldzaken": Kind("Geldzaken op orde", "Getting your money matters in order",
                      ("papieren",), ("volwassenen",), B, 3, clock(19, 0), clock(21, 0)),
    "juridisch": Kind("Juridisch en sociaal spreekuur", "Legal and social advice hour",
                      ("juridisch",), ("volwassenen",), W, 1, clock(13, 0), clock(16, 0)),
    "spreekuur_begeleiding": Kind("Spreekuur maatschappelijke begeleiding",
                                  "Guidance office hour", ("papieren", "kennis"),
                                  ("volwassenen", "gezinnen"), W, 3, clock(9, 0),
                                  clock(12, 0)),
    "spreekuur_wijkteam": Kind("Spreekuur wijkteam", "Neighbourhood team office hour",
                               ("juridisch", "wonen"), ("iedereen",), W, 4, clock(9, 0),
                               clock(11, 0)),
    "zwangerschap": Kind("Zwangerschapsgroep", "Pregnancy group", ("gezondheid",),
                         ("vrouwen",), B, 1, clock(10, 0), clock(11, 30), signup=True),
    "meubelbank": Kind("Meubelbank", "Furniture bank", ("wonen", "spullen"), ("gezinnen",),
                       W, 5, clock(10, 0), clock(13, 0)),
    "inrichten": Kind("Hulp bij het inrichten van je huis", "Help furnishing your home",
                      ("wonen",), ("gezinnen",), M, 2, clock(10, 0), clock(12, 0),
                      signup=True),
    "kledingbank": Kind("Kledingbank", "Clothing bank", ("spullen",), ("gezinnen",
                        "iedereen"), M, 5, clock(10, 0), clock(13, 0)),
    "weggeefwinkel": Kind("Weggeefwinkel", "Give-away shop", ("spullen",), ("iedereen",), W,
                          3, clock(13, 0), clock(16, 0)),
    "speelgoedactie": Kind("Speelgoedactie voor de feestdagen", "Toys for the holidays",
                           ("spullen", "kinderen"), ("gezinnen",), ONCE, 0, clock(13, 0),
                           clock(16, 0), once_in_days=20),
    "naailes": Kind("Naailes", "Sewing lessons", ("kunst", "werk"), ("vrouwen",), W, 2,
                    clock(13, 30), clock(15, 30), capacity=8),
    "open_dag": Kind("Open dag", "Open day", ("ontmoeting", "vrijwilligerswerk"),
                     ("iedereen",), ONCE, 0, clock(11, 0), clock(15, 0), once_in_days=30),
    "nieuwjaar": Kind("Nieuwjaarsontmoeting", "New Year gathering", ("ontmoeting",),
                      ("iedereen",), ONCE, 0, clock(15, 0), clock(18, 0), once_in_days=45),
    "suikerfeest": Kind("Suikerfeest voor de buurt", "Eid celebration for the neighbourhood",
                        ("ontmoeting", "koken"), ("iedereen", "gezinnen"), ONCE, 0,
                        clock(14, 0), clock(18, 0), once_in_days=120),
    "zomerfeest": Kind("Zomerfeest", "Summer party", ("ontmoeting", "kunst"), ("iedereen",),
                       ONCE, 0, clock(15, 0), clock(20, 0), once_in_days=210),
}

FUNDINGS = [
    # organisation, source, months since start, months until end (None: open-ended)
    ("Taalcafé De Brug", "Subsidie gemeente Demodam", 11, 1),
    ("Stichting Welkom Demodam", "Contract maatschappelijke begeleiding gemeente Demodam", 23,
     13),
    ("Stichting Tesfa Demodam", "Fonds Samen Sterk", 5, 7),
    ("Syrische Vereniging Yasmin", "Subsidie gemeente Demodam", 10, 2),
    ("Stichting Mriya Demodam", "Regeling opvang ontheemden", 8, 4),
    ("Afghaanse Vrouwenvereniging Umeed", "Fonds Nieuwe Buren", 3, 9),
    ("Kledingbank Demodam", "Giften en collectes", 36, None),
    ("Huiswerkklas Molenwijk", "Subsidie gemeente Demodam", 11, 1),
    ("Restaurant De Nieuwe Buren", "Startersfonds sociale ondernemers", 14, 10),
    ("Welzijn Demodam", "Subsidie gemeente Demodam", 47, 13),
    ("Buurtkamer De Linde", "Bewonersbudget Molenwijk", 6, 6),
    ("Somalische Stichting Hiddo", "Fonds Samen Sterk", 2, 10),
]

# An organisation with no e-mail address of its own (as many small ones): the demo shows the
# regisseur a contact request that cannot be forwarded to a known address.
WITHOUT_EMAIL = {"Wandelclub Noorderpark"}

# username, role, first name, staff of organisation
USERS = [
    ("regisseur", Role.REGISSEUR, "Regina", None),
    ("begeleider", Role.BEGELEIDER, "Bert", "Stichting Welkom Demodam"),
    ("coordinator", Role.COORDINATOR, "Cora", "Taalcafé De Brug"),
    ("vrijwilliger", Role.VOLUNTEER, "Vera", None),
    ("beheerder", Role.BEHEERDER, "Ben", None),
    ("privacy", Role.PRIVACY_OFFICER, "Priya", None),
]


# Some organisations translated some of their activities into the infopunt languages they
# speak (and the others not yet), so the regisseur's overview of missing translations shows
# both. The titles per activity kind; the description follows one pattern per language.
DEMO_TRANSLATIONS = {
    "taalcafe_zomerstop": {"ar": "مقهى اللغة", "uk": "Мовне кафе"},
    "taalcafe_moedertaal": {"uk": "Мовне кафе рідною та нідерландською мовами"},
    "voorlezen": {"ar": "ساعة القراءة للأطفال", "uk": "Година читання для дітей"},
    "digitaal": {"ar": "مساعدة رقمية: DigiD والبريد الإلكتروني",
                 "uk": "Цифрова допомога: DigiD та електронна пошта"},
    "vrouwenochtend": {"fa": "دورهمی صبحگاهی زنان", "ar": "صباح النساء", "tr": "Kadınlar sabahı"},
    "gezond_bewegen": {"fa": "ورزش سالم برای زنان"},
    "inloop": {"ar": "لقاء مفتوح مع القهوة والشاي", "tr": "Kahve ve çay ile buluşma"},
    "samen_koken": {"ar": "الطبخ معاً"},
    "huiswerkklas": {"ar": "صف الواجبات المدرسية"},
    "kinderclub": {"uk": "Дитячий клуб"},
    "ouderkamer": {"uk": "Кімната для батьків"},
}
DEMO_DESCRIPTIONS = {
    "ar": "{title} — {name}. الجميع مرحب بهم، حتى لو كنت لا تتكلم الهولندية إلا قليلاً.",
    "uk": "{title} — {name}. Ласкаво просимо всіх, навіть якщо ви ще мало розмовляєте "
          "нідерландською.",
    "fa": "{title} — {name}. همه خوش آمدید، حتی اگر هنوز کمی هلندی صحبت می‌کنید.",
    "tr": "{title} — {name}. Henüz az Felemenkçe konuşsanız bile herkes davetlidir.",
}


def _translations(key: str, name: str, codes: list[str]) -> dict[str, str]:
    """The title and description fields of the languages the organisation speaks and has
    translated this kind of activity into."""
    fields = {}
    for code, title in DEMO_TRANSLATIONS.get(key, {}).items():
        if code in codes:
            fields[f"title_{code}"] = title
            fields[f"description_{code}"] = DEMO_DESCRIPTIONS[code].format(title=title, name=name)
    return fields


def _next_summer(today: date) -> tuple[date, date]:
    """The next summer break: the last session before it and the first after it."""
    year = today.year if today < date(today.year, 7, 4) else today.year + 1
    return date(year, 7, 4), date(year, 8, 31)


def _schedules(activity: Activity, kind: Kind, today: date, day: int) -> list[Schedule]:
    base = {"activity": activity, "start_time": kind.start, "end_time": kind.end}
    if kind.frequency == Frequency.ONCE:
        return [Schedule(frequency=kind.frequency, weekdays="",
                         valid_from=today + timedelta(days=kind.once_in_days), **base)]
    common = {**base, "frequency": kind.frequency, "weekdays": str(day),
              "week_of_month": kind.week_of_month}
    valid_from = today - timedelta(days=120)
    if kind.summer_break:
        last, resume = _next_summer(today)
        return [Schedule(valid_from=valid_from, valid_until=last, **common),
                Schedule(valid_from=resume, **common)]
    return [Schedule(valid_from=valid_from, **common)]


# The small taalcafé takes one referral a month and gets more (the statushouders demo refers
# newcomers to it): beside the library's taalcafé in the same wijk, which gets none, the
# regie's overlap detection shows an overload.
REFERRAL_CAPACITY = {"Taalcafé De Brug": 1}


def _referral_capacity(name: str, rng: random.Random) -> int | None:
    drawn = rng.choice([None, 5, 10])  # drawn always: the other choices stay the same
    return REFERRAL_CAPACITY.get(name, drawn)


def demo_sociale_kaart(demo: Demo) -> None:
    """The organisations of Demodam with their activities and fundings, and one user per role."""
    gemeente, today = demo.gemeente, demo.today
    themes = {t.slug: t for t in Theme.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    existing = {o.name: o for o in Organisation.objects.in_gemeente(gemeente)}
    rng = random.Random(2026)  # the same wijk and day choices on every run
    for number, (name, kind, led, communities, codes, wijk_names, approved, keys) in enumerate(
        ORGANISATIONS
    ):
        organisation = existing.get(name)
        kinds = [ACTIVITY_KINDS[key] for key in keys]
        slug = name.lower().replace(" ", "-").replace("é", "e").replace("ï", "i")
        if organisation is None:
            organisation = organisation_register(
                gemeente=gemeente, approved=approved, name=name, kind=kind, newcomer_led=led,
                communities_reached=communities,
                description=f"{name} in Demodam: " + ", ".join(k.nl.lower() for k in kinds) + ".",
                email="" if name in WITHOUT_EMAIL else f"info@{slug}.example",
                website=f"https://{slug}.example",
                phone=f"010 555 {number:04d}",
                begeleiding_capacity=150 if kind == K.CIVIL_SOCIETY and "Welkom" in name
                else None,
                referral_capacity_per_month=_referral_capacity(name, rng),
                themes=[themes[s] for k in kinds for s in k.themes if s in themes],
                languages=[languages[c] for c in codes if c in languages],
                wijken=[demo.wijken[w] for w in wijk_names],
            )
            demo.created["organisations"] += 1
        elif name in WITHOUT_EMAIL and organisation.email == f"info@{slug}.example":
            # An older demo gave it one; also on a second run it has none.
            Organisation.objects.filter(pk=organisation.pk).update(email="")
            Activity.objects.filter(organisation=organisation,
                                    email=f"info@{slug}.example").update(email="")
            organisation.email = ""
        demo.organisations[name] = organisation
        for index, key in enumerate(keys):
            kind_of = ACTIVITY_KINDS[key]
            wijk = demo.wijken[wijk_names[index % len(wijk_names)]]
            activity, created = Activity.objects.get_or_create(
                organisation=organisation, title_nl=kind_of.nl,
                defaults={
                    "gemeente": gemeente, "title_en": kind_of.en,
                    "description_nl": f"{kind_of.nl} van {name}. Iedereen is welkom, "
                                      f"ook als je nog weinig Nederlands spreekt.",
                    "description_en": f"{kind_of.en} by {name}. Everyone is welcome, "
                                      f"also if you speak little Dutch yet.",
                    "wijk": wijk, "address": f"{rng.choice(['Kerkstraat', 'Havenkade', 'Molenweg', 'Parklaan', 'Schoolstraat'])} {rng.randint(1, 120)}",
                    "postcode": f"99{rng.randint(10, 99)} {rng.choice(['AB', 'CD', 'EG', 'KL'])}",
                    "city": "Demodam", "cost": kind_of.cost, "signup_required": kind_of.signup,
                    "capacity": kind_of.capacity, "email": organisation.email,
                    **_translations(key, name, codes),
                },
            )
            if not created:
                continue
            demo.created["activities"] += 1
            activity.themes.set([themes[s] for s in kind_of.themes if s in themes])
            activity.target_groups.set([groups[g] for g in kind_of.groups if g in groups])
            spoken = ["nl"] if "nl" in codes else []
            spoken += [c for c in codes if c != "nl"][: 1 + index % 2]
            activity.languages.set([languages[c] for c in spoken if c in languages])
            # The same kind of activity falls on different days at different organisations.
            shift = rng.choice([0, 0, 1, 2])  # drawn always: the other days stay the same
            day = kind_of.day if kind_of.fixed_day else (kind_of.day + shift) % 7
            Schedule.objects.bulk_create(_schedules(activity, kind_of, today, day))

    for org_name, source, months_ago, months_left in FUNDINGS:
        organisation = demo.organisations[org_name]
        start = today.replace(day=1) - relativedelta(months=months_ago)
        end = None
        if months_left is not None:
            end = today.replace(day=1) + relativedelta(months=months_left + 1, days=-1)
        _funding, created = Funding.objects.get_or_create(
            organisation=organisation, source=source, defaults={"start": start, "end": end}
        )
        demo.created["fundings"] += created

    for username, role, first_name, org_name in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"role": role, "gemeente": gemeente, "is_demo": True,
                      "first_name": first_name, "last_name": "Demo",
                      "email": f"{username}@demodam.example",
                      "is_staff": role == Role.BEHEERDER},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            demo.created["users"] += 1
        # Also on a second run: an older demo gave its beheerder every permission, and the
        # admin let it tick is_superuser on itself. A demo account holds its role's rights.
        if user.is_superuser:
            user.is_superuser = False
            user.save(update_fields=["is_superuser"])
        if role == Role.BEHEERDER:
            user.user_permissions.set(beheerder_permissions())
        if org_name:
            demo.organisations[org_name].staff.add(user)
        demo.users[username] = user

    _demo_self_registration(demo)

    # Every activity of Demodam, so a second run on a later day also rolls the window on.
    activities_refresh(
        Activity.objects.filter(gemeente=gemeente).order_by("pk").values_list("pk", flat=True),
        today=today,
    )


SELF_REGISTERED = "Eritrese Vrouwen Demodam"


def _demo_self_registration(demo: Demo) -> None:
    """An initiative that registered itself through the infopunt's form (in Tigrinya),
    confirmed its address and waits for the regisseur's approval, with everything filled in:
    what the regisseur's approval page is for. Its coordinator can log in as `aanmelder`."""
    gemeente = demo.gemeente
    if Organisation.objects.in_gemeente(gemeente).filter(name=SELF_REGISTERED).exists():
        demo.users["aanmelder"] = User.objects.get(username="aanmelder")
        return
    themes = list(Theme.objects.filter(slug__in=["ontmoeting", "koken", "kinderen"]))
    languages = list(Language.objects.filter(code__in=["ti", "nl", "ar"]))
    wijken = [demo.wijken["Kanaalzone"]]
    registered = timezone.make_aware(datetime.combine(demo.today - timedelta(days=2),
                                                      clock(20, 14)))
    user, created = User.objects.get_or_create(
        username="aanmelder",
        defaults={"email": "aanmelder@demodam.example", "first_name": "Semhar",
                  "last_name": "Demo", "role": Role.COORDINATOR, "gemeente": gemeente,
                  "is_demo": True},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        demo.created["users"] += 1
    demo.users["aanmelder"] = user
    fields = {
        "name": SELF_REGISTERED, "kind": K.SELF_ORGANISATION, "newcomer_led": True,
        "description": "Elke woensdagmiddag komen Eritrese moeders samen in de Kanaalzone: "
                       "koffie, samen koken, en de kinderen spelen mee.",
    }
    organisation = organisation_register(
        gemeente=gemeente, user=user, approved=False, email="info@eritrese-vrouwen.example",
        communities_reached="Eritrese moeders en hun kinderen",
        phone="010 555 0199", themes=themes, languages=languages, wijken=wijken, **fields,
    )
    registration = InitiativeRegistration.objects.create(
        gemeente=gemeente, email=user.email, first_name=user.first_name, password="",
        token_hash=f"demo-{organisation.pk:058d}", created_at=registered,
        expires_at=registered + timedelta(hours=24),
        confirmed_at=registered + timedelta(minutes=9), language="ti",
        contact_email="info@eritrese-vrouwen.example", phone="010 555 0199",
        organisation=organisation, **fields,
    )
    registration.themes.set(themes)
    registration.languages.set(languages)
    registration.wijken.set(wijken)
    kind_of = ACTIVITY_KINDS["samen_koken"]
    activity = Activity.objects.create(
        organisation=organisation, gemeente=gemeente, title_nl="Moederkamer met samen koken",
        title_en="Mothers' room with cooking together", wijk=wijken[0], address="Havenkade 12",
        postcode="9912 AB", city="Demodam", email="info@eritrese-vrouwen.example",
        description_nl="Koffie, samen koken en spelen met de kinderen. Tigrinya, Arabisch "
                       "en Nederlands.",
        phone="010 555 0199",
    )
    activity.themes.set(themes)
    activity.languages.set(languages)
    Schedule.objects.bulk_create(_schedules(activity, kind_of, demo.today, 2))
    demo.created["organisations"] += 1
    demo.created["activities"] += 1
