"""The coördinator's volunteer pool under /vrijwilligers/; the regisseur sees counts only."""
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_filters.views import FilterView

from gemeenten.choices import Role
from gemeenten.permissions import RoleRequiredMixin, role_required
from initiatives.models import Organisation
from initiatives.views.organisations import sort_columns

from ..filters import VolunteerFilter
from ..forms import VolunteerForm
from ..models import Membership, Volunteer
from ..services import volunteer_add


class PoolView(RoleRequiredMixin, FilterView):
    allowed_roles = (Role.COORDINATOR,)
    filterset_class = VolunteerFilter
    template_name = "volunteers/pool.html"
    paginate_by = 25

    def get_queryset(self):
        user = self.request.user
        return (Volunteer.objects.for_user(user).filter(anonymised_at__isnull=True)
                .select_related("wijk")
                .prefetch_related("languages__language", "interests")
                .order_by("surname", "first_name", "pk"))

    def get_filterset_kwargs(self, filterset_class):
        return super().get_filterset_kwargs(filterset_class) | {"user": self.request.user}

    def get_template_names(self):
        if self.request.htmx:
            return ["volunteers/partials/pool_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = sort_columns(self.request, [("name", _("Name"))])
        return context


@role_required(Role.COORDINATOR)
def volunteer_create(request):
    form = VolunteerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        volunteer = volunteer_add(
            form=form, organisation=data["organisation"], gemeente=request.user.gemeente,
            kind=data["kind"], languages=[(lang, data["level"]) for lang in data["spoken"]])
        messages.success(request, _("%(name)s is in the pool of %(organisation)s.")
                         % {"name": volunteer, "organisation": data["organisation"]})
        return redirect("volunteers:pool")
    return render(request, "volunteers/volunteer_form.html", {"form": form})


@role_required(Role.REGISSEUR)
def counts(request):
    """Active volunteers per organisation and per wijk: counts, never names."""
    active = Membership.objects.for_user(request.user).active()
    per_organisation = (Organisation.objects.for_user(request.user)
                        .filter(memberships__in=active)
                        .annotate(n=Count("memberships__volunteer", distinct=True))
                        .order_by("-n", "name").values("name", "n"))
    per_wijk = (active.values("volunteer__wijk__name")
                .annotate(n=Count("volunteer", distinct=True)).order_by("-n"))
    return render(request, "volunteers/counts.html", {
        "per_organisation": list(per_organisation), "per_wijk": list(per_wijk)})


