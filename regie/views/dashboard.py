"""The regisseur's start page at /regie/ and the counts per organisation behind its figures
about people (/regie/begeleiding/): numbers only, no names or case references."""
from datetime import timedelta

from django.db.models import Count, Exists, Q
from django.shortcuts import render
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.models import gemeente_setting
from gemeenten.permissions import role_required
from initiatives.models import Organisation
from statushouders.flags import warm_handover
from statushouders.models import Begeleiding

from ..capacity import capacity_by_month
from ..dashboard import DashboardContext, dashboard_figures, handovers_due


@role_required(Role.REGISSEUR)
def dashboard(request):
    today = timezone.localdate()
    user = request.user
    ctx = DashboardContext(user=user, gemeente=user.gemeente, today=today)
    return render(request, "regie/dashboard.html", {
        "sections": dashboard_figures(ctx),
        "capacity": capacity_by_month(user, gemeente_id=user.gemeente_id, today=today),
        "today": today,
    })


@role_required(Role.REGISSEUR)
def begeleiding_counts(request):
    """Per organisation: people in begeleiding, its capacity, begeleidingen ending within the
    handover period and how many of them have a warm handover. Two queries."""
    user, today = request.user, timezone.localdate()
    days = gemeente_setting(user.gemeente, "handover_due_days")
    due = handovers_due(user, user.gemeente, today).values("pk")
    rows = (Begeleiding.objects.for_user(user)
            .filter(actual_end__isnull=True, start__lte=today,
                    newcomer__anonymised_at__isnull=True)
            .order_by().values("organisation_id")
            .annotate(people=Count("newcomer", distinct=True),
                      due=Count("pk", filter=Q(pk__in=due)),
                      arranged=Count("pk", filter=Q(pk__in=due.filter(Exists(warm_handover()))))))
    counts = {row["organisation_id"]: row for row in rows}
    organisations = (Organisation.objects.for_user(user)
                     .filter(Q(pk__in=list(counts)) | Q(begeleiding_capacity__isnull=False))
                     .order_by("name").values("pk", "name", "begeleiding_capacity"))
    table, totals = [], {"people": 0, "capacity": 0, "due": 0, "arranged": 0}
    for organisation in organisations:
        row = counts.get(organisation["pk"], {"people": 0, "due": 0, "arranged": 0})
        capacity = organisation["begeleiding_capacity"]
        table.append({**row, "name": organisation["name"], "capacity": capacity,
                      "free": None if capacity is None else capacity - row["people"]})
        for key in ("people", "due", "arranged"):
            totals[key] += row[key]
        totals["capacity"] += capacity or 0
    return render(request, "regie/begeleiding.html", {
        "rows": table, "totals": totals, "days": days,
        "until": today + timedelta(days=days)})
