"""Overlap findings: two offers, two recruitments or two organisations that the regisseur
should look at together, with the regisseur's decision about them.

A finding is known by its fingerprint (its kind and the sorted ids of what it involves), so a
recomputation updates it instead of adding a second one, and keeps the decision. What it
involves is a short list of {"model", "id"} (activities, vacancies or organisations), and why
it was found is kept as facts (numbers, ids, names of wijken), not as a sentence: the reason
is written when it is shown, in the reader's language (regie.overlap.reasons)."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.choices import Role
from gemeenten.models import Gemeente
from gemeenten.scope import ALL, TenantQuerySet


class OverlapKind(models.TextChoices):
    DUPLICATE_OFFER = "duplicate_offer", _("duplicate offer")
    RECRUITMENT_CLASH = "recruitment_clash", _("recruitment clash")
    OVERLOAD = "overload", _("overload")


class OverlapState(models.TextChoices):
    OPEN = "open", _("open")
    INTENDED = "intended", _("intended")
    RESOLVED = "resolved", _("resolved")


class OverlapFindingQuerySet(TenantQuerySet):
    """The regisseur sees the findings of their gemeente; nobody else sees any."""

    role_rules = {Role.REGISSEUR: ALL}

    def current(self):
        """Still found by the last run."""
        return self.filter(gone_at__isnull=True)

    def open(self):
        return self.current().filter(state=OverlapState.OPEN)


class OverlapFinding(models.Model):
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="overlap_findings",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OverlapKind.choices)
    fingerprint = models.CharField(_("fingerprint"), max_length=200)
    score = models.FloatField(_("score"), default=0)
    # [{"model": "initiatives.activity", "id": 12}, ...], in the fingerprint's order.
    subjects = models.JSONField(_("involved"), default=list)
    facts = models.JSONField(_("facts"), default=dict)
    state = models.CharField(_("state"), max_length=10, choices=OverlapState.choices,
                             default=OverlapState.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decision_reason = models.CharField(_("reason"), max_length=500, blank=True)
    first_found_at = models.DateTimeField(_("first found"), default=timezone.now)
    last_found_at = models.DateTimeField(_("last found"), default=timezone.now)
    # Set when a run no longer finds it (the offers changed, an activity ended); the decision
    # stays, and the finding comes back with it should the overlap return.
    gone_at = models.DateTimeField(_("no longer found since"), null=True, blank=True)

    objects = OverlapFindingQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("overlap finding")
        verbose_name_plural = _("overlap findings")
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "fingerprint"],
                                    name="overlap_finding_unique_fingerprint"),
        ]
        indexes = [models.Index(fields=["gemeente", "state", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.fingerprint}"

    @property
    def is_current(self) -> bool:
        return self.gone_at is None

    def decide(self, *, state: str, by, reason: str = "") -> None:
        """The regisseur's decision: intended (with a reason), resolved, or open again."""
        self.state = state
        if state == OverlapState.OPEN:
            self.decided_by, self.decided_at, self.decision_reason = None, None, ""
        else:
            self.decided_by, self.decided_at, self.decision_reason = by, timezone.now(), reason
        self.save(update_fields=["state", "decided_by", "decided_at", "decision_reason"])
