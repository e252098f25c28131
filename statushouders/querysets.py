"""Reads of newcomers and begeleidingen. The organisation's begeleiders see their own
people; the regisseur sees case references in the gemeente and opens a person's details
only with a reason (services.newcomer_open_for_regie)."""
from gemeenten.choices import Role
from gemeenten.scope import ALL, TenantQuerySet


class NewcomerQuerySet(TenantQuerySet):
    role_rules = {Role.BEGELEIDER: "organisation__staff", Role.REGISSEUR: ALL,
                  Role.PRIVACY_OFFICER: ALL}

    def search(self, words: list[str]):
        from django.db.models import Q

        rows = self
        for word in words:
            rows = rows.filter(Q(first_name__icontains=word) | Q(surname__icontains=word)
                               | Q(registratienummer__icontains=word))
        return rows

    def in_begeleiding(self):
        return self.filter(begeleidingen__actual_end__isnull=True).distinct()


class BegeleidingQuerySet(TenantQuerySet):
    tenant_path = "newcomer__gemeente"
    role_rules = {Role.BEGELEIDER: "organisation__staff", Role.REGISSEUR: ALL}

    def open(self):
        return self.filter(actual_end__isnull=True)


def _referral_rule(user):
    """Who sees a referral: the regisseur all of the gemeente's (as case references); the
    staff of the organisation that sent it or whose person it is; and the receiving
    organisation's staff while the instemming stands (withdrawn: a 404 at the next request).
    """
    from django.db.models import Q

    if user.role == Role.REGISSEUR:
        return Q()
    if user.role not in (Role.BEGELEIDER, Role.COORDINATOR):
        return None
    return (Q(from_organisation__staff=user) | Q(newcomer__organisation__staff=user)
            | Q(to_organisation__staff=user, instemming__withdrawn_at__isnull=True))


class ReferralQuerySet(TenantQuerySet):
    role_rules = {Role.REGISSEUR: ALL, Role.BEGELEIDER: ALL, Role.COORDINATOR: ALL}

    def for_user(self, user):
        rows = super().for_user(user)
        rule = _referral_rule(user) if user.is_authenticated else None
        if rule is None:
            return self.none()
        if not rule:
            return rows
        # Through a subquery: the OR over several many-to-many paths gives each row once.
        return rows.filter(pk__in=self.model._base_manager.filter(rule).values("pk"))

    def open(self):
        from .choices import OPEN_STATES

        return self.filter(state__in=OPEN_STATES)

    def received_by(self, user):
        """The aanmeldingen of the user's organisations."""
        return self.filter(to_organisation__staff=user, instemming__withdrawn_at__isnull=True)


class _ThroughReferral(TenantQuerySet):
    tenant_path = "referral__gemeente"
    role_rules = {Role.REGISSEUR: ALL, Role.BEGELEIDER: ALL, Role.COORDINATOR: ALL}

    def for_user(self, user):
        from .models import Referral

        return super().for_user(user).filter(referral__in=Referral.objects.for_user(user))


class InstemmingQuerySet(_ThroughReferral):
    pass


class ReferralEventQuerySet(_ThroughReferral):
    pass


class FlagQuerySet(TenantQuerySet):
    """A worklist: the regisseur's flags for the gemeente; a begeleider's are those of their
    organisations meant for them or for nobody in particular."""

    role_rules = {Role.REGISSEUR: ALL, Role.BEGELEIDER: ALL}

    def for_user(self, user):
        from django.db.models import Q

        rows = super().for_user(user)
        if not user.is_authenticated:
            return rows
        if user.role == Role.REGISSEUR:
            return rows.filter(for_regisseur=True)
        if user.role == Role.BEGELEIDER:
            # Their organisation's handovers; unanswered referrals and ending funding are
            # the gemeente's to act on (DESIGN.md).
            from .choices import HANDOVER_KINDS

            return rows.filter(
                Q(caseworker=user) | Q(caseworker__isnull=True),
                organisation__in=user.organisations.values("pk"), kind__in=HANDOVER_KINDS,
            )
        return rows.none()

    def open(self):
        return self.filter(state="open")


class NewcomerUploadQuerySet(TenantQuerySet):
    """An uploaded spreadsheet is seen only by the begeleider who uploaded it."""

    role_rules = {Role.BEGELEIDER: "uploaded_by"}
