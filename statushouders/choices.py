"""Fixed vocabularies of the statushouders app (DESIGN.md, "Domain model")."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResidenceBasis(models.TextChoices):
    ASYLUM = "asylum", _("Refugee status holder (incl. family reunification)")
    FAMILY_MIGRATION = "family_migration", _("Family migrant")
    TEMPORARY_PROTECTION = "temporary_protection", _("Displaced from Ukraine")
    OTHER = "other", _("Other")


class LearningRoute(models.TextChoices):
    B1 = "b1", _("B1 route")
    EDUCATION = "onderwijs", _("Education route")
    Z = "z", _("Z route (self-reliance)")


class EndReason(models.TextChoices):
    COMPLETED = "completed", _("Completed as planned")
    MOVED = "moved", _("Moved away")
    DECLINED = "declined", _("Declined further guidance")
    OTHER = "other", _("Other")


# Needs are themes, never this one: a referral to a health activity records no need.
NO_NEED_THEME = "gezondheid"


class ReferralState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    EXPIRED = "expired", _("expired")
    STOPPED = "stopped", _("stopped")
    STARTED = "started", _("started")
    COMPLETED = "completed", _("completed")


# The only allowed transitions (DESIGN.md); any other is refused with a message.
TRANSITIONS: dict[str, set[str]] = {
    ReferralState.PROPOSED: {ReferralState.ACCEPTED, ReferralState.DECLINED,
                             ReferralState.EXPIRED, ReferralState.STOPPED},
    ReferralState.ACCEPTED: {ReferralState.STARTED, ReferralState.STOPPED},
    ReferralState.STARTED: {ReferralState.COMPLETED, ReferralState.STOPPED},
}
OPEN_STATES = (ReferralState.PROPOSED, ReferralState.ACCEPTED, ReferralState.STARTED)
# Transitions that need a reason.
NEEDS_REASON = {ReferralState.DECLINED, ReferralState.STOPPED}
REASON_CONSENT_WITHDRAWN = "instemming ingetrokken"


class SharedField(models.TextChoices):
    """What an instemming may share with its named recipient (DESIGN.md)."""

    FIRST_NAME = "first_name", _("first name")
    LANGUAGES = "languages", _("languages")
    WIJK = "wijk", _("district")
    AVAILABILITY = "availability", _("availability")
    NEED = "need", _("need")
    NOTE = "note", _("the note")
    CONTACT = "contact", _("phone or e-mail")
    # Whether the person already has a maatje at another organisation: without it, a
    # coördinator's matching suggestions warn only about maatjes at their own organisation.
    MAATJES = "maatjes", _("whether they have a maatje elsewhere")


WEEKDAY_CODES = [("ma", _("Monday")), ("di", _("Tuesday")), ("wo", _("Wednesday")),
                 ("do", _("Thursday")), ("vr", _("Friday")), ("za", _("Saturday")),
                 ("zo", _("Sunday"))]
DAY_PARTS = [("ochtend", _("morning")), ("middag", _("afternoon")), ("avond", _("evening"))]


class FlagKind(models.TextChoices):
    HANDOVER_DUE = "handover_due", _("Handover due")
    HANDOVER_URGENT = "handover_urgent", _("Handover urgent")
    NO_HANDOVER = "no_handover", _("Begeleiding ended without handover")
    REFERRAL_UNANSWERED = "referral_unanswered", _("Referral unanswered")
    FUNDING_ENDS = "funding_ends", _("Funding ends")


# Most urgent first on the worklist.
FLAG_URGENCY = [FlagKind.NO_HANDOVER, FlagKind.HANDOVER_URGENT, FlagKind.REFERRAL_UNANSWERED,
                FlagKind.FUNDING_ENDS, FlagKind.HANDOVER_DUE]
# Kinds on the regisseur's worklist (handover_due is the caseworker's alone).
REGISSEUR_KINDS = {FlagKind.HANDOVER_URGENT, FlagKind.NO_HANDOVER,
                   FlagKind.REFERRAL_UNANSWERED, FlagKind.FUNDING_ENDS}
HANDOVER_KINDS = (FlagKind.HANDOVER_DUE, FlagKind.HANDOVER_URGENT, FlagKind.NO_HANDOVER)


class FlagState(models.TextChoices):
    OPEN = "open", _("open")
    RESOLVED = "resolved", _("resolved")  # its cause is gone
    CLOSED = "closed", _("closed")  # a person closed it with an outcome


class FlagOutcome(models.TextChoices):
    ARRANGED_LATE = "arranged_late", _("Handover arranged late")
    MOVED_AWAY = "moved_away", _("Moved away")
    DECLINED_HELP = "declined_help", _("Declined help")
    DONE = "done", _("Dealt with")
    OTHER = "other", _("Other")
