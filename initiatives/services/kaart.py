"""Writes of the sociale kaart. Every write path (forms, admin, import, generators) ends in
activity_refresh / activities_refresh, which keeps occurrences, last_date, facets and
search_text right."""
from collections.abc import Iterable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from gemeenten.text import normalise

from ..models import Activity, Occurrence, Schedule
from ..schedules import schedule_dates, window

TZ = ZoneInfo(settings.TIME_ZONE)


def _aware(day: date, moment: time | None) -> datetime | None:
    if moment is None:
        return None
    return datetime.combine(day, moment, tzinfo=TZ)


def activity_search_text(activity: Activity) -> str:
    """All translations of title and description, the organisation and the place."""
    parts = []
    for code, _name in settings.LANGUAGES:
        parts.append(getattr(activity, f"title_{code}", "") or "")
        parts.append(getattr(activity, f"description_{code}", "") or "")
    parts += [activity.organisation.name, activity.address, activity.city]
    if activity.wijk_id:
        parts.append(activity.wijk.name)
    seen, unique = set(), []
    for part in parts:
        norm = normalise(part)
        if norm and norm not in seen:
            seen.add(norm)
            unique.append(norm)
    return " ".join(unique)


def facets_text(*, themes: Iterable[str], languages: Iterable[str],
                target_groups: Iterable[str]) -> str:
    """`Activity.facets`: " t:taal l:ar l:nl g:vrouwen ", each kind sorted, so a filter on
    theme, language or target group is `facets LIKE '% t:taal %'` on the activity's own row
    instead of a probe into a join table for every activity of the gemeente."""
    tokens = [f"t:{slug}" for slug in sorted(set(themes))]
    tokens += [f"l:{code}" for code in sorted(set(languages))]
    tokens += [f"g:{slug}" for slug in sorted(set(target_groups))]
    return f" {' '.join(tokens)} " if tokens else ""


def activity_facets(activity: Activity) -> str:
    return facets_text(
        themes=[t.slug for t in activity.themes.all()],
        languages=[lang.code for lang in activity.languages.all()],
        target_groups=[g.slug for g in activity.target_groups.all()],
    )


def schedule_occurrence_dates(schedule: Schedule, *, today: date) -> list[date]:
    """The dates of one schedule (saved or not) in the occurrence window."""
    start, end = window(today, settings.OCCURRENCE_WINDOW_MONTHS)
    return schedule_dates(
        frequency=schedule.frequency,
        weekdays=schedule.weekday_list,
        valid_from=schedule.valid_from,
        valid_until=schedule.valid_until,
        window_start=start,
        window_end=end,
        week_of_month=schedule.week_of_month,
    )


def occurrence_rows(schedules: Iterable[Schedule], *, today: date,
                    dates: dict[int, list[date]] | None = None) -> list[tuple]:
    """The occurrences of these saved schedules in the window, as
    (activity_id, schedule_id, date, starts_at, ends_at): OCCURRENCE_COLUMNS. `dates` may
    hold each schedule's dates already (by id() of the schedule)."""
    result = []
    for schedule in schedules:
        start_time, end_time = schedule.start_time, schedule.end_time
        days = (dates or {}).get(id(schedule))
        if days is None:
            days = schedule_occurrence_dates(schedule, today=today)
        for day in days:
            result.append((schedule.activity_id, schedule.pk, day, _aware(day, start_time),
                           _aware(day, end_time)))
    return result


OCCURRENCE_COLUMNS = ("activity_id", "schedule_id", "date", "starts_at", "ends_at")


def occurrences_for(schedules: Iterable[Schedule], *, today: date) -> list[Occurrence]:
    return [Occurrence(**dict(zip(OCCURRENCE_COLUMNS, row, strict=True)))
            for row in occurrence_rows(schedules, today=today)]


def rows_insert_new(model, columns: tuple[str, ...], rows: list[tuple], *,
                    adapt=None) -> None:
    """Insert plain rows (values in `columns` order) that cannot conflict with any row there
    (they belong to rows just created), without a model instance per row: one COPY on
    PostgreSQL, one executemany elsewhere (SQLite). `adapt` turns a row into the values the
    backend stores (SQLite keeps dates and times as text); PostgreSQL's COPY takes Python
    values as they are. For the hundreds of thousands of rows of a large import, building
    and preparing an instance per row for bulk_create took most of the time."""
    if not rows:
        return
    ops = connection.ops
    table = ops.quote_name(model._meta.db_table)
    names = ", ".join(ops.quote_name(model._meta.get_field(name).column) for name in columns)
    # Table and column names come from the model; the values travel as parameters.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})",
            [adapt(row) for row in rows] if adapt else rows,
        )


def occurrences_insert_new(rows: list[tuple]) -> None:
    """Insert occurrence_rows of schedules that have none yet (just created)."""
    date_value = connection.ops.adapt_datefield_value
    moment_value = connection.ops.adapt_datetimefield_value

    def adapt(row):
        activity_id, schedule_id, day, starts, ends = row
        return (activity_id, schedule_id, date_value(day), moment_value(starts),
                moment_value(ends))

    rows_insert_new(Occurrence, OCCURRENCE_COLUMNS, rows, adapt=adapt)


def activities_create_many(
    activities: list[Activity], schedules: list[Schedule], *, links: dict[str, list[tuple]],
    today: date,
) -> None:
    """Insert new activities with their schedules and themes, target groups and languages,
    and what activities_refresh would derive for them (occurrences, last_date, facets,
    search_text), computed in memory with the same functions, in one insert per table.

    `activities` are unsaved with `organisation` and `wijk` set as objects; each schedule's
    `activity` is one of them; `links` maps "themes", "target_groups", "languages" to
    (activity, item) pairs. A test runs activities_refresh afterwards and finds nothing to
    change."""
    per_activity: dict[int, dict[str, list[str]]] = {
        id(a): {"themes": [], "languages": [], "target_groups": []} for a in activities}
    for name, pairs in links.items():
        key = "slug" if name != "languages" else "code"
        for activity, item in pairs:
            per_activity[id(activity)][name].append(getattr(item, key))
    # The dates first, so last_date goes in with the activity's own insert.
    dates = {id(s): schedule_occurrence_dates(s, today=today) for s in schedules}
    for schedule in schedules:
        if days := dates[id(schedule)]:
            activity = schedule.activity
            activity.last_date = max(days[-1], activity.last_date or days[-1])
    for activity in activities:
        activity.search_text = activity_search_text(activity)
        activity.facets = facets_text(**per_activity[id(activity)])
    Activity.objects.bulk_create(activities, batch_size=1000)
    for schedule in schedules:
        schedule.activity_id = schedule.activity.pk
    Schedule.objects.bulk_create(schedules, batch_size=1000)
    for name, pairs in links.items():
        relation = getattr(Activity, name)
        through, target = relation.through, relation.field.m2m_reverse_field_name()
        rows_insert_new(through, ("activity_id", f"{target}_id"),
                        [(activity.pk, item.pk) for activity, item in pairs])
    occurrences_insert_new(occurrence_rows(schedules, today=today, dates=dates))


def activity_translation_defaults() -> dict:
    """Every translation field of Activity (title_nl, description_ar ...) at its default.
    Given to Activity(...) explicitly when creating thousands: otherwise modeltranslation
    works out each default per instance under a language override, which took more time
    than everything else of building the instance."""
    from modeltranslation.fields import TranslationField

    return {field.attname: field.get_default() for field in Activity._meta.concrete_fields
            if isinstance(field, TranslationField)}


@transaction.atomic
def activities_refresh(activity_ids: Iterable[int], *, today: date | None = None) -> int:
    """Rematerialise upcoming occurrences, last_date, facets and search_text of these
    activities, in sets.

    Idempotent: running it twice leaves the same rows. Past occurrences are kept (the
    year calendar and tallies look back); future ones that no rule gives any more go.
    Returns the number of occurrences in the window.
    """
    today = today or timezone.localdate()
    ids = list(activity_ids)
    total = 0
    for offset in range(0, len(ids), 500):
        chunk = ids[offset : offset + 500]
        wanted = occurrences_for(
            Schedule.objects.filter(activity_id__in=chunk), today=today
        )
        wanted_keys = {(o.schedule_id, o.date) for o in wanted}
        existing = Occurrence.objects.filter(activity_id__in=chunk, date__gte=today)
        existing_rows = list(existing.values_list("pk", "schedule_id", "date", "starts_at"))
        by_key = {(s, d): (pk, st) for pk, s, d, st in existing_rows}
        stale = [pk for (s, d), (pk, _st) in by_key.items() if (s, d) not in wanted_keys]
        changed = [
            o for o in wanted
            if (o.schedule_id, o.date) in by_key
            and by_key[(o.schedule_id, o.date)][1] != o.starts_at
        ]
        stale += [by_key[(o.schedule_id, o.date)][0] for o in changed]
        if stale:
            Occurrence.objects.filter(pk__in=stale).delete()
        missing = [o for o in wanted if (o.schedule_id, o.date) not in by_key or o in changed]
        Occurrence.objects.bulk_create(missing, ignore_conflicts=True, batch_size=2000)
        total += len(wanted)
        last_dates = occurrences_last_dates(chunk)
        activities = (
            Activity.objects.filter(pk__in=chunk).select_related("organisation", "wijk")
            .prefetch_related("themes", "languages", "target_groups")
        )
        updates = []
        for activity in activities:
            text, facets = activity_search_text(activity), activity_facets(activity)
            last_date = last_dates.get(activity.pk)
            if (text, facets, last_date) != (
                activity.search_text, activity.facets, activity.last_date
            ):
                activity.search_text, activity.facets = text, facets
                activity.last_date = last_date
                updates.append(activity)
        Activity.objects.bulk_update(
            updates, ["search_text", "facets", "last_date"], batch_size=500
        )
    return total


def occurrences_last_dates(activity_ids: Iterable[int]) -> dict[int, date]:
    """The date of each activity's last occurrence (past ones included): `last_date`."""
    return dict(
        Occurrence.objects.filter(activity_id__in=list(activity_ids)).order_by()
        .values("activity_id").annotate(last=Max("date")).values_list("activity_id", "last")
    )


def activity_refresh(activity: Activity, *, today: date | None = None) -> None:
    activities_refresh([activity.pk], today=today)


def occurrences_roll_forward(*, today: date | None = None) -> int:
    """The daily job: move every active activity's window one day on, gemeente by gemeente."""
    from gemeenten.scope import each_gemeente_in_scope

    refreshed = 0
    for _gemeente in each_gemeente_in_scope():
        ids = Activity.objects.active().values_list("pk", flat=True).order_by("pk")
        refreshed += activities_refresh(ids.iterator(chunk_size=2000), today=today)
    return refreshed


@transaction.atomic
def organisation_register(*, gemeente, user=None, approved: bool = False, **fields):
    """Register an organisation in a gemeente: the organisation, its presence (pending
    unless a regisseur or an import registers it) and, when a coordinator registers it
    themselves, their place on its staff."""
    from ..choices import ApprovalState
    from ..models import Organisation, Presence

    themes = fields.pop("themes", None)
    languages = fields.pop("languages", None)
    wijken = fields.pop("wijken", None)
    organisation = Organisation.objects.create(**fields)
    if themes is not None:
        organisation.themes.set(themes)
    if languages is not None:
        organisation.languages.set(languages)
    presence = Presence.objects.create(
        organisation=organisation,
        gemeente=gemeente,
        approval=ApprovalState.APPROVED if approved else ApprovalState.PENDING,
        approved_at=timezone.now() if approved else None,
        last_confirmed=timezone.localdate(),
    )
    if wijken is not None:
        presence.wijken.set(wijken)
    if user is not None:
        organisation.staff.add(user)
    return organisation


def organisations_register_many(*, gemeente, rows: list[dict], approved: bool = False) -> list:
    """organisation_register for many at once (an import's new organisations): the
    organisations and their presences in two inserts, whatever their number. The rows hold
    plain fields only; links (themes, languages, wijken) are the caller's, in sets too."""
    from ..choices import ApprovalState
    from ..models import Organisation, Presence

    organisations = Organisation.objects.bulk_create(
        [Organisation(**fields) for fields in rows], batch_size=500)
    now, today = timezone.now(), timezone.localdate()
    Presence.objects.bulk_create([
        Presence(organisation=organisation, gemeente=gemeente,
                 approval=ApprovalState.APPROVED if approved else ApprovalState.PENDING,
                 approved_at=now if approved else None, last_confirmed=today)
        for organisation in organisations], batch_size=500)
    return organisations


# --- The staff pages of the sociale kaart (forms) -----------------------------------------


@transaction.atomic
def activity_save(*, activity: Activity, form, schedules) -> Activity:
    """Save an activity from its form and its schedule formset, then materialise.

    `activity` is the form's instance with organisation and gemeente already set (a new
    activity belongs to the gemeente of the organisation's presence). The formset is bound
    to the same instance; deleted schedules take their future occurrences with them.
    """
    activity = form.save(commit=False)
    activity.save()
    form.save_m2m()
    schedules.instance = activity
    schedules.save()
    activity_refresh(activity)
    return activity


@transaction.atomic
def organisation_save(*, form, presence=None, wijken=None):
    """Save an organisation's own description and, for the presence in the editor's
    gemeente, the wijken it works in. Its activities' search_text names the organisation,
    so they are refreshed when the name changed."""
    name_changed = "name" in form.changed_data
    organisation = form.save()
    if presence is not None and wijken is not None:
        presence.wijken.set(wijken)
    if name_changed:
        organisation_activities_refresh(organisation)
    return organisation


def organisation_activities_refresh(organisation) -> int:
    """After the organisation's own name changed: the search text of its activities in
    every gemeente names it. Deliberately across gemeenten; only derived text is written."""
    from gemeenten.scope import scopes_disabled

    with scopes_disabled():
        return activities_refresh(list(
            organisation.activities.values_list("pk", flat=True)))


def presence_recipients(presence) -> list[str]:
    """Who hears of a decision on a presence: the organisation's active staff accounts
    with an e-mail address (for a self-registered initiative, the registrant's confirmed
    address). Empty for an organisation without an account: then nobody is told, and the
    pages say so."""
    return sorted(presence.organisation.staff.filter(is_active=True).exclude(email="")
                  .values_list("email", flat=True).distinct())


def _tell_staff(presence, *, event: str, subject: str, body: str) -> list[str]:
    """E-mail a presence's decision to presence_recipients, once per decision; returns
    the addresses written to."""
    from gemeenten.outbox import outbox_enqueue

    stamp = timezone.now()
    recipients = presence_recipients(presence)
    for number, address in enumerate(recipients):
        outbox_enqueue(
            key=f"presence-{event}:{presence.pk}:{stamp:%Y%m%d%H%M%S}:{number}",
            to=address, subject=subject, body=body, gemeente=presence.gemeente,
        )
    return recipients


def _names(presence) -> dict[str, str]:
    return {"organisation": presence.organisation.name, "gemeente": presence.gemeente.name}


@transaction.atomic
def presence_reject(*, presence, reason: str = "", by=None):
    """A regisseur turns down an organisation's registration in their gemeente (spam, not
    for newcomers, a duplicate): it stays off the infopunt. Its staff hear so by e-mail,
    with the reason when one is given (presence_recipients; nobody when it has no
    account). Approving later is still possible. Returns the addresses told."""
    from django.utils.translation import gettext as _

    from ..choices import ApprovalState

    if presence.approval == ApprovalState.REJECTED:
        return []
    presence.reject()
    names = _names(presence)
    body = _(
        "%(gemeente)s has not approved %(organisation)s for the sociale kaart. Your "
        "organisation and its activities are not shown on the public information point."
    ) % names
    if reason.strip():
        body += "\n\n" + _("The reason given: %(reason)s") % {"reason": reason.strip()}
    body += "\n\n" + _("Questions? Please contact the municipality.")
    return _tell_staff(
        presence, event="rejected", body=body,
        subject=_("%(organisation)s is not on the sociale kaart of %(gemeente)s") % names)


@transaction.atomic
def presence_approve(*, presence, by=None):
    """A regisseur approves an organisation's presence in their gemeente: from now on it
    and its activities there are on the public infopunt. Its staff hear so by e-mail
    (presence_recipients). Returns the addresses told."""
    from django.utils.translation import gettext as _

    presence.approve()
    names = _names(presence)
    return _tell_staff(
        presence, event="approved",
        subject=_("%(organisation)s is now on the sociale kaart of %(gemeente)s") % names,
        body=_(
            "Good news: %(gemeente)s has approved %(organisation)s. Your organisation "
            "and its activities are now visible on the public information point.\n\n"
            "Please keep your activities up to date, and confirm now and then that "
            "your listing is still right."
        ) % names,
    )
