"""Reads of the coordination layer's records. Each queryset names the path to its gemeente
(the tenant scope) and its role rules (``for_user``, the access check) in one place: the
regisseur sees all of their gemeente, a coördinator what concerns their own organisations."""
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.scope import ALL, TenantQuerySet


def signal_overdue_before(gemeente, today):
    """A signal that has waited since before this moment has waited the gemeente's
    signal_answer_working_days (10) working days: overdue. The working days are those of
    the referral deadlines (weekends and Dutch public holidays excluded)."""
    from gemeenten.models import gemeente_setting
    from gemeenten.privacy import start_of
    from statushouders.flags import working_days_back

    days = int(gemeente_setting(gemeente, "signal_answer_working_days"))
    return start_of(working_days_back(today, days) + timedelta(days=1))


def stale_listings(gemeente, today=None):
    """The gemeente's approved listings not confirmed since its listing_stale_months (9): what
    the infopunt marks "may be out of date" and the regisseur's list to check shows (for the
    dashboard: ``stale_listings(gemeente).count()``)."""
    from initiatives.models import Presence
    from initiatives.querysets import listing_stale_before

    today = today or timezone.localdate()
    return (Presence.objects.in_gemeente(gemeente).approved()
            .unconfirmed_since(listing_stale_before(gemeente, today)))


class ListingCheckQuerySet(TenantQuerySet):
    role_rules = {Role.REGISSEUR: ALL}


class SignalQuerySet(TenantQuerySet):
    role_rules = {Role.REGISSEUR: ALL, Role.COORDINATOR: "organisation__staff"}

    def waiting(self, gemeente=None):
        """Waiting for the gemeente's answer (the regisseur's nav count, the dashboard)."""
        from .models import SignalState

        rows = self.filter(state=SignalState.OPEN)
        return rows.in_gemeente(gemeente) if gemeente is not None else rows

    def overdue(self, gemeente, today=None):
        """Waiting longer than the gemeente's signal_answer_working_days (for the dashboard:
        ``Signal.objects.overdue(gemeente).count()``)."""
        today = today or timezone.localdate()
        return self.waiting(gemeente).filter(
            waiting_since__lt=signal_overdue_before(gemeente, today))

    def search(self, words):
        rows = self
        for word in words:
            rows = rows.filter(Q(topic__icontains=word) | Q(organisation__name__icontains=word))
        return rows


class SignalMessageQuerySet(TenantQuerySet):
    tenant_path = "signal__gemeente"
    role_rules = {Role.REGISSEUR: ALL, Role.COORDINATOR: "signal__organisation__staff"}


class PartnerMessageQuerySet(TenantQuerySet):
    role_rules = {Role.REGISSEUR: ALL, Role.COORDINATOR: ALL}

    def for_user(self, user):
        rows = super().for_user(user)
        if user.is_authenticated and user.role == Role.COORDINATOR:
            # Through a subquery: a message to two of the user's organisations appears once.
            from .models import PartnerMessageRecipient

            received = PartnerMessageRecipient.objects.filter(
                organisation__staff=user).values("message_id")
            return rows.filter(pk__in=received)
        return rows


class PartnerMessageRecipientQuerySet(TenantQuerySet):
    tenant_path = "message__gemeente"
    role_rules = {Role.REGISSEUR: ALL, Role.COORDINATOR: "organisation__staff"}


class MessageOptOutQuerySet(TenantQuerySet):
    tenant_path = "user__gemeente"
    role_rules = {Role.REGISSEUR: ALL, Role.COORDINATOR: "user"}


class TaakstellingQuerySet(TenantQuerySet):
    role_rules = {Role.REGISSEUR: ALL}


class ExpectedArrivalQuerySet(TenantQuerySet):
    role_rules = {Role.REGISSEUR: ALL}

    def from_month(self, first_day):
        return self.filter(month__gte=first_day)
