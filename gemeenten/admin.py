"""The beheerder's admin of the tenant: users and roles, gemeenten and their huisstijl, the
taxonomy, the statements, and read-only views of the outbox and the job heartbeats."""
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .forms import PortalModelForm
from .huisstijl import contrast_with_white, is_colour
from .models import (
    NEWCOMER_LANGUAGES,
    Gemeente,
    JobHeartbeat,
    Language,
    OutboxMessage,
    Statement,
    TargetGroup,
    TaskRetry,
    Theme,
    User,
    Wijk,
    infopunt_translation_languages,
)
from .permissions import permissions_named


class TenantAdminMixin:
    """The beheerder's admin shows and offers only their own gemeente's records.

    A model behind the tenant scope is filtered already: the admin's requests run inside the
    beheerder's gemeente (TenantScopeMiddleware). A model outside it names the lookup from
    its rows to their gemeente's id in `gemeente_lookup`. Choices of a gemeente or a user in
    a form are limited to the beheerder's own gemeente too."""

    gemeente_lookup: str | None = None

    def get_readonly_fields(self, request, obj=None):
        """Moments the portal records (created, joined, last log-in) are shown, not edited: a
        local time in autumn's repeated hour (02:30 on the last Sunday of October) cannot be
        typed back unambiguously, and the form would refuse to save."""
        recorded = [
            field.name for field in self.model._meta.concrete_fields
            if isinstance(field, models.DateTimeField)
            and (callable(field.default) or field.auto_now or field.auto_now_add
                 or field.name == "last_login")
        ]
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [name for name in recorded if name not in readonly]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.gemeente_lookup:
            queryset = queryset.filter(**{self.gemeente_lookup: request.user.gemeente_id})
        return queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        own = own_gemeente_choices(db_field.related_model, request)
        if own is not None:
            kwargs["queryset"] = own
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        own = own_gemeente_choices(db_field.related_model, request)
        if own is not None:
            kwargs["queryset"] = own
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def own_gemeente_choices(model, request):
    """The choices of a gemeente or user field: the beheerder's own gemeente only."""
    if model is Gemeente:
        return Gemeente.objects.filter(pk=request.user.gemeente_id)
    if model is User:
        return User.objects.filter(gemeente_id=request.user.gemeente_id)
    return None


class GemeenteAdminForm(PortalModelForm):
    class Meta:
        model = Gemeente
        fields = ["name", "slug", "cbs_code", "primary_colour", "logo", "settings"]

    def clean_primary_colour(self):
        """White text (navigation, buttons) sits on the primary colour: WCAG AA asks 4.5:1."""
        colour = self.cleaned_data["primary_colour"]
        if not is_colour(colour):
            return colour  # the model field's own validator explains the format
        ratio = contrast_with_white(colour)
        if ratio < 4.5:
            raise forms.ValidationError(
                _("White text on %(colour)s has a contrast of %(ratio).1f:1; choose a darker "
                  "colour (at least 4.5:1)."),
                params={"colour": colour, "ratio": ratio},
            )
        return colour

    def clean_settings(self):
        """newcomer_languages, when given, is a list of the infopunt's language codes."""
        value = self.cleaned_data["settings"]
        if not isinstance(value, dict):
            raise forms.ValidationError(_("The settings must be a JSON object: {...}."))
        chosen = value.get(NEWCOMER_LANGUAGES)
        available = infopunt_translation_languages()
        if chosen is not None and (
            not isinstance(chosen, list) or not all(code in available for code in chosen)
        ):
            raise forms.ValidationError(
                _("%(key)s is a list of language codes from: %(codes)s."),
                params={"key": NEWCOMER_LANGUAGES, "codes": ", ".join(available)},
            )
        return value


@admin.register(User)
class UserAdmin(TenantAdminMixin, DjangoUserAdmin):
    gemeente_lookup = "gemeente_id"
    list_display = ["username", "email", "get_full_name", "role", "gemeente", "is_active",
                    "is_demo", "last_login"]
    list_filter = ["role", "is_active", "is_demo", "is_staff"]
    list_select_related = ["gemeente"]
    search_fields = ["username", "email", "first_name", "last_name"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Role in the portal"), {"fields": ["role", "gemeente", "is_demo"]}),
    ]
    add_fieldsets = [
        *DjangoUserAdmin.add_fieldsets,
        (_("Role in the portal"), {"fields": ["email", "role", "gemeente"]}),
    ]

    actions = ["send_two_factor_setup_link"]

    @admin.display(description=_("name"))
    def get_full_name(self, obj):
        return obj.get_full_name()

    @admin.action(description=_("Send a link to set up two-step verification"),
                  permissions=["change"])
    def send_two_factor_setup_link(self, request, queryset):
        """A new account made here, or a lost phone: the user sets up a (new) device with an
        e-mailed one-time link; the old device goes once the new one is confirmed."""
        from .accounts.twofactor import setup_link_send

        sent = sum(setup_link_send(user=user) for user in queryset
                   if self.has_change_permission(request, user))
        self.message_user(request, _("Set-up links sent: %(count)d (an account without an "
                                     "e-mail address gets none).") % {"count": sent})

    # Nobody gives more rights than they hold: only a superuser makes a superuser or a demo
    # account (the demo code passes 2FA), and a beheerder grants only permissions and groups
    # they hold themselves, changes no superuser's account and does not raise their own role.
    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "is_demo"]
            if obj is not None and obj.pk == request.user.pk:
                fields += ["role", "gemeente", "is_staff", "groups", "user_permissions"]
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            if db_field.name == "user_permissions":
                kwargs["queryset"] = grantable_permissions(request.user)
            elif db_field.name == "groups":
                kwargs["queryset"] = grantable_groups(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        # What the beheerder could not choose (a permission or group beyond their own that
        # a superuser gave) is not in the form; keep it rather than drop it silently.
        kept_permissions, kept_groups = [], []
        if change and not request.user.is_superuser:
            user = form.instance
            kept_permissions = list(user.user_permissions.exclude(
                pk__in=grantable_permissions(request.user)))
            kept_groups = list(user.groups.exclude(pk__in=grantable_groups(request.user)))
        super().save_related(request, form, formsets, change)
        form.instance.user_permissions.add(*kept_permissions)
        form.instance.groups.add(*kept_groups)


def grantable_permissions(user):
    """The permissions a beheerder may give: those they hold themselves."""
    return permissions_named(user.get_all_permissions())


def grantable_groups(user):
    """The groups a beheerder may give: those with no permission beyond their own."""
    from django.contrib.auth.models import Group, Permission

    beyond = Group.objects.filter(permissions__in=Permission.objects.exclude(
        pk__in=grantable_permissions(user)))
    return Group.objects.exclude(pk__in=beyond)


class WijkInline(TenantAdminMixin, admin.TabularInline):
    model = Wijk
    extra = 0
    fields = ["name", "cbs_code"]


@admin.register(Gemeente)
class GemeenteAdmin(TenantAdminMixin, admin.ModelAdmin):
    gemeente_lookup = "pk"
    form = GemeenteAdminForm
    list_display = ["name", "slug", "cbs_code", "colour"]
    search_fields = ["name", "cbs_code"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "cbs_code"]}),
        (_("House style"), {"fields": ["primary_colour", "logo"]}),
        (_("Settings"), {
            "fields": ["settings"],
            "description": _(
                "Reminder periods in days, e.g. handover_due_days; newcomer_languages: the "
                "infopunt languages your newcomers read, e.g. [\"ar\", \"ti\", \"uk\"], "
                "whose missing translations the regisseur is shown (empty: all)."),
        }),
    ]
    inlines = [WijkInline]

    @admin.display(description=_("primary colour"))
    def colour(self, obj):
        # An SVG fill, not a style attribute: the CSP allows no inline style.
        return format_html(
            '<svg width="24" height="16" aria-hidden="true"><rect x="0.5" y="0.5" width="23" '
            'height="15" fill="{}" stroke="#666"/></svg> {}',
            obj.primary_colour, obj.primary_colour,
        )


@admin.register(Wijk)
class WijkAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ["name", "gemeente", "cbs_code"]
    list_select_related = ["gemeente"]
    search_fields = ["name", "cbs_code"]


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    list_display = ["name", "slug", "pictogram", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]

    def get_readonly_fields(self, request, obj=None):
        # Slugs are fixed: imports and links use them (DESIGN.md).
        return ["slug"] if obj is not None else []


@admin.register(TargetGroup)
class TargetGroupAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj is not None else []


@admin.register(Statement)
class StatementAdmin(TranslationAdmin):
    list_display = ["title", "slug", "updated_at"]
    readonly_fields = ["updated_at"]

    def has_delete_permission(self, request, obj=None):
        # A government site must always have both statements.
        return False


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_en", "native_name", "order"]
    list_editable = ["order"]
    search_fields = ["code", "name_nl", "name_en", "native_name"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(TenantAdminMixin, ReadOnlyAdmin):
    gemeente_lookup = "gemeente_id"
    """Delivery state only. The body is never shown: it may hold a password-reset or an
    invitation link, which would let whoever reads it take over that account."""

    list_display = ["subject", "to", "created_at", "sent_at", "failed_at", "attempts"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter),
                   ("failed_at", admin.EmptyFieldListFilter)]
    search_fields = ["to", "subject", "key"]
    date_hierarchy = "created_at"
    fields = readonly_fields = ["key", "to", "subject", "created_at", "sent_at", "attempts",
                                "failing_since", "failed_at", "claimed_until", "last_error"]
    actions = ["send_again"]

    @admin.action(description=_("Try sending again"))
    def send_again(self, request, queryset):
        """For a message the sweep gave up on or that failed for good, once the cause is
        fixed (the mail server works again, the address exists)."""
        from .outbox import outbox_retry

        count = outbox_retry(queryset.values_list("pk", flat=True))
        self.message_user(request, _("Messages queued to be sent again: %(count)d.")
                          % {"count": count})


@admin.register(JobHeartbeat)
class JobHeartbeatAdmin(ReadOnlyAdmin):
    list_display = ["name", "last_success_at", "max_age_hours", "created_at"]
    fields = readonly_fields = ["name", "last_success_at", "max_age_hours", "created_at"]


@admin.register(TaskRetry)
class TaskRetryAdmin(ReadOnlyAdmin):
    """Tasks waiting out a database error, or that gave up (/healthz's "tasks"). Tasks serve
    every gemeente, so only a superuser sees them; deleting a row is how a person says "seen
    and dealt with" (a later success of the same task clears it too)."""

    list_display = ["name", "since", "attempts", "error", "next_at", "gave_up_at"]
    fields = readonly_fields = ["name", "task_id", "since", "attempts", "error", "next_at",
                                "gave_up_at"]

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
