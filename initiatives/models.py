"""Organisations, their presence per gemeente, activities, schedules and occurrences."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gemeenten.models import Gemeente, Language, TargetGroup, Theme, Wijk

from .choices import (
    WEEK_OF_MONTH_CHOICES,
    WEEKDAY_SHORT,
    ApprovalState,
    Frequency,
    ImportState,
    OrganisationKind,
)
from .querysets import (
    ActivityQuerySet,
    ContactRequestQuerySet,
    FundingQuerySet,
    ImportUploadQuerySet,
    InitiativeRegistrationQuerySet,
    InvitationQuerySet,
    OccurrenceQuerySet,
    OrganisationQuerySet,
    PresenceQuerySet,
    ScheduleQuerySet,
)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=30, choices=OrganisationKind.choices,
        default=OrganisationKind.CITIZEN_INITIATIVE,
    )
    newcomer_led = models.BooleanField(
        _("by and for newcomers"), default=False,
        help_text=_("Run by people who came to the Netherlands themselves."),
    )
    communities_reached = models.CharField(_("communities reached"), max_length=300, blank=True)
    description = models.TextField(_("what we do"), blank=True)
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("themes"))
    languages = models.ManyToManyField(Language, blank=True, verbose_name=_("languages"))
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    referral_capacity_per_month = models.PositiveIntegerField(
        _("referrals per month we can take"), null=True, blank=True
    )
    begeleiding_capacity = models.PositiveIntegerField(
        _("people in begeleiding at once"), null=True, blank=True
    )
    story = models.TextField(_("what went well"), blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="organisations",
        verbose_name=_("coordinators and caseworkers"),
    )
    created_at = models.DateTimeField(_("created on"), default=timezone.now)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def shared_fields_editable_by(self, user) -> bool:
        """The rule below for a person: the organisation's own staff, or the gemeente staff
        of the one gemeente where nobody else sees the fields."""
        from gemeenten.choices import Role

        if self.pk is not None and self.staff.filter(pk=user.pk).exists():
            return True
        return (user.role in (Role.REGISSEUR, Role.BEHEERDER)
                and self.shared_fields_writable_by(user.gemeente))

    def reads_own_contact_requests(self, gemeente) -> bool:
        """Whether a coordinator of this organisation reads its contact requests in this
        gemeente; if not, the gemeente's regisseurs do (ContactRequestQuerySet.for_user)."""
        from .querysets import contact_readers

        return contact_readers(organisation=self, gemeente=gemeente).exists()

    def shared_fields_writable_by(self, gemeente) -> bool:
        """Who owns the fields every gemeente sees (name, contact, description, themes ...).

        The organisation's own staff write them. A gemeente's regisseur (the edit form, the
        import, the admin) may write them only while that gemeente is the organisation's
        only one and it has no staff account yet: then nobody else sees what changes. What
        one gemeente says about an organisation (approval, wijken) lives on its Presence."""
        if self.pk is None:
            return True
        if self.staff.exists():
            return False
        # Deliberately across gemeenten (the base manager, outside the tenant scope): whether
        # another gemeente knows this organisation decides, and only a yes/no leaves here.
        return not Presence._base_manager.filter(
            organisation=self).exclude(gemeente=gemeente).exists()


class Presence(models.Model):
    """An organisation's presence in a gemeente: what that gemeente's regisseur approves."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="presences",
        verbose_name=_("organisation"),
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="presences",
        verbose_name=_("municipality"),
    )
    approval = models.CharField(
        _("approval"), max_length=10, choices=ApprovalState.choices,
        default=ApprovalState.PENDING,
    )
    approved_at = models.DateTimeField(_("approved on"), null=True, blank=True)
    last_confirmed = models.DateField(_("last confirmed"), null=True, blank=True)
    wijken = models.ManyToManyField(Wijk, blank=True, verbose_name=_("districts"))

    objects = PresenceQuerySet.as_manager()
    class Meta:
        verbose_name = _("presence")
        verbose_name_plural = _("presences")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "gemeente"], name="presence_unique_per_gemeente"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.gemeente}"

    def approve(self):
        self.approval = ApprovalState.APPROVED
        self.approved_at = timezone.now()
        self.last_confirmed = timezone.localdate()
        self.save(update_fields=["approval", "approved_at", "last_confirmed"])

    def reject(self):
        self.approval = ApprovalState.REJECTED
        self.approved_at = None
        self.save(update_fields=["approval", "approved_at"])

    def confirm(self):
        self.last_confirmed = timezone.localdate()
        self.save(update_fields=["last_confirmed"])


class Funding(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="fundings",
        verbose_name=_("organisation"),
    )
    source = models.CharField(_("source"), max_length=200)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    objects = FundingQuerySet.as_manager()
    class Meta:
        ordering = ["start"]
        verbose_name = _("funding period")
        verbose_name_plural = _("funding periods")

    def __str__(self):
        return self.source


class Activity(models.Model):
    """An offer (HSDS: service at location): what, where, when, in which language."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="activities",
        verbose_name=_("organisation"),
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="activities",
        verbose_name=_("municipality"),
    )
    title = models.CharField(_("title"), max_length=200)  # translated
    description = models.TextField(_("description"), blank=True)  # translated
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("themes"))
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, verbose_name=_("for whom")
    )
    languages = models.ManyToManyField(Language, blank=True, verbose_name=_("languages spoken"))
    wijk = models.ForeignKey(
        Wijk, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("district")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("place"), max_length=100, blank=True)
    online = models.BooleanField(_("online"), default=False)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    cost = models.CharField(
        _("cost"), max_length=100, blank=True, help_text=_("Leave empty when it is free.")
    )
    signup_required = models.BooleanField(_("sign up first"), default=False)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    search_text = models.TextField(_("search text"), editable=False, blank=True)
    # The date of the last materialised occurrence (empty: none), kept with the occurrences
    # by activities_refresh, so "has a date ahead" is a column test, not a probe per row.
    last_date = models.DateField(_("last date"), null=True, blank=True, editable=False)
    # " t:<theme> l:<language> g:<target group> ": the M2M choices as text, kept like
    # search_text by activities_refresh, so the public list filters on the row itself.
    facets = models.TextField(_("facets"), editable=False, blank=True)
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            models.Index(fields=["gemeente", "is_active"]),
            # The public list: a gemeente's activities per approved organisation.
            models.Index(fields=["gemeente", "organisation"]),
            # The infopunt's result list (infopunt.querysets.page_of) from the index alone
            # on PostgreSQL: what its filters (cost: "free of charge") and its order in every
            # interface language (title_<lang>) read, without a heap fetch per activity of
            # the gemeente (search words still read search_text in the table).
            models.Index(
                fields=["gemeente", "organisation"],
                include=["id", "last_date", "facets", "cost",
                         *(f"title_{code}" for code, _name in settings.LANGUAGES)],
                condition=models.Q(is_active=True),
                name="activity_public_list_idx",
            ),
            # The regisseur's activity list (staff pages are in Dutch: title_nl): a page of
            # 25 from the index in title order instead of sorting the gemeente's every
            # activity joined to its organisation (19 ms at `national`, issue 21).
            models.Index(fields=["gemeente", "title_nl", "id"], name="activity_staff_list_idx"),
            # On PostgreSQL also a trigram index on search_text for the infopunt's word
            # search: migration 0018 (RunPython, since SQLite has no GIN).
        ]

    def __str__(self):
        return self.title

    @property
    def is_free(self) -> bool:
        return not self.cost.strip()

    def is_translated(self, code: str) -> bool:
        """Its title is there in this language, and its description too when the Dutch one
        has any: what the infopunt and the regisseur's overview count as translated."""
        if code == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
            return True
        if not (getattr(self, f"title_{code}", None) or "").strip():
            return False
        dutch = getattr(self, f"description_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}")
        return not (dutch or "").strip() or bool(
            (getattr(self, f"description_{code}", None) or "").strip())


class Schedule(models.Model):
    """A rule: weekly, biweekly, monthly or once, valid from .. until (a season)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="schedules",
        verbose_name=_("activity"),
    )
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    weekdays = models.CharField(
        _("days"), max_length=20, blank=True,
        help_text=_("Days of the week as numbers, Monday = 0, separated by commas."),
    )
    week_of_month = models.SmallIntegerField(
        _("week of the month"), choices=WEEK_OF_MONTH_CHOICES, null=True, blank=True
    )
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until"), null=True, blank=True)

    objects = ScheduleQuerySet.as_manager()
    class Meta:
        ordering = ["valid_from", "start_time"]
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")

    def __str__(self):
        days = "/".join(WEEKDAY_SHORT[d] for d in self.weekday_list)
        return f"{self.get_frequency_display()} {days} {self.start_time:%H:%M}"

    @property
    def weekday_list(self) -> list[int]:
        return [int(d) for d in self.weekdays.split(",") if d.strip() != ""]

    def clean(self):
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end date lies before the start date.")})
        if self.frequency != Frequency.ONCE and not self.weekday_list:
            raise ValidationError({"weekdays": _("Choose at least one day.")})
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The end time lies before the start time.")})


class Occurrence(models.Model):
    """One materialised date of a schedule, so "this week" and overlaps are plain SQL."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="occurrences",
        verbose_name=_("activity"),
    )
    schedule = models.ForeignKey(
        Schedule, on_delete=models.CASCADE, related_name="occurrences",
        verbose_name=_("schedule"),
    )
    date = models.DateField(_("date"), db_index=True)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"), null=True, blank=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "date"], name="occurrence_unique_date"),
        ]
        indexes = [models.Index(fields=["activity", "date"])]

    def __str__(self):
        return f"{self.activity} {self.starts_at:%Y-%m-%d %H:%M}"


class Invitation(models.Model):
    """A one-time link, sent by a regisseur, with which a begeleider or coordinator joins.

    It lives here rather than in gemeenten because it may name an organisation.
    Only a hash of the token is stored; the link carries the token itself.
    """

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="invitations",
        verbose_name=_("municipality"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True,
        related_name="invitations", verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail"))
    # The invited person's name, when the regisseur knows it: the e-mail greets them by it
    # and the account form starts with it.
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires on"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("user"),
    )

    objects = InvitationQuerySet.as_manager()
    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return self.email

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class InitiativeRegistration(models.Model):
    """An initiative's self-registration, as the registrant filled it in.

    No account or organisation exists until the one-time link e-mailed to the address is
    used (initiative_registration_confirm); then `organisation` points to what was made, and
    the regisseur who decides on its presence sees this record: who, which address, when,
    what they wrote. Only the hash of the link's token and of the chosen password are stored
    (the password hash is cleared when used). Deleted by the retention job once the link has
    expired and no decision waits on it.
    """

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality"),
    )
    email = models.EmailField(_("e-mail"))
    first_name = models.CharField(_("first name"), max_length=150)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    newcomer_led = models.BooleanField(_("by and for newcomers"), default=False)
    password = models.CharField(_("password"), max_length=128)  # a hash; cleared when used
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires on"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # What the regisseur needs to judge it and the infopunt shows once it is approved.
    description = models.TextField(_("what we do"), blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="+",
                                    verbose_name=_("themes"))
    languages = models.ManyToManyField(Language, blank=True, related_name="+",
                                       verbose_name=_("languages"))
    wijken = models.ManyToManyField(Wijk, blank=True, related_name="+",
                                    verbose_name=_("districts"))
    contact_email = models.EmailField(_("e-mail for the public"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # The interface language the registrant used: their e-mail and link are in it.
    language = models.CharField(_("language"), max_length=8, default="nl")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True,
        related_name="registrations", verbose_name=_("organisation"),
    )

    objects = InitiativeRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration to confirm")
        verbose_name_plural = _("registrations to confirm")

    def __str__(self):
        return self.name

    @property
    def is_usable(self) -> bool:
        return self.confirmed_at is None and self.expires_at > timezone.now()


class RegistrationAttempt(models.Model):
    """One self-registration sent, for the hourly limits (DESIGN: rate limits live in the
    database). Keyed hashes only, of the client's IP address and of the e-mail address;
    deleted after a day. It belongs to no gemeente: the limits hold across all of them."""

    address_hash = models.CharField(_("address hash"), max_length=64)
    email_hash = models.CharField(_("e-mail hash"), max_length=64)
    created_at = models.DateTimeField(_("created on"), default=timezone.now)

    class Meta:
        verbose_name = _("registration attempt")
        verbose_name_plural = _("registration attempts")
        indexes = [models.Index(fields=["address_hash", "created_at"]),
                   models.Index(fields=["email_hash", "created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M}"


class ContactRequest(models.Model):
    """A visitor's "please contact me" from the public infopunt to an organisation.

    Read by the organisation's coordinators in the request's gemeente, or by that
    gemeente's regisseurs while it has none (ContactRequestQuerySet.for_user, the one rule).
    Deleted by the retention job: 3 months after it was closed, or 6 months after it came
    in when it was never closed (DESIGN.md).
    """

    class State(models.TextChoices):
        NEW = "new", _("new")
        ANSWERED = "answered", _("answered")
        # "Closed" read as "close this page" on the button; the reader marks it done.
        CLOSED = "closed", pgettext_lazy("contact request state", "done")

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="contact_requests",
        verbose_name=_("municipality"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contact_requests",
        verbose_name=_("organisation"),
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="contact_requests", verbose_name=_("activity"),
    )
    first_name = models.CharField(_("first name"), max_length=60)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)
    question = models.TextField(_("question"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.NEW
    )
    # The reader's own short note ("called, comes on Friday"); deleted with the request.
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Came in above the organisation's hourly cap: kept, but no e-mail of its own; the
    # coordinator reviews such requests together (release or discard as spam).
    held = models.BooleanField(_("held"), default=False)
    # The nonce of the infopunt form token that made it: one token, one request. NULL
    # (distinct in a unique index) for requests made otherwise, e.g. demo data.
    form_nonce = models.CharField(
        _("form nonce"), max_length=32, null=True, blank=True, unique=True, editable=False
    )

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        indexes = [models.Index(fields=["organisation", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phone="") | ~models.Q(email=""),
                name="contact_request_phone_or_email",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} {self.created_at:%Y-%m-%d}"

    def mark_answered(self) -> bool:
        """new -> answered; a conditional update, so a second click changes nothing."""
        now = timezone.now()
        changed = ContactRequest.objects.filter(pk=self.pk, state=self.State.NEW).update(
            state=self.State.ANSWERED, answered_at=now
        )
        if changed:
            self.state, self.answered_at = self.State.ANSWERED, now
        return bool(changed)

    def close(self) -> bool:
        """new or answered -> closed; the retention clock starts at closed_at."""
        now = timezone.now()
        changed = (
            ContactRequest.objects.filter(pk=self.pk)
            .exclude(state=self.State.CLOSED)
            .update(state=self.State.CLOSED, closed_at=now)
        )
        if changed:
            self.state, self.closed_at = self.State.CLOSED, now
        return bool(changed)

    def reopen(self) -> bool:
        """closed -> answered (when it was answered before) or new; without closed_at the
        retention clock is again the one of a request that was never closed."""
        state = models.Case(
            models.When(answered_at__isnull=False, then=models.Value(self.State.ANSWERED)),
            default=models.Value(self.State.NEW),
        )
        changed = ContactRequest.objects.filter(pk=self.pk, state=self.State.CLOSED).update(
            state=state, closed_at=None
        )
        if changed:
            self.refresh_from_db(fields=["state", "closed_at"])
        return bool(changed)

    def note_set(self, note: str) -> None:
        self.note = note
        self.save(update_fields=["note"])


class ImportUpload(models.Model):
    """A sociale kaart spreadsheet from the regisseur's upload until its import is done.

    In the database rather than on one web container's disk, so the confirm may reach any
    web process and the Celery worker reads the same bytes. The worker records its progress
    and outcome here for the status page (initiatives.imports.run); the retention job
    deletes what is a day old."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("uploaded by"),
    )
    filename = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(_("file contents"))
    created_at = models.DateTimeField(_("uploaded on"), default=timezone.now)
    state = models.CharField(
        _("state"), max_length=10, choices=ImportState.choices, default=ImportState.UPLOADED,
    )
    rows_total = models.PositiveIntegerField(_("rows in the file"), default=0)
    rows_done = models.PositiveIntegerField(_("rows checked"), default=0)
    summary = models.TextField(_("outcome"), blank=True,
                               help_text=_("What the import changed, or why it failed."))
    finished_at = models.DateTimeField(_("finished on"), null=True, blank=True)
    # While running: until when the run owns it. A worker killed mid-import leaves it
    # `running` (its transaction rolled back, nothing written); after this moment the
    # redelivered task takes it again (initiatives.imports.run).
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    # What the regisseur chose in the preview, kept with the plan for the worker: per name
    # the file gives that is not known yet, map it to a known one or add it
    # (initiatives.imports.plan.NameChoices), and whether rows with a problem are skipped.
    name_choices = models.JSONField(_("choices for unknown names"), default=dict, blank=True)
    skip_bad_rows = models.BooleanField(_("import only the correct rows"), default=False)

    objects = ImportUploadQuerySet.as_manager()

    class Meta:
        verbose_name = _("uploaded import file")
        verbose_name_plural = _("uploaded import files")

    def __str__(self):
        return self.filename

    def queue(self) -> bool:
        """Confirmed by the regisseur: waiting for the worker. A conditional update, so a
        double click queues one import; False when it was confirmed already."""
        queued = type(self).objects.filter(pk=self.pk, state=ImportState.UPLOADED).update(
            state=ImportState.QUEUED
        )
        if queued:
            self.state = ImportState.QUEUED
        return bool(queued)
