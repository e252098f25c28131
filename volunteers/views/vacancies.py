"""Vacancies under /vrijwilligers/vacatures/ (the coördinator writes, the regisseur reads
their gemeente's), the sign-ups from the infopunt under /vrijwilligers/aanmeldingen/ (accept
or decline), and inviting a volunteer of the pool to an account."""
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from gemeenten.choices import Role
from gemeenten.permissions import RoleRequiredMixin, role_required
from initiatives.accounts.services import InvitationError
from initiatives.models import Organisation
from initiatives.views.organisations import sort_columns

from ..choices import ApplicationState
from ..filters import ApplicationFilter, VacancyFilter
from ..forms import ApplicationAcceptForm, ApplicationDeclineForm, VacancyForm
from ..models import Vacancy, Volunteer, VolunteerApplication
from ..services import (
    vacancy_save,
    volunteer_application_accept,
    volunteer_application_decline,
    volunteer_invite,
)


class VacancyListView(RoleRequiredMixin, FilterView):
    allowed_roles = (Role.COORDINATOR, Role.REGISSEUR)
    filterset_class = VacancyFilter
    template_name = "volunteers/vacancies.html"
    paginate_by = 25

    def get_queryset(self):
        pending = Q(applications__state=ApplicationState.PENDING)
        return (Vacancy.objects.for_user(self.request.user)
                .select_related("organisation", "theme", "wijk")
                .prefetch_related("languages")
                .annotate(pending=Count("applications", filter=pending))
                .order_by("-is_open", "-created_at", "pk"))

    def get_filterset_kwargs(self, filterset_class):
        return super().get_filterset_kwargs(filterset_class) | {"user": self.request.user}

    def get_template_names(self):
        if self.request.htmx:
            return ["volunteers/partials/vacancy_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = sort_columns(self.request, [
            ("title", _("Title")), ("starts", _("Period"))])
        context["can_write"] = self.request.user.role == Role.COORDINATOR
        return context


@role_required(Role.COORDINATOR)
def vacancy_create(request):
    return _vacancy_form(request, None)


@role_required(Role.COORDINATOR)
def vacancy_edit(request, pk):
    vacancy = get_object_or_404(Vacancy.objects.for_user(request.user), pk=pk)
    return _vacancy_form(request, vacancy)


def _vacancy_form(request, vacancy):
    form = VacancyForm(request.POST or None, instance=vacancy, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = vacancy_save(form=form, gemeente=request.user.gemeente)
        messages.success(request, _("The vacancy %(title)s is saved.") % {"title": saved.title})
        return redirect("volunteers:vacancies")
    return render(request, "volunteers/vacancy_form.html", {"form": form, "vacancy": vacancy})


@role_required(Role.COORDINATOR)
def vacancy_close(request, pk):
    """GET asks to confirm; POST closes it for new sign-ups (the infopunt stops showing it)."""
    vacancy = get_object_or_404(Vacancy.objects.for_user(request.user), pk=pk)
    if request.method == "POST":
        if vacancy.close():
            messages.success(request, _("The vacancy %(title)s is closed.")
                             % {"title": vacancy.title})
        else:
            messages.info(request, _("This vacancy was closed already."))
        return redirect("volunteers:vacancies")
    return render(request, "volunteers/vacancy_confirm_close.html", {"vacancy": vacancy})


class ApplicationListView(RoleRequiredMixin, FilterView):
    allowed_roles = (Role.COORDINATOR,)
    filterset_class = ApplicationFilter
    template_name = "volunteers/applications.html"
    paginate_by = 25

    def get_queryset(self):
        return (VolunteerApplication.objects.for_user(self.request.user)
                .select_related("organisation", "vacancy", "wijk")
                .order_by("-created_at", "pk"))

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class) | {"user": self.request.user}
        if not self.request.GET:
            kwargs["data"] = {"state": ApplicationState.PENDING}
        return kwargs

    def get_template_names(self):
        if self.request.htmx:
            return ["volunteers/partials/application_results.html"]
        return [self.template_name]


def _application(request, pk):
    return get_object_or_404(
        VolunteerApplication.objects.for_user(request.user).select_related(
            "organisation", "vacancy", "wijk", "volunteer"), pk=pk)


@role_required(Role.COORDINATOR)
def application_detail(request, pk):
    application = _application(request, pk)
    return render(request, "volunteers/application_detail.html", {
        "application": application,
        "languages": application.languages.order_by("name_nl"),
        "interests": application.interests.order_by("name"),
        "accept_form": ApplicationAcceptForm(), "decline_form": ApplicationDeclineForm()})


@require_POST
@role_required(Role.COORDINATOR)
def application_accept(request, pk):
    application = _application(request, pk)
    form = ApplicationAcceptForm(request.POST)
    if not form.is_valid() or application.state != ApplicationState.PENDING:
        messages.info(request, _("This sign-up was handled already."))
        return redirect("volunteers:application_detail", pk=application.pk)
    application = volunteer_application_accept(
        application=application, by=request.user, kind=form.cleaned_data["kind"],
        base_url=request.build_absolute_uri("/"))
    names = {"name": application, "organisation": application.organisation}
    if application.volunteer and application.volunteer.invitations.exists():
        messages.success(request, _("%(name)s is in the pool of %(organisation)s. They receive "
                                    "an e-mail to make an account.") % names)
    else:
        messages.success(request, _("%(name)s is in the pool of %(organisation)s.") % names)
    return redirect("volunteers:applications")


@require_POST
@role_required(Role.COORDINATOR)
def application_decline(request, pk):
    application = _application(request, pk)
    form = ApplicationDeclineForm(request.POST)
    if not form.is_valid():
        return render(request, "volunteers/application_detail.html", {
            "application": application, "accept_form": ApplicationAcceptForm(),
            "languages": application.languages.order_by("name_nl"),
            "interests": application.interests.order_by("name"),
            "decline_form": form}, status=200)
    if application.state != ApplicationState.PENDING:
        messages.info(request, _("This sign-up was handled already."))
    else:
        volunteer_application_decline(application=application, by=request.user,
                                      reason=form.cleaned_data["reason"])
        messages.success(request, _("The sign-up of %(name)s is declined.")
                         % {"name": application})
    return redirect("volunteers:applications")


@role_required(Role.COORDINATOR)
def volunteer_invite_view(request, pk):
    """GET asks to confirm; POST sends the invitation to an account (role volunteer)."""
    volunteer = get_object_or_404(
        Volunteer.objects.for_user(request.user).filter(anonymised_at__isnull=True), pk=pk)
    organisation = Organisation.objects.own(request.user).filter(
        memberships__volunteer=volunteer).first()
    if request.method == "POST":
        try:
            volunteer_invite(volunteer=volunteer, organisation=organisation, by=request.user,
                             base_url=request.build_absolute_uri("/"))
        except InvitationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The invitation to %(name)s is on its way.")
                             % {"name": volunteer})
        return redirect("volunteers:pool")
    return render(request, "volunteers/volunteer_confirm_invite.html",
                  {"volunteer": volunteer, "organisation": organisation})
