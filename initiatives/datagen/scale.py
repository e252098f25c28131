"""Data at every scale: the sociale kaart step of `generate_scale` (registered in apps.py; the
presets, the run and the hook are in gemeenten/datagen/).

Everything is drawn from `random.Random` seeded per step, in a fixed order, so one seed gives
the same gemeenten, organisations and activities on every machine. Rows are written with
`bulk_insert` (gemeenten/datagen/bulk.py: COPY on PostgreSQL, bulk_create elsewhere; the M2M
through models directly); occurrences and `search_text` are
computed with the same functions `activities_refresh` uses (`occurrences_for`,
`activity_search_text`), so the rows are the ones the service would write.
"""
from __future__ import annotations

import hashlib
import random
import time
from datetime import date, timedelta
from datetime import time as clock

from django.utils import timezone
from django.utils.text import slugify

from gemeenten.datagen.bulk import bulk_insert
from gemeenten.datagen.registry import ScaleRun
from gemeenten.models import Gemeente, Language, TargetGroup, Theme, Wijk

from ..choices import ApprovalState, Frequency, OrganisationKind
from ..models import Activity, Funding, Occurrence, Organisation, Presence, Schedule
from ..services import (
    activity_search_text,
    facets_text,
    occurrences_for,
)

# --- vocabularies -----------------------------------------------------------------------------

NAME_HEADS = [
    "Kwak", "Snor", "Fliet", "Brommel", "Wemel", "Knot", "Grol", "Pruim", "Tjalk", "Mossel",
    "Klompen", "Beuk", "Zwaluw", "Kievit", "Reiger", "Vlier", "Hazel", "Eekhoorn", "Tureluur",
    "Dotter", "Lisdodde", "Paling", "Spiering", "Botter", "Kadijk", "Slik", "Krul", "Ganzen",
    "Wilgen", "Rietvink", "Pimpel", "Hommel", "Klaver", "Boterbloem", "Kemphaan", "Puttertjes",
]
NAME_TAILS = [
    "dam", "wolde", "hoven", "broek", "werd", "zijl", "horst", "veen", "loo", "rode", "dijk",
    "haven", "sloot", "kerk", "mond", "wijk", "stede", "hem", "geest", "drecht",
]
WIJK_NAMES = [
    "Centrum", "Binnenstad", "Noord", "Oost", "Zuid", "West", "Stationskwartier",
    "Havenkwartier", "Molenwijk", "Bloemenbuurt", "Schildersbuurt", "Vogelwijk", "De Hoven",
    "Het Veld", "Oude Dorp", "Nieuwland", "Parkwijk", "Rivierenbuurt", "Bomenbuurt",
    "Sterrenwijk", "De Akkers", "Kanaalzone", "Tuindorp", "De Weiden", "Polderwijk",
    "Muziekwijk", "Dichterswijk", "Kloosterveld", "De Vaart", "Zeeheldenbuurt",
]
WIJK_PARTS = ["Noord", "Oost", "Zuid", "West", "Midden"]

KIND_WEIGHTS = [
    (OrganisationKind.CITIZEN_INITIATIVE, 35),
    (OrganisationKind.SELF_ORGANISATION, 18),
    (OrganisationKind.CIVIL_SOCIETY, 20),
    (OrganisationKind.FAITH_BASED, 10),
    (OrganisationKind.SOCIAL_ENTERPRISE, 7),
    (OrganisationKind.FORMAL, 10),
]
# Share of organisations of a kind that are run by newcomers themselves.
NEWCOMER_LED = {
    OrganisationKind.CITIZEN_INITIATIVE: 0.15,
    OrganisationKind.SELF_ORGANISATION: 1.0,
    OrganisationKind.CIVIL_SOCIETY: 0.05,
    OrganisationKind.FAITH_BASED: 0.2,
    OrganisationKind.SOCIAL_ENTERPRISE: 0.25,
    OrganisationKind.FORMAL: 0.0,
}
ORG_NAMES = {
    OrganisationKind.CITIZEN_INITIATIVE: [
        "Taalmaatjes {p}", "Buurtkamer {w}", "Welkom in {p}", "Samen {p}", "Open Deur {w}",
        "Huiskamer {w}", "Nieuwe Buren {p}", "Fietsmaatjes {p}", "Kookclub {w}",
    ],
    OrganisationKind.CIVIL_SOCIETY: [
        "Stichting Nieuwkomers {p}", "Welzijn {p}", "Buurtwerk {w}", "Steunpunt Statushouders {p}",
        "Vrijwilligerscentrale {p}", "Stichting Thuis in {p}",
    ],
    OrganisationKind.FAITH_BASED: [
        "Diaconie {p}", "Interkerkelijk Platform {p}", "Stichting Salam {p}",
        "Parochiewerk {w}", "Moskeevereniging Nour {p}",
    ],
    OrganisationKind.SOCIAL_ENTERPRISE: [
        "Naaiatelier {w}", "Fietswerkplaats {p}", "Wereldkeuken {w}", "Kringloop {p}",
        "Leerwerkbedrijf {p}",
    ],
    OrganisationKind.FORMAL: [
        "Bibliotheek {p}", "Taalhuis {p}", "Sportbedrijf {p}", "Wijkteam {w}", "Schuldhulp {p}",
        "Jeugdwerk {p}",
    ],
}
ORG_FLAVOURS = [
    "De Brug", "Het Anker", "Het Kompas", "Zonnestraal", "De Linde", "Het Baken", "De Vonk",
    "Horizon", "De Ontmoeting", "Morgenrood", "De Kapstok", "De Wegwijzer", "Het Dorpshuis",
    "De Schakel", "Vier Windstreken", "De Lantaarn", "Regenboog", "Het Trefpunt", "De Sleutel",
    "De Bron", "Het Bruggetje", "De Haven", "Oase", "De Stek", "De Waaier", "Het Venster",
]
# Self-organisations: (name pattern, community, community languages).
COMMUNITIES = [
    ("Stichting Tesfa {p}", "Eritrese gemeenschap", ["ti"], 22),
    ("Vereniging Amal {p}", "Syrische gemeenschap", ["ar"], 24),
    ("Stichting Mriya {p}", "Oekraïense gemeenschap", ["uk", "ru"], 20),
    ("Stichting Umeed {p}", "Afghaanse gemeenschap", ["prs", "ps", "fa"], 10),
    ("Stichting Hiddo {p}", "Somalische gemeenschap", ["so"], 8),
    ("Vereniging Hevi {p}", "Koerdische gemeenschap", ["ckb", "kmr"], 5),
    ("Stichting Bahar {p}", "Iraanse gemeenschap", ["fa"], 5),
    ("Dayanışma {p}", "Turkse gemeenschap", ["tr"], 6),
]
# Languages spoken at an activity besides Dutch, in believable proportions.
LANGUAGE_WEIGHTS = [
    ("en", 20), ("ar", 18), ("uk", 12), ("ti", 10), ("fa", 8), ("prs", 6), ("tr", 6),
    ("so", 5), ("ru", 5), ("fr", 3), ("ps", 2), ("ckb", 2), ("kmr", 2), ("am", 2), ("es", 1),
    ("pl", 1), ("ur", 1), ("de", 1),
]
THEME_WEIGHTS = [
    ("taal", 22), ("ontmoeting", 18), ("kinderen", 8), ("papieren", 7), ("sport", 7),
    ("koken", 6), ("werk", 6), ("maatje", 5), ("spullen", 4), ("kennis", 4), ("kunst", 4),
    ("school", 3), ("juridisch", 2), ("gezondheid", 2), ("wonen", 1), ("vrijwilligerswerk", 1),
]
# theme -> (Dutch title, English title, target group)
ACTIVITY_TITLES = {
    "taal": [("Taalcafé", "Language café", "volwassenen"),
             ("Nederlands oefenen", "Practise Dutch", "volwassenen"),
             ("Conversatiegroep", "Conversation group", "volwassenen"),
             ("Voorleesuur", "Reading hour", "kinderen")],
    "maatje": [("Maatjesspreekuur", "Buddy office hour", "iedereen"),
               ("Wandelmaatjes", "Walking buddies", "volwassenen")],
    "ontmoeting": [("Vrouwenochtend", "Women's morning", "vrouwen"),
                   ("Inloop koffie en thee", "Drop-in coffee and tea", "iedereen"),
                   ("Jongerenavond", "Youth evening", "jongeren"),
                   ("Buurtmaaltijd", "Neighbourhood dinner", "gezinnen")],
    "koken": [("Samen koken", "Cooking together", "iedereen"),
              ("Wereldkeuken", "World kitchen", "volwassenen")],
    "kunst": [("Koor", "Choir", "iedereen"), ("Schilderclub", "Painting club", "volwassenen"),
              ("Muziekmiddag", "Music afternoon", "iedereen")],
    "sport": [("Zwemles voor volwassenen", "Swimming lessons for adults", "volwassenen"),
              ("Voetbal", "Football", "jongeren"), ("Fietsles", "Cycling lessons", "vrouwen"),
              ("Wandelgroep", "Walking group", "ouderen")],
    "werk": [("Sollicitatiespreekuur", "Job application help", "volwassenen"),
             ("Werkcafé", "Work café", "volwassenen"),
             ("Mentorprogramma", "Mentoring programme", "jongeren")],
    "vrijwilligerswerk": [("Vrijwilligerswerk vinden", "Find volunteer work", "volwassenen")],
    "kennis": [("Kenniscafé", "Knowledge café", "volwassenen"),
               ("Wegwijs in de gemeente", "Finding your way in town", "volwassenen")],
    "kinderen": [("Huiswerkklas", "Homework club", "kinderen"),
                 ("Speelmiddag", "Play afternoon", "kinderen")],
    "school": [("Ouderkamer", "Parents' room", "gezinnen"),
               ("Schoolmaatjes", "School buddies", "kinderen")],
    "papieren": [("Formulierenspreekuur", "Forms help desk", "volwassenen"),
                 ("Geldzaken op orde", "Money matters", "volwassenen")],
    "juridisch": [("Juridisch spreekuur", "Legal advice hour", "volwassenen")],
    "gezondheid": [("Gezond bewegen", "Healthy exercise", "vrouwen"),
                   ("Zwangerschapsgroep", "Pregnancy group", "vrouwen")],
    "wonen": [("Meubelbank", "Furniture bank", "gezinnen")],
    "spullen": [("Kledingbank", "Clothing bank", "gezinnen"),
                ("Weggeefwinkel", "Give-away shop", "iedereen")],
}
TIMES = [
    (clock(9, 30), clock(12, 0)), (clock(10, 0), clock(12, 0)), (clock(13, 30), clock(16, 0)),
    (clock(14, 0), clock(16, 30)), (clock(15, 30), clock(17, 30)), (clock(19, 0), clock(21, 0)),
    (clock(19, 30), clock(21, 30)),
]
FREQUENCY_WEIGHTS = [
    (Frequency.WEEKLY, 55), (Frequency.BIWEEKLY, 15), (Frequency.MONTHLY, 20),
    (Frequency.ONCE, 10),
]
FUNDERS = ["Subsidie gemeente {p}", "Fonds Nieuwe Buren", "Fonds Samen Sterk",
           "Provinciaal fonds", "Eigen bijdragen en giften"]


def _pick(rng: random.Random, weighted: list[tuple]) -> object:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def apportion(total: int, weights: list[float], minimum: int) -> list[int]:
    """Split `total` over the weights (largest remainder), each at least `minimum`."""
    n = len(weights)
    rest = max(total - minimum * n, 0)
    scale = sum(weights)
    raw = [rest * w / scale for w in weights]
    parts = [int(r) for r in raw]
    by_remainder = sorted(range(n), key=lambda i: (parts[i] - raw[i], i))
    for i in by_remainder[: rest - sum(parts)]:
        parts[i] += 1
    return [p + minimum for p in parts]


def gemeente_weights(n: int) -> list[float]:
    """A few large cities, many small gemeenten: a Zipf-like curve (s = 0.8)."""
    return [1 / (i + 1) ** 0.8 for i in range(n)]


# --- the sociale kaart step ----------------------------------------------------------------------


def sociale_kaart_generate(run: ScaleRun) -> None:
    """Gemeenten, wijken, organisations (presences, fundings), activities (themes, languages,
    target groups, schedules, occurrences) of one preset and seed."""
    rng = run.rng("sociale_kaart")
    preset = run.preset
    themes = {t.slug: t.pk for t in Theme.objects.all()}
    languages = {lang.code: lang.pk for lang in Language.objects.all()}
    groups = {g.slug: g.pk for g in TargetGroup.objects.all()}
    theme_weights = [(slug, w) for slug, w in THEME_WEIGHTS if slug in themes]
    language_weights = [(code, w) for code, w in LANGUAGE_WEIGHTS if code in languages]
    digest = hashlib.sha256()

    # Gemeenten and their wijken.
    started = time.monotonic()
    weights = gemeente_weights(preset.gemeenten)
    taken_names = set(Gemeente.objects.values_list("name", flat=True))
    names: list[str] = []
    while len(names) < preset.gemeenten:
        name = rng.choice(NAME_HEADS) + rng.choice(NAME_TAILS)
        if name not in names:
            names.append(name)
    gemeenten = []
    for i, name in enumerate(names):
        shown = name if name not in taken_names else f"{name} ({run.preset_name} {run.seed})"
        gemeenten.append(Gemeente(
            name=shown, slug=f"{run.tag}-{i:03d}", cbs_code=f"GM9{i:03d}",
            primary_colour=f"#{rng.randrange(20, 90):02x}{rng.randrange(40, 110):02x}"
                           f"{rng.randrange(90, 160):02x}",
        ))
        digest.update(name.encode())
    bulk_insert(Gemeente, gemeenten, batch_size=1000)
    gemeenten = list(Gemeente.objects.filter(slug__startswith=f"{run.tag}-").order_by("slug"))
    run.gemeente_ids = [g.pk for g in gemeenten]

    wijken: list[Wijk] = []
    for g, w in zip(gemeenten, weights, strict=True):
        count = max(3, round(preset.wijken_max * (w / weights[0]) ** 0.5))
        for j in range(count):
            base = WIJK_NAMES[j % len(WIJK_NAMES)]
            part = j // len(WIJK_NAMES)
            label = base if part == 0 else f"{base}-{WIJK_PARTS[(part - 1) % len(WIJK_PARTS)]}"
            wijken.append(Wijk(gemeente=g, name=label, cbs_code=f"WK{g.cbs_code[2:]}{j:02d}"))
    bulk_insert(Wijk, wijken, batch_size=2000)
    wijken_by_gemeente: dict[int, list[Wijk]] = {g.pk: [] for g in gemeenten}
    for wijk in Wijk.objects.filter(gemeente__in=gemeenten).order_by("gemeente_id", "cbs_code"):
        wijken_by_gemeente[wijk.gemeente_id].append(wijk)
    run.counts["gemeenten"] += len(gemeenten)
    run.counts["wijken"] += len(wijken)

    # Organisations: most in one gemeente; some formal and civil-society ones in several.
    org_counts = apportion(preset.organisations, weights, 2)
    organisations: list[Organisation] = []
    org_home: list[int] = []  # index into gemeenten
    org_community: list[list[str]] = []
    for gi, (g, count) in enumerate(zip(gemeenten, org_counts, strict=True)):
        used: set[str] = set()
        for _ in range(count):
            kind = _pick(rng, KIND_WEIGHTS)
            wijk = rng.choice(wijken_by_gemeente[g.pk])
            community_langs: list[str] = []
            communities = ""
            if kind == OrganisationKind.SELF_ORGANISATION:
                pattern, communities, community_langs, _w = rng.choices(
                    COMMUNITIES, weights=[c[3] for c in COMMUNITIES])[0]
            else:
                pattern = rng.choice(ORG_NAMES[kind])
            name = pattern.format(p=names[gi], w=wijk.name)
            if name in used:
                name = pattern.format(p=rng.choice(ORG_FLAVOURS), w=rng.choice(ORG_FLAVOURS))
            if name in used:
                name = f"{name} {wijk.name}"
            n = 2
            base_name = name
            while name in used:
                name = f"{base_name} {n}"
                n += 1
            used.add(name)
            newcomer_led = rng.random() < NEWCOMER_LED[kind]
            organisations.append(Organisation(
                name=name, kind=kind, newcomer_led=newcomer_led,
                communities_reached=communities,
                email=f"info@{slugify(name)[:40]}.example",
                website=f"https://{slugify(name)[:40]}.example",
                referral_capacity_per_month=rng.choice([None, 5, 10, 20]),
                begeleiding_capacity=(rng.choice([40, 80, 150, 300])
                                      if kind in (OrganisationKind.CIVIL_SOCIETY,
                                                  OrganisationKind.FORMAL)
                                      and rng.random() < 0.3 else None),
            ))
            org_home.append(gi)
            org_community.append(community_langs)
            digest.update(name.encode())
    bulk_insert(Organisation, organisations, batch_size=2000)
    run.counts["organisations"] += len(organisations)

    presences: list[Presence] = []
    presence_gemeenten: list[list[int]] = []  # per organisation: gemeente indexes
    now = timezone.now()
    for org, gi in zip(organisations, org_home, strict=True):
        present = [gi]
        if len(gemeenten) > 1 and org.kind in (OrganisationKind.CIVIL_SOCIETY,
                                               OrganisationKind.FORMAL) and rng.random() < 0.15:
            for _ in range(rng.randint(1, 4)):
                other = min(len(gemeenten) - 1, max(0, gi + rng.randint(-8, 8)))
                if other not in present:
                    present.append(other)
        presence_gemeenten.append(present)
        for p in present:
            approved = rng.random() < 0.94
            presences.append(Presence(
                organisation=org, gemeente=gemeenten[p],
                approval=ApprovalState.APPROVED if approved else ApprovalState.PENDING,
                approved_at=now if approved else None,
                last_confirmed=run.today - timedelta(days=rng.randrange(0, 400)),
            ))
    bulk_insert(Presence, presences, batch_size=2000)
    PresenceWijk = Presence.wijken.through
    bulk_insert(PresenceWijk, [
        PresenceWijk(presence_id=p.pk, wijk_id=w.pk)
        for p in presences
        for w in rng.sample(wijken_by_gemeente[p.gemeente_id],
                            min(len(wijken_by_gemeente[p.gemeente_id]), rng.randint(1, 3)))
    ], batch_size=5000)
    run.counts["presences"] += len(presences)

    fundings = []
    for org, gi in zip(organisations, org_home, strict=True):
        if rng.random() < 0.4:
            start = date(run.today.year - rng.randint(0, 2), rng.choice([1, 7]), 1)
            fundings.append(Funding(
                organisation=org, source=rng.choice(FUNDERS).format(p=names[gi]), start=start,
                end=None if rng.random() < 0.2 else date(run.today.year + rng.randint(0, 1),
                                                         12, 31),
            ))
    bulk_insert(Funding, fundings, batch_size=2000)
    run.counts["fundings"] += len(fundings)
    run.timings["gemeenten, wijken, organisations"] = time.monotonic() - started

    # Activities, per gemeente a Zipf among its organisations: a few run many.
    started = time.monotonic()
    orgs_in: dict[int, list[int]] = {i: [] for i in range(len(gemeenten))}
    for oi, present in enumerate(presence_gemeenten):
        for gi in present:
            orgs_in[gi].append(oi)
    activity_counts = apportion(preset.activities, weights, 3)
    plan: list[tuple[int, int]] = []  # (gemeente index, organisation index)
    for gi, count in enumerate(activity_counts):
        members = orgs_in[gi]
        org_weights = [1 / (k + 1) ** 0.7 for k in range(len(members))]
        plan += [(gi, oi) for oi in rng.choices(members, weights=org_weights, k=count)]
    org_themes: dict[int, set[int]] = {}
    org_languages: dict[int, set[int]] = {}
    for offset in range(0, len(plan), 5000):
        _activities_chunk(run, rng, plan[offset:offset + 5000], gemeenten, names, organisations,
                          org_community, wijken_by_gemeente, themes, languages, groups,
                          theme_weights, language_weights, org_themes, org_languages, digest)
    run.timings["activities, schedules, occurrences"] = time.monotonic() - started

    OrgTheme = Organisation.themes.through
    OrgLanguage = Organisation.languages.through
    bulk_insert(OrgTheme, [
        OrgTheme(organisation_id=organisations[oi].pk, theme_id=t)
        for oi, ts in sorted(org_themes.items()) for t in sorted(ts)
    ], batch_size=5000)
    bulk_insert(OrgLanguage, [
        OrgLanguage(organisation_id=organisations[oi].pk, language_id=lang)
        for oi, ls in sorted(org_languages.items()) for lang in sorted(ls)
    ], batch_size=5000)
    run.checksum = digest.hexdigest()[:16]


def _activities_chunk(run, rng, plan, gemeenten, names, organisations, org_community,
                      wijken_by_gemeente, themes, languages, groups, theme_weights,
                      language_weights, org_themes, org_languages, digest) -> None:
    activities: list[Activity] = []
    extras: list[tuple[list[str], list[str], str]] = []
    for gi, oi in plan:
        g = gemeenten[gi]
        org = organisations[oi]
        theme = _pick(rng, theme_weights)
        title_nl, title_en, group = rng.choice(ACTIVITY_TITLES[theme])
        theme_slugs = [theme]
        if rng.random() < 0.25:
            second = _pick(rng, theme_weights)
            if second != theme:
                theme_slugs.append(second)
        codes = ["nl"] if rng.random() < 0.85 else []
        community = org_community[oi]
        if community and rng.random() < 0.8:
            codes.append(community[0] if rng.random() < 0.7 else rng.choice(community))
        for _ in range(rng.choices([0, 1, 2], weights=[55, 30, 15])[0]):
            code = _pick(rng, language_weights)
            if code not in codes:
                codes.append(code)
        if not codes:
            codes = ["nl"]
        online = rng.random() < 0.04
        wijk = None if online else rng.choice(wijken_by_gemeente[g.pk])
        if wijk is not None and rng.random() < 0.5:
            title_nl, title_en = f"{title_nl} {wijk.name}", f"{title_en} {wijk.name}"
        activity = Activity(
            organisation=org, gemeente=g, title_nl=title_nl, title_en=title_en,
            description_nl=f"{title_nl} van {org.name}. Iedereen is welkom; vraag gerust.",
            description_en=f"{title_en} by {org.name}. Everyone is welcome; just ask.",
            wijk=wijk, online=online,
            address="" if online else f"{rng.choice(['Kerkstraat', 'Dorpsplein', 'Molenweg', 'Schoolstraat', 'Parklaan', 'Havenkade'])} {rng.randint(1, 180)}",
            postcode="" if online else f"{9000 + gi % 1000:04d} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}",
            city=names[gi],
            capacity=rng.choice([None, None, 8, 12, 15, 20, 30]),
            cost="" if rng.random() < 0.85 else rng.choice(["€ 1 per keer", "€ 2,50", "€ 5 per maand"]),
            signup_required=rng.random() < 0.3,
            is_active=rng.random() < 0.96,
        )
        activity.search_text = activity_search_text(activity)
        activity.facets = facets_text(themes=theme_slugs, languages=codes,
                                      target_groups=[group] if group in groups else [])
        activities.append(activity)
        extras.append((theme_slugs, codes, group))
        org_themes.setdefault(oi, set()).update(themes[s] for s in theme_slugs)
        org_languages.setdefault(oi, set()).update(languages[c] for c in codes)
        digest.update(f"{title_nl}|{','.join(codes)}".encode())
    # The schedules and their dates before the rows go in (the draws in the same order as
    # ever): each activity's last_date is known then and is written with it, not updated
    # after with a query over all occurrences so far.
    schedules = [_schedule(rng, a, run.today) for a in activities]
    planned = [occurrences_for([s], today=run.today) for s in schedules]
    for activity, dates in zip(activities, planned, strict=True):
        # What activities_refresh writes: the date of the last occurrence (past ones included).
        activity.last_date = max((o.date for o in dates), default=None)
    bulk_insert(Activity, activities)

    ActivityTheme = Activity.themes.through
    ActivityLanguage = Activity.languages.through
    ActivityGroup = Activity.target_groups.through
    bulk_insert(ActivityTheme, [
        ActivityTheme(activity_id=a.pk, theme_id=themes[s])
        for a, (ts, _c, _g) in zip(activities, extras, strict=True) for s in ts
    ])
    bulk_insert(ActivityLanguage, [
        ActivityLanguage(activity_id=a.pk, language_id=languages[c])
        for a, (_t, cs, _g) in zip(activities, extras, strict=True) for c in cs
    ])
    bulk_insert(ActivityGroup, [
        ActivityGroup(activity_id=a.pk, targetgroup_id=groups[g])
        for a, (_t, _c, g) in zip(activities, extras, strict=True) if g in groups
    ])
    run.counts["activities"] += len(activities)
    run.counts["activity themes"] += sum(len(e[0]) for e in extras)
    run.counts["activity languages"] += sum(len(e[1]) for e in extras)

    bulk_insert(Schedule, schedules)
    digest.update("".join(f"{s.frequency}{s.weekdays}{s.start_time}" for s in schedules).encode())
    run.counts["schedules"] += len(schedules)
    # The rows activities_refresh(ids) writes for these activities (it ignores is_active):
    # occurrences_for's, now that the schedules have their ids.
    occurrences = []
    for schedule, dates in zip(schedules, planned, strict=True):
        for occurrence in dates:
            occurrence.activity_id, occurrence.schedule_id = schedule.activity_id, schedule.pk
        occurrences += dates
    bulk_insert(Occurrence, occurrences)
    run.counts["occurrences"] += len(occurrences)


def _schedule(rng: random.Random, activity: Activity, today: date) -> Schedule:
    frequency = _pick(rng, FREQUENCY_WEIGHTS)
    start, end = rng.choice(TIMES)
    days = [rng.randrange(0, 6) if start.hour < 19 else rng.randrange(0, 5)]
    if frequency == Frequency.WEEKLY and rng.random() < 0.1:
        second = (days[0] + 2) % 7
        days.append(second)
    week_of_month = rng.choice([None, None, 2, 3, -1]) if frequency == Frequency.MONTHLY else None
    if frequency == Frequency.ONCE:
        valid_from = today + timedelta(days=rng.randint(-60, 300))
        valid_until = None
        days = []
    else:
        valid_from = today - timedelta(days=rng.randint(0, 500))
        # Some run for a season: until the summer break or the end of the year.
        season = rng.random()
        if season < 0.1:
            valid_until = date(today.year + 1, 7, 1)
        elif season < 0.15:
            valid_until = date(today.year, 12, 20)
        else:
            valid_until = None
        if valid_until and valid_until < valid_from:
            valid_until = None
    return Schedule(
        activity=activity, frequency=frequency, weekdays=",".join(str(d) for d in sorted(days)),
        week_of_month=week_of_month, start_time=start, end_time=end, valid_from=valid_from,
        valid_until=valid_until,
    )


def sociale_kaart_delete(gemeenten) -> None:
    """Remove what `sociale_kaart_generate` made in these gemeenten (before they go)."""
    org_ids = set(
        Presence.objects.filter(gemeente__in=gemeenten).values_list("organisation_id", flat=True)
    )
    Occurrence.objects.filter(activity__gemeente__in=gemeenten).delete()
    Schedule.objects.filter(activity__gemeente__in=gemeenten).delete()
    Activity.objects.filter(gemeente__in=gemeenten).delete()
    Organisation.objects.filter(pk__in=org_ids).delete()
