"""The referral network at /regie/netwerk/: organisations × organisations, counts and
acceptance rates, and the islands; a period filter (months, both included)."""
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.permissions import role_required

from ..forms import PeriodForm
from ..network import referral_network

PAIRS_PER_PAGE = 50


def _period(form: PeriodForm, today: date) -> tuple[date, date]:
    """The chosen months, or the last 12 months up to today."""
    start = today.replace(day=1) - relativedelta(months=11)
    end = today
    if form.is_valid():
        if form.cleaned_data.get("start"):
            start = date(*form.cleaned_data["start"], 1)
        if form.cleaned_data.get("end"):
            year, month = form.cleaned_data["end"]
            end = date(year, month, 1) + relativedelta(months=1) - timedelta(days=1)
    return start, end


@role_required(Role.REGISSEUR)
def network(request):
    form = PeriodForm(request.GET or None)
    start, end = _period(form, timezone.localdate())
    result = referral_network(request.user, start=start, end=end)
    page = Paginator(result.pairs, PAIRS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "regie/network.html", {
        "form": form, "network": result, "page_obj": page, "paginator": page.paginator,
        "matrix_nodes": result.matrix_nodes, "matrix": result.matrix,
    })
