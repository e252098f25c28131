"""The accounts and public traffic step of `generate_scale`, after the sociale kaart: staff
accounts (regisseurs per gemeente, a coördinator for about half of the organisations, a few
begeleiders at the organisations that give begeleiding), the invitations that made some of
them and some still open or expired, self-registrations waiting for a decision, contact
requests from the infopunt (a few per 100 newcomers per month, most closed), a day's import
uploads, and the e-mails these sent through the outbox. Invented names, addresses on
`.example`, unusable passwords. Seeded random.Random; bulk_create."""
from __future__ import annotations

import hashlib
import time
from datetime import timedelta

from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.datagen.bulk import bulk_insert
from gemeenten.datagen.registry import ScaleRun
from gemeenten.models import Language, OutboxMessage, Theme, User, Wijk

from ..choices import ImportState, OrganisationKind
from ..models import (
    Activity,
    ContactRequest,
    ImportUpload,
    InitiativeRegistration,
    Invitation,
    Organisation,
    Presence,
)

FIRST = ["Testa", "Proefje", "Demi", "Oefenaar", "Fictiva", "Verzonnen", "Nepko", "Schaaltje"]
LAST = ["Generator", "Voorbeeldmens", "Testberg", "Proefstra", "Nepveld", "Schaalman"]
QUESTIONS = ["Mag ik een keer komen kijken?", "Is er plek voor mijn kinderen?",
             "Wanneer begint het weer?", "Kan ik meedoen zonder aanmelding?", ""]
LANGUAGES = ["nl", "nl", "nl", "en", "ar", "uk", "ti", "fa"]
# Per month, per 100 newcomers of the gemeente; six months back (the retention period of a
# request that was never closed).
CONTACT_PER_100_PER_MONTH = 3
CONTACT_MONTHS = 6
UNUSABLE_PASSWORD = "!scale"  # starts with "!": Django's mark of an unusable password


def _token_hash(*parts) -> str:
    return hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()


def organisations_by_gemeente(gemeente_ids) -> dict[int, list[int]]:
    """Per gemeente its organisations (by presence), in organisation id order: the order in
    which the newcomers step chooses the organisations that give begeleiding."""
    organisations: dict[int, list[int]] = {}
    for gemeente_id, organisation_id in Presence.objects.filter(
            gemeente_id__in=gemeente_ids).order_by("gemeente_id", "organisation_id") \
            .values_list("gemeente_id", "organisation_id"):
        organisations.setdefault(gemeente_id, []).append(organisation_id)
    return organisations


def begeleiding_organisations(orgs: list[int]) -> list[int]:
    """The organisations of a gemeente that give begeleiding (statushouders' scale step)."""
    return orgs[:max(1, len(orgs) // 20)] if len(orgs) >= 2 else []


def accounts_generate(run: ScaleRun) -> None:
    rng = run.rng("accounts")
    started = time.monotonic()
    gemeente_ids = run.gemeente_ids
    if not gemeente_ids:
        return
    organisations = organisations_by_gemeente(gemeente_ids)
    now = timezone.now()
    users, staff_of = [], []  # staff_of: the organisation per user, None for gemeente staff
    seen: set[int] = set()
    for index, gemeente_id in enumerate(gemeente_ids):
        orgs = organisations.get(gemeente_id, [])
        for _n in range(1 + len(orgs) // 150):
            users.append((gemeente_id, Role.REGISSEUR))
            staff_of.append(None)
        for organisation_id in begeleiding_organisations(orgs):
            for _n in range(rng.randint(1, 3)):
                users.append((gemeente_id, Role.BEGELEIDER))
                staff_of.append(organisation_id)
        for organisation_id in orgs:
            # An organisation present in several gemeenten has its coördinator in the first.
            if organisation_id in seen:
                continue
            seen.add(organisation_id)
            if rng.random() < 0.55:
                users.append((gemeente_id, Role.COORDINATOR))
                staff_of.append(organisation_id)
        if index == 0:
            users += [(gemeente_id, Role.BEHEERDER), (gemeente_id, Role.PRIVACY_OFFICER)]
            staff_of += [None, None]
    rows = []
    for n, (gemeente_id, role) in enumerate(users):
        username = f"{run.tag}-{role[:4]}-{n:06d}"
        rows.append(User(
            username=username, email=f"{username}@scale.example", first_name=rng.choice(FIRST),
            last_name=rng.choice(LAST), gemeente_id=gemeente_id, role=role,
            password=UNUSABLE_PASSWORD, date_joined=now - timedelta(days=rng.randrange(1, 900)),
            last_login=now - timedelta(days=rng.randrange(0, 60)) if rng.random() < 0.8
            else None))
    bulk_insert(User, rows, batch_size=5000)
    made = list(User.objects.filter(username__startswith=f"{run.tag}-").order_by("username")
                .values_list("pk", "gemeente_id", "role", "date_joined"))
    Staff = Organisation.staff.through
    bulk_insert(Staff, [
        Staff(organisation_id=organisation_id, user_id=pk)
        for (pk, _g, _r, _j), organisation_id in zip(made, staff_of, strict=True)
        if organisation_id is not None], batch_size=5000)
    run.counts["staff accounts"] += len(made)

    regisseurs: dict[int, int] = {}
    for pk, gemeente_id, role, _joined in made:
        if role == Role.REGISSEUR:
            regisseurs.setdefault(gemeente_id, pk)
    outbox: list[OutboxMessage] = []
    _invitations(run, rng, made, staff_of, regisseurs, organisations, outbox)
    _registrations(run, rng, organisations)
    _contact_requests(run, rng, organisations, outbox)
    uploads = [ImportUpload(
        gemeente_id=gemeente_id, uploaded_by_id=regisseurs[gemeente_id],
        filename=f"sociale-kaart-{run.today:%Y%m%d}.csv",
        data=b"naam;soort;e-mail\nStichting Proefdata;civil_society;info@proefdata.example\n",
        created_at=now - timedelta(hours=rng.randrange(1, 20)), state=ImportState.DONE,
        rows_total=1, rows_done=1, summary="1 organisation checked, nothing changed.",
        finished_at=now) for gemeente_id in gemeente_ids[:max(1, len(gemeente_ids) // 10)]]
    bulk_insert(ImportUpload, uploads, batch_size=1000)
    run.counts["import uploads"] += len(uploads)
    bulk_insert(OutboxMessage, outbox, batch_size=5000)
    run.counts["outbox messages"] += len(outbox)
    run.timings["accounts, invitations, contact requests"] = time.monotonic() - started


def _invitations(run, rng, made, staff_of, regisseurs, organisations, outbox) -> None:
    """A third of the coördinators and begeleiders came in through an invitation that was
    accepted; beside them a few open and expired invitations per gemeente."""
    rows = []
    for (pk, gemeente_id, role, joined), organisation_id in zip(made, staff_of, strict=True):
        if organisation_id is None or rng.random() >= 0.33:
            continue
        rows.append(Invitation(
            gemeente_id=gemeente_id, organisation_id=organisation_id,
            email=f"uitgenodigd-{pk}@scale.example", role=role,
            token_hash=_token_hash(run.tag, "accepted", pk),
            invited_by_id=regisseurs.get(gemeente_id), created_at=joined - timedelta(days=2),
            expires_at=joined + timedelta(days=12), accepted_at=joined, user_id=pk))
    now = timezone.now()
    for gemeente_id, orgs in organisations.items():
        for n in range(max(1, len(orgs) // 50)):
            created = now - timedelta(days=rng.randrange(0, 40))
            rows.append(Invitation(
                gemeente_id=gemeente_id, organisation_id=rng.choice(orgs),
                email=f"open-{gemeente_id}-{n}@scale.example", first_name=rng.choice(FIRST),
                role=Role.COORDINATOR, token_hash=_token_hash(run.tag, "open", gemeente_id, n),
                invited_by_id=regisseurs.get(gemeente_id), created_at=created,
                expires_at=created + timedelta(days=14)))
    bulk_insert(Invitation, rows, batch_size=5000)
    for invitation in rows:
        outbox.append(OutboxMessage(
            key=f"{run.tag}:invitation:{invitation.token_hash[:16]}",
            gemeente_id=invitation.gemeente_id, to=invitation.email,
            subject="Uitnodiging voor het portaal", body="Een verzonnen uitnodiging.",
            created_at=invitation.created_at, sent_at=invitation.created_at, attempts=1))
    run.counts["invitations"] += len(rows)


def _registrations(run, rng, organisations) -> None:
    """About one self-registration per forty organisations: most confirmed and waiting for
    the regisseur's decision on their presence, some whose link was never used."""
    themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    languages = list(Language.objects.order_by("pk").values_list("pk", flat=True))
    wijken: dict[int, list[int]] = {}
    for gemeente_id, wijk_id in Wijk.objects.filter(gemeente_id__in=run.gemeente_ids) \
            .order_by("pk").values_list("gemeente_id", "pk"):
        wijken.setdefault(gemeente_id, []).append(wijk_id)
    now = timezone.now()
    rows, plans = [], []
    for gemeente_id in run.gemeente_ids:
        orgs = organisations.get(gemeente_id, [])
        for n in range(max(1, len(orgs) // 40)):
            created = now - timedelta(days=rng.randrange(0, 30))
            confirmed = rng.random() < 0.7
            rows.append(InitiativeRegistration(
                gemeente_id=gemeente_id, email=f"aanmelding-{gemeente_id}-{n}@scale.example",
                first_name=rng.choice(FIRST), name=f"Proefinitiatief {gemeente_id}-{n}",
                kind=rng.choice([OrganisationKind.CITIZEN_INITIATIVE,
                                 OrganisationKind.SELF_ORGANISATION]),
                newcomer_led=rng.random() < 0.4, password="" if confirmed else UNUSABLE_PASSWORD,
                token_hash=_token_hash(run.tag, "registration", gemeente_id, n),
                created_at=created, expires_at=created + timedelta(days=7),
                confirmed_at=created + timedelta(hours=2) if confirmed else None,
                description="Een verzonnen initiatief om de schaal te testen.",
                contact_email=f"info-{gemeente_id}-{n}@scale.example"))
            plans.append((rng.sample(themes, min(2, len(themes))),
                          rng.sample(languages, min(2, len(languages))),
                          rng.sample(wijken.get(gemeente_id, []),
                                     min(1, len(wijken.get(gemeente_id, []))))))
    bulk_insert(InitiativeRegistration, rows, batch_size=2000)
    through = InitiativeRegistration
    bulk_insert(through.themes.through, [
        through.themes.through(initiativeregistration_id=r.pk, theme_id=t)
        for r, (ts, _l, _w) in zip(rows, plans, strict=True) for t in ts], batch_size=5000)
    bulk_insert(through.languages.through, [
        through.languages.through(initiativeregistration_id=r.pk, language_id=lang)
        for r, (_t, ls, _w) in zip(rows, plans, strict=True) for lang in ls], batch_size=5000)
    bulk_insert(through.wijken.through, [
        through.wijken.through(initiativeregistration_id=r.pk, wijk_id=w)
        for r, (_t, _l, ws) in zip(rows, plans, strict=True) for w in ws], batch_size=5000)
    run.counts["self-registrations"] += len(rows)


def _contact_requests(run, rng, organisations, outbox) -> None:
    """CONTACT_PER_100_PER_MONTH per 100 newcomers per month, weighted like the newcomers
    over the gemeenten, most to the organisations with most activities; those older than a
    few weeks are mostly closed, the recent ones new or answered."""
    weights = [1 / (i + 1) ** 0.8 for i in range(len(run.gemeente_ids))]
    total = sum(weights)
    busy: dict[int, list[tuple[int, int]]] = {}  # gemeente -> [(organisation, activity)]
    for gemeente_id, organisation_id, activity_id in Activity.objects.filter(
            gemeente_id__in=run.gemeente_ids, is_active=True).order_by("pk") \
            .values_list("gemeente_id", "organisation_id", "pk"):
        busy.setdefault(gemeente_id, []).append((organisation_id, activity_id))
    now = timezone.now()
    rows = []
    for gemeente_id, weight in zip(run.gemeente_ids, weights, strict=True):
        newcomers = run.preset.newcomers * weight / total
        count = max(1, round(newcomers / 100 * CONTACT_PER_100_PER_MONTH * CONTACT_MONTHS))
        pairs = busy.get(gemeente_id) or [(o, None) for o in organisations.get(gemeente_id, [])]
        if not pairs:
            continue
        for n in range(count):
            organisation_id, activity_id = rng.choice(pairs)
            age = timedelta(days=rng.randrange(0, 30 * CONTACT_MONTHS), hours=rng.randrange(24))
            received = now - age
            roll = rng.random()
            if age.days > 21:
                state = ContactRequest.State.CLOSED if roll < 0.85 else \
                    ContactRequest.State.ANSWERED if roll < 0.95 else ContactRequest.State.NEW
            else:
                state = ContactRequest.State.NEW if roll < 0.5 else \
                    ContactRequest.State.ANSWERED if roll < 0.8 else ContactRequest.State.CLOSED
            answered = received + timedelta(days=rng.randrange(1, 5))
            by_phone = rng.random() < 0.6
            rows.append(ContactRequest(
                gemeente_id=gemeente_id, organisation_id=organisation_id,
                activity_id=activity_id, first_name=rng.choice(FIRST),
                phone="0600000000" if by_phone else "",
                email="" if by_phone else f"contact-{gemeente_id}-{n}@scale.example",
                preferred_language=rng.choice(LANGUAGES), question=rng.choice(QUESTIONS),
                state=state, created_at=received,
                answered_at=answered if state != ContactRequest.State.NEW else None,
                closed_at=answered if state == ContactRequest.State.CLOSED else None,
                held=rng.random() < 0.01))
    bulk_insert(ContactRequest, rows, batch_size=5000)
    for n, request in enumerate(rows):
        if not request.held:
            outbox.append(OutboxMessage(
                key=f"{run.tag}:contact:{request.gemeente_id}:{n}",
                gemeente_id=request.gemeente_id, to=f"organisatie-{request.organisation_id}"
                "@scale.example", subject="Iemand wil contact", body="Een verzonnen bericht.",
                created_at=request.created_at, sent_at=request.created_at, attempts=1))
    run.counts["contact requests"] += len(rows)


def accounts_delete(gemeenten) -> None:
    """What accounts_generate made in these gemeenten; the other steps' rows that name
    these accounts went before (their deletes run first)."""
    OutboxMessage.objects.filter(gemeente__in=gemeenten).delete()
    ImportUpload.objects.filter(gemeente__in=gemeenten).delete()
    ContactRequest.objects.filter(gemeente__in=gemeenten).delete()
    InitiativeRegistration.objects.filter(gemeente__in=gemeenten).delete()
    Invitation.objects.filter(gemeente__in=gemeenten).delete()
    users = User.objects.filter(gemeente__in=gemeenten)
    Organisation.staff.through.objects.filter(user__in=users).delete()
    users.delete()

