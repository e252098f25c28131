"""Signals: the coördinator's and the regisseur's list (scoped: the coördinator sees their own
organisations' signals, the regisseur all of their gemeente), a new signal, the thread with
its answer form, and closing it. Another organisation's signal is a 404."""
import django_filters
from django import forms
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from gemeenten.choices import Role
from gemeenten.forms import PortalForm
from gemeenten.permissions import RoleRequiredMixin, role_required
from gemeenten.text import normalise
from initiatives.views.organisations import sort_columns

from ..forms import SignalForm, SignalReplyForm
from ..models import Signal, SignalState
from ..querysets import signal_overdue_before
from ..services import SignalClosed, signal_close, signal_create, signal_reply

SIGNAL_ROLES = (Role.REGISSEUR, Role.COORDINATOR)


def _posted(request):
    """The POST data, also when it is empty (a form with only unticked boxes)."""
    return request.POST if request.method == "POST" else None


class SignalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=gettext_lazy("Search"), method="filter_search", max_length=200,
        widget=forms.TextInput(attrs={"type": "search",
                                      "placeholder": gettext_lazy("Topic or organisation")}))
    state = django_filters.ChoiceFilter(label=gettext_lazy("State"),
                                        choices=SignalState.choices,
                                        empty_label=gettext_lazy("Any state"))
    o = django_filters.OrderingFilter(
        fields=(("last_message_at", "last"), ("created_at", "created"),
                ("organisation__name", "organisation"), ("topic", "topic"),
                ("state", "state")),
        widget=forms.HiddenInput)

    class Meta:
        model = Signal
        fields = ["state"]
        form = PortalForm

    def filter_search(self, queryset, name, value):
        return queryset.search(normalise(value).split())


class SignalListView(RoleRequiredMixin, FilterView):
    allowed_roles = SIGNAL_ROLES
    filterset_class = SignalFilter
    template_name = "regie/signal_list.html"
    context_object_name = "signals"
    paginate_by = 25

    def get_queryset(self):
        # queries: count, the page (organisation, wijk and theme joined, messages counted)
        return (Signal.objects.for_user(self.request.user)
                .select_related("organisation", "wijk", "theme")
                .annotate(message_count=Count("messages"))
                .order_by("-last_message_at", "-pk"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["columns"] = sort_columns(self.request, [
            ("topic", _("Topic")), ("organisation", _("Organisation")),
            ("state", _("State")), ("last", _("Last message"))])
        context["overdue_before"] = signal_overdue_before(user.gemeente, timezone.localdate())
        return context


@role_required(Role.COORDINATOR)
def signal_create_view(request):
    form = SignalForm(_posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        signal = signal_create(organisation=data["organisation"], by=request.user,
                               topic=data["topic"], text=data["text"], wijk=data["wijk"],
                               theme=data["theme"])
        messages.success(request, _("Thank you: the municipality has your signal and will "
                                    "answer it here."))
        return redirect("regie:signal_detail", pk=signal.pk)
    return render(request, "regie/signal_form.html", {"form": form})


@role_required(*SIGNAL_ROLES)
def signal_detail(request, pk):
    """The thread; a POST adds a message (the regisseur's is the answer)."""
    signal = get_object_or_404(Signal.objects.for_user(request.user).select_related(
        "organisation", "wijk", "theme", "created_by"), pk=pk)
    form = SignalReplyForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            signal_reply(signal=signal, by=request.user, text=form.cleaned_data["text"])
        except SignalClosed as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Your message is sent."))
        return redirect("regie:signal_detail", pk=signal.pk)
    thread = signal.messages.select_related("author").order_by("created_at", "pk")
    overdue = (signal.state == SignalState.OPEN and signal.waiting_since is not None
               and signal.waiting_since < signal_overdue_before(request.user.gemeente,
                                                                timezone.localdate()))
    return render(request, "regie/signal_detail.html", {
        "signal": signal, "thread": thread, "form": form, "overdue": overdue})


@require_POST
@role_required(*SIGNAL_ROLES)
def signal_close_view(request, pk):
    signal = get_object_or_404(Signal.objects.for_user(request.user), pk=pk)
    if signal_close(signal=signal, by=request.user):
        messages.success(request, _("The signal is closed."))
    else:
        messages.info(request, _("The signal was closed already."))
    return redirect("regie:signal_detail", pk=signal.pk)
