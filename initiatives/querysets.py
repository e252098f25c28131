"""Reusable reads of the sociale kaart. Each queryset names the path to its gemeente (the
tenant scope) and its role rules (``for_user``, the access check) in one place."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.scope import ALL, TenantQuerySet

# The gemeente's staff see all of it; an organisation's own staff what is theirs.
GEMEENTE_STAFF = {Role.REGISSEUR: ALL, Role.BEHEERDER: ALL}


def own_organisation(lookup: str) -> dict:
    return {**GEMEENTE_STAFF, Role.COORDINATOR: lookup, Role.BEGELEIDER: lookup}


class OrganisationQuerySet(TenantQuerySet):
    """An organisation has no gemeente of its own: it is in scope where it has a presence."""

    tenant_path = "presences"
    role_rules = own_organisation("staff")

    def own(self, user):
        """The organisations the user works for (their staff), in their gemeente, by name."""
        return self.for_user(user).filter(staff=user).order_by("name")

    def public(self, gemeente=None):
        """Approved for the public infopunt (in a gemeente, when given)."""
        from .choices import ApprovalState

        # One filter() call: the approved presence must be the one in this gemeente.
        conditions = {"presences__approval": ApprovalState.APPROVED}
        if gemeente is not None:
            conditions["presences__gemeente"] = gemeente
        return self.filter(**conditions).distinct()


def listing_stale_before(gemeente, today):
    """A listing last confirmed before this day "may be out of date" (the infopunt's notice,
    the regisseur's list to check): the gemeente's setting listing_stale_months, 9."""
    from dateutil.relativedelta import relativedelta

    from gemeenten.models import gemeente_setting

    return today - relativedelta(months=int(gemeente_setting(gemeente, "listing_stale_months")))


def listing_ask_before(gemeente, today):
    """A listing last confirmed before this day is due for re-confirmation: the job asks
    the organisation, and its own page asks too (listing_ask_months, 6)."""
    from dateutil.relativedelta import relativedelta

    from gemeenten.models import gemeente_setting

    return today - relativedelta(months=int(gemeente_setting(gemeente, "listing_ask_months")))


class PresenceQuerySet(TenantQuerySet):
    role_rules = own_organisation("organisation__staff")

    def approved(self):
        from .choices import ApprovalState

        return self.filter(approval=ApprovalState.APPROVED)

    def unconfirmed_since(self, day):
        """Not confirmed on or after `day` (never confirmed included)."""
        return self.filter(Q(last_confirmed__isnull=True) | Q(last_confirmed__lt=day))


class FundingQuerySet(TenantQuerySet):
    tenant_path = "organisation__presences"
    role_rules = own_organisation("organisation__staff")


def _blank(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{field: ""})


def untranslated(code: str) -> Q:
    """Activity.is_translated(code) is False, as a condition on the row."""
    dutch = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return _blank(f"title_{code}") | (
        ~_blank(f"description_{dutch}") & _blank(f"description_{code}"))


class ActivityQuerySet(TenantQuerySet):
    role_rules = own_organisation("organisation__staff")

    def active(self):
        return self.filter(is_active=True)

    def public(self, gemeente=None):
        """Active activities of organisations approved in the activity's own gemeente."""
        from .choices import ApprovalState
        from .models import Presence

        if gemeente is not None:
            # The same rows as below; as an IN over that gemeente's approved presences the
            # planner hashes a few hundred organisations instead of probing per activity.
            # The base manager: the subquery names its gemeente itself, and the outer query
            # is in the scope already (the scope's filter cost a tenth of a millisecond).
            approved = Presence._base_manager.filter(
                gemeente=gemeente, approval=ApprovalState.APPROVED
            ).values("organisation_id")
            return self.filter(is_active=True, gemeente=gemeente,
                               organisation_id__in=approved)
        return self.active().filter(
            organisation__presences__gemeente=models.F("gemeente"),
            organisation__presences__approval=ApprovalState.APPROVED,
        )

    def in_wijk(self, wijk):
        return self.filter(wijk=wijk)

    def lacking_translation(self, codes):
        """Activities not translated (Activity.is_translated) into at least one of these
        languages; none when `codes` is empty."""
        lacking = Q(pk__in=[])
        for code in codes:
            lacking |= untranslated(code)
        return self.filter(lacking)

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


class ScheduleQuerySet(TenantQuerySet):
    tenant_path = "activity__gemeente"
    role_rules = own_organisation("activity__organisation__staff")


class OccurrenceQuerySet(TenantQuerySet):
    tenant_path = "activity__gemeente"
    role_rules = own_organisation("activity__organisation__staff")

    def upcoming(self, today=None):
        return self.filter(date__gte=today or timezone.localdate())


class InvitationQuerySet(TenantQuerySet):
    """The regisseur invites and sees their gemeente's invitations."""

    role_rules = {Role.REGISSEUR: ALL}


class InitiativeRegistrationQuerySet(TenantQuerySet):
    """Self-registrations. Before confirmation read only through their secret link; once
    confirmed, the regisseur of its gemeente sees what was registered (who, which address,
    what they wrote) while deciding on the organisation."""

    role_rules = {Role.REGISSEUR: ALL}

    def confirmed(self):
        return self.filter(confirmed_at__isnull=False, organisation__isnull=False)


def contact_readers(*, organisation, gemeente):
    """The coordinators who read a contact request to `organisation` in `gemeente`: its
    active coordinator accounts of that gemeente (a coordinator's pages are those of their
    own gemeente). The values may be OuterRefs, so the queryset rule below and the service
    that e-mails the readers use this one condition."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        organisations=organisation, gemeente=gemeente, role=Role.COORDINATOR, is_active=True,
    )


# The roles that read contact requests (ContactRequestQuerySet.for_user decides which).
CONTACT_READERS = (Role.COORDINATOR, Role.REGISSEUR)


class ContactRequestQuerySet(TenantQuerySet):
    """Who reads a contact request (DESIGN.md): that organisation's coordinators; while the
    organisation has no coordinator account in the request's gemeente, that gemeente's
    regisseurs, who call the person themselves or forward the request by inviting a
    coordinator. Decided by the current accounts, not stored: when the organisation gets its
    first coordinator its requests, old ones too, are theirs and leave the regisseur's list;
    when its last coordinator leaves they come back to the gemeente. So every request has a
    reader at every moment, and no copy of the rule can drift from another."""

    role_rules = {Role.COORDINATOR: "organisation__staff", Role.REGISSEUR: ALL}

    def for_user(self, user):
        rows = super().for_user(user)
        if user.is_authenticated and user.role == Role.REGISSEUR:
            rows = rows.without_coordinator()
        return rows

    def without_coordinator(self):
        """The requests no coordinator reads: the gemeente's regisseurs read them."""
        return self.exclude(models.Exists(contact_readers(
            organisation=models.OuterRef("organisation"), gemeente=models.OuterRef("gemeente"),
        )))

    def new(self):
        """New requests: not yet answered or done (held ones included: they wait for the
        reader too)."""
        from .models import ContactRequest

        return self.filter(state=ContactRequest.State.NEW)

    def open(self):
        from .models import ContactRequest

        return self.exclude(state=ContactRequest.State.CLOSED)

    def held(self, held: bool = True):
        """Requests that came in above the hourly cap, waiting for review (or, held=False,
        the ordinary ones)."""
        return self.filter(held=held)


class ImportUploadQuerySet(TenantQuerySet):
    """An uploaded spreadsheet is seen only by the regisseur who uploaded it."""

    role_rules = {Role.REGISSEUR: "uploaded_by"}
