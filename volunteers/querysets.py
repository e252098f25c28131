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
