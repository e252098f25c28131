"""The volunteer's start page (/vrijwilligers/mijn/): their own active koppelingen with the
newcomer's goals and a check-in form each, their upcoming trainings and their tallies."""
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.permissions import role_required

from ..forms import CheckInForm
from ..models import CheckIn, Match, TrainingSignup, Volunteer
from .matches import _viewed
from .tallies import home_tallies


@role_required(Role.VOLUNTEER)
def volunteer_home(request):
    user = request.user
    volunteer = Volunteer.objects.filter(user=user).first()
    matches = list(
        Match.objects.for_user(user).filter(ended_on__isnull=True)
        .select_related("newcomer", "organisation", "referral__instemming")
        .prefetch_related("goals", Prefetch(
            "checkins", to_attr="recent_checkins",
            queryset=CheckIn.objects.order_by("-on", "-pk")[:3]))
        .order_by("starts_on", "pk"))
    today = timezone.localdate()
    for match in matches:
        match.shared = set(match.referral.instemming.shared)
        match.checkin_form = CheckInForm(initial={"on": today}, auto_id=f"id_m{match.pk}_%s")
        _viewed(match.newcomer_id, match.gemeente_id, user, f"koppeling {match.pk}")
    trainings = (TrainingSignup.objects.for_user(user)
                 .filter(training__starts_at__gte=timezone.now())
                 .select_related("training", "training__organisation")
                 .order_by("training__starts_at")[:10])
    return render(request, "volunteers/home.html", {
        "volunteer": volunteer, "matches": matches, "trainings": list(trainings),
        **home_tallies(user)})
