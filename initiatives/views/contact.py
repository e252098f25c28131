"""Contact requests for whoever reads them: the organisation's coordinator, or, while the
organisation has no coordinator account, the gemeente's regisseur (ContactRequestQuerySet.
for_user, which is also the access check). A list, one request with its note, marking it
answered or done and reopening it, the requests held back above the hourly cap (reviewed
together: released or discarded as spam); the regisseur forwards a request by inviting a
coordinator of the organisation (initiatives/accounts/views.py)."""
import django_filters
from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from gemeenten.choices import Role
from gemeenten.forms import PortalForm
from gemeenten.permissions import RoleRequiredMixin, role_required

from ..models import ContactRequest, Invitation
from ..querysets import CONTACT_READERS
from ..services import contact_requests_discard, contact_requests_release


class ContactReaderRequiredMixin(RoleRequiredMixin):
    allowed_roles = CONTACT_READERS


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


class ContactNoteForm(PortalForm):
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False,
        max_length=ContactRequest._meta.get_field("note").max_length,
        help_text=gettext_lazy("For yourself and your colleagues, e.g. “called, comes on "
                               "Friday”. Deleted together with the request."),
    )


class ContactRequestListView(ContactReaderRequiredMixin, FilterView):
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


class HeldContactRequestListView(ContactReaderRequiredMixin, ListView):
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
@role_required(*CONTACT_READERS)
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


class ContactRequestDetailView(ContactReaderRequiredMixin, DetailView):
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
        context["note_form"] = ContactNoteForm(initial={"note": self.object.note})
        if self.request.user.role == Role.REGISSEUR:
            # The regisseur reads it because the organisation has no coordinator account:
            # the open invitations of one show whether it was forwarded already.
            context["read_by_gemeente"] = True
            context["open_invitations"] = Invitation.objects.for_user(self.request.user).filter(
                organisation=self.object.organisation, role=Role.COORDINATOR,
                accepted_at__isnull=True, expires_at__gt=timezone.now(),
            ).order_by("-created_at")
        return context


@require_POST
@role_required(*CONTACT_READERS)
def contact_request_transition(request, pk, action):
    contact = get_object_or_404(ContactRequest.objects.for_user(request.user), pk=pk)
    if action == "answered":
        if contact.mark_answered():
            messages.success(request, _("The request is marked as answered."))
    elif action == "closed":
        if contact.close():
            messages.success(request, _("The request is marked as done."))
    elif action == "reopen":
        if contact.reopen():
            messages.success(request, _("The request is open again."))
    else:
        raise Http404
    return redirect("initiatives:contact_detail", pk=contact.pk)


@require_POST
@role_required(*CONTACT_READERS)
def contact_request_note(request, pk):
    contact = get_object_or_404(ContactRequest.objects.for_user(request.user), pk=pk)
    form = ContactNoteForm(request.POST)
    if form.is_valid():
        contact.note_set(form.cleaned_data["note"])
        messages.success(request, _("The note is saved."))
    else:
        messages.error(request, " ".join(form.errors.get("note", [])))
    return redirect("initiatives:contact_detail", pk=contact.pk)
