"""The coordination layer's step of `generate_scale`: signals in every state (answered, waiting,
overdue), about one per twenty organisations of each gemeente, so the dashboard's counts and
the lists meet them at scale. Drawn from a seeded random.Random; bulk_create."""
from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gemeenten.datagen.registry import ScaleRun
from gemeenten.models import Theme, Wijk
from initiatives.models import Presence

from ..models import Signal, SignalMessage, SignalState

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
    Signal.objects.bulk_create(signals, batch_size=2000)
    made = Signal.objects.filter(gemeente_id__in=run.gemeente_ids).values_list(
        "pk", "state", "created_at")
    messages = []
    for pk, state, sent in made.iterator(chunk_size=2000):
        messages.append(SignalMessage(signal_id=pk, text="Een verzonnen signaal.",
                                      created_at=sent))
        if state != SignalState.OPEN:
            messages.append(SignalMessage(signal_id=pk, from_gemeente=True, text="Een verzonnen "
                                          "antwoord.", created_at=sent + timedelta(hours=1)))
    SignalMessage.objects.bulk_create(messages, batch_size=2000)
    run.counts["signals"] += len(signals)


def signals_delete(gemeenten) -> None:
    Signal.objects.filter(gemeente__in=gemeenten).delete()
