"""Reads of volunteers. A coördinator sees the pool of their own organisations; the
regisseur only counts (views never show them another organisation's contact details)."""
from django.db.models import Q

from gemeenten.choices import Role
from gemeenten.scope import ALL, TenantQuerySet


class VolunteerQuerySet(TenantQuerySet):
    role_rules = {Role.COORDINATOR: ALL, Role.REGISSEUR: ALL}

    def for_user(self, user):
        rows = super().for_user(user)
        if user.is_authenticated and user.role == Role.COORDINATOR:
            # Through a subquery: a volunteer in two of the user's organisations appears once.
            from .models import Membership

            pool = Membership.objects.filter(organisation__staff=user).values("volunteer_id")
            return rows.filter(pk__in=pool)
        return rows

    def search(self, words):
        rows = self
        for word in words:
            rows = rows.filter(Q(first_name__icontains=word) | Q(surname__icontains=word)
                               | Q(email__icontains=word))
        return rows


class MembershipQuerySet(TenantQuerySet):
    tenant_path = "volunteer__gemeente"
    role_rules = {Role.COORDINATOR: "organisation__staff", Role.REGISSEUR: ALL}

    def active(self):
        return self.filter(active=True)


class VolunteerLanguageQuerySet(TenantQuerySet):
    tenant_path = "volunteer__gemeente"
    role_rules = {Role.COORDINATOR: ALL, Role.REGISSEUR: ALL}


class TrainingQuerySet(TenantQuerySet):
    """The shared calendar: a coördinator sees their own organisations' trainings and the
    open ones of others in the gemeente; the regisseur all of them."""

    role_rules = {Role.COORDINATOR: ALL, Role.REGISSEUR: ALL}

    def for_user(self, user):
        rows = super().for_user(user)
        if user.is_authenticated and user.role == Role.COORDINATOR:
            return rows.filter(Q(organisation__staff=user) | Q(open_to_others=True)).distinct()
        return rows

    def upcoming(self, now=None):
        from django.utils import timezone

        return self.filter(starts_at__gte=now or timezone.now())


class TrainingSignupQuerySet(TenantQuerySet):
    tenant_path = "training__gemeente"
    role_rules = {Role.COORDINATOR: "volunteer__memberships__organisation__staff",
                  Role.REGISSEUR: ALL, Role.VOLUNTEER: "volunteer__user"}


class MatchQuerySet(TenantQuerySet):
    """Koppelingen. The receiving organisation's coördinators see their organisation's; a
    volunteer their own; the begeleiders of the newcomer's organisation their people's. A
    withdrawn instemming closes the koppeling to the organisation and the volunteer at once
    (a 404 at the next request), as it does the aanmelding. The regisseur only counts, through
    the aggregate methods on `in_gemeente(...)`."""

    role_rules = {Role.COORDINATOR: "organisation__staff", Role.VOLUNTEER: "volunteer__user",
                  Role.BEGELEIDER: "newcomer__organisation__staff"}

    def for_user(self, user):
        rows = super().for_user(user)
        if user.is_authenticated and user.role in (Role.COORDINATOR, Role.VOLUNTEER):
            rows = rows.filter(referral__instemming__withdrawn_at__isnull=True)
        return rows

    def active(self):
        return self.filter(ended_on__isnull=True,
                           referral__instemming__withdrawn_at__isnull=True)

    def ended(self):
        return self.filter(ended_on__isnull=False)

    def ended_early(self):
        """Ended before their planned end (the retention view's "and why")."""
        from django.db.models import F

        return self.filter(ended_on__isnull=False, ended_on__lt=F("planned_end"))

    # --- anonymous counts for the regie dashboard and the retention view -----------------

    def per_organisation(self):
        """Rows {organisation_id, organisation__name, n}, most first."""
        from django.db.models import Count

        return (self.order_by().values("organisation_id", "organisation__name")
                .annotate(n=Count("pk")).order_by("-n", "organisation__name"))

    def per_wijk(self):
        """Rows {wijk_id, wijk_name, n}: the newcomer's wijk (None when unknown)."""
        from django.db.models import Count, F

        return (self.order_by().values(wijk_id=F("newcomer__wijk_id"),
                                       wijk_name=F("newcomer__wijk__name"))
                .annotate(n=Count("pk")).order_by("-n", "wijk_name"))

    def end_reasons(self):
        """Rows {end_reason, n}, most first."""
        from django.db.models import Count

        return (self.order_by().values("end_reason").annotate(n=Count("pk"))
                .order_by("-n", "end_reason"))


class _ThroughMatch(TenantQuerySet):
    tenant_path = "match__gemeente"
    role_rules = {Role.COORDINATOR: ALL, Role.VOLUNTEER: ALL, Role.BEGELEIDER: ALL}

    def for_user(self, user):
        from .models import Match

        return super().for_user(user).filter(match__in=Match.objects.for_user(user))


class MatchGoalQuerySet(_ThroughMatch):
    def outcomes_per_organisation(self):
        """Anonymous figures: per organisation, how many goals were reached, partly reached or
        not yet, by their latest evaluation (the end one, else the halfway one), and how many
        are not evaluated yet. No text leaves the organisation."""
        from django.db.models import Case, Count, F, Q, Value, When

        latest = Case(When(~Q(end_result=""), then=F("end_result")),
                      default=F("halfway_result"))
        return (self.order_by().annotate(latest=latest)
                .values("match__organisation_id", "match__organisation__name")
                .annotate(reached=Count("pk", filter=Q(latest="reached")),
                          partly=Count("pk", filter=Q(latest="partly")),
                          not_yet=Count("pk", filter=Q(latest="not_yet")),
                          open=Count("pk", filter=Q(latest=Value(""))))
                .order_by("match__organisation__name"))


class CheckInQuerySet(_ThroughMatch):
    def needs_attention(self):
        return self.filter(needs_attention=True, attention_handled_at__isnull=True)


class SessionTallyQuerySet(TenantQuerySet):
    """Tallies: a coördinator sees their organisations' sessions, a volunteer the tallies they
    recorded, the regisseur every tally of the gemeente (they are anonymous counts).

    The counts of the regie dashboard and report are one query each:
    ``SessionTally.objects.in_gemeente(g).in_period(start, end).per_wijk()``; every row has
    ``sessions``, ``visitors``, ``newcomers`` and ``first_timers``."""

    role_rules = {Role.COORDINATOR: "activity__organisation__staff",
                  Role.VOLUNTEER: "recorded_by", Role.REGISSEUR: ALL}

    def in_period(self, start, end):
        """Sessions from `start` to `end`, both days included."""
        return self.filter(session_date__gte=start, session_date__lte=end)

    def _counted(self, **group):
        from django.db.models import Count, Sum

        return (self.order_by().values(**group)
                .annotate(sessions=Count("pk"), visitors=Sum("total"),
                          newcomers=Sum("newcomers"), first_timers=Sum("first_timers")))

    def totals(self) -> dict:
        """sessions, visitors, newcomers, first_timers of all these tallies (0 when none)."""
        from django.db.models import Count, Sum
        from django.db.models.functions import Coalesce

        return self.order_by().aggregate(
            sessions=Count("pk"), visitors=Coalesce(Sum("total"), 0),
            newcomers=Coalesce(Sum("newcomers"), 0),
            first_timers=Coalesce(Sum("first_timers"), 0))

    def per_wijk(self):
        """Per wijk of the activity (None: an activity without a wijk, e.g. online)."""
        from django.db.models import F

        return self._counted(wijk=F("activity__wijk_id"),
                             wijk_name=F("activity__wijk__name")).order_by("wijk_name", "wijk")

    def per_language(self):
        """Per language spoken at the activity. A session of an activity in two languages
        counts for both, so the rows add up to more than the total; None: no language given."""
        from django.db.models import F

        return self._counted(language=F("activity__languages__code"),
                             language_name=F("activity__languages__name_nl")) \
            .order_by("-visitors", "language")

    def per_organisation(self):
        from django.db.models import F

        return self._counted(organisation=F("activity__organisation_id"),
                             organisation_name=F("activity__organisation__name")) \
            .order_by("organisation_name", "organisation")


def recordable_activities(user):
    """The active activities whose sessions this user may tally: of the organisations they
    coördinate, and of those where they are an active volunteer (Volunteer.user)."""
    from initiatives.models import Activity, Organisation

    from .models import Membership

    if not user.is_authenticated or user.role not in (Role.COORDINATOR, Role.VOLUNTEER):
        return Activity.objects.none()
    coordinated = Organisation.objects.own(user).values("pk")
    member_of = Membership.objects.filter(volunteer__user=user, active=True,
                                          volunteer__gemeente=user.gemeente_id) \
        .values("organisation_id")
    return Activity.objects.filter(gemeente=user.gemeente_id, is_active=True).filter(
        Q(organisation__in=coordinated) | Q(organisation__in=member_of))


class VacancyQuerySet(TenantQuerySet):
    """A coördinator sees their own organisations' vacancies, the regisseur every one of
    their gemeente (read only); the infopunt the open ones of approved organisations."""

    role_rules = {Role.COORDINATOR: "organisation__staff", Role.REGISSEUR: ALL}

    def open(self, today=None):
        from django.utils import timezone

        today = today or timezone.localdate()
        return self.filter(is_open=True).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))

    def public(self, gemeente, today=None):
        """Open vacancies of organisations approved in this gemeente (the infopunt's)."""
        from initiatives.choices import ApprovalState
        from initiatives.models import Presence

        approved = Presence.objects.filter(
            gemeente=gemeente, approval=ApprovalState.APPROVED).values("organisation_id")
        return self.open(today).filter(gemeente=gemeente, organisation_id__in=approved)

    def search(self, words):
        rows = self
        for word in words:
            rows = rows.filter(Q(title__icontains=word) | Q(organisation__name__icontains=word))
        return rows


class VolunteerApplicationQuerySet(TenantQuerySet):
    """Sign-ups are read by the coördinators of the organisation they are for; nobody else
    (the regisseur gets no names)."""

    role_rules = {Role.COORDINATOR: "organisation__staff"}

    def pending(self):
        return self.filter(state="pending")


class VolunteerInvitationQuerySet(TenantQuerySet):
    tenant_path = "volunteer__gemeente"
    role_rules = {Role.COORDINATOR: "volunteer__memberships__organisation__staff"}
