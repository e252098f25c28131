"""Raising and resolving flags (actiepunten): the one service behind the daily job and
`manage.py raise_flags`. Set-based: gemeenten with the same settings (the reminder periods in
Gemeente.settings; usually all of them) are handled together, with a fixed number of queries
per kind, however many people and gemeenten there are; new flags are written by one
INSERT … SELECT per kind, so no row travels to Python and back. Idempotent: at most one open
flag per subject and kind (the partial unique constraints), the outbox's unique keys, and a
flag a person closed is not raised again for the same subject (for funding_ends: the same
funding period).

The rules (DESIGN.md, "Flag"):
- planned end of a begeleiding ≤ 90 days away, no warm handover → handover_due (caseworker);
  ≤ 30 days → handover_urgent (also the regisseur); ended (actual end, or planned end passed)
  without a warm handover → no_handover (the regisseur). Each replaces the one before.
- a referral without an answer: after 5 working days a reminder to the receiver; after 10
  referral_unanswered for the regisseur; after 20 it expires and the referrer is told.
- an active organisation's last funding ends within 60 days → funding_ends per presence.
"""
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import holidays
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet, Value
from django.db.models.constants import OnConflict
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gemeenten.choices import Role
from gemeenten.models import OutboxMessage, User, gemeente_setting
from gemeenten.outbox import clean_subject
from initiatives.choices import ApprovalState
from initiatives.models import Funding, Presence

from .choices import FlagKind, FlagState, ReferralState
from .models import Begeleiding, Flag, Referral, ReferralEvent


@dataclass
class FlagRun:
    today: date
    raised: Counter = field(default_factory=Counter)
    resolved: Counter = field(default_factory=Counter)
    reminders: int = 0
    expired: int = 0

    def add(self, other: "FlagRun") -> None:
        self.raised.update(other.raised)
        self.resolved.update(other.resolved)
        self.reminders += other.reminders
        self.expired += other.expired


def working_days_back(today: date, n: int) -> date:
    """The latest day D such that the working days after D up to and including today number
    n: a referral sent on D has waited n working days today (weekends and Dutch public
    holidays excluded)."""
    dutch = holidays.Netherlands(years=range(today.year - 1, today.year + 1))
    day, counted = today, 0
    while counted < n:
        if day.weekday() < 5 and day not in dutch:
            counted += 1
        day -= timedelta(days=1)
    return day


def _start_of_next(day: date) -> datetime:
    """The first moment after `day` in the portal's time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


SETTINGS = ("handover_due_days", "handover_urgent_days", "referral_reminder_working_days",
            "referral_answer_working_days", "referral_expiry_working_days",
            "funding_warning_days")


def settings_key(gemeente) -> tuple:
    """Gemeenten with the same key are handled in one pass."""
    return tuple(gemeente_setting(gemeente, name) for name in SETTINGS)


def raise_flags(*, today: date, gemeente=None, gemeenten=None) -> FlagRun:
    """Raise and resolve every kind for one gemeente, or for several with the same settings
    (inside their scope)."""
    gemeenten = list(gemeenten or [gemeente])
    if len({settings_key(g) for g in gemeenten}) != 1:
        raise ValueError("raise_flags takes gemeenten with the same settings together")
    rules = dict(zip(SETTINGS, settings_key(gemeenten[0]), strict=True))
    ids = [g.pk for g in gemeenten]
    run = FlagRun(today=today)
    with transaction.atomic():
        _handover(ids, rules, today, run)
        _referrals(ids, rules, today, run)
        _funding(ids, rules, today, run)
    _fresh_statistics(run)
    return run


# After a bulk load the planner's statistics are stale until autovacuum comes by: it then
# takes the flag table for empty and the next run's NOT EXISTS checks turn into nested loops
# (measured at the stress preset: 25 s instead of about 1.5 s). A large batch of new flags
# refreshes them at once.
ANALYZE_AFTER_ROWS = 5_000


def _fresh_statistics(run: FlagRun) -> None:
    if connection.vendor == "postgresql" and sum(run.raised.values()) >= ANALYZE_AFTER_ROWS:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Flag._meta.db_table}")


def _insert_flags(rows: QuerySet, *, today: date, **columns) -> int:
    """Raise an open flag for each row of `rows` in one INSERT … SELECT, the columns given as
    expressions over the rows (Flag field name → expression); returns how many were written.
    Building 70,000 Flag objects from fetched rows and sending them back in batches took
    most of a first run at the stress preset. A row that meets an open flag of the same
    subject and kind (the partial unique constraints) is skipped, as bulk_create's
    ignore_conflicts does: ON CONFLICT DO NOTHING, or INSERT OR IGNORE on SQLite."""
    columns = {"state": Value(FlagState.OPEN.value), "raised_on": Value(today),
               "outcome": Value(""), "close_reason": Value(""), **columns}
    # Aliases of our own, selected by name from the subquery: their order in the
    # queryset's SELECT is then no concern.
    aliases = {f"new_{name}": expression for name, expression in columns.items()}
    select, params = rows.order_by().annotate(**aliases).values(*aliases).query.sql_with_params()
    ops, qn = connection.ops, connection.ops.quote_name
    sql = (f"{ops.insert_statement(on_conflict=OnConflict.IGNORE)} {qn(Flag._meta.db_table)} "
           f"({', '.join(qn(Flag._meta.get_field(name).column) for name in columns)}) "
           f"SELECT {', '.join(qn(alias) for alias in aliases)} FROM ({select}) new_flags "
           f"{ops.on_conflict_suffix_sql([], OnConflict.IGNORE, [], [])}")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


# --- handover ------------------------------------------------------------------------------


def warm_handover():
    """A referral of the begeleiding's person to another organisation, accepted during the
    begeleiding: the local date of accepted_at on or after its start and on or before its
    planned end. It stays one whatever the referral's later state."""
    return Referral.objects.filter(
        newcomer=OuterRef("newcomer"), accepted_at__isnull=False,
        accepted_at__date__gte=OuterRef("start"), accepted_at__date__lte=OuterRef("planned_end"),
    ).exclude(to_organisation=OuterRef("organisation"))


def _handover(ids, rules, today, run):
    due_days = rules["handover_due_days"]
    urgent_days = rules["handover_urgent_days"]
    watched = (Begeleiding.objects.filter(newcomer__gemeente_id__in=ids,
                                          planned_end__isnull=False,
                                          newcomer__anonymised_at__isnull=True)
               .exclude(Exists(warm_handover())))
    ended = Q(actual_end__isnull=False) | Q(planned_end__lt=today)
    candidates = {
        FlagKind.NO_HANDOVER: watched.filter(ended),
        FlagKind.HANDOVER_URGENT: watched.filter(
            actual_end__isnull=True, planned_end__gte=today,
            planned_end__lte=today + timedelta(days=urgent_days)),
        FlagKind.HANDOVER_DUE: watched.filter(
            actual_end__isnull=True, planned_end__gt=today + timedelta(days=urgent_days),
            planned_end__lte=today + timedelta(days=due_days)),
    }
    for kind, rows in candidates.items():
        # The cause is gone, or a later kind replaced it: the open flag resolves.
        # NOT EXISTS, not NOT IN: PostgreSQL plans it as an anti-join.
        still = rows.filter(pk=OuterRef("begeleiding_id"))
        run.resolved[kind] += Flag.objects.filter(
            gemeente_id__in=ids, kind=kind, state=FlagState.OPEN, begeleiding__isnull=False,
        ).exclude(Exists(still)).update(state=FlagState.RESOLVED, resolved_on=today)
        known = Flag.objects.filter(kind=kind, begeleiding=OuterRef("pk")).filter(
            Q(state=FlagState.OPEN) | Q(state=FlagState.CLOSED))
        run.raised[kind] += _insert_flags(
            rows.exclude(Exists(known)), today=today, kind=Value(kind.value),
            gemeente=F("newcomer__gemeente_id"), begeleiding=F("pk"),
            organisation=F("organisation_id"), caseworker=F("caseworker_id"),
            for_regisseur=Value(kind != FlagKind.HANDOVER_DUE),
            due_date=Coalesce("actual_end", "planned_end"))


# --- referrals -----------------------------------------------------------------------------


def _referrals(ids, rules, today, run):
    waiting = Referral.objects.filter(gemeente_id__in=ids, state=ReferralState.PROPOSED)
    remind_before = _start_of_next(working_days_back(
        today, rules["referral_reminder_working_days"]))
    flag_before = _start_of_next(working_days_back(
        today, rules["referral_answer_working_days"]))
    expire_before = _start_of_next(working_days_back(
        today, rules["referral_expiry_working_days"]))

    # An answer given (or the referral stopped) resolves the flag.
    run.resolved[FlagKind.REFERRAL_UNANSWERED] += Flag.objects.filter(
        gemeente_id__in=ids, kind=FlagKind.REFERRAL_UNANSWERED, state=FlagState.OPEN,
    ).exclude(referral__state=ReferralState.PROPOSED).update(
        state=FlagState.RESOLVED, resolved_on=today)

    # 20 working days: expired, the referrer told (one message per referral: its key).
    expiring = list(waiting.filter(created_at__lt=expire_before).values_list(
        "pk", "gemeente_id", "newcomer_id", "from_user__email", "from_user__is_active"))
    if expiring:
        ids = [row[0] for row in expiring]
        now = timezone.now()
        Referral.objects.filter(pk__in=ids, state=ReferralState.PROPOSED).update(
            state=ReferralState.EXPIRED, version=F("version") + 1, answered_at=now,
            closed_at=now, reason=_("no answer"))
        ReferralEvent.objects.bulk_create([
            ReferralEvent(referral_id=pk, from_state=ReferralState.PROPOSED,
                          to_state=ReferralState.EXPIRED, at=now) for pk in ids])
        with translation.override(settings.STAFF_LANGUAGE):
            subject = clean_subject(_("Your referral got no answer and has expired"))
            body = _("A referral you sent through the regie portal got no answer and has "
                     "expired. Log in to refer the person elsewhere.")
        _outbox([
            (f"referral:{pk}:expired:{email}", email, subject, body + "\n\n" + _link(
                reverse("statushouders:newcomer_detail", args=[newcomer])), gemeente)
            for pk, gemeente, newcomer, email, active in expiring if email and active
        ])
        run.expired += len(ids)
        run.resolved[FlagKind.REFERRAL_UNANSWERED] += Flag.objects.filter(
            kind=FlagKind.REFERRAL_UNANSWERED, state=FlagState.OPEN, referral_id__in=ids,
        ).update(state=FlagState.RESOLVED, resolved_on=today)
        waiting = waiting.exclude(pk__in=ids)

    # 10 working days: on the regisseur's worklist.
    known = Flag.objects.filter(kind=FlagKind.REFERRAL_UNANSWERED, referral=OuterRef("pk"))
    # The date it was sent, in the portal's time zone (TruncDate takes the current one).
    run.raised[FlagKind.REFERRAL_UNANSWERED] += _insert_flags(
        waiting.filter(created_at__lt=flag_before).exclude(Exists(known)), today=today,
        kind=Value(FlagKind.REFERRAL_UNANSWERED.value), gemeente=F("gemeente_id"),
        referral=F("pk"), organisation=F("to_organisation_id"), for_regisseur=Value(True),
        due_date=TruncDate("created_at"))

    # 5 working days: a reminder to whoever reads the receiving organisation's aanmeldingen
    # (its staff; without an account there, the gemeente's regisseurs).
    from .referrals import _readers

    reminders = []
    with translation.override(settings.STAFF_LANGUAGE):
        subject = clean_subject(_("Reminder: an aanmelding waits for your answer"))
        body = _("A referral to your organisation has waited five working days for an answer. "
                 "Log in to answer it with one click.")
    link = _link(reverse("statushouders:aanmelding_list"))
    remind = (waiting.filter(created_at__lt=remind_before)
              .select_related("to_organisation").prefetch_related("to_organisation__staff"))
    regisseurs: dict[int, list[str]] = {}
    for gemeente, email in User.objects.filter(
            gemeente_id__in=ids, role=Role.REGISSEUR, is_active=True).exclude(email="") \
            .order_by("email").values_list("gemeente_id", "email"):
        regisseurs.setdefault(gemeente, []).append(email)
    for referral in remind.iterator(chunk_size=2000):
        # Nobody at the organisation can open it: the gemeente's regisseurs read it.
        readers = _readers(referral.to_organisation) or regisseurs.get(referral.gemeente_id, [])
        for email in readers:
            reminders.append((f"referral:{referral.pk}:reminder:{email}", email, subject,
                              body + "\n\n" + link, referral.gemeente_id))
    run.reminders += _outbox(reminders)


def _link(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _outbox(messages) -> int:
    """Write messages (key, to, subject, body, gemeente id) once per key (bulk, ignoring keys
    already there) and let the sweep send them; returns how many were new."""
    if not messages:
        return 0
    keys = [key for key, *_rest in messages]
    existing = set()
    for start in range(0, len(keys), 5000):
        existing.update(OutboxMessage.objects.filter(key__in=keys[start:start + 5000])
                        .values_list("key", flat=True))
    new = [OutboxMessage(key=key, to=to, subject=subject, body=body, gemeente_id=gemeente)
           for key, to, subject, body, gemeente in messages if key not in existing]
    OutboxMessage.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        from gemeenten.tasks import outbox_sweep_task

        transaction.on_commit(outbox_sweep_task.delay, robust=True)
    return len(new)


# --- funding -------------------------------------------------------------------------------


def _funding(ids, rules, today, run):
    warn_days = rules["funding_warning_days"]
    # Active: approved in the gemeente. An open-ended funding period never ends.
    last_until = (Funding.objects.filter(organisation=OuterRef("organisation"))
                  .order_by().values("organisation").annotate(last=Max("end"))
                  .values("last"))
    open_ended = Funding.objects.filter(organisation=OuterRef("organisation"),
                                        end__isnull=True, start__lte=today)
    presences = (Presence.objects.filter(gemeente_id__in=ids, approval=ApprovalState.APPROVED)
                 .exclude(Exists(open_ended))
                 .annotate(last_until=last_until)
                 .filter(last_until__gte=today,
                         last_until__lte=today + timedelta(days=warn_days)))
    # New funding recorded (a later end) or the organisation gone: resolves.
    still = presences.filter(pk=OuterRef("presence_id"), last_until=OuterRef("due_date"))
    run.resolved[FlagKind.FUNDING_ENDS] += Flag.objects.filter(
        gemeente_id__in=ids, kind=FlagKind.FUNDING_ENDS, state=FlagState.OPEN,
    ).exclude(Exists(still)).update(state=FlagState.RESOLVED, resolved_on=today)
    # A flag closed for this funding period stays closed; a new period raises one again.
    known = Flag.objects.filter(
        kind=FlagKind.FUNDING_ENDS, presence=OuterRef("pk"), due_date=OuterRef("last_until"),
    ).filter(Q(state=FlagState.OPEN) | Q(state=FlagState.CLOSED))
    run.raised[FlagKind.FUNDING_ENDS] += _insert_flags(
        presences.exclude(Exists(known)), today=today, kind=Value(FlagKind.FUNDING_ENDS.value),
        gemeente=F("gemeente_id"), presence=F("pk"), organisation=F("organisation_id"),
        for_regisseur=Value(True), due_date=F("last_until"))


# --- a person closes a flag ----------------------------------------------------------------


def flag_close(*, flag: Flag, by, outcome: str, reason: str = "") -> Flag:
    updated = Flag.objects.filter(pk=flag.pk, state=FlagState.OPEN).update(
        state=FlagState.CLOSED, closed_at=timezone.now(), closed_by=by, outcome=outcome,
        close_reason=reason[:300])
    flag.refresh_from_db()
    return flag if updated else flag
