"""Anonymous search statistics of the infopunt: counts per day, never anything per visitor."""
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Gemeente, Wijk

from .querysets import SearchDayQuerySet, SearchWordDayQuerySet

# Result counts above this are stored as this value: enough for any "few results" setting.
RESULT_COUNT_CAP = 20


class SearchDay(models.Model):
    """How often one combination of filters was searched on one day, and what it found.

    No IP address, no time of day, no visitor: only the combination and a count.
    """

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("municipality"))
    date = models.DateField(_("date"))
    # a Theme slug, or "" for any
    theme = models.CharField(_("theme"), max_length=50, blank=True)
    # spoken-language filter, ISO 639
    language = models.CharField(_("language"), max_length=8, blank=True)
    wijk = models.ForeignKey(Wijk, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="+", verbose_name=_("district"))
    # the other filters, sorted
    filters = models.CharField(_("other filters"), max_length=100, blank=True)
    has_query = models.BooleanField(_("with search words"), default=False)
    # capped at RESULT_COUNT_CAP
    result_count = models.PositiveSmallIntegerField(_("number of results"))
    searches = models.PositiveIntegerField(_("searches"), default=1)

    objects = SearchDayQuerySet.as_manager()

    class Meta:
        # NULLs are distinct in a unique index, so a wijk-less row needs its own constraint.
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "date", "theme", "language", "wijk", "filters",
                        "has_query", "result_count"],
                condition=Q(wijk__isnull=False), name="searchday_unique_with_wijk",
            ),
            models.UniqueConstraint(
                fields=["gemeente", "date", "theme", "language", "filters", "has_query",
                        "result_count"],
                condition=Q(wijk__isnull=True), name="searchday_unique_without_wijk",
            ),
        ]
        indexes = [models.Index(fields=["gemeente", "date"])]

    def __str__(self):
        return f"{self.date} {self.theme or '-'} {self.language or '-'}: {self.searches}"


class SearchWordDay(models.Model):
    """A normalised query word searched on one day in one combination; dropped after 90
    days, and shown to staff only once it was searched at least 3 times."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("municipality"))
    date = models.DateField(_("date"))
    word = models.CharField(_("search word"), max_length=40)
    theme = models.CharField(_("theme"), max_length=50, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    wijk = models.ForeignKey(Wijk, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="+", verbose_name=_("district"))
    result_count = models.PositiveSmallIntegerField(_("number of results"))
    searches = models.PositiveIntegerField(_("searches"), default=1)

    objects = SearchWordDayQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "date", "word", "theme", "language", "wijk",
                        "result_count"],
                condition=Q(wijk__isnull=False), name="searchword_unique_with_wijk",
            ),
            models.UniqueConstraint(
                fields=["gemeente", "date", "word", "theme", "language", "result_count"],
                condition=Q(wijk__isnull=True), name="searchword_unique_without_wijk",
            ),
        ]
        indexes = [models.Index(fields=["gemeente", "date"])]

    def __str__(self):
        return f"{self.date} {self.word}: {self.searches}"
