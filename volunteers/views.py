"""The coördinator's volunteer pool under /vrijwilligers/; the regisseur sees counts only."""
from django.contrib import messages
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from gemeenten.choices import Role
from gemeenten.permissions import RoleRequiredMixin, role_required
from initiatives.models import Organisation
from initiatives.views.organisations import sort_columns

from .filters import VolunteerFilter
from .forms import TrainingForm, TrainingSignupForm, VolunteerForm
from .models import Membership, Training, Volunteer
from .services import NotOpenToYou, TrainingFull, training_sign_up, volunteer_add


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


@role_required(Role.COORDINATOR)
def trainings(request):
    """The gemeente's shared training calendar: the own organisations' trainings and the
    open ones of others, upcoming, with seats left and a sign-up for the own volunteers."""
    from .models import TrainingSignup

    own = set(Organisation.objects.own(request.user)
              .values_list("pk", flat=True))
    rows = (Training.objects.for_user(request.user).upcoming().select_related("organisation")
            .annotate(taken=Count("signups", distinct=True))
            .prefetch_related(Prefetch(
                "signups", to_attr="own_signups",
                queryset=TrainingSignup.objects.for_user(request.user)
                .select_related("volunteer"))))
    return render(request, "volunteers/trainings.html", {
        "trainings": rows[:200], "own": own,
        "signup_form": TrainingSignupForm(user=request.user),
    })


@role_required(Role.COORDINATOR)
def training_create(request):
    form = TrainingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        training = form.save(commit=False)
        training.gemeente = request.user.gemeente
        training.save()
        messages.success(request, _("The training is on the calendar."))
        return redirect("volunteers:trainings")
    return render(request, "volunteers/training_form.html", {"form": form})


@require_POST
@role_required(Role.COORDINATOR)
def training_signup(request, pk):
    training = get_object_or_404(Training.objects.for_user(request.user), pk=pk)
    form = TrainingSignupForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose a volunteer of your pool."))
        return redirect("volunteers:trainings")
    organisations = list(Organisation.objects.own(request.user))
    try:
        training_sign_up(training=training, volunteer=form.cleaned_data["volunteer"],
                         organisations=organisations)
    except TrainingFull:
        messages.error(request, _("Every seat of this training is taken."))
    except NotOpenToYou:
        messages.error(request, _("This training is for the volunteers of its own "
                                  "organisation."))
    else:
        messages.success(request, _("%(name)s is signed up for %(training)s.")
                         % {"name": form.cleaned_data["volunteer"], "training": training})
    return redirect("volunteers:trainings")
