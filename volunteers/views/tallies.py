"""Session tallies: a volunteer or coördinator records one session on a phone; the coördinator
lists their organisations' tallies, a volunteer the ones they recorded."""
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_filters.views import FilterView

from gemeenten.choices import Role
from gemeenten.permissions import RoleRequiredMixin, role_required
from initiatives.views.organisations import sort_columns

from ..filters import SessionTallyFilter
from ..forms import SessionTallyForm
from ..models import SessionTally
from ..querysets import recordable_activities
from ..services import tally_record

RECORDING_ROLES = (Role.COORDINATOR, Role.VOLUNTEER)


@role_required(*RECORDING_ROLES)
def tally_create(request):
    """The phone screen. ?activiteit=<id> (the link from an activity) chooses it already."""
    initial = {}
    if "activiteit" in request.GET:
        chosen = request.GET["activiteit"]
        if not chosen.isdigit():
            raise Http404
        initial["activity"] = get_object_or_404(recordable_activities(request.user),
                                                pk=int(chosen))
    form = SessionTallyForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        tally, created = tally_record(
            activity=data["activity"], session_date=data["session_date"], by=request.user,
            total=data["total"], newcomers=data["newcomers"],
            first_timers=data["first_timers"], went_well=data["went_well"])
        values = {"activity": tally.activity, "count": tally.total,
                  "date": date_format(tally.session_date, "DATE_FORMAT")}
        if created:
            messages.success(request, ngettext(
                "Thank you: %(count)s visitor at %(activity)s on %(date)s is counted.",
                "Thank you: %(count)s visitors at %(activity)s on %(date)s are counted.",
                tally.total) % values)
        else:
            messages.success(request, ngettext(
                "This session already had a tally: it now holds your figures (%(count)s "
                "visitor at %(activity)s on %(date)s).",
                "This session already had a tally: it now holds your figures (%(count)s "
                "visitors at %(activity)s on %(date)s).", tally.total) % values)
        return redirect("volunteers:tallies")
    return render(request, "volunteers/tally_form.html", {
        "form": form, "has_activities": form.fields["activity"].queryset.exists()})


class TallyListView(RoleRequiredMixin, FilterView):
    allowed_roles = RECORDING_ROLES
    filterset_class = SessionTallyFilter
    template_name = "volunteers/tallies.html"
    paginate_by = 25

    def get_queryset(self):
        return (SessionTally.objects.for_user(self.request.user)
                .select_related("activity__wijk", "recorded_by")
                .order_by("-session_date", "activity__title", "pk"))

    def get_filterset_kwargs(self, filterset_class):
        return super().get_filterset_kwargs(filterset_class) | {"user": self.request.user}

    def get_template_names(self):
        if self.request.htmx:
            return ["volunteers/partials/tally_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = sort_columns(self.request, [
            ("date", _("Date")), ("activity", _("Activity")), ("visitors", _("Visitors"))])
        context["totals"] = context["filter"].qs.totals()
        return context


def home_tallies(user) -> dict:
    """Context of partials/home_tallies.html on the volunteer's start page (one query)."""
    return {"recent_tallies": list(SessionTally.objects.for_user(user).select_related("activity")
                                   .order_by("-session_date", "-pk")[:5])}
