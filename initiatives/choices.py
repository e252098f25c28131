"""Fixed vocabularies of the sociale kaart; slugs and Dutch labels are fixed by DESIGN.md."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganisationKind(models.TextChoices):
    CITIZEN_INITIATIVE = "citizen_initiative", _("citizen initiative")
    SELF_ORGANISATION = "self_organisation", _("self-organisation")
    CIVIL_SOCIETY = "civil_society", _("civil society organisation")
    FAITH_BASED = "faith_based", _("faith-based organisation")
    SOCIAL_ENTERPRISE = "social_enterprise", _("social enterprise")
    FORMAL = "formal", _("formal institution")


# The Dutch labels an import may use, independent of the interface language.
KIND_DUTCH_LABELS = {
    "burgerinitiatief": OrganisationKind.CITIZEN_INITIATIVE,
    "zelforganisatie": OrganisationKind.SELF_ORGANISATION,
    "maatschappelijke organisatie": OrganisationKind.CIVIL_SOCIETY,
    "levensbeschouwelijke organisatie": OrganisationKind.FAITH_BASED,
    "sociale onderneming": OrganisationKind.SOCIAL_ENTERPRISE,
    "formele instelling": OrganisationKind.FORMAL,
}


class ApprovalState(models.TextChoices):
    PENDING = "pending", _("awaiting approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("weekly")
    BIWEEKLY = "biweekly", _("every two weeks")
    MONTHLY = "monthly", _("monthly")
    ONCE = "once", _("once")


FREQUENCY_DUTCH = {
    "wekelijks": Frequency.WEEKLY,
    "tweewekelijks": Frequency.BIWEEKLY,
    "maandelijks": Frequency.MONTHLY,
    "eenmalig": Frequency.ONCE,
}

# Monday = 0, as in date.weekday().
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
WEEKDAY_DUTCH = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}
WEEKDAY_SHORT = {0: "ma", 1: "di", 2: "wo", 3: "do", 4: "vr", 5: "za", 6: "zo"}

LAST_WEEK_OF_MONTH = -1
WEEK_OF_MONTH_CHOICES = [
    (1, _("first")),
    (2, _("second")),
    (3, _("third")),
    (4, _("fourth")),
    (LAST_WEEK_OF_MONTH, _("last")),
]


class ImportState(models.TextChoices):
    UPLOADED = "uploaded", _("awaiting confirmation")
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", pgettext_lazy("import state", "failed")
