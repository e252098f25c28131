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
                  Role.REGISSEUR: ALL}


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
