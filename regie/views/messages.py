"""Messages to partners: the regisseur writes, previews whom it reaches and sends; every
organisation keeps the messages it received (its thread, linked from its page); a coördinator
reads the messages to their organisations and chooses to get only the essential ones."""
import uuid

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import ListView

from gemeenten.choices import Role
from gemeenten.models import Theme, Wijk
from gemeenten.permissions import RoleRequiredMixin, role_required
from initiatives.models import Organisation

from ..forms import MessagePreferenceForm, PartnerMessageForm
from ..models import MessageOptOut, PartnerMessage, PartnerMessageRecipient
from ..services import (
    Selection,
    message_opt_out_set,
    partner_message_preview,
    partner_message_send,
)

MESSAGE_ROLES = (Role.REGISSEUR, Role.COORDINATOR)


def _posted(request):
    """The POST data, also when it is empty (a form with only unticked boxes)."""
    return request.POST if request.method == "POST" else None


class PartnerMessageListView(RoleRequiredMixin, ListView):
    """The regisseur's sent messages; a coördinator's received ones."""

    allowed_roles = MESSAGE_ROLES
    template_name = "regie/message_list.html"
    context_object_name = "partner_messages"
    paginate_by = 25

    def get_queryset(self):
        # queries: count, the page (author joined)
        return (PartnerMessage.objects.for_user(self.request.user).select_related("author")
                .order_by("-created_at", "-pk"))


def _selection(data) -> Selection:
    return Selection(themes=list(data["themes"]), wijken=list(data["wijken"]),
                     kinds=list(data["kinds"]), newcomer_led_only=data["newcomer_led_only"])


@role_required(Role.REGISSEUR)
def message_create(request):
    """GET: the form. POST "preview": the same form and how many it reaches. POST "send":
    sent (once per form: its token)."""
    user = request.user
    if request.method != "POST":
        form = PartnerMessageForm(initial={"token": uuid.uuid4()}, user=user)
        return render(request, "regie/message_form.html", {"form": form})
    form = PartnerMessageForm(request.POST, user=user)
    if not form.is_valid():
        if "token" in form.errors:  # a changed form: the page again, with a fresh token
            form.data = form.data.copy()
            form.data["token"] = str(uuid.uuid4())
        return render(request, "regie/message_form.html", {"form": form})
    data = form.cleaned_data
    selection = _selection(data)
    if request.POST.get("action") != "send":
        preview = partner_message_preview(user.gemeente, selection, essential=data["essential"])
        return render(request, "regie/message_form.html", {
            "form": form, "preview": preview})
    message, created = partner_message_send(
        gemeente=user.gemeente, by=user, subject=data["subject"], body=data["body"],
        essential=data["essential"], selection=selection, token=data["token"])
    if created:
        # Each count its own plural: "1 coördinatoren" read wrong on the demo.
        went = ngettext("The message went to %(count)s organisation.",
                        "The message went to %(count)s organisations.",
                        message.organisation_count) % {"count": message.organisation_count}
        emails = ngettext("%(count)s coordinator gets it by e-mail.",
                          "%(count)s coordinators get it by e-mail.",
                          message.email_count) % {"count": message.email_count}
        messages.success(request, f"{went} {emails}")
    else:
        messages.info(request, _("This message was sent already; nothing was sent again."))
    return redirect("regie:message_detail", pk=message.pk)


@role_required(*MESSAGE_ROLES)
def message_detail(request, pk):
    message = get_object_or_404(
        PartnerMessage.objects.for_user(request.user).select_related("author")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.all()),
                          Prefetch("wijken", queryset=Wijk.objects.all())), pk=pk)
    recipients = (PartnerMessageRecipient.objects.for_user(request.user)
                  .filter(message=message).select_related("organisation")
                  .order_by("organisation__name"))
    return render(request, "regie/message_detail.html", {
        "message": message, "recipients": recipients[:500]})


@role_required(*MESSAGE_ROLES)
def organisation_messages(request, pk):
    """The thread of one organisation: every message it received, newest first."""
    organisation = get_object_or_404(Organisation.objects.for_user(request.user), pk=pk)
    received = (PartnerMessage.objects.for_user(request.user)
                .filter(pk__in=PartnerMessageRecipient.objects.filter(
                    organisation=organisation).values("message_id"))
                .select_related("author").order_by("-created_at", "-pk"))
    return render(request, "regie/organisation_messages.html", {
        "organisation": organisation, "partner_messages": received[:200]})


@role_required(Role.COORDINATOR)
def message_preference(request):
    opted_out = MessageOptOut.objects.for_user(request.user).exists()
    form = MessagePreferenceForm(_posted(request), initial={
        "receive": MessagePreferenceForm.ESSENTIAL if opted_out else MessagePreferenceForm.ALL})
    if request.method == "POST" and form.is_valid():
        message_opt_out_set(user=request.user, opt_out=(
            form.cleaned_data["receive"] == MessagePreferenceForm.ESSENTIAL))
        messages.success(request, _("Your choice is saved."))
        return redirect("regie:message_preference")
    return render(request, "regie/message_preference.html", {"form": form})
