"""Koppelingen (maatjes): a volunteer and a newcomer, from an accepted referral to the
volunteer's organisation; the newcomer's own goals, evaluated together; the volunteer's
one-line check-ins."""
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Gemeente, User
from initiatives.models import Organisation

from ..choices import GoalResult, MatchEndReason
from ..querysets import CheckInQuerySet, MatchGoalQuerySet, MatchQuerySet
from .pool import Volunteer

# How many goals a koppeling carries: a few, the person's own, not a plan.
MAX_GOALS = 3


class Match(models.Model):
    """A koppeling. One active koppeling per referral; a referral whose first koppeling ended
    without a click can get another."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="matches",
                                 verbose_name=_("municipality"))
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="matches",
                                  verbose_name=_("volunteer"))
    newcomer = models.ForeignKey("statushouders.Newcomer", on_delete=models.CASCADE,
                                 related_name="matches", verbose_name=_("newcomer"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="matches", verbose_name=_("organisation"))
    referral = models.ForeignKey("statushouders.Referral", on_delete=models.CASCADE,
                                 related_name="matches", verbose_name=_("referral"))
    starts_on = models.DateField(_("start"))
    planned_end = models.DateField(_("planned end"))
    one_on_one = models.BooleanField(_("one-on-one"), default=True,
                                     help_text=_("The volunteer and the newcomer meet alone."))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=20,
                                  choices=MatchEndReason.choices, blank=True)
    end_note = models.CharField(_("note on the end"), max_length=300, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created on"), default=timezone.now)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        constraints = [
            models.UniqueConstraint(fields=["referral"], condition=Q(ended_on__isnull=True),
                                    name="match_one_active_per_referral"),
            models.CheckConstraint(condition=Q(planned_end__gte=F("starts_on")),
                                   name="match_planned_end_after_start"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True)
                                   | Q(ended_on__gte=F("starts_on")),
                                   name="match_ended_after_start"),
        ]
        indexes = [models.Index(fields=["volunteer", "ended_on"]),
                   models.Index(fields=["organisation", "ended_on"])]

    def __str__(self):
        return f"{self.volunteer_id} ↔ {self.newcomer_id}"

    @property
    def is_active(self) -> bool:
        return self.ended_on is None

    @property
    def ended_early(self) -> bool:
        return self.ended_on is not None and self.ended_on < self.planned_end

    @property
    def halfway(self):
        return self.starts_on + (self.planned_end - self.starts_on) / 2


class MatchGoal(models.Model):
    """One goal of the newcomer ("what I want to be able to do"), in one line, looked at
    together halfway and at the end: reached / partly / not yet, with their own words."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="goals",
                              verbose_name=_("koppeling"))
    text = models.CharField(_("goal"), max_length=200)
    set_on = models.DateField(_("set on"), default=timezone.localdate)
    halfway_result = models.CharField(_("halfway"), max_length=8, choices=GoalResult.choices,
                                      blank=True)
    halfway_words = models.CharField(_("in their own words, halfway"), max_length=200,
                                     blank=True)
    halfway_on = models.DateField(_("looked at halfway on"), null=True, blank=True)
    end_result = models.CharField(_("at the end"), max_length=8, choices=GoalResult.choices,
                                  blank=True)
    end_words = models.CharField(_("in their own words, at the end"), max_length=200,
                                 blank=True)
    end_on = models.DateField(_("looked at at the end on"), null=True, blank=True)

    objects = MatchGoalQuerySet.as_manager()

    class Meta:
        ordering = ["match", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return self.text


class CheckIn(models.Model):
    """The volunteer's one line after meeting; "needs attention" puts it before the
    coördinator until they mark it handled."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="checkins",
                              verbose_name=_("koppeling"))
    on = models.DateField(_("date"))
    text = models.CharField(_("how it went"), max_length=200)
    needs_attention = models.BooleanField(_("needs the coördinator's attention"),
                                          default=False)
    attention_handled_at = models.DateTimeField(_("attention handled"), null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("recorded on"), default=timezone.now)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self):
        return f"{self.match_id} {self.on}"
