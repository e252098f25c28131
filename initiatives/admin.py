"""The beheerder's admin of the sociale kaart. Saving an activity here goes through
activity_refresh like every other write path, so its occurrences stay right."""
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from gemeenten.admin import TenantAdminMixin

from .forms import ScheduleForm
from .models import Activity, Funding, Invitation, Organisation, Presence, Schedule
from .services import activity_refresh


class PresenceInline(TenantAdminMixin, admin.TabularInline):
    model = Presence
    extra = 0
    fields = ["gemeente", "approval", "approved_at", "last_confirmed", "wijken"]
    readonly_fields = ["approved_at"]
    filter_horizontal = ["wijken"]


class FundingInline(TenantAdminMixin, admin.TabularInline):
    model = Funding
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "newcomer_led", "created_at"]
    list_filter = ["kind", "newcomer_led", "presences__approval"]
    search_fields = ["name", "email"]
    filter_horizontal = ["themes", "languages", "staff"]
    inlines = [PresenceInline, FundingInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_readonly_fields(self, request, obj=None):
        """The fields every gemeente sees are the organisation's own (shared_fields_writable_by):
        the beheerder changes them only where the regisseur could; presences stay editable."""
        if obj is not None and not obj.shared_fields_writable_by(request.user.gemeente):
            return [field.name for field in Organisation._meta.get_fields()
                    if field.concrete and field.editable and not field.auto_created]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        """Deleting an organisation takes it from every gemeente: only where it is this
        gemeente's alone and has no staff of its own."""
        if obj is not None and not obj.shared_fields_writable_by(request.user.gemeente):
            return False
        return super().has_delete_permission(request, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Activities' search_text names the organisation.
        from .services import organisation_activities_refresh

        organisation_activities_refresh(form.instance)


class ScheduleInline(TenantAdminMixin, admin.StackedInline):
    model = Schedule
    form = ScheduleForm
    extra = 0


@admin.register(Activity)
class ActivityAdmin(TenantAdminMixin, TranslationAdmin):
    list_display = ["title", "organisation", "gemeente", "wijk", "is_active", "updated_at"]
    list_filter = ["is_active", "online", "signup_required", "themes"]
    search_fields = ["title", "organisation__name", "search_text"]
    list_select_related = ["organisation", "gemeente", "wijk"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["themes", "target_groups", "languages"]
    readonly_fields = ["search_text"]
    inlines = [ScheduleInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        activity_refresh(form.instance)


@admin.register(Invitation)
class InvitationAdmin(TenantAdminMixin, admin.ModelAdmin):
    """Read-only: invitations are sent by regisseurs from the portal, with an outbox e-mail."""

    list_display = ["email", "role", "gemeente", "organisation", "created_at", "expires_at",
                    "accepted_at", "usable"]
    list_filter = ["role"]
    search_fields = ["email"]
    fields = readonly_fields = [
        "email", "first_name", "last_name", "role", "gemeente", "organisation", "invited_by",
        "created_at", "expires_at", "accepted_at", "user",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("usable"), boolean=True)
    def usable(self, obj):
        return obj.is_usable
