"""Organisations on the sociale kaart: the regisseur's list, detail pages, approval, and the
coordinator's own organisation (register, edit, one-click re-confirmation)."""
from collections import OrderedDict

from django.contrib import messages
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView, UpdateView
from django_filters.views import FilterView

from gemeenten.choices import Role
from gemeenten.navigation import count_querysets
from gemeenten.permissions import (
    OrganisationStaffRequiredMixin,
    RegisseurRequiredMixin,
    RoleRequiredMixin,
    role_required,
)

from ..choices import ApprovalState
from ..filters import OrganisationFilter
from ..forms import OrganisationForm, RejectForm
from ..models import Activity, InitiativeRegistration, Occurrence, Organisation, Presence
from ..querysets import listing_ask_before, listing_stale_before
from ..rows import attach_themes, organisation_rows
from ..services import (
    organisation_register,
    organisation_save,
    presence_approve,
    presence_recipients,
    presence_reject,
)

PAGE_SIZE = 25
KAART_ROLES = (Role.REGISSEUR, Role.COORDINATOR, Role.BEGELEIDER)


def sort_columns(request, columns, param="o"):
    """Column headers that sort: [(key, label, next value, current direction)].

    `columns` are (key, label) with keys from the filter's whitelist; clicking the sorted
    column again reverses it.
    """
    current = request.GET.get(param, "")
    result = []
    for key, label in columns:
        if current == key:
            result.append({"key": key, "label": label, "next": f"-{key}", "dir": "asc"})
        elif current == f"-{key}":
            result.append({"key": key, "label": label, "next": key, "dir": "desc"})
        else:
            result.append({"key": key, "label": label, "next": key, "dir": ""})
    return result


def next_date_subquery(today=None):
    return Subquery(
        Occurrence.objects.filter(activity=OuterRef("pk"), date__gte=today or timezone.localdate())
        .order_by("date").values("date")[:1]
    )


class BuiltOnce:
    """A list's base QuerySet (scoped, annotated and ordered; never evaluated here) built
    once per process for what decides it, and cloned for each request, as a view's
    class-level `queryset` is (`.all()`). Building the scoped subqueries of a list page cost
    ~2 ms of its CPU (issue 21). The key must hold everything the QuerySet depends on (the
    user, their gemeente and role, the language modeltranslation orders in, a date); the
    gemeente scope itself is read when the SQL is compiled (gemeenten.scope). Bounded: the least recently used go."""

    size = 512

    def __init__(self):
        self._entries: OrderedDict = OrderedDict()

    def get(self, key, build):
        queryset = self._entries.get(key)
        if queryset is None:
            queryset = self._entries[key] = build()
            while len(self._entries) > self.size:
                try:
                    self._entries.popitem(last=False)
                except KeyError:  # emptied meanwhile by another thread
                    break
        return queryset.all()


def presence_of(organisation, user):
    """The organisation's presence in the user's gemeente, if it has one."""
    return Presence.objects.for_user(user).filter(organisation=organisation).first()


class OrganisationListView(RegisseurRequiredMixin, FilterView):
    filterset_class = OrganisationFilter
    template_name = "initiatives/organisation_list.html"
    paginate_by = PAGE_SIZE

    built = BuiltOnce()

    def get_queryset(self):
        user = self.request.user
        return self.built.get((user.pk, user.gemeente_id, user.role, get_language()),
                              self._build)

    def _build(self):
        user = self.request.user
        presence = Presence.objects.for_user(user).filter(organisation=OuterRef("pk"))
        activity_count = (
            Activity.objects.for_user(user).filter(organisation=OuterRef("pk"))
            .order_by().values("organisation").annotate(n=Count("pk")).values("n")
        )
        return (
            Organisation.objects.for_user(user)
            .only("name", "kind", "newcomer_led")  # what a row shows (rows.organisation_rows)
            .annotate(
                approval_state=Subquery(presence.values("approval")[:1]),
                last_confirmed=Subquery(presence.values("last_confirmed")[:1]),
                activity_count=Coalesce(
                    Subquery(activity_count, output_field=IntegerField()), Value(0)
                ),
            )
            .order_by("name")
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["user"] = self.request.user
        return kwargs

    def get_template_names(self):
        if self.request.htmx:
            return ["initiatives/partials/organisation_results.html"]
        return [self.template_name]

    def paginate_queryset(self, queryset, page_size):
        # The paginator's count and the "awaiting approval" count in one query.
        self.counts = count_querysets({
            "rows": queryset,
            "pending": Presence.objects.for_user(self.request.user).filter(
                approval=ApprovalState.PENDING),
        })
        return super().paginate_queryset(queryset, page_size)

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        paginator.__dict__["count"] = self.counts["rows"]  # Paginator.count: a cached_property
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisations = list(context["object_list"])
        attach_themes(organisations)
        context["object_list"] = context["organisation_list"] = organisations
        context["organisation_rows"] = organisation_rows(organisations)
        context["pending_count"] = self.counts["pending"]
        context["columns"] = sort_columns(self.request, [
            ("name", _("Name")),
            ("kind", _("Kind")),
            ("activities", _("Activities")),
            ("approval", _("Approval")),
            ("confirmed", _("Last confirmed")),
        ])
        return context


class OrganisationDetailView(RoleRequiredMixin, DetailView):
    allowed_roles = KAART_ROLES
    template_name = "initiatives/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        user = self.request.user
        return Organisation.objects.for_user(user).prefetch_related(
            "themes", "languages", "fundings", "staff",
            Prefetch("presences", to_attr="presences_here",
                     queryset=Presence.objects.for_user(user).select_related("gemeente")
                     .prefetch_related("wijken")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["presence"] = next(iter(self.object.presences_here), None)
        context["activities"] = (
            Activity.objects.for_user(user).filter(organisation=self.object)
            .select_related("wijk").prefetch_related("themes", "languages")
            .annotate(next_date=next_date_subquery())
            .order_by("-is_active", "title")
        )
        context["can_edit"] = user.role in KAART_ROLES
        context["is_staff_member"] = user in self.object.staff.all()
        if user.role == Role.REGISSEUR:
            # What the regisseur judges: the registration as it was filled in, and who
            # would hear of a decision.
            context["registration"] = registration_of(self.object, user)
            context["recipients"] = (presence_recipients(context["presence"])
                                     if context["presence"] else [])
        return context


def registration_of(organisation, user):
    """The confirmed self-registration that made this organisation in the user's gemeente,
    with what was ticked; None when it was added otherwise or the record is gone."""
    return (
        InitiativeRegistration.objects.for_user(user).confirmed()
        .filter(organisation=organisation)
        .prefetch_related("themes", "languages", "wijken")
        .order_by("-confirmed_at").first()
    )


def _presence_here(request, pk) -> tuple[Organisation, Presence]:
    """The organisation (scoped: another gemeente's is a 404) and its presence in the
    regisseur's gemeente, which is what approval decides on."""
    organisation = get_object_or_404(Organisation.objects.for_user(request.user), pk=pk)
    presence = get_object_or_404(
        Presence.objects.for_user(request.user), organisation=organisation
    )
    return organisation, presence


@role_required(Role.REGISSEUR)
def organisation_approve(request, pk):
    """GET shows what the information point will show and who is told; POST approves."""
    organisation, presence = _presence_here(request, pk)
    if request.method == "POST":
        if presence.approval == ApprovalState.APPROVED:
            messages.info(request, _("%(name)s was already approved.") % {"name": organisation})
        else:
            told = presence_approve(presence=presence, by=request.user)
            messages.success(request, _(
                "%(name)s is approved: it and its active activities are now on the "
                "information point.") % {"name": organisation} + " " + _told(told))
        return redirect("initiatives:organisation_detail", pk=organisation.pk)
    activities = (
        Activity.objects.for_user(request.user)
        .filter(organisation=organisation, gemeente=presence.gemeente).active()
        .select_related("wijk").annotate(next_date=next_date_subquery()).order_by("title")
    )
    return render(request, "initiatives/organisation_approve.html", {
        "organisation": organisation, "presence": presence, "activities": activities,
        "recipients": presence_recipients(presence),
        "registration": registration_of(organisation, request.user),
    })


def _told(addresses: list[str]) -> str:
    """The truth about the e-mail a decision sent."""
    if not addresses:
        return _("Nobody was told by e-mail: the organisation has no active account with an "
                 "e-mail address.")
    return _("An e-mail went to %(addresses)s.") % {"addresses": ", ".join(addresses)}


@role_required(Role.REGISSEUR)
def organisation_reject(request, pk):
    """Turn a registration down, after a confirmation page with an optional reason."""
    organisation, presence = _presence_here(request, pk)
    recipients = presence_recipients(presence)
    form = RejectForm(request.POST or None, anyone_told=bool(recipients))
    if request.method == "POST" and form.is_valid():
        if presence.approval == ApprovalState.REJECTED:
            messages.info(request, _("%(name)s was already not approved.")
                          % {"name": organisation})
        else:
            told = presence_reject(presence=presence,
                                   reason=form.cleaned_data.get("reason", ""), by=request.user)
            messages.success(request, _(
                "%(name)s is not approved. It stays off the information point.")
                % {"name": organisation} + " " + _told(told))
        return redirect("initiatives:organisation_detail", pk=organisation.pk)
    return render(request, "initiatives/organisation_reject.html", {
        "organisation": organisation, "presence": presence, "form": form,
        "recipients": recipients,
    })


@require_POST
@role_required(Role.COORDINATOR, Role.BEGELEIDER)
def organisation_confirm(request, pk):
    """"Our listing is still right": one click, no form (minimal administration)."""
    organisation = get_object_or_404(Organisation.objects.for_user(request.user), pk=pk)
    presence = get_object_or_404(
        Presence.objects.for_user(request.user), organisation=organisation
    )
    presence.confirm()
    messages.success(
        request, _("Thank you! We noted that the information of %(name)s is still right.")
        % {"name": organisation},
    )
    next_url = request.POST.get("next")
    if next_url == "my":
        return redirect("initiatives:my_organisations")
    return redirect("initiatives:organisation_detail", pk=organisation.pk)


class OrganisationRegisterView(RoleRequiredMixin, FormView):
    """A coordinator registers their organisation (pending approval); a regisseur adds one
    to the kaart directly (approved)."""

    allowed_roles = KAART_ROLES
    form_class = OrganisationForm
    template_name = "initiatives/organisation_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["gemeente"] = self.request.user.gemeente
        return kwargs

    def form_valid(self, form):
        user = self.request.user
        if user.gemeente_id is None:
            raise Http404
        by_regisseur = user.role == Role.REGISSEUR
        fields = {name: value for name, value in form.cleaned_data.items()}
        organisation = organisation_register(
            gemeente=user.gemeente,
            user=None if by_regisseur else user,
            approved=by_regisseur,
            **fields,
        )
        if by_regisseur:
            messages.success(self.request, _("%(name)s is added to the sociale kaart.")
                             % {"name": organisation})
        else:
            messages.success(
                self.request,
                _("Thank you for registering %(name)s. The municipality will check it; until "
                  "then it is not shown on the information point. You can already add your "
                  "activities.") % {"name": organisation},
            )
        return redirect("initiatives:organisation_detail", pk=organisation.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["registering"] = True
        return context


class OrganisationEditView(RoleRequiredMixin, UpdateView):
    allowed_roles = KAART_ROLES
    form_class = OrganisationForm
    template_name = "initiatives/organisation_form.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.for_user(self.request.user)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.presence = presence_of(self.object, self.request.user)
        if self.presence is not None:
            kwargs["gemeente"] = self.presence.gemeente
            kwargs["presence"] = self.presence
        kwargs["shared_fields_locked"] = not self.object.shared_fields_editable_by(
            self.request.user)
        return kwargs

    def form_valid(self, form):
        organisation_save(
            form=form, presence=self.presence, wijken=form.cleaned_data.get("wijken")
        )
        messages.success(self.request, _("The changes are saved."))
        return redirect("initiatives:organisation_detail", pk=self.object.pk)


class MyOrganisationsView(OrganisationStaffRequiredMixin, ListView):
    """The coordinator's start page: their organisation(s), approval, last confirmed,
    and their activities with the next date."""

    template_name = "initiatives/my_organisations.html"
    context_object_name = "organisations"

    def get_queryset(self):
        user = self.request.user
        activities = (
            Activity.objects.select_related("wijk")
            .annotate(next_date=next_date_subquery()).order_by("-is_active", "title")
        )
        return (
            Organisation.objects.for_user(user)
            .prefetch_related(
                Prefetch("activities", queryset=activities),
                Prefetch("presences", to_attr="presences_here",
                         queryset=Presence.objects.for_user(user).select_related("gemeente")),
            )
            .order_by("name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for organisation in context["organisations"]:
            organisation.my_presence = presence = next(iter(organisation.presences_here), None)
            confirmed = presence and presence.last_confirmed
            # The gemeente's settings (listing_ask_months, listing_stale_months): the same
            # moments the e-mail asks and the infopunt says "may be out of date".
            organisation.confirm_due = presence is not None and (
                not confirmed or confirmed < listing_ask_before(presence.gemeente, today))
            organisation.listing_stale = bool(confirmed) and confirmed < listing_stale_before(
                presence.gemeente, today)
        context["register_url"] = reverse("initiatives:organisation_register")
        return context
