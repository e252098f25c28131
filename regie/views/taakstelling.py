"""Taakstelling and expected arrivals at /regie/taakstelling/: the regisseur records the
half-year taakstelling and the arrivals expected per month (anonymous figures), sees them
against begeleiding and offer capacity, and changes or deletes a row (after confirming)."""
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeenten.choices import Role
from gemeenten.permissions import role_required

from ..capacity import capacity_by_month
from ..forms import ExpectedArrivalForm, TaakstellingForm
from ..models import ExpectedArrival, Taakstelling

CAPACITY_MONTHS = 12
KINDS = {"halfjaar": (Taakstelling, TaakstellingForm), "aankomst": (ExpectedArrival,
                                                                     ExpectedArrivalForm)}


def _save(request, form) -> bool:
    """Save the form's row for the user's gemeente; a row made meanwhile for the same period
    (the unique constraint) becomes the form's error instead of a 500."""
    row = form.save(commit=False)
    row.gemeente = request.user.gemeente
    row.changed_by, row.changed_at = request.user, timezone.now()
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        form.add_error(None, _("Somebody recorded this period meanwhile: change that row "
                               "instead."))
        return False
    return True


def _half_years(user):
    """Each recorded half year with the arrivals recorded in its months."""
    rows = list(Taakstelling.objects.for_user(user).order_by("-year", "-half"))
    arrivals = {}
    for month, number in ExpectedArrival.objects.for_user(user).values_list("month", "number"):
        key = (month.year, 1 if month.month <= 6 else 2)
        arrivals[key] = arrivals.get(key, 0) + number
    for row in rows:
        row.arrivals = arrivals.get((row.year, row.half), 0)
        row.unplanned = row.number - row.arrivals
    return rows


@role_required(Role.REGISSEUR)
def taakstelling(request):
    user, gemeente = request.user, request.user.gemeente
    which = request.POST.get("form") if request.method == "POST" else None
    taak_form = TaakstellingForm(request.POST if which == "halfjaar" else None,
                                 prefix="halfjaar", gemeente=gemeente)
    arrival_form = ExpectedArrivalForm(request.POST if which == "aankomst" else None,
                                       prefix="aankomst", gemeente=gemeente)
    form = {"halfjaar": taak_form, "aankomst": arrival_form}.get(which)
    if form is not None and form.is_valid() and _save(request, form):
        messages.success(request, _("Saved."))
        return redirect("regie:taakstelling")
    today = timezone.localdate()
    return render(request, "regie/taakstelling.html", {
        "taak_form": taak_form, "arrival_form": arrival_form,
        "half_years": _half_years(user),
        "arrivals": ExpectedArrival.objects.for_user(user).order_by("-month"),
        "arrivals_total": ExpectedArrival.objects.for_user(user).aggregate(
            n=Sum("number"))["n"] or 0,
        "capacity": capacity_by_month(user, gemeente_id=user.gemeente_id, today=today,
                                      months=CAPACITY_MONTHS),
    }, status=400 if form is not None else 200)


@role_required(Role.REGISSEUR)
def taakstelling_edit(request, kind, pk):
    model, form_class = KINDS[kind]
    row = get_object_or_404(model.objects.for_user(request.user), pk=pk)
    form = form_class(request.POST or None, instance=row, gemeente=request.user.gemeente)
    if request.method == "POST" and form.is_valid() and _save(request, form):
        messages.success(request, _("Saved."))
        return redirect("regie:taakstelling")
    return render(request, "regie/taakstelling_edit.html",
                  {"form": form, "row": row, "kind": kind})


@role_required(Role.REGISSEUR)
def taakstelling_delete(request, kind, pk):
    model, _form_class = KINDS[kind]
    row = get_object_or_404(model.objects.for_user(request.user), pk=pk)
    if request.method == "POST":
        row.delete()
        messages.success(request, _("Deleted."))
        return redirect("regie:taakstelling")
    return render(request, "regie/taakstelling_delete.html", {"row": row, "kind": kind})
