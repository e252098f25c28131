"""Newcomers and their begeleiding: only what coordination, referral and handover need
(DESIGN.md, "Legal basis and privacy"): no BSN or V-number, no country of origin, religion
or health per person."""
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Gemeente, Language, Theme, User, Wijk
from initiatives.models import Organisation

from .choices import EndReason, LearningRoute, ResidenceBasis
from .querysets import BegeleidingQuerySet, NewcomerQuerySet


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
