"""The coordination layer's part of the demo gemeente Demodam (a step of `seed_demo`): two
signals of the demo coördinator's Taalcafé De Brug (one answered, one overdue), one message
to the partners, and one listing due to be checked. Invented data; idempotent (signals by
organisation and topic, the message by its fixed form token, the listing by its check)."""
import uuid
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from gemeenten.datagen.registry import Demo
from gemeenten.models import Theme
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
