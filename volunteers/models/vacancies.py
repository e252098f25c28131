"""Vacancies (a help request cut into a small project or a role) and the sign-ups of people
who want to help (VolunteerApplication), from the public infopunt. The regie's overlap
detection reads open vacancies by theme, wijk, starts_on and ends_on: keep those names."""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Gemeente, Language, Theme, Wijk
from initiatives.models import Invitation, Organisation

from ..choices import ApplicationState
from ..querysets import (
    VacancyQuerySet,
    VolunteerApplicationQuerySet,
    VolunteerInvitationQuerySet,
)
from .pool import Volunteer


class Vacancy(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="vacancies",
                                 verbose_name=_("municipality"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="vacancies", verbose_name=_("organisation"))
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("theme"))
    wijk = models.ForeignKey(Wijk, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("district"))
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    hours = models.CharField(_("time needed"), max_length=80, blank=True,
                             help_text=_("For example: 2 hours a week, or one Saturday."))
    languages = models.ManyToManyField(Language, blank=True, related_name="+",
                                       verbose_name=_("languages wanted"))
    is_open = models.BooleanField(_("open"), default=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created on"), default=timezone.now)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        constraints = [models.CheckConstraint(
            condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
            name="vacancy_ends_after_start")]
        indexes = [models.Index(fields=["gemeente", "is_open", "theme"])]

    def __str__(self):
        return self.title

    def close(self) -> bool:
        """Close it for new sign-ups; False when it was closed already."""
        closed = Vacancy.objects.filter(pk=self.pk, is_open=True).update(
            is_open=False, closed_at=timezone.now())
        self.refresh_from_db(fields=["is_open", "closed_at"])
        return bool(closed)


class VolunteerApplication(models.Model):
    """Someone's sign-up to help an organisation (for one of its vacancies or in general),
    until its coördinator accepts it (a Volunteer and a Membership) or declines it."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT,
                                 related_name="volunteer_applications",
                                 verbose_name=_("municipality"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="volunteer_applications",
                                     verbose_name=_("organisation"))
    vacancy = models.ForeignKey(Vacancy, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="applications", verbose_name=_("vacancy"))
    first_name = models.CharField(_("first name"), max_length=60)
    surname = models.CharField(_("surname"), max_length=80)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    languages = models.ManyToManyField(Language, blank=True, related_name="+",
                                       verbose_name=_("languages"))
    wijk = models.ForeignKey(Wijk, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("district"))
    availability = models.CharField(_("availability"), max_length=200, blank=True)
    interests = models.ManyToManyField(Theme, blank=True, related_name="+",
                                       verbose_name=_("skills and interests"))
    ervaringsdeskundige = models.BooleanField(_("ervaringsdeskundige"), default=False)
    motivation = models.TextField(_("motivation"), max_length=1000, blank=True)
    language = models.CharField(_("language of the form"), max_length=8, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=ApplicationState.choices,
                             default=ApplicationState.PENDING)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("decided by"))
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    volunteer = models.ForeignKey(Volunteer, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="applications", verbose_name=_("volunteer"))
    # The nonce of the signed form token: one form makes at most one application.
    form_nonce = models.CharField(max_length=32, unique=True, null=True, blank=True,
                                  editable=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = VolunteerApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("volunteer sign-up")
        verbose_name_plural = _("volunteer sign-ups")
        indexes = [models.Index(fields=["organisation", "state", "created_at"])]

    def __str__(self):
        return f"{self.first_name} {self.surname}".strip()


class VolunteerInvitation(models.Model):
    """Which invitation (initiatives' Invitation, role volunteer) is for which Volunteer:
    when it is accepted, the new account becomes Volunteer.user."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE,
                                  related_name="invitations", verbose_name=_("volunteer"))
    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="+",
                                      verbose_name=_("invitation"))

    objects = VolunteerInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation of a volunteer")
        verbose_name_plural = _("invitations of volunteers")

    def __str__(self):
        return f"{self.volunteer_id} ← {self.invitation_id}"
