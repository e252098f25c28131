"""The shared training calendar: an organisation offers a training, coördinators sign their volunteers up."""
from django.contrib import messages
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gemeenten.choices import Role
from gemeenten.permissions import role_required
from initiatives.models import Organisation

from ..forms import TrainingForm, TrainingSignupForm
from ..models import Training, TrainingSignup
from ..services import NotOpenToYou, TrainingFull, training_sign_up


@role_required(Role.COORDINATOR)
def trainings(request):
    """The gemeente's shared training calendar: the own organisations' trainings and the
    open ones of others, upcoming, with seats left and a sign-up for the own volunteers."""

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
