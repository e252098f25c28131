"""Referring a person, the receiver's aanmeldingen, answering with one click, withdrawing an
instemming. Scoping is the access check: a referral the user may not see is a 404, also the
moment its instemming is withdrawn."""
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from gemeenten.audit import Purpose
from gemeenten.choices import Role
from gemeenten.permissions import RoleRequiredMixin, role_required

from ..choices import OPEN_STATES, ReferralState
from ..forms import AnswerForm, ReferralForm, default_instemming_text
from ..models import Instemming, Referral
from ..referrals import (
    ReferralRefused,
    answer_transitions,
    can_answer,
    can_withdraw,
    instemming_withdraw,
    mark_viewed,
    open_referrals_for_need,
    referral_create,
    referral_transition,
)
from ..services import newcomer_viewed
from .newcomers import _own_newcomer

ORGANISATION_STAFF = (Role.BEGELEIDER, Role.COORDINATOR)


@role_required(Role.BEGELEIDER)
def referral_new(request, pk):
    newcomer = _own_newcomer(request, pk)
    form = ReferralForm(request.POST or None, gemeente=newcomer.gemeente_id)
    duplicates = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = list(open_referrals_for_need(
            newcomer, data["need"], exclude_organisation=data["to_organisation"])
            .select_related("to_organisation"))
        if duplicates and not data["send_anyway"]:
            form.add_error("send_anyway", _(
                "This person already has an open referral for this need elsewhere. Tick "
                "the box to send another anyway."))
        else:
            try:
                referral_create(
                    newcomer=newcomer, by=request.user,
                    from_organisation=newcomer.organisation,
                    to_organisation=data["to_organisation"], to_activity=data["to_activity"],
                    need=data["need"], availability=",".join(data["availability"]),
                    note=data["note"], introduction_date=data["introduction_date"],
                    shared_fields=data["shared_fields"],
                    instemming_text=data["instemming_text"],
                    instemming_language=data["instemming_language"],
                    guardian=data["guardian"],
                )
            except ReferralRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("The referral is sent. %(organisation)s sees it "
                                            "as an aanmelding and answers in the portal.")
                                 % {"organisation": data["to_organisation"].name})
                return redirect("statushouders:newcomer_detail", pk=newcomer.pk)
    newcomer_viewed(newcomer=newcomer, by=request.user, purpose=Purpose.REFERRAL,
                    reason="referral form")
    return render(request, "statushouders/referral_form.html",
                  {"form": form, "newcomer": newcomer, "duplicates": duplicates})


@role_required(*ORGANISATION_STAFF)
def instemming_text(request):
    """The default instemming text in the person's language, to print and read with them."""
    code = request.GET.get("taal", "nl")
    if code not in dict(settings.LANGUAGES):
        code = "nl"
    with translation.override(code):
        text = default_instemming_text()
        bidi = translation.get_language_bidi()
    return render(request, "statushouders/instemming_print.html",
                  {"text": text, "language": code, "bidi": bidi})


class AanmeldingListView(RoleRequiredMixin, ListView):
    """The receiving organisation's aanmeldingen, open ones first."""

    allowed_roles = ORGANISATION_STAFF
    template_name = "statushouders/aanmelding_list.html"
    paginate_by = 25
    context_object_name = "referrals"

    def get_queryset(self):
        user = self.request.user
        rows = (Referral.objects.for_user(user).received_by(user)
                .select_related("to_organisation", "to_activity", "need", "from_organisation"))
        state = self.request.GET.get("state", "open")
        if state == "open":
            rows = rows.filter(state__in=OPEN_STATES)
        elif state in ReferralState.values:
            rows = rows.filter(state=state)
        return rows.order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["state"] = self.request.GET.get("state", "open")
        context["states"] = [("open", _("Open")), *ReferralState.choices, ("all", _("All"))]
        return context


def _referral(request, pk) -> Referral:
    return get_object_or_404(
        Referral.objects.for_user(request.user).select_related(
            "newcomer", "newcomer__wijk", "to_organisation", "to_activity", "need",
            "from_organisation", "instemming"),
        pk=pk)


@role_required(*ORGANISATION_STAFF, Role.REGISSEUR)
def aanmelding_detail(request, pk):
    referral = _referral(request, pk)
    receiving = can_answer(referral, request.user)
    instemming = referral.instemming
    # Whoever opens it sees the person's referral (its state, reasons, need, history): one
    # view, the regisseur's for the regie (before the fix, only the receiver's was audited).
    mark_viewed(referral, request.user, purpose=Purpose.REGIE
                if request.user.role == Role.REGISSEUR else Purpose.REFERRAL)
    return render(request, "statushouders/aanmelding_detail.html", {
        "referral": referral, "instemming": instemming, "receiving": receiving,
        "shared": set(instemming.shared) if receiving else set(),
        "languages": list(referral.newcomer.languages.all())
        if receiving and instemming.shares("languages") else [],
        "actions": answer_transitions(referral) if receiving else [],
        "can_withdraw": can_withdraw(instemming, request.user),
        "events": list(referral.events.select_related("by")),
        "ReferralState": ReferralState,
    })


@require_POST
@role_required(*ORGANISATION_STAFF)
def aanmelding_answer(request, pk):
    referral = _referral(request, pk)
    if not can_answer(referral, request.user):
        return redirect("statushouders:aanmelding_detail", pk=referral.pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This answer could not be read. Try again."))
        return redirect("statushouders:aanmelding_detail", pk=referral.pk)
    try:
        moved = referral_transition(referral=referral, to_state=form.cleaned_data["to_state"],
                                    by=request.user, version=form.cleaned_data["version"],
                                    reason=form.cleaned_data["reason"])
    except ReferralRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The referral is now: %(state)s.")
                         % {"state": moved.get_state_display()})
    return redirect("statushouders:aanmelding_detail", pk=referral.pk)


@require_POST
@role_required(*ORGANISATION_STAFF)
def instemming_withdraw_view(request, pk):
    instemming = get_object_or_404(
        Instemming.objects.for_user(request.user).select_related("referral__newcomer"),
        referral_id=pk)
    if not can_withdraw(instemming, request.user):
        messages.error(request, _("Only who recorded the instemming, or the person's "
                                  "caseworker, can withdraw it."))
        return redirect("statushouders:aanmelding_detail", pk=pk)
    instemming_withdraw(instemming=instemming, by=request.user)
    messages.success(request, _("The instemming is withdrawn; the referral is stopped and the "
                                "organisation can no longer open it."))
    if request.user.role == Role.BEGELEIDER and instemming.referral.newcomer.organisation.staff \
            .filter(pk=request.user.pk).exists():
        return redirect("statushouders:newcomer_detail", pk=instemming.referral.newcomer_id)
    return redirect("statushouders:aanmelding_list")


@role_required(Role.COORDINATOR, Role.BEGELEIDER)
def referral_onward(request, pk):
    """The receiving organisation refers the person on to another one: it records a new
    instemming with the person for the new recipient, sharing at most what it holds."""
    referral = _referral(request, pk)
    if not can_answer(referral, request.user) or referral.state not in OPEN_STATES:
        return redirect("statushouders:aanmelding_detail", pk=referral.pk)
    held = referral.instemming.shared
    form = ReferralForm(request.POST or None, gemeente=referral.gemeente_id,
                        exclude_organisation=referral.to_organisation, held_fields=held)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral_create(
                newcomer=referral.newcomer, by=request.user,
                from_organisation=referral.to_organisation,
                to_organisation=data["to_organisation"], to_activity=data["to_activity"],
                need=data["need"] if "need" in held else None,
                availability=",".join(data["availability"]) if "availability" in held else "",
                note=data["note"], introduction_date=data["introduction_date"],
                shared_fields=data["shared_fields"], held_fields=held,
                instemming_text=data["instemming_text"],
                instemming_language=data["instemming_language"], guardian=data["guardian"],
            )
        except ReferralRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The referral is sent to %(organisation)s.")
                             % {"organisation": data["to_organisation"].name})
            return redirect("statushouders:aanmelding_detail", pk=referral.pk)
    return render(request, "statushouders/referral_form.html",
                  {"form": form, "referral": referral, "onward": True})
