"""Fixed vocabularies of the volunteers app."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguageLevel(models.TextChoices):
    BASIC = "basic", _("basic")
    GOOD = "good", _("good")
    NATIVE = "native", _("native")


class MembershipKind(models.TextChoices):
    CORE = "core", _("core team")
    OCCASIONAL = "occasional", _("occasional helper")


class MatchEndReason(models.TextChoices):
    """Why a koppeling ended: the retention view counts the early ones by these."""

    GOALS_REACHED = "goals_reached", _("goals reached")
    PLANNED_END = "planned_end", _("planned end reached")
    NO_CLICK = "no_click", _("no click between them")
    VOLUNTEER_STOPPED = "volunteer_stopped", _("the volunteer stopped")
    NEWCOMER_STOPPED = "newcomer_stopped", _("the newcomer stopped")
    MOVED = "moved", _("moved away")
    OTHER = "other", _("other")


class GoalResult(models.TextChoices):
    """How far a goal of the newcomer got, in their own judgement, looked at together."""

    REACHED = "reached", _("reached")
    PARTLY = "partly", _("partly")
    NOT_YET = "not_yet", _("not yet")


class GoalMoment(models.TextChoices):
    HALFWAY = "halfway", _("halfway")
    END = "end", _("at the end")


class ApplicationState(models.TextChoices):
    PENDING = "pending", _("waiting")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
