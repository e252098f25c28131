"""Newcomers and their begeleiding: only what coordination, referral and handover need
(DESIGN.md, "Legal basis and privacy"): no BSN or V-number, no country of origin, religion
or health per person."""
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Gemeente, Language, Theme, User, Wijk
from initiatives.models import Organisation

from .choices import (
    OPEN_STATES,
    EndReason,
    FlagKind,
    FlagOutcome,
    FlagState,
    LearningRoute,
    ReferralState,
    ResidenceBasis,
)
from .querysets import (
    BegeleidingQuerySet,
    FlagQuerySet,
    InstemmingQuerySet,
    NewcomerQuerySet,
    NewcomerUploadQuerySet,
    ReferralEventQuerySet,
    ReferralQuerySet,
)


class Newcomer(models.Model):
    """A person in begeleiding with an organisation of the gemeente ("nieuwkomer")."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="newcomers",
        verbose_name=_("municipality"),
    )
    # The organisation that registered the person and keeps its case file; its own number.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="newcomers",
        verbose_name=_("organisation"),
    )
    registratienummer = models.CharField(
        _("registration number"), max_length=40,
        help_text=_("Your organisation's own number for this person. Never a BSN or "
                    "V-number."),
    )
    first_name = models.CharField(_("first name"), max_length=60)
    surname = models.CharField(_("surname"), max_length=80)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="+", verbose_name=_("languages"),
    )
    household_size = models.PositiveSmallIntegerField(
        _("household size"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    wijk = models.ForeignKey(
        Wijk, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("district"),
    )
    housing_date = models.DateField(_("housing date"), null=True, blank=True)
    residence_basis = models.CharField(
        _("residence basis"), max_length=24, choices=ResidenceBasis.choices,
        default=ResidenceBasis.ASYLUM,
    )
    learning_route = models.CharField(
        _("learning route"), max_length=10, choices=LearningRoute.choices, blank=True,
    )
    needs = models.ManyToManyField(
        Theme, blank=True, related_name="+", verbose_name=_("needs"),
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    # Set when the retention job anonymised the person: the row stays for the counts.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = NewcomerQuerySet.as_manager()

    class Meta:
        ordering = ["surname", "first_name"]
        verbose_name = _("newcomer")
        verbose_name_plural = _("newcomers")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "registratienummer"],
                name="newcomer_unique_registratienummer_per_organisation",
            ),
        ]

    def __str__(self):
        return self.case_reference

    @property
    def case_reference(self) -> str:
        """What the regisseur works with: organisation and its number, no name."""
        return f"{self.organisation.name} · {self.registratienummer}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.surname}".strip()


class Begeleiding(models.Model):
    """Maatschappelijke begeleiding of one newcomer by one organisation, with its planned
    end: every begeleiding with a planned end is watched for a warm handover."""

    newcomer = models.ForeignKey(
        Newcomer, on_delete=models.CASCADE, related_name="begeleidingen",
        verbose_name=_("newcomer"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="begeleidingen",
        verbose_name=_("organisation"),
    )
    caseworker = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="begeleidingen",
        verbose_name=_("caseworker"),
        help_text=_("Empty: the organisation's caseworkers all see what is due."),
    )
    start = models.DateField(_("start"))
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=12, choices=EndReason.choices, blank=True,
    )

    objects = BegeleidingQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("begeleiding")
        verbose_name_plural = _("begeleidingen")
        indexes = [
            # "Has this newcomer an open begeleiding (started by then)?", asked per newcomer
            # by the coverage matrix and the dashboard (regie.coverage.open_begeleiding_of):
            # an index-only probe instead of reading the country's begeleidingen.
            models.Index(fields=["newcomer", "start"], condition=models.Q(actual_end__isnull=True),
                         name="begeleiding_open_per_newcomer"),
            # "Which running begeleidingen end within the coming days?" (the dashboard's
            # handovers due, regie.dashboard.handovers_due): a range of this index, about an
            # eighth of the country's open begeleidingen, instead of reading all of them
            # (Begeleiding has no gemeente; the gemeente's newcomers are joined to it).
            models.Index(fields=["planned_end", "newcomer"],
                         condition=models.Q(actual_end__isnull=True),
                         name="begeleiding_open_by_end"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__isnull=True)
                | models.Q(planned_end__gte=models.F("start")),
                name="begeleiding_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(actual_end__isnull=True)
                | models.Q(actual_end__gte=models.F("start")),
                name="begeleiding_actual_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.newcomer} ({self.start:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.actual_end is None


class Referral(models.Model):
    """A doorverwijzing from a begeleider (or a coördinator) to another organisation; the
    receiver sees it as an "aanmelding" with only what its instemming shares."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="referrals",
        verbose_name=_("municipality"),
    )
    newcomer = models.ForeignKey(
        Newcomer, on_delete=models.CASCADE, related_name="referrals",
        verbose_name=_("newcomer"),
    )
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="referrals_sent",
        verbose_name=_("from organisation"),
    )
    from_user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("referred by"),
    )
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="referrals_received",
        verbose_name=_("to organisation"),
    )
    to_activity = models.ForeignKey(
        "initiatives.Activity", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="referrals", verbose_name=_("activity"),
    )
    # A theme; none is recorded for a health activity.
    need = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("need"),
    )
    availability = models.CharField(
        _("availability"), max_length=200, blank=True,
        help_text=_("Days and parts of the day, e.g. ma-ochtend,wo-avond."),
    )
    note = models.TextField(_("note"), blank=True, max_length=1000)
    introduction_date = models.DateField(_("introduction meeting"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=ReferralState.choices,
                             default=ReferralState.PROPOSED)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Optimistic locking: a change names the version it saw; a stale one is refused.
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self):
        return f"{self.newcomer.registratienummer} → {self.to_organisation}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class ReferralEvent(models.Model):
    """Each state change of a referral: who, when, from which state to which, why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events",
                                 verbose_name=_("referral"))
    from_state = models.CharField(_("from"), max_length=10, blank=True)
    to_state = models.CharField(_("to"), max_length=10)
    by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("when"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    objects = ReferralEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("referral state change")
        verbose_name_plural = _("referral state changes")

    def __str__(self):
        return f"{self.from_state or '-'} → {self.to_state}"


class Instemming(models.Model):
    """The person agrees to share these fields with this named recipient, for this referral:
    the text they were shown and its language, when, recorded by whom; a guardian for a
    minor. Withdrawing it stops the referral and the recipient's access at its next request."""

    referral = models.OneToOneField(Referral, on_delete=models.CASCADE,
                                    related_name="instemming", verbose_name=_("referral"))
    shared_fields = models.CharField(_("shared"), max_length=200)
    text = models.TextField(_("text shown"))
    language = models.CharField(_("language of the text"), max_length=8)
    guardian = models.CharField(
        _("guardian"), max_length=120, blank=True,
        help_text=_("For a minor: the parent or guardian who agreed."),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("withdrawn by"))

    objects = InstemmingQuerySet.as_manager()

    class Meta:
        verbose_name = _("instemming")
        verbose_name_plural = _("instemmingen")

    def __str__(self):
        return f"{self.referral_id}: {self.shared_fields}"

    def shares(self, field: str) -> bool:
        return field in self.shared_fields.split(",")

    @property
    def shared(self) -> list[str]:
        return [f for f in self.shared_fields.split(",") if f]


class Flag(models.Model):
    """An actiepunt on a worklist. Its subject is a begeleiding, a referral or a presence
    (three nullable foreign keys); at most one open flag per subject and kind, enforced by one
    partial unique constraint per subject column (NULLs are distinct, so one constraint over
    all three would enforce nothing)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="flags",
                                 verbose_name=_("municipality"))
    kind = models.CharField(_("kind"), max_length=20, choices=FlagKind.choices)
    begeleiding = models.ForeignKey(Begeleiding, on_delete=models.CASCADE, null=True,
                                    blank=True, related_name="flags",
                                    verbose_name=_("begeleiding"))
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="flags", verbose_name=_("referral"))
    presence = models.ForeignKey("initiatives.Presence", on_delete=models.CASCADE, null=True,
                                 blank=True, related_name="flags", verbose_name=_("presence"))
    # Whose worklist: the organisation (its caseworker, or all its begeleiders when none is
    # named) and, for the kinds that need the gemeente, the regisseur.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, null=True,
                                     blank=True, related_name="flags",
                                     verbose_name=_("organisation"))
    caseworker = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="flags", verbose_name=_("caseworker"))
    for_regisseur = models.BooleanField(_("on the regisseur's worklist"), default=False)
    # The date the flag is about (planned end, funding end, referral sent): urgency, and for
    # funding_ends the period a closed flag stays closed for.
    due_date = models.DateField(_("date"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=FlagState.choices,
                             default=FlagState.OPEN)
    raised_on = models.DateField(_("raised"))
    resolved_on = models.DateField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("closed by"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=FlagOutcome.choices,
                               blank=True)
    close_reason = models.CharField(_("reason"), max_length=300, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        constraints = [
            models.UniqueConstraint(
                fields=[subject, "kind"], condition=models.Q(state="open"),
                name=f"flag_one_open_per_{subject}_and_kind",
            )
            for subject in ("begeleiding", "referral", "presence")
        ] + [
            models.CheckConstraint(
                condition=(models.Q(begeleiding__isnull=False, referral__isnull=True,
                                    presence__isnull=True)
                           | models.Q(begeleiding__isnull=True, referral__isnull=False,
                                      presence__isnull=True)
                           | models.Q(begeleiding__isnull=True, referral__isnull=True,
                                      presence__isnull=False)),
                name="flag_exactly_one_subject",
            ),
        ]
        indexes = [models.Index(fields=["gemeente", "state", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_state_display()})"


class NewcomerUpload(models.Model):
    """A begeleider's newcomer spreadsheet between its preview and its import, in the
    database so any web process can take the confirm; only its uploader sees it, and the
    retention job deletes it after a day."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("municipality"))
    uploaded_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+",
                                    verbose_name=_("uploaded by"))
    filename = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(_("file contents"))
    created_at = models.DateTimeField(_("uploaded on"), default=timezone.now)
    done_at = models.DateTimeField(_("imported on"), null=True, blank=True)

    objects = NewcomerUploadQuerySet.as_manager()

    class Meta:
        verbose_name = _("newcomer spreadsheet")
        verbose_name_plural = _("newcomer spreadsheets")

    def __str__(self):
        return self.filename
