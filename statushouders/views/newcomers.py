"""Newcomers: the begeleider registers and updates the people of their own organisation;
the regisseur sees case references and opens a person's details only with a reason. Every
view and change of a person's data writes an audit event (services)."""
from django.contrib import messages
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView
from django_filters.views import FilterView

from gemeenten.audit import Purpose
from gemeenten.choices import Role
from gemeenten.permissions import RoleRequiredMixin, role_required
from initiatives.models import Organisation
from initiatives.views.organisations import sort_columns

from ..filters import NewcomerFilter
from ..forms import BegeleidingForm, NewcomerForm, OpenDetailsForm
from ..models import Begeleiding, Newcomer, Referral
from ..services import (
    DuplicateRegistratienummer,
    begeleiding_save,
    newcomer_register,
    newcomer_update,
    newcomer_viewed,
)

PAGE_SIZE = 25
DUPLICATE = gettext_lazy("Your organisation already registered someone with this number.")


def _open_begeleiding(user):
    return Begeleiding.objects.for_user(user).open().filter(newcomer=OuterRef("pk"))


class NewcomerListView(RoleRequiredMixin, FilterView):
    allowed_roles = (Role.BEGELEIDER, Role.REGISSEUR)
    filterset_class = NewcomerFilter
    template_name = "statushouders/newcomer_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        user = self.request.user
        open_begeleiding = _open_begeleiding(user)
        return (
            Newcomer.objects.for_user(user).filter(anonymised_at__isnull=True)
            .select_related("organisation", "wijk")
            .annotate(open_begeleiding=Exists(open_begeleiding),
                      planned_end=Subquery(open_begeleiding.order_by("planned_end")
                                           .values("planned_end")[:1]))
            .order_by(*(("organisation__name", "registratienummer")
                        if user.role == Role.REGISSEUR else ("surname", "first_name")), "pk")
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["user"] = self.request.user
        return kwargs

    def get_template_names(self):
        if self.request.htmx:
            return ["statushouders/partials/newcomer_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        regisseur = self.request.user.role == Role.REGISSEUR
        context["regisseur"] = regisseur
        columns = [("number", _("Registration number")), ("planned_end", _("Planned end"))]
        if not regisseur:
            columns.insert(0, ("name", _("Name")))
        context["columns"] = sort_columns(self.request, columns)
        context["can_register"] = not regisseur and bool(_own_organisations(self.request.user))
        return context


def _own_organisations(user):
    return list(Organisation.objects.own(user))


def _organisation_for(request) -> Organisation:
    """The begeleider's organisation to register for: the one they chose, else their only."""
    organisations = _own_organisations(request.user)
    chosen = request.POST.get("organisation") or request.GET.get("organisation")
    for organisation in organisations:
        if str(organisation.pk) == chosen or (not chosen and len(organisations) == 1):
            return organisation
    if not organisations:
        raise Http404
    return organisations[0]


@role_required(Role.BEGELEIDER)
def newcomer_create(request):
    organisation = _organisation_for(request)
    gemeente = request.user.gemeente
    data = request.POST or None
    form = NewcomerForm(data, gemeente=gemeente)
    begeleiding_form = BegeleidingForm(data, organisation=organisation, starting=True,
                                       prefix="begeleiding")
    if request.method == "POST" and form.is_valid() and begeleiding_form.is_valid():
        try:
            newcomer = newcomer_register(
                form=form, organisation=organisation, gemeente=gemeente, by=request.user,
                begeleiding=begeleiding_form.cleaned_data,
            )
        except DuplicateRegistratienummer:
            form.add_error("registratienummer", DUPLICATE)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": newcomer.full_name})
            return redirect("statushouders:newcomer_detail", pk=newcomer.pk)
    return render(request, "statushouders/newcomer_form.html", {
        "form": form, "begeleiding_form": begeleiding_form, "organisation": organisation,
        "organisations": _own_organisations(request.user), "creating": True,
    })


def _own_newcomer(request, pk) -> Newcomer:
    """A person of the begeleider's own organisation; anyone else's is a 404."""
    return get_object_or_404(
        Newcomer.objects.for_user(request.user).filter(anonymised_at__isnull=True)
        .select_related("organisation", "wijk"), pk=pk)


class NewcomerDetailView(RoleRequiredMixin, DetailView):
    allowed_roles = (Role.BEGELEIDER,)
    template_name = "statushouders/newcomer_detail.html"
    context_object_name = "newcomer"

    def get_object(self, queryset=None):
        newcomer = _own_newcomer(self.request, self.kwargs["pk"])
        newcomer_viewed(newcomer=newcomer, by=self.request.user, purpose=Purpose.BEGELEIDING)
        return newcomer

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | _details(self.object, self.request.user)


def _details(newcomer, user) -> dict:
    return {
        "languages": list(newcomer.languages.all()),
        "needs": list(newcomer.needs.all()),
        "begeleidingen": list(Begeleiding.objects.for_user(user).filter(newcomer=newcomer)
                              .select_related("organisation", "caseworker")),
        "referrals": list(Referral.objects.for_user(user).filter(newcomer=newcomer)
                          .select_related("to_organisation", "to_activity", "need")),
    }


@role_required(Role.BEGELEIDER)
def newcomer_edit(request, pk):
    newcomer = _own_newcomer(request, pk)
    form = NewcomerForm(request.POST or None, instance=newcomer, gemeente=request.user.gemeente)
    if request.method == "POST" and form.is_valid():
        try:
            newcomer_update(form=form, by=request.user)
        except DuplicateRegistratienummer:
            form.add_error("registratienummer", DUPLICATE)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("statushouders:newcomer_detail", pk=newcomer.pk)
    # The form shows the person's data: each showing is one view (a save is one change).
    newcomer_viewed(newcomer=newcomer, by=request.user, purpose=Purpose.BEGELEIDING,
                    reason="edit form")
    return render(request, "statushouders/newcomer_form.html",
                  {"form": form, "newcomer": newcomer})


@role_required(Role.BEGELEIDER)
def begeleiding_edit(request, pk):
    begeleiding = get_object_or_404(
        Begeleiding.objects.for_user(request.user).filter(newcomer__anonymised_at__isnull=True)
        .select_related("newcomer", "organisation"), pk=pk)
    form = BegeleidingForm(request.POST or None, instance=begeleiding,
                           organisation=begeleiding.organisation)
    if request.method == "POST" and form.is_valid():
        begeleiding_save(form=form, by=request.user)
        messages.success(request, _("The changes are saved."))
        return redirect("statushouders:newcomer_detail", pk=begeleiding.newcomer_id)
    newcomer_viewed(newcomer=begeleiding.newcomer, by=request.user,
                    purpose=Purpose.BEGELEIDING, reason="begeleiding form")
    return render(request, "statushouders/begeleiding_form.html",
                  {"form": form, "begeleiding": begeleiding, "newcomer": begeleiding.newcomer})


@role_required(Role.REGISSEUR)
def newcomer_open(request, pk):
    """The regisseur sees a person's details only after giving a reason; the details are
    the answer to that POST, so no link or reload shows them without one."""
    newcomer = _own_newcomer(request, pk)
    form = OpenDetailsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        newcomer_viewed(newcomer=newcomer, by=request.user,
                        purpose=form.cleaned_data["purpose"], reason=form.cleaned_data["reason"])
        return render(request, "statushouders/newcomer_detail.html",
                      {"newcomer": newcomer, "opened_by_regisseur": True,
                       **_details(newcomer, request.user)})
    return render(request, "statushouders/newcomer_open.html",
                  {"form": form, "newcomer": newcomer})
