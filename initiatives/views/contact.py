"""Contact requests for the coordinator: a list of their organisations' requests, one
request, and marking it answered or closed. Scoping the queryset is the access check."""
import django_filters
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import DetailView
from django_filters.views import FilterView

from gemeenten.choices import Role
from gemeenten.forms import PortalForm
from gemeenten.permissions import CoordinatorRequiredMixin, role_required

from ..models import ContactRequest


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
        # queries: count, page (organisation and activity joined)
        return ContactRequest.objects.for_user(self.request.user).select_related(
            "organisation", "activity"
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if not kwargs["data"]:
            kwargs["data"] = {"state": ""}
        return kwargs


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
