"""The volunteers' own traffic in `generate_scale`, after the pool, vacancies and tallies:
check-ins on the koppelingen (about one per three weeks of a running one, a few asking for
the coördinator's attention, most of those handled), trainings (a few per organisation with
volunteers per quarter, last quarter to next, with sign-ups of their own and other
organisations' volunteers), the languages a vacancy asks for, sign-ups from the infopunt
(pending, accepted, declined) and invitations to a volunteer account. Invented names,
`.example` addresses. Seeded random.Random; bulk_create."""
from __future__ import annotations

import hashlib
import time
from datetime import datetime, timedelta
from datetime import time as clock

from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.datagen.bulk import bulk_insert
from gemeenten.datagen.registry import ScaleRun
from gemeenten.models import Language, Theme
from initiatives.models import Invitation, Organisation

from ..choices import ApplicationState
from ..models import (
    CheckIn,
    Match,
    Membership,
    Training,
    TrainingSignup,
    Vacancy,
    Volunteer,
    VolunteerApplication,
    VolunteerInvitation,
)

CHECKINS = ["Fijn gesprek gehad.", "Samen naar de bibliotheek geweest.", "Brief doorgenomen.",
            "Afspraak verzet.", "Boodschappen gedaan en geoefend."]
WORRIES = ["Maakt zich zorgen over de huur.", "Kwam niet opdagen."]
TOPICS = ["Omgaan met trauma", "Werken met een tolk", "Privacy voor vrijwilligers",
          "Taalcoaching in de praktijk", "Grenzen stellen als maatje", "Inburgeringswet"]
FIRST = ["Aanmeld", "Proef", "Nepje", "Oefen", "Demo"]
LAST = ["Vrijwilliger", "Helpgraag", "Voorbeeld", "Testhulp"]
LANGUAGES = ["nl", "en", "ar", "uk", "ti", "fa"]


def volunteer_activity_generate(run: ScaleRun) -> None:
    rng = run.rng("volunteer-activity")
    started = time.monotonic()
    gemeente_ids = run.gemeente_ids
    if not gemeente_ids:
        return
    now = timezone.now()
    coordinators: dict[int, int] = {}
    for organisation_id, user_id in Organisation.staff.through.objects.filter(
            user__gemeente_id__in=gemeente_ids, user__role=Role.COORDINATOR) \
            .order_by("organisation_id", "user_id").values_list("organisation_id", "user_id"):
        coordinators.setdefault(organisation_id, user_id)

    checkins = []
    for match_id, starts_on, ended_on in Match.objects.filter(
            gemeente_id__in=gemeente_ids).order_by("pk").values_list(
            "pk", "starts_on", "ended_on"):
        last = ended_on or run.today
        day = starts_on + timedelta(days=rng.randint(5, 21))
        while day <= last:
            worry = rng.random() < 0.05
            checkins.append(CheckIn(
                match_id=match_id, on=day, text=rng.choice(WORRIES if worry else CHECKINS),
                needs_attention=worry,
                attention_handled_at=now if worry and rng.random() < 0.7 else None,
                recorded_by_id=None))
            day += timedelta(days=rng.randint(10, 32))
    bulk_insert(CheckIn, checkins, batch_size=10000)

    # Pools: the active members per organisation, and which gemeente each organisation is in.
    pools: dict[int, list[int]] = {}
    for organisation_id, volunteer_id in Membership.objects.filter(
            volunteer__gemeente_id__in=gemeente_ids, active=True) \
            .order_by("organisation_id", "volunteer_id") \
            .values_list("organisation_id", "volunteer_id"):
        pools.setdefault(organisation_id, []).append(volunteer_id)
    home = dict(Volunteer.objects.filter(gemeente_id__in=gemeente_ids)
                .values_list("pk", "gemeente_id"))
    by_gemeente: dict[int, list[int]] = {}
    for volunteer_id, gemeente_id in sorted(home.items()):
        by_gemeente.setdefault(gemeente_id, []).append(volunteer_id)
    quarter_start = run.today.replace(month=(run.today.month - 1) // 3 * 3 + 1, day=1)
    trainings, planned = [], []
    for organisation_id, pool in sorted(pools.items()):
        if len(pool) < 3:
            continue  # a training needs a few volunteers to be worth giving
        gemeente_id = home[pool[0]]
        for quarter in (-1, 0, 1):
            for _n in range(rng.choice([0, 1, 1, 2])):
                day = quarter_start + timedelta(days=91 * quarter + rng.randrange(91))
                seats = rng.choice([8, 12, 15, 20])
                trainings.append(Training(
                    gemeente_id=gemeente_id, organisation_id=organisation_id,
                    topic=rng.choice(TOPICS), place="Zaal 1, Proefstraat 1",
                    starts_at=timezone.make_aware(datetime.combine(day, clock(19, 30))),
                    seats=seats, open_to_others=rng.random() < 0.7))
                own = rng.sample(pool, min(len(pool), rng.randint(1, seats // 2)))
                others = [v for v in rng.sample(by_gemeente[gemeente_id],
                                                min(3, len(by_gemeente[gemeente_id])))
                          if v not in own] if trainings[-1].open_to_others else []
                planned.append(own + others)
    bulk_insert(Training, trainings, batch_size=5000)
    signups = [TrainingSignup(training_id=t.pk, volunteer_id=v)
               for t, people in zip(trainings, planned, strict=True) for v in people]
    TrainingSignup.objects.bulk_create(signups, batch_size=10000, ignore_conflicts=True)

    languages = list(Language.objects.filter(code__in=LANGUAGES).order_by("code")
                     .values_list("pk", flat=True))
    vacancies = list(Vacancy.objects.filter(gemeente_id__in=gemeente_ids).order_by("pk")
                     .values_list("pk", "gemeente_id", "organisation_id", "is_open"))
    VacancyLanguage = Vacancy.languages.through
    bulk_insert(VacancyLanguage, [
        VacancyLanguage(vacancy_id=pk, language_id=lang) for pk, _g, _o, _open in vacancies
        for lang in rng.sample(languages, min(len(languages), rng.randint(1, 2)))],
        batch_size=10000)
    applications = _applications(run, rng, vacancies, coordinators, languages, now)
    invitations = _invitations(run, rng, gemeente_ids, coordinators, now)
    run.counts["check-ins"] += len(checkins)
    run.counts["trainings"] += len(trainings)
    run.counts["training sign-ups"] += len(signups)
    run.counts["volunteer sign-ups"] += applications
    run.counts["volunteer invitations"] += invitations
    run.timings["check-ins, trainings, sign-ups"] = time.monotonic() - started


def _applications(run, rng, vacancies, coordinators, languages, now) -> int:
    """About two sign-ups per vacancy, a third of them in general (no vacancy): the open
    vacancies' mostly waiting, the closed ones' decided."""
    themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    rows, plans = [], []
    for n, (pk, gemeente_id, organisation_id, is_open) in enumerate(vacancies):
        for k in range(rng.randint(0, 4)):
            state = ApplicationState.PENDING if is_open and rng.random() < 0.6 else \
                rng.choice([ApplicationState.ACCEPTED, ApplicationState.DECLINED])
            received = now - timedelta(days=rng.randrange(1, 90))
            decided = state != ApplicationState.PENDING
            rows.append(VolunteerApplication(
                gemeente_id=gemeente_id, organisation_id=organisation_id,
                vacancy_id=pk if rng.random() < 0.7 else None, first_name=rng.choice(FIRST),
                surname=rng.choice(LAST), email=f"aanmelding-{n}-{k}@scale.example",
                motivation="Ik wil graag helpen.", language=rng.choice(LANGUAGES),
                state=state, created_at=received,
                decided_at=received + timedelta(days=5) if decided else None,
                decided_by_id=coordinators.get(organisation_id) if decided else None,
                decline_reason="Geen plek op dit moment."
                if state == ApplicationState.DECLINED else ""))
            plans.append((rng.sample(languages, min(len(languages), 2)),
                          rng.sample(themes, min(len(themes), 2))))
    bulk_insert(VolunteerApplication, rows, batch_size=5000)
    Languages = VolunteerApplication.languages.through
    Interests = VolunteerApplication.interests.through
    bulk_insert(Languages, [
        Languages(volunteerapplication_id=a.pk, language_id=lang)
        for a, (ls, _t) in zip(rows, plans, strict=True) for lang in ls], batch_size=10000)
    bulk_insert(Interests, [
        Interests(volunteerapplication_id=a.pk, theme_id=t)
        for a, (_l, ts) in zip(rows, plans, strict=True) for t in ts], batch_size=10000)
    return len(rows)


def _invitations(run, rng, gemeente_ids, coordinators, now) -> int:
    """One volunteer in twelve was invited to an account by their coördinator: most
    invitations still open, some expired."""
    rows, volunteers, seen = [], [], set()
    for volunteer_id, gemeente_id, organisation_id in Membership.objects.filter(
            volunteer__gemeente_id__in=gemeente_ids, active=True).order_by("volunteer_id") \
            .values_list("volunteer_id", "volunteer__gemeente_id", "organisation_id"):
        if volunteer_id in seen or rng.random() >= 1 / 12:
            continue
        seen.add(volunteer_id)
        created = now - timedelta(days=rng.randrange(0, 30))
        rows.append(Invitation(
            gemeente_id=gemeente_id, organisation_id=organisation_id,
            email=f"maatje-{volunteer_id}@scale.example", role=Role.VOLUNTEER,
            token_hash=hashlib.sha256(f"{run.tag}:volunteer:{volunteer_id}".encode())
            .hexdigest(), invited_by_id=coordinators.get(organisation_id),
            created_at=created, expires_at=created + timedelta(days=14)))
        volunteers.append(volunteer_id)
    bulk_insert(Invitation, rows, batch_size=5000)
    bulk_insert(VolunteerInvitation, [
        VolunteerInvitation(volunteer_id=v, invitation_id=i.pk)
        for v, i in zip(volunteers, rows, strict=True)], batch_size=5000)
    return len(rows)


def volunteer_activity_delete(gemeenten) -> None:
    VolunteerInvitation.objects.filter(volunteer__gemeente__in=gemeenten).delete()
    Invitation.objects.filter(gemeente__in=gemeenten, role=Role.VOLUNTEER).delete()
    TrainingSignup.objects.filter(training__gemeente__in=gemeenten).delete()
    Training.objects.filter(gemeente__in=gemeenten).delete()
