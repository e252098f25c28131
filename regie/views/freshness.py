"""Freshness of the sociale kaart: the regisseur's list of listings to check (unconfirmed for
the gemeente's listing_stale_months), with one-click confirm or hide after a call; and the
page behind the e-mail's signed link, where an organisation confirms without logging in."""
from django.contrib import messages
from django.db.models import F, OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import ListView

from gemeenten.choices import Role
from gemeenten.models import User
from gemeenten.permissions import RegisseurRequiredMixin, role_required
from gemeenten.scope import gemeente_scope
from gemeenten.text import normalise
from initiatives.models import Organisation, Presence
from initiatives.querysets import listing_stale_before
from initiatives.views.organisations import sort_columns

from ..models import ListingCheck
from ..querysets import stale_listings
from ..services import (
    LinkExpired,
    LinkInvalid,
    listing_check_from_link,
    listing_confirm_by_link,
    listing_confirm_by_regisseur,
    listing_hide,
)

SORTS = {"name": "organisation__name", "confirmed": "last_confirmed", "asked": "asked_on"}


def listings_to_check(user, today=None):
    """The listings the regisseur should check (querysets.stale_listings), scoped to them."""
    return stale_listings(user.gemeente, today) & Presence.objects.for_user(user)


class ListingCheckListView(RegisseurRequiredMixin, ListView):
    template_name = "regie/listing_list.html"
    context_object_name = "presences"
    paginate_by = 25

    def get_queryset(self):
        # queries: count, the page (organisation joined, the last ask as a subquery), the
        # page's coördinators (one prefetch)
        user = self.request.user
        check = ListingCheck.objects.filter(presence=OuterRef("pk"))
        rows = listings_to_check(user).select_related("organisation").annotate(
            asked_on=Subquery(check.values("asked_on")[:1]),
            asked_addresses=Subquery(check.values("asked_addresses")[:1]),
        ).prefetch_related(Prefetch(
            "organisation__staff", to_attr="coordinators",
            queryset=User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by(
                "first_name", "last_name")))
        words = normalise(self.request.GET.get("q", "")[:200]).split()
        for word in words:
            rows = rows.filter(organisation__name__icontains=word)
        order = self.request.GET.get("o", "")
        field = SORTS.get(order.lstrip("-"))
        if field:
            desc = order.startswith("-")
            nulls = {"nulls_first": True} if not desc else {"nulls_last": True}
            expression = F(field).desc(**nulls) if desc else F(field).asc(**nulls)
            return rows.order_by(expression, "pk")
        return rows.order_by("last_confirmed", "organisation__name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = sort_columns(self.request, [
            ("name", _("Organisation")), ("confirmed", _("Last confirmed")),
            ("asked", _("Last asked"))])
        context["query"] = self.request.GET.get("q", "")[:200]
        context["stale_before"] = listing_stale_before(self.request.user.gemeente,
                                                       timezone.localdate())
        return context


def _presence_here(request, pk) -> Presence:
    organisation = get_object_or_404(Organisation.objects.for_user(request.user), pk=pk)
    return get_object_or_404(Presence.objects.for_user(request.user).select_related(
        "organisation", "gemeente"), organisation=organisation)


def _told(addresses) -> str:
    if not addresses:
        return _("Nobody was told by e-mail: the organisation has no e-mail address.")
    return _("An e-mail went to %(addresses)s.") % {"addresses": ", ".join(addresses)}


@require_POST
@role_required(Role.REGISSEUR)
def listing_confirm(request, pk):
    presence = _presence_here(request, pk)
    told = listing_confirm_by_regisseur(presence=presence, by=request.user)
    messages.success(request, _("The listing of %(name)s counts as confirmed today.")
                     % {"name": presence.organisation} + " " + _told(told))
    return redirect("regie:listing_list")


@require_POST
@role_required(Role.REGISSEUR)
def listing_hide_view(request, pk):
    presence = _presence_here(request, pk)
    told = listing_hide(presence=presence, by=request.user)
    if told is None:
        messages.info(request, _("%(name)s was not on the information point.")
                      % {"name": presence.organisation})
    else:
        messages.success(request, _(
            "%(name)s is no longer shown on the information point. To show it again, "
            "approve it on its page.") % {"name": presence.organisation} + " " + _told(told))
    return redirect("regie:listing_list")


@never_cache
@require_http_methods(["GET", "POST"])
def listing_link_view(request, token):
    """The e-mail's link: GET shows one button and changes nothing (a mail scanner follows
    links); POST confirms, once per link."""
    try:
        check, round_ = listing_check_from_link(token[:500])
    except LinkExpired:
        return render(request, "regie/listing_link_invalid.html", {"expired": True}, status=410)
    except LinkInvalid:
        return render(request, "regie/listing_link_invalid.html", {"expired": False},
                      status=404)
    presence = check.presence
    with gemeente_scope(check.gemeente_id):
        on_infopunt = presence.approval == "approved"
        done = check.confirmed_round >= round_
        if request.method == "POST" and on_infopunt and not done:
            listing_confirm_by_link(check=check, round=round_)
            presence.refresh_from_db(fields=["last_confirmed"])
            return render(request, "regie/listing_link.html", {
                "presence": presence, "confirmed_now": True})
    return render(request, "regie/listing_link.html", {
        "presence": presence, "on_infopunt": on_infopunt, "done": done,
        "token": token}, status=200)
