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
