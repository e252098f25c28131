"""Signals, messages to partners and listings to check. seed_demo: two signals of the demo
coördinator's Taalcafé De Brug (one answered, one overdue), one message to the partners and
one listing due to be checked; invented, idempotent (signals by organisation and topic, the
message by its fixed form token, the listing by its check).

generate_scale: signals in every state (answered, waiting, overdue), about one per twenty
organisations of each gemeente, so the dashboard's counts and the lists meet them at scale;
drawn from a seeded random.Random, bulk_create."""
from __future__ import annotations

import uuid
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from gemeenten.datagen.bulk import bulk_insert
from gemeenten.datagen.registry import Demo, ScaleRun
from gemeenten.models import Theme, Wijk
from initiatives.models import Presence

from ..models import ListingCheck, Signal, SignalMessage, SignalState
from ..services import Selection, partner_message_send

MESSAGE_TOKEN = uuid.uuid5(uuid.NAMESPACE_URL, "https://demodam.example/regie/bericht/1")
SIGNALS = [
    # topic, wijk, theme slug, days ago, messages (from the gemeente?, text), answered
    ("Jongeren hebben in de zomer niets te doen", "Kanaalzone", "ontmoeting", 21, [
        (False, "Bij ons taalcafé komen veel Eritrese jongeren. Ze vertellen dat er in de "
                "zomervakantie niets voor hen is: de clubs zijn dicht en de school ook."),
    ]),
    ("Wachtlijst voor taalmaatjes loopt op", "Centrum", "taal", 30, [
        (False, "We hebben nu een wachtlijst van ruim twintig aanmeldingen voor een "
                "taalmaatje. Kan de gemeente helpen vrijwilligers te werven?"),
        (True, "Dank voor het signaal. We nemen het mee in de wervingscampagne van de "
               "Vrijwilligerscentrale in het voorjaar en laten het u weten."),
    ]),
]


def demo_signals_and_messages(demo: Demo) -> None:
    gemeente, today = demo.gemeente, demo.today
    organisation = demo.organisations.get("Taalcafé De Brug")
    coordinator, regisseur = demo.users.get("coordinator"), demo.users.get("regisseur")
    if organisation is None or coordinator is None or regisseur is None:
        return
    now = timezone.now()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for topic, wijk, theme, days_ago, thread in SIGNALS:
        if Signal.objects.filter(gemeente=gemeente, organisation=organisation,
                                 topic=topic).exists():
            continue
        sent = now - timedelta(days=days_ago)
        answered = thread[-1][0]
        last = sent + timedelta(days=3 * (len(thread) - 1))
        signal = Signal.objects.create(
            gemeente=gemeente, organisation=organisation, created_by=coordinator, topic=topic,
            wijk=demo.wijken.get(wijk), theme=themes.get(theme), created_at=sent,
            state=SignalState.ANSWERED if answered else SignalState.OPEN,
            waiting_since=None if answered else sent, answered_at=last if answered else None,
            last_message_at=last)
        SignalMessage.objects.bulk_create([
            SignalMessage(signal=signal, author=regisseur if from_gemeente else coordinator,
                          from_gemeente=from_gemeente, text=text,
                          created_at=sent + timedelta(days=3 * number))
            for number, (from_gemeente, text) in enumerate(thread)])
        demo.created["signals"] += 1

    _message, created = partner_message_send(
        gemeente=gemeente, by=regisseur, essential=False, token=MESSAGE_TOKEN,
        subject="Twaalf gezinnen krijgen in maart een woning in Kanaalzone",
        body="Beste partners,\n\nIn maart krijgen twaalf gezinnen een woning in Kanaalzone, "
             "de meesten met schoolgaande kinderen. Hebt u ruimte in uw taalcafé of "
             "huiswerkklas? Laat het ons weten.\n\nMet vriendelijke groet,\nGemeente Demodam",
        selection=Selection(themes=[t for s, t in themes.items() if s == "taal"],
                            wijken=[demo.wijken["Kanaalzone"]]))
    demo.created["messages to partners"] += created

    # A listing nobody confirmed for ten months and that has no e-mail address: the
    # regisseur's list to check shows it, with the phone number to call.
    walkers = demo.organisations.get("Wandelclub Noorderpark")
    if walkers is not None:
        presence = Presence.objects.filter(organisation=walkers, gemeente=gemeente).first()
        if presence is not None and not ListingCheck.objects.filter(presence=presence).exists():
            Presence.objects.filter(pk=presence.pk).update(
                last_confirmed=today - relativedelta(months=10))
            ListingCheck.objects.create(gemeente=gemeente, presence=presence,
                                        asked_on=today - relativedelta(months=4), round=1)
            demo.created["listings to check"] += 1





TOPICS = ["Geen zomeraanbod voor jongeren", "Wachtlijst voor taalmaatjes",
          "Vrouwen vinden de weg naar het inloopspreekuur niet", "Te weinig vrijwilligers",
          "Veel vragen over de belastingbrief", "Ruimte voor het taalcafé valt weg"]


def signals_generate(run: ScaleRun) -> None:
    rng = run.rng("regie-signals")
    if not run.gemeente_ids:
        return
    organisations: dict[int, list[int]] = {}
    for gemeente_id, organisation_id in Presence.objects.filter(
            gemeente_id__in=run.gemeente_ids).order_by("gemeente_id", "organisation_id") \
            .values_list("gemeente_id", "organisation_id"):
        organisations.setdefault(gemeente_id, []).append(organisation_id)
    wijken: dict[int, list[int]] = {}
    for gemeente_id, wijk_id in Wijk.objects.filter(gemeente_id__in=run.gemeente_ids) \
            .order_by("pk").values_list("gemeente_id", "pk"):
        wijken.setdefault(gemeente_id, []).append(wijk_id)
    themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    now = timezone.now()
    signals = []
    for gemeente_id in run.gemeente_ids:
        orgs = organisations.get(gemeente_id, [])
        for n in range(max(3, len(orgs) // 20) if orgs else 0):
            age = timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 23))
            state = [SignalState.OPEN, SignalState.ANSWERED, SignalState.CLOSED][n % 3]
            sent = now - age
            signals.append(Signal(
                gemeente_id=gemeente_id, organisation_id=rng.choice(orgs),
                topic=rng.choice(TOPICS), wijk_id=rng.choice(wijken.get(gemeente_id, [None])),
                theme_id=rng.choice(themes) if themes else None, state=state,
                created_at=sent, last_message_at=sent,
                waiting_since=sent if state == SignalState.OPEN else None,
                answered_at=sent + timedelta(hours=1) if state != SignalState.OPEN else None,
                closed_at=sent + timedelta(hours=2) if state == SignalState.CLOSED else None))
    bulk_insert(Signal, signals, batch_size=2000)
    made = Signal.objects.filter(gemeente_id__in=run.gemeente_ids).values_list(
        "pk", "state", "created_at")
    messages = []
    for pk, state, sent in made.iterator(chunk_size=2000):
        messages.append(SignalMessage(signal_id=pk, text="Een verzonnen signaal.",
                                      created_at=sent))
        if state != SignalState.OPEN:
            messages.append(SignalMessage(signal_id=pk, from_gemeente=True, text="Een verzonnen "
                                          "antwoord.", created_at=sent + timedelta(hours=1)))
    bulk_insert(SignalMessage, messages, batch_size=2000)
    run.counts["signals"] += len(signals)


def signals_delete(gemeenten) -> None:
    Signal.objects.filter(gemeente__in=gemeenten).delete()
