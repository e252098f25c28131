"""The regisseur's dashboard as a small mechanism: figures registered by name, each one
function of the current regisseur that returns a `Figure` with a fixed number of queries
(declared at registration, checked by a test for every registered figure), so the page's
query count never grows with the data.

A part built elsewhere adds its own figure from its module, e.g. in regie/signals.py:

    @register_figure("signals_waiting", section=Section.GEMEENTE, order=10)
    def signals_waiting(ctx: DashboardContext) -> Figure:
        n = Signal.objects.for_user(ctx.user).waiting().count()
        return Figure(n, _("Signals waiting for an answer"), reverse("regie:signal_list"))

and the dashboard shows it.
Figures about people are counts and link to counts per organisation; case references are
only on the regisseur's worklist.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gemeenten.models import gemeente_setting
from gemeenten.privacy import start_of
from initiatives.choices import ApprovalState
from initiatives.models import Activity, ContactRequest, Occurrence, Presence
from initiatives.querysets import contact_readers
from statushouders.choices import FlagKind, ReferralState
from statushouders.flags import warm_handover
from statushouders.models import Begeleiding, Flag, Newcomer, Referral
from volunteers.models import Membership, Volunteer

from .coverage import open_begeleiding_of


class Section:
    """The dashboard's parts, in this order on the page."""

    OFFER = "offer"
    PEOPLE = "people"
    GEMEENTE = "gemeente"
    ARRIVALS = "arrivals"

    LABELS = {
        OFFER: gettext_lazy("The offer"),
        PEOPLE: gettext_lazy("Newcomers and referrals"),
        GEMEENTE: gettext_lazy("Waiting for the gemeente"),
        ARRIVALS: gettext_lazy("Arrivals"),
    }
    ORDER = [OFFER, PEOPLE, GEMEENTE, ARRIVALS]




@dataclass(frozen=True)
class DashboardContext:
    user: object
    gemeente: object
    today: date

    @property
    def gemeente_id(self) -> int:
        return self.gemeente.pk

    @property
    def week(self) -> tuple[date, date]:
        monday = self.today - timedelta(days=self.today.weekday())
        return monday, monday + timedelta(days=6)


@dataclass
class Figure:
    value: int | None
    label: str
    url: str
    link_text: str = ""
    detail: str = ""
    # Something waits for a person: the page says so in words ("needs attention"), not by
    # colour alone.
    attention: bool = False
    name: str = ""
    # The figure's numbers by name, as the detail text uses them (tests check these).
    numbers: dict = field(default_factory=dict)


@dataclass(frozen=True)
class FigureSpec:
    name: str
    section: str
    order: int
    queries: int
    compute: Callable[[DashboardContext], Figure]


_figures: dict[str, FigureSpec] = {}


def register_figure(name: str, *, section: str, order: int, queries: int = 1):
    """Decorator: fn(ctx) -> Figure, making exactly `queries` database queries."""

    def wrap(fn):
        _figures[name] = FigureSpec(name, section, order, queries, fn)
        return fn

    return wrap


def registered_figures() -> list[FigureSpec]:
    return sorted(_figures.values(),
                  key=lambda s: (Section.ORDER.index(s.section) if s.section in Section.ORDER
                                 else len(Section.ORDER), s.order, s.name))


def dashboard_figures(ctx: DashboardContext) -> list[tuple[str, list[Figure]]]:
    """[(section label, figures)] for the page, in order; sections without figures left out."""
    sections: dict[str, list[Figure]] = {}
    for spec in registered_figures():
        figure = spec.compute(ctx)
        figure.name = spec.name
        sections.setdefault(spec.section, []).append(figure)
    return [(Section.LABELS.get(key, key), sections[key])
            for key in [*Section.ORDER, *sorted(set(sections) - set(Section.ORDER))]
            if key in sections]


def _share(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _url(name: str, **query) -> str:
    url = reverse(name)
    return f"{url}?{urlencode(query)}" if query else url


# --- the offer -----------------------------------------------------------------------------


@register_figure("organisations_active", section=Section.OFFER, order=10)
def organisations_active(ctx: DashboardContext) -> Figure:
    """Organisations approved in the gemeente, and how many of them are refugee-led."""
    row = (Presence.objects.for_user(ctx.user).filter(approval=ApprovalState.APPROVED)
           .aggregate(total=Count("pk"),
                      led=Count("pk", filter=Q(organisation__newcomer_led=True))))
    total, led = row["total"], row["led"]
    return Figure(
        total, _("Active organisations"),
        _url("initiatives:organisation_list", approval=ApprovalState.APPROVED),
        _("To the organisations"),
        _("%(led)s of them by and for newcomers (%(share)s%%)")
        % {"led": led, "share": _share(led, total)},
        numbers={"led": led, "share": _share(led, total)})


def activities_in_week(user, gemeente_id, monday: date, sunday: date):
    """The public activities with a date in this week."""
    # The base manager: correlated to an activity already in the scope (the scope's own join
    # would probe the activity table again for every row).
    dated = Occurrence._base_manager.filter(activity_id=OuterRef("pk"), date__gte=monday,
                                            date__lte=sunday)
    return Activity.objects.for_user(user).public(gemeente_id).filter(Exists(dated))


@register_figure("activities_this_week", section=Section.OFFER, order=20)
def activities_this_week(ctx: DashboardContext) -> Figure:
    monday, sunday = ctx.week
    row = activities_in_week(ctx.user, ctx.gemeente_id, monday, sunday).aggregate(
        total=Count("pk"), led=Count("pk", filter=Q(organisation__newcomer_led=True)))
    year, week, _day = ctx.today.isocalendar()
    return Figure(
        row["total"], _("Activities this week"),
        _url("initiatives:activity_list", week=f"{year}-W{week:02d}",
             approval=ApprovalState.APPROVED),
        _("To the activities of this week"),
        _("%(led)s of them by organisations by and for newcomers") % {"led": row["led"]},
        numbers={"led": row["led"]})


@register_figure("volunteers_active", section=Section.OFFER, order=30)
def volunteers_active(ctx: DashboardContext) -> Figure:
    """Volunteers with an active membership of an organisation, counted once."""
    # The base manager: correlated to a volunteer already in the scope. A scalar subquery
    # with LIMIT 1, not Exists: PostgreSQL made EXISTS a hash semi-join over every active
    # membership of the country (Membership has no gemeente; 18 ms at `national`), where a
    # probe per volunteer of the gemeente into the membership's volunteer index is a few ms.
    member = (Membership._base_manager.filter(volunteer_id=OuterRef("pk"), active=True)
              .order_by().values("volunteer_id")[:1])
    row = (Volunteer.objects.for_user(ctx.user).filter(anonymised_at__isnull=True)
           .alias(member=Subquery(member)).filter(member__isnull=False)
           .aggregate(total=Count("pk"),
                      experts=Count("pk", filter=Q(ervaringsdeskundige=True))))
    return Figure(
        row["total"], _("Volunteers"), reverse("volunteers:counts"),
        _("To the counts per organisation"),
        _("%(n)s of them ervaringsdeskundige") % {"n": row["experts"]},
        numbers={"experts": row["experts"]})


@register_figure("listings_to_reconfirm", section=Section.OFFER, order=40)
def listings_to_reconfirm(ctx: DashboardContext) -> Figure:
    """Approved listings unconfirmed for the gemeente's listing_stale_months: the regisseur's
    list to check (regie.querysets.stale_listings, as the infopunt's notice)."""
    from gemeenten.models import gemeente_setting

    from .querysets import stale_listings

    n = stale_listings(ctx.gemeente, ctx.today).count()
    months = gemeente_setting(ctx.gemeente, "listing_stale_months")
    return Figure(
        n, _("Listings to re-confirm"), reverse("regie:listing_list"),
        _("To the listings to check"),
        ngettext("Not confirmed for %(months)s month", "Not confirmed for %(months)s months",
                 months) % {"months": months},
        attention=n > 0)


# --- newcomers and referrals ---------------------------------------------------------------


@register_figure("newcomers_in_begeleiding", section=Section.PEOPLE, order=10)
def newcomers_in_begeleiding(ctx: DashboardContext) -> Figure:
    """People with a begeleiding that has started and not ended."""
    n = (Newcomer.objects.for_user(ctx.user).filter(anonymised_at__isnull=True)
         .alias(running=open_begeleiding_of(started_by=ctx.today))
         .filter(running__isnull=False).count())
    return Figure(n, _("Newcomers in begeleiding"), reverse("regie:begeleiding"),
                  _("To the counts per organisation"))


def handovers_due(user, gemeente, today: date):
    """Running begeleidingen whose planned end is within the gemeente's handover period
    (handover_due_days, 90); `Exists(warm_handover())` says which have a warm handover
    (used directly as a filter: an aggregate over an Exists annotation loses it)."""
    days = gemeente_setting(gemeente, "handover_due_days")
    return (Begeleiding.objects.for_user(user)
            .filter(actual_end__isnull=True, newcomer__anonymised_at__isnull=True,
                    planned_end__gte=today, planned_end__lte=today + timedelta(days=days)))


@register_figure("handovers_due", section=Section.PEOPLE, order=20)
def handovers_due_figure(ctx: DashboardContext) -> Figure:
    row = handovers_due(ctx.user, ctx.gemeente, ctx.today).aggregate(
        total=Count("pk"), arranged=Count("pk", filter=Exists(warm_handover())))
    total, arranged = row["total"], row["arranged"]
    days = gemeente_setting(ctx.gemeente, "handover_due_days")
    return Figure(
        total, _("Begeleiding ending within %(days)s days") % {"days": days},
        reverse("regie:begeleiding"), _("To the counts per organisation"),
        _("Warm handover arranged for %(arranged)s of %(total)s") % {
            "arranged": arranged, "total": total},
        attention=arranged < total, numbers={"arranged": arranged, "days": days})


def answer_deadline(sent: date, working_days: int, dutch=None) -> date:
    """The last day on which a referral sent on `sent` is answered in time: the day it has
    waited `working_days` working days (as statushouders.flags.working_days_back counts
    them: weekends and Dutch public holidays excluded)."""
    if dutch is None:
        return _answer_deadline(sent, working_days)
    day, counted = sent, 0
    while counted < working_days:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in dutch:
            counted += 1
    return day


@lru_cache(maxsize=4096)
def _answer_deadline(sent: date, working_days: int) -> date:
    """A pure function of its two arguments (the holidays of a date do not change), kept
    per process: the dashboard asks it for every day of the last 90, and each answer walks
    a couple of weeks through holidays' lookups (about a tenth of the page's CPU)."""
    return answer_deadline(sent, working_days, _dutch_holidays())


@lru_cache(maxsize=1)
def _dutch_holidays():
    # Expanding (holidays' default): a year is added when a date of it is first looked up.
    return holidays.Netherlands()


REFERRAL_WINDOW_DAYS = 90


@register_figure("referrals", section=Section.PEOPLE, order=30, queries=2)
def referrals_figure(ctx: DashboardContext) -> Figure:
    """Open: waiting for the receiver's answer. In time: of the referrals sent in the last
    90 days that were answered or whose answer is overdue, those accepted or declined within
    the gemeente's answer period (working days)."""
    working_days = gemeente_setting(ctx.gemeente, "referral_answer_working_days")
    referrals = Referral.objects.for_user(ctx.user)
    n_open = referrals.filter(state=ReferralState.PROPOSED).count()
    answered = Q(accepted_at__isnull=False) | Q(state=ReferralState.DECLINED)
    unanswered = Q(state__in=[ReferralState.PROPOSED, ReferralState.EXPIRED])
    rows = (referrals.filter(created_at__gte=start_of(
        ctx.today - timedelta(days=REFERRAL_WINDOW_DAYS))).filter(answered | unanswered)
        .annotate(sent=TruncDate("created_at"), answer=TruncDate("answered_at"))
        .order_by().values("sent", "answer", "state")
        .annotate(n=Count("pk")))
    in_time = due = 0
    for row in rows:
        deadline = answer_deadline(row["sent"], working_days)
        if row["state"] in (ReferralState.PROPOSED, ReferralState.EXPIRED):
            if deadline < ctx.today or row["state"] == ReferralState.EXPIRED:
                due += row["n"]  # no answer, and the time to give one is over
            continue
        due += row["n"]
        if row["answer"] is not None and row["answer"] <= deadline:
            in_time += row["n"]
    return Figure(
        n_open, _("Referrals waiting for an answer"), reverse("regie:network"),
        _("To the referral network"),
        _("Answered in time (within %(days)s working days): %(in_time)s of %(due)s in the "
          "last %(window)s days") % {"days": working_days, "in_time": in_time, "due": due,
                                     "window": REFERRAL_WINDOW_DAYS},
        numbers={"in_time": in_time, "due": due, "working_days": working_days})


# --- waiting for the gemeente --------------------------------------------------------------


@register_figure("flags_open", section=Section.GEMEENTE, order=10)
def flags_open(ctx: DashboardContext) -> Figure:
    row = Flag.objects.for_user(ctx.user).open().aggregate(
        total=Count("pk"),
        no_handover=Count("pk", filter=Q(kind=FlagKind.NO_HANDOVER)),
        urgent=Count("pk", filter=Q(kind=FlagKind.HANDOVER_URGENT)))
    return Figure(
        row["total"], _("Open action points"), reverse("statushouders:worklist"),
        _("To your worklist"),
        _("%(none)s without a handover, %(urgent)s handovers urgent") % {
            "none": row["no_handover"], "urgent": row["urgent"]},
        attention=row["total"] > 0,
        numbers={"no_handover": row["no_handover"], "urgent": row["urgent"]})


@register_figure("contact_requests_new", section=Section.GEMEENTE, order=20)
def contact_requests_new(ctx: DashboardContext) -> Figure:
    """New contact requests from the infopunt in the gemeente; of them, those the regisseur
    reads (organisations without a coördinator account)."""
    # The gemeente as a constant (every request counted is in it): correlated to the
    # request's gemeente column, PostgreSQL read all coordinators of the gemeente for each
    # request (22 ms at `national`) instead of the organisation's few staff.
    no_reader = ~Exists(contact_readers(organisation=OuterRef("organisation"),
                                        gemeente=ctx.gemeente_id))
    row = (ContactRequest.objects.in_gemeente(ctx.gemeente_id).new().held(False)
           .aggregate(total=Count("pk"), yours=Count("pk", filter=no_reader)))
    return Figure(
        row["total"], _("Contact requests not yet answered"),
        _url("initiatives:contact_list", state=ContactRequest.State.NEW),
        _("To the contact requests you read"),
        _("%(yours)s of them for you: the organisation has no coördinator account") % {
            "yours": row["yours"]},
        attention=row["yours"] > 0, numbers={"yours": row["yours"]})


# --- arrivals ------------------------------------------------------------------------------


@register_figure("expected_arrivals", section=Section.ARRIVALS, order=10, queries=2)
def expected_arrivals(ctx: DashboardContext) -> Figure:
    """Expected arrivals in this month and the next two; the current half year's
    taakstelling beside them."""
    from .models import ExpectedArrival, Taakstelling

    first = ctx.today.replace(day=1)
    n = ExpectedArrival.objects.for_user(ctx.user).filter(
        month__gte=first, month__lt=first + relativedelta(months=3)).aggregate(
        n=Sum("number"))["n"] or 0
    half = 1 if ctx.today.month <= 6 else 2
    taak = Taakstelling.objects.for_user(ctx.user).filter(year=ctx.today.year, half=half) \
        .values_list("number", flat=True).first()
    detail = (_("Taakstelling this half year: %(n)s") % {"n": taak} if taak is not None
              else _("No taakstelling recorded for this half year yet"))
    return Figure(n, _("Expected arrivals in the coming 3 months"),
                  reverse("regie:taakstelling"), _("To the taakstelling and arrivals"),
                  detail, attention=taak is None, numbers={"taakstelling": taak})


# --- the coordination layer's own work and the volunteers' reach ------------------------------


@register_figure("signals_waiting", section=Section.GEMEENTE, order=30)
def signals_waiting(ctx: DashboardContext) -> Figure:
    """Signals of coördinators waiting for the gemeente's answer; of them, those overdue
    (longer than the gemeente's signal_answer_working_days)."""
    from .models import Signal
    from .querysets import signal_overdue_before

    before = signal_overdue_before(ctx.gemeente, ctx.today)
    row = Signal.objects.for_user(ctx.user).waiting().aggregate(
        total=Count("pk"), overdue=Count("pk", filter=Q(waiting_since__lt=before)))
    return Figure(
        row["total"], _("Signals waiting for an answer"), reverse("regie:signal_list"),
        _("To the signals"), _("%(n)s of them overdue") % {"n": row["overdue"]},
        attention=row["overdue"] > 0, numbers={"overdue": row["overdue"]})


@register_figure("overlap_findings_open", section=Section.GEMEENTE, order=40)
def overlap_findings_open(ctx: DashboardContext) -> Figure:
    """Overlap findings nobody decided on yet (duplicate offers, recruitment clashes,
    overload), per kind."""
    from .models import OverlapFinding, OverlapKind

    rows = dict(OverlapFinding.objects.for_user(ctx.user).open().order_by()
                .values_list("kind").annotate(n=Count("pk")))
    total = sum(rows.values())
    detail = ", ".join(f"{label}: {rows[kind]}" for kind, label in OverlapKind.choices
                       if rows.get(kind))
    return Figure(total, _("Overlap findings to look at"), reverse("regie:overlap_list"),
                  _("To the overlap findings"), detail, attention=total > 0,
                  numbers={kind: rows.get(kind, 0) for kind in OverlapKind.values})


@register_figure("koppelingen_active", section=Section.OFFER, order=35)
def koppelingen_active(ctx: DashboardContext) -> Figure:
    """Active maatjes koppelingen in the gemeente (a count; the people stay with the
    organisations)."""
    from volunteers.models import Match

    n = Match.objects.in_gemeente(ctx.gemeente).active().count()
    return Figure(n, _("Active koppelingen (maatjes)"), reverse("volunteers:counts"),
                  _("To the counts per organisation"))


@register_figure("visits_last_4_weeks", section=Section.OFFER, order=25)
def visits_last_4_weeks(ctx: DashboardContext) -> Figure:
    """Sessions and visitors of the last four weeks from the volunteers' tallies (anonymous
    counts), in how many wijken; per wijk in the report for the council."""
    from volunteers.models import SessionTally

    from .report import running_quarter

    start = ctx.today - timedelta(days=27)
    # The activity's wijk per tally row (a probe by primary key), not a join: PostgreSQL
    # hashed every activity of the country for the join (24 ms at `national`, ~2 ms so).
    wijk = Activity._base_manager.filter(pk=OuterRef("activity_id")).values("wijk_id")[:1]
    row = (SessionTally.objects.in_gemeente(ctx.gemeente).in_period(start, ctx.today)
           .aggregate(sessions=Count("pk"), visitors=Sum("total"),
                      wijken=Count(Subquery(wijk), distinct=True)))
    visitors = row["visitors"] or 0
    return Figure(
        # The running quarter holds these four weeks (the report opens on the last complete
        # one, where they are not yet).
        visitors, _("Visits in the last 4 weeks"),
        f"{reverse('regie:report')}?periode={running_quarter(ctx.today).key}",
        _("To the report per wijk"),
        ngettext("%(count)s session counted", "%(count)s sessions counted",
                 row["sessions"]) % {"count": row["sessions"]}
        + ngettext(", in %(count)s wijk", ", in %(count)s wijken",
                   row["wijken"]) % {"count": row["wijken"]},
        numbers={"sessions": row["sessions"], "wijken": row["wijken"]})
