"""The history step of `generate_scale`, after the newcomers: each newcomer's languages and
needs, each referral's state changes as its state implies (proposed, then accepted or
declined or expired, started, completed or stopped), by the accounts of the organisations
involved, a begeleider's spreadsheet uploads, and two years of audit events of the people's
data at a believable rate (a begeleider opens a case file a few times a month, a referral's
receiver when it comes in), bounded so the national preset stays fast. Seeded; bulk_create.
Flags are left to `raise_flags`, which makes them from these rows."""
from __future__ import annotations

import time
from datetime import timedelta
from itertools import accumulate

from django.utils import timezone

from gemeenten.audit import Action, Purpose
from gemeenten.audit.triggers import generated_events_delete
from gemeenten.choices import Role
from gemeenten.datagen.bulk import bulk_insert
from gemeenten.datagen.registry import ScaleRun
from gemeenten.models import AuditEvent, Language, Theme
from initiatives.models import Organisation

from ..choices import ReferralState
from ..models import Newcomer, NewcomerUpload, Referral, ReferralEvent
from ..services import SUBJECT

LANGUAGES = [("ar", 30), ("ti", 20), ("uk", 15), ("prs", 8), ("fa", 7), ("so", 6),
             ("tr", 4), ("en", 6), ("ru", 4)]
# The states a referral passed through to reach its state (after "proposed").
PATHS = {
    ReferralState.PROPOSED: [],
    ReferralState.ACCEPTED: [ReferralState.ACCEPTED],
    ReferralState.DECLINED: [ReferralState.DECLINED],
    ReferralState.EXPIRED: [ReferralState.EXPIRED],
    ReferralState.STARTED: [ReferralState.ACCEPTED, ReferralState.STARTED],
    ReferralState.COMPLETED: [ReferralState.ACCEPTED, ReferralState.STARTED,
                              ReferralState.COMPLETED],
    ReferralState.STOPPED: [ReferralState.ACCEPTED, ReferralState.STOPPED],
}
REASONS = {ReferralState.DECLINED: "Geen plek deze periode.",
           ReferralState.STOPPED: "Past toch niet bij de vraag."}
# Audit events: views of a person's case file over the last AUDIT_DAYS, about VIEWS_PER_PERSON
# each, at most AUDIT_MAX in one run (the national preset, about 90,000 people, gets about
# three each: what keeps the step well inside the preset's ten minutes).
AUDIT_DAYS = 730
VIEWS_PER_PERSON = 4
AUDIT_MAX = 250_000


def history_generate(run: ScaleRun) -> None:
    rng = run.rng("statushouders-history")
    started = time.monotonic()
    gemeente_ids = run.gemeente_ids
    if not gemeente_ids:
        return
    staff: dict[int, list[tuple[int, str]]] = {}  # organisation -> [(user, role)]
    for organisation_id, user_id, role in Organisation.staff.through.objects.filter(
            user__gemeente_id__in=gemeente_ids).order_by("organisation_id", "user_id") \
            .values_list("organisation_id", "user_id", "user__role"):
        staff.setdefault(organisation_id, []).append((user_id, role))
    languages = dict(Language.objects.values_list("code", "pk"))
    spoken_ids = [languages[c] for c, _w in LANGUAGES if c in languages]
    spoken_cum = list(accumulate(w for c, w in LANGUAGES if c in languages))
    themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    newcomers = list(Newcomer.objects.filter(gemeente_id__in=gemeente_ids).order_by("pk")
                     .values_list("pk", "gemeente_id", "organisation_id", "created_at"))
    NewcomerLanguage, NewcomerNeed = Newcomer.languages.through, Newcomer.needs.through
    spoken, needs = [], []
    for newcomer_id, _g, _o, _c in newcomers:
        picked = {rng.choices(spoken_ids, cum_weights=spoken_cum)[0]}
        if "nl" in languages and rng.random() < 0.3:
            picked.add(languages["nl"])
        spoken += [NewcomerLanguage(newcomer_id=newcomer_id, language_id=pk)
                   for pk in sorted(picked)]
        needs += [NewcomerNeed(newcomer_id=newcomer_id, theme_id=pk)
                  for pk in rng.sample(themes, min(len(themes), rng.randint(1, 3)))]
    bulk_insert(NewcomerLanguage, spoken, batch_size=10000)
    bulk_insert(NewcomerNeed, needs, batch_size=10000)

    events = []
    referrals = Referral.objects.filter(gemeente_id__in=gemeente_ids).order_by("pk").values_list(
        "pk", "state", "created_at", "answered_at", "from_organisation_id", "to_organisation_id")
    for pk, state, sent, answered, sender, receiver in referrals.iterator(chunk_size=5000):
        by_sender = _person(staff, sender, Role.BEGELEIDER)
        by_receiver = _person(staff, receiver, Role.COORDINATOR)
        events.append(ReferralEvent(referral_id=pk, from_state="", to_state=ReferralState.PROPOSED,
                                    by_id=by_sender, at=sent))
        at, previous = answered or sent, ReferralState.PROPOSED
        for step in PATHS[state]:
            events.append(ReferralEvent(
                referral_id=pk, from_state=previous, to_state=step, at=at,
                by_id=None if step == ReferralState.EXPIRED else
                by_sender if step == ReferralState.STOPPED else by_receiver,
                reason=REASONS.get(step, "")))
            at, previous = at + timedelta(days=rng.randint(3, 40)), step
    bulk_insert(ReferralEvent, events, batch_size=10000)

    now = timezone.now()
    uploads = []
    for gemeente_id in gemeente_ids[:max(1, len(gemeente_ids) // 10)]:
        organisation_id = next((o for _n, g, o, _c in newcomers if g == gemeente_id), None)
        uploader = _person(staff, organisation_id, Role.BEGELEIDER)
        if uploader is not None:
            uploads.append(NewcomerUpload(
                gemeente_id=gemeente_id, uploaded_by_id=uploader, filename="nieuwkomers.csv",
                data=b"registratienummer;voornaam\nP-000001;Proefpersoon\n",
                created_at=now - timedelta(hours=rng.randrange(1, 20)), done_at=now))
    bulk_insert(NewcomerUpload, uploads)

    audited = _audit_events(run, rng, newcomers, staff, now)
    run.counts["newcomer languages and needs"] += len(spoken) + len(needs)
    run.counts["referral events"] += len(events)
    run.counts["newcomer uploads"] += len(uploads)
    run.counts["audit events"] += audited
    run.timings["referral events, audit events"] = time.monotonic() - started


def _person(staff, organisation_id, role) -> int | None:
    """The organisation's first account of that role, else its first account at all."""
    people = staff.get(organisation_id, [])
    return next((pk for pk, r in people if r == role), people[0][0] if people else None)


def _audit_events(run, rng, newcomers, staff, now) -> int:
    """Views by the begeleider spread over the last two years, the odd change and export;
    rows written in chunks."""
    budget = min(AUDIT_MAX, len(newcomers) * VIEWS_PER_PERSON)
    per_person = budget / max(1, len(newcomers))
    rows, made = [], 0
    actions = [(Action.VIEW, Purpose.BEGELEIDING), (Action.CHANGE, Purpose.BEGELEIDING),
               (Action.VIEW, Purpose.REFERRAL), (Action.EXPORT, Purpose.BEGELEIDING)]
    action_cum = list(accumulate([85, 10, 4, 1]))
    for newcomer_id, gemeente_id, organisation_id, _created in newcomers:
        actor = _person(staff, organisation_id, Role.BEGELEIDER)
        count = int(per_person) + (rng.random() < per_person % 1)
        for _n in range(count):
            action, purpose = rng.choices(actions, cum_weights=action_cum)[0]
            rows.append(AuditEvent(
                gemeente_id=gemeente_id, at=now - timedelta(days=rng.randrange(AUDIT_DAYS - 1),
                                                            seconds=rng.randrange(86400)),
                actor_id=actor, actor_role=Role.BEGELEIDER if actor else "", action=action,
                purpose=purpose, subject_type=SUBJECT, subject_id=str(newcomer_id)))
        if len(rows) >= 20000:
            bulk_insert(AuditEvent, rows, batch_size=10000)
            made, rows = made + len(rows), []
    bulk_insert(AuditEvent, rows, batch_size=10000)
    return made + len(rows)


def history_delete(gemeenten) -> None:
    generated_events_delete(gemeenten)
    NewcomerUpload.objects.filter(gemeente__in=gemeenten).delete()
    ReferralEvent.objects.filter(referral__gemeente__in=gemeenten).delete()
    Newcomer.languages.through.objects.filter(newcomer__gemeente__in=gemeenten).delete()
    Newcomer.needs.through.objects.filter(newcomer__gemeente__in=gemeenten).delete()
