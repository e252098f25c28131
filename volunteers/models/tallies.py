"""Attendance tallies: after a session a volunteer records how many came. Counts only, never
a visitor's name; the optional sentence of what went well is cleared after a while."""
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Gemeente
from initiatives.models import Activity, Occurrence

from ..querysets import SessionTallyQuerySet

# More than this many visitors at one session is a typing error, not a taalcafé.
MAX_VISITORS = 2000
WENT_WELL_MAX_LENGTH = 200


class SessionTally(models.Model):
    """One session of an activity: how many came, how many newcomers, how many first-timers."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("municipality"))
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="tallies",
                                 verbose_name=_("activity"))
    session_date = models.DateField(_("session date"))
    # The schedule's date when there is one for that day; a tally of an extra session has none.
    occurrence = models.ForeignKey(Occurrence, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("occurrence"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("recorded by"))
    total = models.PositiveIntegerField(_("visitors"),
                                        validators=[MaxValueValidator(MAX_VISITORS)])
    newcomers = models.PositiveIntegerField(_("of whom newcomers"), default=0,
                                            validators=[MaxValueValidator(MAX_VISITORS)])
    first_timers = models.PositiveIntegerField(_("of whom here for the first time"), default=0,
                                               validators=[MaxValueValidator(MAX_VISITORS)])
    went_well = models.CharField(_("what went well"), max_length=WENT_WELL_MAX_LENGTH,
                                 blank=True)
    created_at = models.DateTimeField(_("recorded on"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    objects = SessionTallyQuerySet.as_manager()

    class Meta:
        ordering = ["-session_date", "pk"]
        verbose_name = _("session tally")
        verbose_name_plural = _("session tallies")
        constraints = [
            models.UniqueConstraint(fields=["activity", "session_date"],
                                    name="session_tally_once_per_session"),
            models.CheckConstraint(condition=Q(newcomers__lte=F("total")),
                                   name="session_tally_newcomers_within_total"),
            models.CheckConstraint(condition=Q(first_timers__lte=F("total")),
                                   name="session_tally_first_timers_within_total"),
        ]
        indexes = [models.Index(fields=["gemeente", "session_date"])]

    def __str__(self):
        return f"{self.activity_id} {self.session_date}: {self.total}"
