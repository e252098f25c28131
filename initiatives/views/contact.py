"""Contact requests for the coordinator: a list of their organisations' requests, one
request, marking it answered or closed, and the requests held back above the hourly cap
(reviewed together: released or discarded as spam). Scoping the queryset is the access
check."""
import django_filters
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from gemeenten.choices import Role
from gemeenten.forms import PortalForm
from gemeenten.permissions import CoordinatorRequiredMixin, role_required

from ..models import ContactRequest
from ..services import contact_requests_discard, contact_requests_release


class ContactRequestFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=capfirst(gettext_lazy("state")), choices=ContactRequest.State.choices,
        empty_label=gettext_lazy("all"),
    )
    o = django_filters.OrderingFilter(
        label=capfirst(gettext_lazy("sort")), empty_label=gettext_lazy("Newest first"),
        fields=(("created_at", "created_at"), ("state", "state")),
        field_labels={"created_at": gettext_lazy("received"),
                      "state": gettext_lazy("state")},
    )

    class Meta:
        model = ContactRequest
        fields = ["state"]
        form = PortalForm


class ContactRequestListView(CoordinatorRequiredMixin, FilterView):
    template_name = "initiatives/contact_list.html"
    filterset_class = ContactRequestFilter
    paginate_by = 25
    context_object_name = "requests"

    def get_queryset(self):
        # queries: count, page (organisation and activity joined); the held count below
        return ContactRequest.objects.for_user(self.request.user).held(False).select_related(
            "organisation", "activity"
        )

    def get_context_data(self, **kwargs):
        held = ContactRequest.objects.for_user(self.request.user).held().count()
        return super().get_context_data(held_count=held, **kwargs)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if not kwargs["data"]:
            kwargs["data"] = {"state": ""}
        return kwargs


class HeldContactRequestListView(CoordinatorRequiredMixin, ListView):
    """The requests held because many came in at once, to review as one batch."""

    template_name = "initiatives/contact_held.html"
    paginate_by = 100
    context_object_name = "requests"

    def get_queryset(self):
        # queries: count, page (organisation and activity joined)
        return ContactRequest.objects.for_user(self.request.user).held().select_related(
            "organisation", "activity"
        ).order_by("created_at", "pk")


@require_POST
@role_required(Role.COORDINATOR)
def contact_requests_review(request):
    """Release or discard the chosen held requests; ids outside the user's scope, or not
    held, are ignored."""
    chosen = ContactRequest.objects.for_user(request.user).filter(
        pk__in=[pk for pk in request.POST.getlist("request") if pk.isdigit()]
    )
    action = request.POST.get("action")
    if action == "release":
        count = contact_requests_release(requests=chosen)
        messages.success(request, ngettext(
            "%(count)s request is on the list now.", "%(count)s requests are on the list now.",
            count) % {"count": count})
    elif action == "discard":
        count = contact_requests_discard(requests=chosen)
        messages.success(request, ngettext(
            "%(count)s request is discarded as spam.", "%(count)s requests are discarded as spam.",
            count) % {"count": count})
    else:
        raise Http404
    if ContactRequest.objects.for_user(request.user).held().exists():
        return redirect("initiatives:contact_held")
    return redirect("initiatives:contact_list")


class ContactRequestDetailView(CoordinatorRequiredMixin, DetailView):
    template_name = "initiatives/contact_detail.html"
    context_object_name = "contact"

    def get_queryset(self):
        return ContactRequest.objects.for_user(self.request.user).select_related(
            "organisation", "activity"
        )

    def get_context_data(self, **kwargs):
        from gemeenten.models import Language

        context = super().get_context_data(**kwargs)
        code = self.object.preferred_language
        context["language"] = Language.objects.filter(code=code).first() if code else None
        return context


@require_POST
@role_required(Role.COORDINATOR)
def contact_request_transition(request, pk, action):
    contact = get_object_or_404(ContactRequest.objects.for_user(request.user), pk=pk)
    if action == "answered":
        if contact.mark_answered():
            messages.success(request, _("The request is marked as answered."))
    elif action == "closed":
        if contact.close():
            messages.success(request, _("The request is closed."))
    else:
        raise Http404
    return redirect("initiatives:contact_detail", pk=contact.pk)
