"""Reusable reads of the sociale kaart; scoping by user is the access check."""
from django.db import models
from django.utils import timezone

from gemeenten.choices import Role


class OrganisationQuerySet(models.QuerySet):
    def for_user(self, user):
        """What this user may see: the regisseur their gemeente's, a coordinator their own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.role in (Role.REGISSEUR, Role.BEHEERDER):
            return self.filter(presences__gemeente_id=user.gemeente_id).distinct()
        if user.role in (Role.COORDINATOR, Role.BEGELEIDER):
            return self.filter(staff=user)
        return self.none()

    def in_gemeente(self, gemeente):
        return self.filter(presences__gemeente=gemeente)

    def public(self, gemeente=None):
        """Approved for the public infopunt (in a gemeente, when given)."""
        from .choices import ApprovalState

        # One filter() call: the approved presence must be the one in this gemeente.
        conditions = {"presences__approval": ApprovalState.APPROVED}
        if gemeente is not None:
            conditions["presences__gemeente"] = gemeente
        return self.filter(**conditions).distinct()


class ActivityQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.role in (Role.REGISSEUR, Role.BEHEERDER):
            return self.filter(gemeente_id=user.gemeente_id)
        if user.role in (Role.COORDINATOR, Role.BEGELEIDER):
            return self.filter(organisation__staff=user)
        return self.none()

    def active(self):
        return self.filter(is_active=True)

    def public(self, gemeente=None):
        """Active activities of organisations approved in the activity's own gemeente."""
        from .choices import ApprovalState
        from .models import Presence

        if gemeente is not None:
            # The same rows as below; as an IN over that gemeente's approved presences the
            # planner hashes a few hundred organisations instead of probing per activity.
            approved = Presence.objects.filter(
                gemeente=gemeente, approval=ApprovalState.APPROVED
            ).values("organisation_id")
            return self.active().filter(gemeente=gemeente, organisation_id__in=approved)
        return self.active().filter(
            organisation__presences__gemeente=models.F("gemeente"),
            organisation__presences__approval=ApprovalState.APPROVED,
        )

    def in_wijk(self, wijk):
        return self.filter(wijk=wijk)

    def on_weekday(self, weekday: int):
        """Weekday as date.weekday(): Monday = 0. Uses the materialised occurrences."""
        # Django's week_day lookup counts Sunday = 1 .. Saturday = 7.
        return self.filter(
            occurrences__date__week_day=(weekday + 1) % 7 + 1,
            occurrences__date__gte=timezone.localdate(),
        ).distinct()

    def in_month(self, year: int, month: int):
        return self.filter(
            occurrences__date__year=year, occurrences__date__month=month
        ).distinct()

    def between(self, start, end):
        return self.filter(occurrences__date__gte=start, occurrences__date__lte=end).distinct()


class OccurrenceQuerySet(models.QuerySet):
    def upcoming(self, today=None):
        return self.filter(date__gte=today or timezone.localdate())
