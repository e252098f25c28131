"""The regie's step of `generate_scale` for freshness and messages: a listing check for every
presence unconfirmed for six months or more (asked, some confirmed through the link or by the
regisseur, a few hidden), about one message to partners per gemeente per month over the last
half year (to a theme's or a wijk's organisations, or to all), and the coördinators who asked
for no e-mail of the non-essential ones (one in ten). Seeded random.Random; bulk_create."""
from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta
from datetime import time as clock

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.datagen.bulk import bulk_insert
from gemeenten.datagen.registry import ScaleRun
from gemeenten.models import Theme, User, Wijk
from initiatives.models import Organisation, Presence

from ..models import ListingCheck, MessageOptOut, PartnerMessage, PartnerMessageRecipient
from ..models.freshness import ConfirmedVia

SUBJECTS = ["Nieuwe gezinnen in de wijk", "Bijeenkomst netwerk nieuwkomers",
            "Subsidieronde geopend", "Zomeraanbod gezocht", "Vrijwilligers gezocht"]
MONTHS = 6


def messages_generate(run: ScaleRun) -> None:
    rng = run.rng("regie-messages")
    started = time.monotonic()
    gemeente_ids = run.gemeente_ids
    if not gemeente_ids:
        return
    now = timezone.now()
    checks = []
    for pk, gemeente_id, confirmed in Presence.objects.filter(
            gemeente_id__in=gemeente_ids,
            last_confirmed__lte=run.today - relativedelta(months=MONTHS)).order_by("pk") \
            .values_list("pk", "gemeente_id", "last_confirmed"):
        asked = confirmed + relativedelta(months=MONTHS) + timedelta(days=rng.randrange(0, 7))
        roll = rng.random()
        answered = roll < 0.4
        checks.append(ListingCheck(
            gemeente_id=gemeente_id, presence_id=pk, asked_on=min(asked, run.today), round=1,
            asked_addresses=rng.randint(1, 2), confirmed_round=1 if answered else 0,
            confirmed_at=now - timedelta(days=rng.randrange(1, 20)) if answered else None,
            confirmed_via=(ConfirmedVia.LINK if rng.random() < 0.8 else ConfirmedVia.REGISSEUR)
            if answered else "", hidden_at=now if 0.4 <= roll < 0.45 else None))
    bulk_insert(ListingCheck, checks, batch_size=5000)

    authors = dict(User.objects.filter(gemeente_id__in=gemeente_ids, role=Role.REGISSEUR)
                   .order_by("-pk").values_list("gemeente_id", "pk"))
    themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    wijken: dict[int, list[int]] = {}
    for gemeente_id, wijk_id in Wijk.objects.filter(gemeente_id__in=gemeente_ids) \
            .order_by("pk").values_list("gemeente_id", "pk"):
        wijken.setdefault(gemeente_id, []).append(wijk_id)
    members: dict[int, list[tuple[int, set[int], set[int]]]] = {}
    theme_of: dict[int, set[int]] = {}
    for organisation_id, theme_id in Organisation.themes.through.objects.filter(
            organisation__presences__gemeente_id__in=gemeente_ids) \
            .values_list("organisation_id", "theme_id"):
        theme_of.setdefault(organisation_id, set()).add(theme_id)
    wijk_of: dict[int, set[int]] = {}
    for presence_id, organisation_id, gemeente_id in Presence.objects.filter(
            gemeente_id__in=gemeente_ids).order_by("pk") \
            .values_list("pk", "organisation_id", "gemeente_id"):
        members.setdefault(gemeente_id, []).append((organisation_id, presence_id))
    for presence_id, wijk_id in Presence.wijken.through.objects.filter(
            presence__gemeente_id__in=gemeente_ids).values_list("presence_id", "wijk_id"):
        wijk_of.setdefault(presence_id, set()).add(wijk_id)
    messages, plans = [], []
    for gemeente_id in gemeente_ids:
        for month in range(MONTHS):
            if rng.random() < 0.2:
                continue  # not every month
            sent = timezone.make_aware(datetime.combine(
                run.today - relativedelta(months=month) - timedelta(days=rng.randrange(28)),
                clock(10)))
            kind = rng.random()
            theme = rng.choice(themes) if kind < 0.4 and themes else None
            wijk = rng.choice(wijken[gemeente_id]) if 0.4 <= kind < 0.7 \
                and wijken.get(gemeente_id) else None
            reached = [o for o, p in members.get(gemeente_id, [])
                       if (theme is None or theme in theme_of.get(o, ()))
                       and (wijk is None or wijk in wijk_of.get(p, ()))]
            messages.append(PartnerMessage(
                gemeente_id=gemeente_id, author_id=authors.get(gemeente_id),
                subject=rng.choice(SUBJECTS), body="Een verzonnen bericht aan de partners.",
                essential=rng.random() < 0.1, created_at=sent,
                token=uuid.UUID(int=rng.getrandbits(128), version=4),
                organisation_count=len(set(reached)), email_count=len(set(reached)) // 2))
            plans.append((theme, wijk, sorted(set(reached))))
    bulk_insert(PartnerMessage, messages, batch_size=2000)
    bulk_insert(PartnerMessage.themes.through, [
        PartnerMessage.themes.through(partnermessage_id=m.pk, theme_id=theme)
        for m, (theme, _w, _r) in zip(messages, plans, strict=True) if theme], batch_size=5000)
    bulk_insert(PartnerMessage.wijken.through, [
        PartnerMessage.wijken.through(partnermessage_id=m.pk, wijk_id=wijk)
        for m, (_t, wijk, _r) in zip(messages, plans, strict=True) if wijk], batch_size=5000)
    recipients = [PartnerMessageRecipient(message_id=m.pk, organisation_id=o)
                  for m, (_t, _w, reached) in zip(messages, plans, strict=True) for o in reached]
    bulk_insert(PartnerMessageRecipient, recipients, batch_size=10000)

    coordinators = User.objects.filter(gemeente_id__in=gemeente_ids, role=Role.COORDINATOR) \
        .order_by("pk").values_list("pk", flat=True)
    opt_outs = [MessageOptOut(user_id=pk) for pk in coordinators if rng.random() < 0.1]
    bulk_insert(MessageOptOut, opt_outs, batch_size=5000)
    run.counts["listing checks"] += len(checks)
    run.counts["messages to partners"] += len(messages)
    run.counts["message recipients"] += len(recipients)
    run.counts["message opt-outs"] += len(opt_outs)
    run.timings["listing checks, messages"] = time.monotonic() - started


def messages_delete(gemeenten) -> None:
    MessageOptOut.objects.filter(user__gemeente__in=gemeenten).delete()
    PartnerMessage.objects.filter(gemeente__in=gemeenten).delete()
    ListingCheck.objects.filter(gemeente__in=gemeenten).delete()
