"""The coördinator's retention view: volunteers active per month, how long they stay,
koppelingen that ended early, and who may need a call."""
from django.shortcuts import render
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.permissions import role_required
from initiatives.models import Organisation

from ..models import Membership
from ..services.retention import (
    QUIET_DAYS,
    average_durations,
    early_endings,
    monthly_figures,
    needing_support,
)

SUPPORT_SHOWN = 50
DAYS_PER_MONTH = 30.44


@role_required(Role.COORDINATOR)
def retention(request):
    today = timezone.localdate()
    organisations = Organisation.objects.own(request.user)
    memberships = Membership.objects.for_user(request.user)
    months = monthly_figures(memberships, today)
    durations = {key: None if days is None else
                 {"days": days, "months": round(days / DAYS_PER_MONTH, 1)}
                 for key, days in average_durations(memberships, today).items()}
    support = list(needing_support(organisations, today)[:SUPPORT_SHOWN + 1])
    peak = max([m.active for m in months] + [1])
    return render(request, "volunteers/retention.html", {
        "months": months, "peak": peak, "durations": durations,
        "support": support[:SUPPORT_SHOWN], "support_more": len(support) > SUPPORT_SHOWN,
        "quiet_months": round(QUIET_DAYS / DAYS_PER_MONTH),
        "early_endings": early_endings(organisations),
    })
