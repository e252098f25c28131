"""The taakstelling (statushouders to house per half year) and the expected arrivals per
month: anonymous figures the regisseur records, set against begeleiding and offer capacity
on the dashboard. No person is named or counted here, only numbers a gemeente is given."""
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Gemeente, User

from ..querysets import ExpectedArrivalQuerySet, TaakstellingQuerySet


class Taakstelling(models.Model):
    """The number of statushouders the gemeente must house in one half year."""

    class Half(models.IntegerChoices):
        FIRST = 1, _("first half (January to June)")
        SECOND = 2, _("second half (July to December)")

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("municipality"))
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    half = models.PositiveSmallIntegerField(_("half year"), choices=Half.choices)
    number = models.PositiveIntegerField(
        _("statushouders to house"), validators=[MaxValueValidator(100_000)])
    note = models.CharField(_("note"), max_length=200, blank=True)
    changed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("changed by"))
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    objects = TaakstellingQuerySet.as_manager()

    class Meta:
        ordering = ["year", "half"]
        verbose_name = _("taakstelling")
        verbose_name_plural = _("taakstellingen")
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "year", "half"],
                                    name="taakstelling_once_per_half_year"),
        ]

    def __str__(self):
        return f"{self.year}-H{self.half}: {self.number}"

    @property
    def first_month(self):
        from datetime import date

        return date(self.year, 1 if self.half == 1 else 7, 1)


class ExpectedArrival(models.Model):
    """How many statushouders the gemeente expects to arrive (be housed) in a month."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("municipality"))
    # The first day of the month.
    month = models.DateField(_("month"))
    number = models.PositiveIntegerField(
        _("expected arrivals"), validators=[MaxValueValidator(100_000)])
    note = models.CharField(
        _("note"), max_length=200, blank=True,
        help_text=_("For example “mostly families, Voorhof”. No names or other personal "
                    "data."))
    changed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("changed by"))
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    objects = ExpectedArrivalQuerySet.as_manager()

    class Meta:
        ordering = ["month"]
        verbose_name = _("expected arrivals")
        verbose_name_plural = _("expected arrivals")
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "month"],
                                    name="expected_arrival_once_per_month"),
            models.CheckConstraint(condition=models.Q(month__day=1),
                                   name="expected_arrival_month_first_day"),
        ]

    def __str__(self):
        return f"{self.month_key}: {self.number}"

    @property
    def month_key(self) -> str:
        return f"{self.month:%Y-%m}"
