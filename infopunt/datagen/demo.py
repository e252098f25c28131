"""The infopunt's demo data: a few weeks of anonymous search statistics, so the regisseur's
list of searches with few results shows something, and contact requests from invented
visitors along each path a request takes: to the demo coordinator's organisation, and to two
organisations without a coordinator account (one of them without an e-mail address), which
the regisseur reads."""
from datetime import timedelta

from django.utils import timezone

from gemeenten.datagen.registry import Demo
from initiatives.models import ContactRequest

from ..models import SearchDay
from ..services import search_record

# (days ago, theme, language, wijk name or "", query words, result count, how many searches)
_SEARCHES = [
    (1, "werk", "ti", "", [], 0, 4),
    (2, "werk", "ti", "", [], 0, 3),
    (3, "kinderen", "so", "Zuiderveld", [], 1, 3),
    (4, "gezondheid", "fa", "", [], 0, 2),
    (5, "sport", "", "", ["zwemles"], 0, 4),
    (9, "sport", "", "", ["zwemles"], 0, 2),
    (6, "", "", "", ["naaicursus"], 1, 3),
    (13, "", "", "", ["naaicursus"], 1, 1),
    (8, "taal", "ar", "Centrum", [], 7, 6),
    (10, "papieren", "uk", "", [], 2, 3),
    (12, "ontmoeting", "tr", "", [], 0, 2),
]

# Invented visitors (obviously not real people): organisation, first name, phone, e-mail,
# language, question, state, the reader's note. Taalcafé De Brug has the demo coordinator;
# Stichting Tesfa has no account, Wandelclub Noorderpark neither and no e-mail address: the
# regisseur reads those.
_CONTACT_REQUESTS = [
    ("Taalcafé De Brug", "Demo-bezoeker Amani", "0600000001", "", "ar",
     "Ik wil graag Nederlands oefenen. Kan ik op vrijdag komen?", ContactRequest.State.NEW, ""),
    ("Taalcafé De Brug", "Demo-bezoeker Yonas", "", "yonas@voorbeeld.invalid", "ti",
     "Is er plek voor mij en mijn broer?", ContactRequest.State.ANSWERED,
     "gemaild, komen vrijdag samen"),
    ("Stichting Tesfa Demodam", "Demo-bezoeker Selam", "0600000003", "", "ti",
     "Mijn dochter wil graag meedoen. Wanneer kan zij komen?", ContactRequest.State.NEW, ""),
    ("Wandelclub Noorderpark", "Demo-bezoeker Olena", "", "olena@voorbeeld.invalid", "uk",
     "Kan ik zonder aanmelden meewandelen?", ContactRequest.State.NEW, ""),
]


def demo_infopunt(demo: Demo) -> None:
    if not SearchDay.objects.filter(gemeente=demo.gemeente).exists():
        for days_ago, theme, language, wijk_name, words, results, searches in _SEARCHES:
            for _ in range(searches):
                search_record(
                    gemeente=demo.gemeente, day=demo.today - timedelta(days=days_ago),
                    theme=theme, language=language, wijk=demo.wijken.get(wijk_name),
                    words=words, result_count=results,
                )
            demo.created["searches"] += searches

    for org_name, first_name, phone, email, language, question, state, note in _CONTACT_REQUESTS:
        organisation = demo.organisations.get(org_name)
        if organisation is None:
            continue
        activity = organisation.activities.order_by("pk").first()
        _request, created = ContactRequest.objects.get_or_create(
            gemeente=demo.gemeente, organisation=organisation, first_name=first_name,
            defaults={"activity": activity, "phone": phone, "email": email,
                      "preferred_language": language, "question": question, "state": state,
                      "note": note,
                      "answered_at": timezone.now() if state == ContactRequest.State.ANSWERED
                      else None},
        )
        demo.created["contact requests"] += created
