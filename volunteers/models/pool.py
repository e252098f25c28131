"""Volunteers and their memberships of organisations (a first slice of the volunteers issue:
the coördinator's pool). Only what matching and coordination need."""
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Gemeente, Language, Theme, User, Wijk
from initiatives.models import Organisation

from ..choices import LanguageLevel, MembershipKind
from ..querysets import (
    MembershipQuerySet,
    VolunteerLanguageQuerySet,
    VolunteerQuerySet,
)


class Volunteer(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="volunteers",
                                 verbose_name=_("municipality"))
    first_name = models.CharField(_("first name"), max_length=60)
    surname = models.CharField(_("surname"), max_length=80)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    wijk = models.ForeignKey(Wijk, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("district"))
    interests = models.ManyToManyField(Theme, blank=True, related_name="+",
                                       verbose_name=_("skills and interests"))
    availability = models.CharField(
        _("availability"), max_length=200, blank=True,
        help_text=_("Days and parts of the day, e.g. ma-ochtend,wo-avond."))
    ervaringsdeskundige = models.BooleanField(
        _("ervaringsdeskundige"), default=False,
        help_text=_("Came to the Netherlands as a refugee or newcomer themselves."))
    max_koppelingen = models.PositiveSmallIntegerField(
        _("maatjes at once"), default=1, validators=[MinValueValidator(0),
                                                     MaxValueValidator(10)],
        help_text=_("How many koppelingen they can take at the same time."))
    vog = models.BooleanField(_("certificate of conduct (VOG)"), default=False)
    vog_date = models.DateField(_("VOG date"), null=True, blank=True)
    visible_across_organisations = models.BooleanField(
        _("visible to other organisations"), default=False,
        help_text=_("The volunteer agreed that other organisations' coördinators see their "
                    "contact details."))
    user = models.OneToOneField(User, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="volunteer", verbose_name=_("account"))
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        ordering = ["surname", "first_name", "pk"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")

    def __str__(self):
        return f"{self.first_name} {self.surname}".strip()


class VolunteerLanguage(models.Model):
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE,
                                  related_name="languages", verbose_name=_("volunteer"))
    language = models.ForeignKey(Language, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("language"))
    level = models.CharField(_("level"), max_length=8, choices=LanguageLevel.choices,
                             default=LanguageLevel.GOOD)

    objects = VolunteerLanguageQuerySet.as_manager()

    class Meta:
        verbose_name = _("language of a volunteer")
        verbose_name_plural = _("languages of volunteers")
        constraints = [models.UniqueConstraint(fields=["volunteer", "language"],
                                               name="volunteer_language_once")]

    def __str__(self):
        return f"{self.language_id} ({self.level})"


class Membership(models.Model):
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE,
                                  related_name="memberships", verbose_name=_("volunteer"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="memberships",
                                     verbose_name=_("organisation"))
    kind = models.CharField(_("kind"), max_length=12, choices=MembershipKind.choices,
                            default=MembershipKind.OCCASIONAL)
    since = models.DateField(_("since"), default=timezone.localdate)
    active = models.BooleanField(_("active"), default=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-since"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["volunteer", "organisation"],
                                               name="membership_once_per_organisation")]

    def __str__(self):
        return f"{self.volunteer} · {self.organisation}"
