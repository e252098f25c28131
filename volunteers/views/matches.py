"""Koppelingen under /vrijwilligers/koppelingen/: the receiving coördinator picks a suggested
volunteer for an accepted aanmelding and follows the koppeling; the volunteer logs check-ins
and looks at the goals with the newcomer; the newcomer's begeleider reads the goals. Scoping
is the access check: another organisation's koppeling, another volunteer's, a newcomer of
another organisation, a withdrawn instemming: a 404."""
from django.contrib import messages
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from gemeenten.audit import Action, Purpose, audit_record
from gemeenten.choices import Role
from gemeenten.permissions import RoleRequiredMixin, role_required
from initiatives.views.organisations import sort_columns
from statushouders.models import Newcomer, Referral

from ..filters import MatchFilter
from ..forms import CheckInForm, GoalEvaluateForm, GoalForm, MatchEndForm, MatchStartForm
from ..models import MAX_GOALS, CheckIn, Match, MatchGoal
from ..services import (
    MatchRefused,
    checkin_handled,
    checkin_record,
    goal_add,
    goal_evaluate,
    match_end,
    match_start,
)
from ..services.matches import MATCHABLE_STATES, SUBJECT, planned_end_for
from ..services.matching import pool, suggest, warnings_for_choice

MATCH_ROLES = (Role.COORDINATOR, Role.VOLUNTEER, Role.BEGELEIDER)


def _viewed(match_or_newcomer_id, gemeente_id, user, detail):
    audit_record(gemeente=gemeente_id, actor=user, action=Action.VIEW, purpose=Purpose.REFERRAL,
                 subject_type=SUBJECT, subject_id=match_or_newcomer_id, detail=detail)


class MatchListView(RoleRequiredMixin, FilterView):
    """The organisation's koppelingen; active ones by default."""

    allowed_roles = (Role.COORDINATOR,)
    filterset_class = MatchFilter
    template_name = "volunteers/match_list.html"
    paginate_by = 25

    def get_queryset(self):
        return (Match.objects.for_user(self.request.user)
                .select_related("volunteer", "newcomer", "organisation", "referral__instemming")
                .annotate(checkins_n=Count("checkins"), last_checkin=Max("checkins__on"),
                          attention=Count("checkins", filter=Q(
                              checkins__needs_attention=True,
                              checkins__attention_handled_at__isnull=True)))
                .order_by("-starts_on", "-pk"))

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if "state" not in self.request.GET:
            data = self.request.GET.copy()
            data["state"] = "active"
            kwargs["data"] = data
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = sort_columns(self.request, [
            ("start", _("Start")), ("end", _("Planned end")), ("volunteer", _("Volunteer"))])
        return context


def _aanmelding(request, pk) -> Referral:
    return get_object_or_404(
        Referral.objects.for_user(request.user).received_by(request.user).select_related(
            "newcomer", "newcomer__wijk", "need", "instemming", "to_organisation"), pk=pk)


@role_required(Role.COORDINATOR)
def match_new(request, pk):
    """The suggestions for an accepted aanmelding; with ?vrijwilliger=<id> the start form for
    that volunteer: goals, dates, and a confirmation when there are warnings."""
    referral = _aanmelding(request, pk)
    active = Match.objects.filter(referral=referral, ended_on__isnull=True).first()
    if active is not None:
        messages.info(request, _("This aanmelding already has a koppeling."))
        return redirect("volunteers:match_detail", pk=active.pk)
    if referral.state not in MATCHABLE_STATES:
        messages.error(request, _("Accept the aanmelding first; then you can choose a "
                                  "volunteer."))
        return redirect("statushouders:aanmelding_detail", pk=referral.pk)
    shared = set(referral.instemming.shared)
    chosen = request.GET.get("vrijwilliger", "")
    # Both pages show what the instemming shares of the person: each showing is one view.
    if not chosen:
        _viewed(referral.newcomer_id, referral.gemeente_id, request.user,
                f"aanmelding {referral.pk}: suggestions")
        return render(request, "volunteers/match_suggestions.html", {
            "referral": referral, "shared": shared, "suggestions": suggest(referral)})
    if not chosen.isdigit():
        raise Http404
    volunteer = get_object_or_404(pool(referral.to_organisation_id), pk=int(chosen))
    today = timezone.localdate()
    one_on_one = "one_on_one" in request.POST if request.method == "POST" else True
    warnings = warnings_for_choice(referral, volunteer, one_on_one=one_on_one)
    form = MatchStartForm(request.POST or None, warnings=warnings, initial={
        "starts_on": today, "one_on_one": True,
        "planned_end": planned_end_for(request.user.gemeente, today)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            match, created = match_start(
                referral=referral, volunteer=volunteer, by=request.user,
                starts_on=data["starts_on"], planned_end=data["planned_end"],
                one_on_one=data["one_on_one"], goals=form.goals)
        except MatchRefused as refused:
            form.add_error(None, refused.message)
        else:
            if created:
                messages.success(request, _("The koppeling with %(name)s has started.")
                                 % {"name": volunteer.first_name})
            else:
                messages.info(request, _("This aanmelding already had a koppeling."))
            return redirect("volunteers:match_detail", pk=match.pk)
    _viewed(referral.newcomer_id, referral.gemeente_id, request.user,
            f"aanmelding {referral.pk}: start")
    return render(request, "volunteers/match_start.html", {
        "referral": referral, "shared": shared, "volunteer": volunteer, "form": form,
        "warnings": warnings})


def _match(request, pk) -> Match:
    return get_object_or_404(
        Match.objects.for_user(request.user).select_related(
            "volunteer", "newcomer", "newcomer__wijk", "organisation", "referral__instemming"),
        pk=pk)


def _detail_context(request, match, **forms) -> dict:
    role = request.user.role
    goals = list(match.goals.all())
    can_edit_goals = role in (Role.COORDINATOR, Role.VOLUNTEER)
    context = {
        "match": match, "goals": goals, "role": role,
        "shared": {"first_name"} if role == Role.BEGELEIDER else set(
            match.referral.instemming.shared),
        # The begeleider reads the goals; the volunteer's notes stay with the organisation.
        "checkins": [] if role == Role.BEGELEIDER else list(match.checkins.all()[:50]),
        "can_edit_goals": can_edit_goals,
        "goal_form": forms.get("goal_form") or GoalForm()
        if can_edit_goals and len(goals) < MAX_GOALS else None,
        "evaluate_form": forms.get("evaluate_form") or GoalEvaluateForm(),
        "end_form": forms.get("end_form") or MatchEndForm(initial={
            "ended_on": timezone.localdate()})
        if role == Role.COORDINATOR and match.is_active else None,
        "checkin_form": forms.get("checkin_form") or CheckInForm(initial={
            "on": timezone.localdate()})
        if role == Role.VOLUNTEER and match.is_active else None,
    }
    return context


def _render_detail(request, context: dict):
    """The koppeling's page, also again with a form's errors: each showing is one view."""
    match = context["match"]
    _viewed(match.newcomer_id, match.gemeente_id, request.user, f"koppeling {match.pk}")
    return render(request, "volunteers/match_detail.html", context)


@role_required(*MATCH_ROLES)
def match_detail(request, pk):
    match = _match(request, pk)
    return _render_detail(request, _detail_context(request, match))


@require_POST
@role_required(Role.COORDINATOR)
def match_end_view(request, pk):
    match = _match(request, pk)
    form = MatchEndForm(request.POST, match=match)
    if not form.is_valid():
        return _render_detail(request, _detail_context(request, match, end_form=form))
    try:
        match_end(match=match, by=request.user, ended_on=form.cleaned_data["ended_on"],
                  reason=form.cleaned_data["reason"], note=form.cleaned_data["note"])
    except MatchRefused as refused:
        form.add_error(None, refused.message)
        return _render_detail(request, _detail_context(request, match, end_form=form))
    messages.success(request, _("The koppeling has ended."))
    return redirect("volunteers:match_detail", pk=match.pk)


@require_POST
@role_required(Role.COORDINATOR, Role.VOLUNTEER)
def goal_add_view(request, pk):
    match = _match(request, pk)
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            goal_add(match=match, by=request.user, text=form.cleaned_data["text"])
        except MatchRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The goal is added."))
            return redirect("volunteers:match_detail", pk=match.pk)
    return _render_detail(request, _detail_context(request, match, goal_form=form))


@require_POST
@role_required(Role.COORDINATOR, Role.VOLUNTEER)
def goal_evaluate_view(request, pk):
    goal = get_object_or_404(MatchGoal.objects.for_user(request.user).select_related("match"),
                             pk=pk)
    match = _match(request, goal.match_id)
    form = GoalEvaluateForm(request.POST)
    if not form.is_valid():
        form.goal_id = goal.pk
        return _render_detail(request, _detail_context(request, match, evaluate_form=form))
    goal_evaluate(goal=goal, by=request.user, moment=form.cleaned_data["moment"],
                  result=form.cleaned_data["result"], words=form.cleaned_data["words"])
    messages.success(request, _("The evaluation of the goal is saved."))
    return redirect("volunteers:match_detail", pk=match.pk)


@require_POST
@role_required(Role.VOLUNTEER)
def checkin_create(request, pk):
    match = _match(request, pk)
    if not match.is_active:
        raise Http404
    form = CheckInForm(request.POST, match=match)
    back = "mijn" if request.POST.get("terug") == "mijn" else ""
    if not form.is_valid():
        # The form again with its errors, still leading back to the volunteer's own page
        # once it is saved (from /mijn/ the volunteer ended on the koppeling's page).
        return _render_detail(request, {**_detail_context(request, match, checkin_form=form),
                                        "checkin_back": back})
    data = form.cleaned_data
    checkin_record(match=match, by=request.user, on=data["on"], text=data["text"],
                   needs_attention=data["needs_attention"])
    messages.success(request, _("Thank you, your check-in is saved."))
    if back:
        return redirect("volunteers:home")
    return redirect("volunteers:match_detail", pk=match.pk)


@require_POST
@role_required(Role.COORDINATOR)
def checkin_handled_view(request, pk):
    checkin = get_object_or_404(CheckIn.objects.for_user(request.user), pk=pk)
    checkin_handled(checkin=checkin, by=request.user)
    messages.success(request, _("Marked as handled."))
    return redirect("volunteers:match_detail", pk=checkin.match_id)


@role_required(Role.BEGELEIDER)
def newcomer_matches(request, pk):
    """The begeleider's view of their person's koppelingen: who, since when, the goals."""
    newcomer = get_object_or_404(
        Newcomer.objects.for_user(request.user).filter(anonymised_at__isnull=True), pk=pk)
    matches = list(Match.objects.for_user(request.user).filter(newcomer=newcomer)
                   .select_related("volunteer", "organisation").prefetch_related("goals")
                   .order_by("ended_on", "-starts_on"))
    _viewed(newcomer.pk, newcomer.gemeente_id, request.user, "koppelingen")
    return render(request, "volunteers/newcomer_matches.html",
                  {"newcomer": newcomer, "matches": matches})
