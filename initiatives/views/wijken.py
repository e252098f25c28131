"""The regisseur's wijken: a list with how often each is used, rename, and merge one into
another (with a confirmation page that says what moves). The writes are services
(initiatives.services.wijken); another gemeente's wijk is a 404."""
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView

from gemeenten.choices import Role
from gemeenten.forms import PortalForm
from gemeenten.models import Wijk
from gemeenten.permissions import RegisseurRequiredMixin, role_required

from ..models import Activity, Presence
from ..services.wijken import wijk_merge, wijk_references_count, wijk_rename


def _count(queryset, field: str):
    """A count per wijk as a subquery, so the list takes the same queries for any size."""
    return Coalesce(Subquery(
        queryset.filter(**{field: OuterRef("pk")}).order_by().values(field)
        .annotate(n=Count("pk")).values("n")[:1],
        output_field=IntegerField(),
    ), Value(0))


def _wijken(user):
    return Wijk.objects.for_user(user).filter(gemeente_id=user.gemeente_id)


class WijkListView(RegisseurRequiredMixin, ListView):
    template_name = "initiatives/wijk_list.html"
    context_object_name = "wijken"

    def get_queryset(self):
        return _wijken(self.request.user).annotate(
            organisation_count=_count(Presence.objects.all(), "wijken"),
            activity_count=_count(Activity.objects.all(), "wijk"),
        ).order_by("name")


class WijkRenameForm(PortalForm):
    name = forms.CharField(label=gettext_lazy("New name"), max_length=100)


class WijkMergeForm(PortalForm):
    target = forms.ModelChoiceField(
        label=gettext_lazy("Merge into"), queryset=Wijk.objects.none(),
        empty_label=gettext_lazy("Choose a wijk…"),
        error_messages={"invalid_choice": gettext_lazy("Choose one of your wijken.")},
    )

    def __init__(self, user, *args, source: Wijk | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = _wijken(user).exclude(
            pk=source.pk if source else None).order_by("name")


@role_required(Role.REGISSEUR)
def wijk_rename_view(request, pk: int):
    wijk = get_object_or_404(_wijken(request.user), pk=pk)
    old_name = wijk.name
    form = WijkRenameForm(request.POST or None, initial={"name": wijk.name})
    if request.method == "POST" and form.is_valid():
        try:
            wijk_rename(wijk=wijk, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error("name", exc.messages[0])
        else:
            messages.success(request, _("Wijk %(old)s is now called %(new)s.")
                             % {"old": old_name, "new": wijk.name})
            return redirect("initiatives:wijk_list")
    wijk.name = old_name
    return render(request, "initiatives/wijk_rename.html", {"wijk": wijk, "form": form})


@role_required(Role.REGISSEUR)
def wijk_merge_view(request, pk: int):
    """Choose the wijk to merge into; then a page that says what moves; then the merge."""
    source = get_object_or_404(_wijken(request.user), pk=pk)
    form = WijkMergeForm(request.user, request.POST or None, source=source)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        if request.POST.get("confirm") != "1":
            return render(request, "initiatives/wijk_merge_confirm.html", {
                "source": source, "target": target, "form": form,
                "moves": wijk_references_count(source),
            })
        try:
            moved = wijk_merge(source=source, target=target)
        except ValidationError as exc:
            form.add_error("target", exc.messages[0])
        else:
            messages.success(request, _("%(source)s is merged into %(target)s (%(moved)s).") % {
                "source": source.name, "target": target.name,
                "moved": ", ".join(f"{label}: {count}" for label, count in moved)
                or _("nothing referred to it"),
            })
            return redirect("initiatives:wijk_list")
    return render(request, "initiatives/wijk_merge.html", {"wijk": source, "form": form})
