"""Activities on the sociale kaart: the regisseur's list, detail pages, and registering,
editing and deleting an activity with its schedules (through activity_save)."""
from django.contrib import messages
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DeleteView, DetailView
from django_filters.views import FilterView

from gemeenten.languages import language_name
from gemeenten.models import Language
from gemeenten.permissions import RegisseurRequiredMixin, RoleRequiredMixin, role_required

from ..filters import ActivityFilter, TranslationFilter
from ..forms import TRANSLATION_LANGUAGES, ActivityForm, schedule_formset
from ..models import Activity, Organisation, Presence
from ..querysets import untranslated
from ..rows import activity_rows, attach_themes_and_languages
from ..schedules import rule_text
from ..services import activity_save
from .organisations import (
    KAART_ROLES,
    PAGE_SIZE,
    BuiltOnce,
    next_date_subquery,
    sort_columns,
)

UPCOMING_SHOWN = 8
ROW_FIELDS = ("title", "is_active", "cost", "online", "organisation__name",
              "organisation__newcomer_led", "wijk__name")


def scoped_activities(user):
    return Activity.objects.for_user(user).select_related("organisation", "wijk", "gemeente")


class ActivityListView(RegisseurRequiredMixin, FilterView):
    filterset_class = ActivityFilter
    template_name = "initiatives/activity_list.html"
    paginate_by = PAGE_SIZE

    built = BuiltOnce()

    def get_queryset(self):
        user = self.request.user
        # The next date counts from today: a new QuerySet each day.
        return self.built.get(
            (user.pk, user.gemeente_id, user.role, get_language(), timezone.localdate()),
            self._build)

    def _build(self):
        approval = Presence.objects.for_user(self.request.user).filter(
            organisation=OuterRef("organisation_id"), gemeente=OuterRef("gemeente_id")
        ).values("approval")[:1]
        # Only what a row shows (initiatives.rows.activity_rows): an activity's ten
        # descriptions and its search text would be read for nothing.
        return (
            Activity.objects.for_user(self.request.user)
            .select_related("organisation", "wijk")
            .only(*ROW_FIELDS)
            .annotate(next_date=next_date_subquery(), approval_state=Subquery(approval))
            .order_by("title", "pk")
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["user"] = self.request.user
        return kwargs

    def get_template_names(self):
        if self.request.htmx:
            return ["initiatives/partials/activity_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activities = list(context["object_list"])
        attach_themes_and_languages(activities)
        context["object_list"] = context["activity_list"] = activities
        context["activity_rows"] = activity_rows(activities)
        context["columns"] = sort_columns(self.request, [
            ("title", _("Activity")),
            ("organisation", _("Organisation")),
            ("wijk", _("District")),
            ("next_date", _("Next date")),
        ])
        return context


class TranslationListView(RegisseurRequiredMixin, FilterView):
    """Active activities that lack a translation into a language the gemeente's newcomers
    read (Gemeente.newcomer_languages), with the languages each one lacks."""

    filterset_class = TranslationFilter
    template_name = "initiatives/translation_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "activities"

    @cached_property
    def languages(self) -> list[tuple[str, str]]:
        """(code, Dutch name) of the gemeente's newcomer languages; one query, for the
        names the Language table gives them."""
        codes = self.request.user.gemeente.newcomer_languages
        rows = {lang.code: lang for lang in Language.objects.filter(code__in=codes)}
        return [(code, language_name(rows[code], "nl") if code in rows else code)
                for code in codes]

    def get_queryset(self):
        # queries: the count and the page (organisation joined)
        return (
            scoped_activities(self.request.user).active()
            .lacking_translation([code for code, _name in self.languages])
            .order_by("organisation__name", "title", "pk")
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs.update(user=self.request.user, languages=self.languages)
        return kwargs

    def get_template_names(self):
        if self.request.htmx:
            return ["initiatives/partials/translation_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for activity in context["activities"]:
            activity.missing = [name for code, name in self.languages
                                if not activity.is_translated(code)]
        # One query: per language, how many active activities lack it.
        counts = Activity.objects.for_user(self.request.user).active().aggregate(
            total=Count("pk"),
            **{f"missing_{code}": Count("pk", filter=untranslated(code))
               for code, _name in self.languages},
        )
        context["total"] = counts["total"]
        context["per_language"] = [
            {"code": code, "name": name, "missing": counts[f"missing_{code}"]}
            for code, name in self.languages
        ]
        return context


class ActivityDetailView(RoleRequiredMixin, DetailView):
    allowed_roles = KAART_ROLES
    template_name = "initiatives/activity_detail.html"
    context_object_name = "activity"

    def get_queryset(self):
        return scoped_activities(self.request.user).prefetch_related(
            "themes", "languages", "target_groups", "schedules"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upcoming"] = list(
            self.object.occurrences.upcoming(timezone.localdate())
            .order_by("starts_at")[:UPCOMING_SHOWN]
        )
        # The same sentence as the infopunt's (initiatives.schedules.rule_text).
        context["schedules"] = [
            {"rule": schedule, "text": rule_text(schedule)}
            for schedule in self.object.schedules.all()
        ]
        # The infopunt languages it is translated into (one query, for their Dutch names).
        rows = {lang.code: lang for lang in Language.objects.filter(code__in=[
            code for code in TRANSLATION_LANGUAGES if self.object.is_translated(code)])}
        context["translated_into"] = [language_name(rows[code], "nl") if code in rows
                                      else code for code in TRANSLATION_LANGUAGES
                                      if self.object.is_translated(code)]
        context["presence"] = Presence.objects.for_user(self.request.user).filter(
            organisation_id=self.object.organisation_id, gemeente_id=self.object.gemeente_id
        ).first()
        return context


def _activity_form_page(request, *, activity, organisation, created: bool):
    gemeente = activity.gemeente
    if request.method == "POST":
        form = ActivityForm(request.POST, instance=activity, gemeente=gemeente)
        schedules = schedule_formset(data=request.POST, instance=activity)
        if form.is_valid() and schedules.is_valid():
            activity = activity_save(activity=activity, form=form, schedules=schedules)
            if created:
                messages.success(request, _("“%(title)s” is added. Thank you!")
                                 % {"title": activity.title})
            else:
                messages.success(request, _("The changes are saved."))
            return redirect("initiatives:activity_detail", pk=activity.pk)
        messages.error(request, _("Not saved yet: please look at the fields marked in red."))
    else:
        form = ActivityForm(instance=activity, gemeente=gemeente)
        schedules = schedule_formset(instance=activity)
    return render(request, "initiatives/activity_form.html", {
        "form": form,
        "schedules": schedules,
        "organisation": organisation,
        "activity": None if created else activity,
        "open_translations": "vertalingen" in request.GET,
    })


def _gemeente_for_new_activity(user, organisation):
    """The user's own gemeente, where the organisation must be present."""
    presence = (Presence.objects.for_user(user).filter(organisation=organisation)
                .select_related("gemeente").first())
    if presence is None:
        raise Http404
    return presence.gemeente


@role_required(*KAART_ROLES)
def activity_create(request, pk):
    organisation = get_object_or_404(Organisation.objects.for_user(request.user), pk=pk)
    activity = Activity(
        organisation=organisation,
        gemeente=_gemeente_for_new_activity(request.user, organisation),
    )
    return _activity_form_page(request, activity=activity, organisation=organisation,
                               created=True)


@role_required(*KAART_ROLES)
def activity_edit(request, pk):
    activity = get_object_or_404(scoped_activities(request.user), pk=pk)
    return _activity_form_page(request, activity=activity, organisation=activity.organisation,
                               created=False)


class ActivityDeleteView(RoleRequiredMixin, DeleteView):
    allowed_roles = KAART_ROLES
    template_name = "initiatives/activity_confirm_delete.html"
    context_object_name = "activity"

    def get_queryset(self):
        return scoped_activities(self.request.user)

    def form_valid(self, form):
        organisation_pk = self.object.organisation_id
        title = self.object.title
        self.object.delete()
        messages.success(self.request, _("“%(title)s” is deleted.") % {"title": title})
        return redirect("initiatives:organisation_detail", pk=organisation_pk)
