"""The regisseur's overlap findings at /regie/overlap/: the list (filter, sort, pages), one
finding with why and both sides, the decision about it, and running the detection now."""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from gemeenten.choices import Role
from gemeenten.permissions import RegisseurRequiredMixin, role_required
from initiatives.views.organisations import PAGE_SIZE, sort_columns

from ..models import OverlapFinding, OverlapState
from ..overlap.forms import OverlapDecisionForm, OverlapFilter
from ..overlap.present import present
from ..tasks import detect_overlap_after_commit


def scoped_findings(user):
    return OverlapFinding.objects.for_user(user)


class OverlapListView(RegisseurRequiredMixin, FilterView):
    filterset_class = OverlapFilter
    template_name = "regie/overlap_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        # queries: count, page; then one per kind of object on the page and the themes
        return scoped_findings(self.request.user).order_by("-score", "pk")

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        data = (kwargs["data"] or {}).copy()
        if "state" not in data:  # the first visit, and pages of it: the open findings
            data["state"] = OverlapState.OPEN
        kwargs["data"] = data
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["findings"] = present(context["object_list"])
        context["columns"] = sort_columns(self.request, [
            ("score", _("Score")), ("kind", _("Kind")), ("first_found_at", _("First found")),
        ])
        context["unfiltered"] = not (set(self.request.GET) - {"page", "o"})
        return context


@role_required(Role.REGISSEUR)
def overlap_detail(request, pk):
    finding = get_object_or_404(scoped_findings(request.user).select_related("decided_by"),
                                pk=pk)
    form = OverlapDecisionForm(initial={"state": finding.state,
                                        "reason": finding.decision_reason})
    return _detail(request, finding, form)


def _detail(request, finding, form, status=200):
    return render(request, "regie/overlap_detail.html",
                  {"item": present([finding])[0], "finding": finding, "form": form},
                  status=status)


@require_POST
@role_required(Role.REGISSEUR)
def overlap_decide(request, pk):
    finding = get_object_or_404(scoped_findings(request.user), pk=pk)
    form = OverlapDecisionForm(request.POST)
    if not form.is_valid():
        return _detail(request, finding, form)
    state = form.cleaned_data["state"]
    finding.decide(state=state, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, {
        OverlapState.INTENDED: _("The overlap is marked as intended."),
        OverlapState.RESOLVED: _("The overlap is marked as resolved."),
        OverlapState.OPEN: _("The overlap is open again."),
    }[state])
    return redirect("regie:overlap_list")


@require_POST
@role_required(Role.REGISSEUR)
def overlap_detect_now(request):
    detect_overlap_after_commit(request.user.gemeente_id)
    messages.success(request, _("The overlap detection runs now. Reload this page in a "
                                "minute to see what it found."))
    return redirect("regie:overlap_list")
