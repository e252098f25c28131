"""The overlap page's filter and the regisseur's decision about a finding."""
import django_filters
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from gemeenten.forms import PortalForm

from ..models import OverlapFinding, OverlapKind, OverlapState

GONE = "gone"
STATE_FILTER_CHOICES = [*OverlapState.choices, (GONE, _("no longer found"))]


class OverlapFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=capfirst(_("kind")), choices=OverlapKind.choices,
                                       empty_label=_("all"))
    state = django_filters.ChoiceFilter(label=capfirst(_("state")), method="filter_state",
                                        choices=STATE_FILTER_CHOICES,
                                        empty_label=_("all still found"))
    o = django_filters.OrderingFilter(
        label=capfirst(_("sort")), empty_label=_("Highest score first"),
        fields=(("score", "score"), ("kind", "kind"), ("first_found_at", "first_found_at")),
        field_labels={"score": _("score"), "kind": _("kind"),
                      "first_found_at": _("first found")},
    )

    class Meta:
        model = OverlapFinding
        fields = ["kind"]
        form = PortalForm

    def filter_queryset(self, queryset):
        # Without a state chosen: everything still found (the gone ones only on request).
        if not self.form.cleaned_data.get("state"):
            queryset = queryset.current()
        return super().filter_queryset(queryset)

    def filter_state(self, queryset, name, value):
        if value == GONE:
            return queryset.filter(gone_at__isnull=False)
        return queryset.current().filter(state=value)


class OverlapDecisionForm(PortalForm):
    state = forms.ChoiceField(label=_("Decision"), choices=[
        (OverlapState.INTENDED, _("Intended: the overlap is on purpose or acceptable")),
        (OverlapState.RESOLVED, _("Resolved: the organisations have sorted it out")),
        (OverlapState.OPEN, _("Open: still to be looked at")),
    ], widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"), required=False,
        max_length=OverlapFinding._meta.get_field("decision_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for “intended”: why both may go on, e.g. “different language "
                    "groups, agreed with both”."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("state") == OverlapState.INTENDED and not cleaned.get("reason"):
            self.add_error("reason", _("Say why this overlap is intended."))
        return cleaned
