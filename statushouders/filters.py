"""The newcomer list's filters. The regisseur searches by registration number only: a name
search would let them find a person without giving a reason."""
import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from gemeenten.choices import Role
from gemeenten.forms import PortalForm
from gemeenten.models import Wijk
from gemeenten.text import normalise
from initiatives.models import Organisation

from .choices import ResidenceBasis
from .models import Newcomer


class NewcomerFilter(django_filters.FilterSet):
    class Meta:
        model = Newcomer
        fields = []
        form = PortalForm

    q = django_filters.CharFilter(
        label=_("Search"), method="filter_search", max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Begeleiding"), method="filter_status", empty_label=_("All"),
        choices=[("open", _("In begeleiding")), ("ended", _("Begeleiding ended"))],
    )
    residence_basis = django_filters.ChoiceFilter(
        label=_("Residence basis"), choices=ResidenceBasis.choices, empty_label=_("All"),
    )
    wijk = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=Wijk.objects.none(), empty_label=_("All districts"),
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.none(),
        empty_label=_("All organisations"),
    )
    o = django_filters.OrderingFilter(
        fields=(("surname", "name"), ("registratienummer", "number"),
                ("planned_end", "planned_end"), ("created_at", "registered")),
        field_labels={"surname": _("Name"), "registratienummer": _("Registration number"),
                      "planned_end": _("Planned end"), "created_at": _("Registered")},
        label=_("Sort by"), empty_label=_("Default order"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.filters["wijk"].queryset = Wijk.objects.filter(gemeente=user.gemeente_id)
        if user.role == Role.REGISSEUR:
            self.filters["q"].label = _("Registration number")
            self.filters["organisation"].queryset = Organisation.objects.for_user(user) \
                .filter(newcomers__isnull=False).distinct().order_by("name")
            self.form.fields["o"].choices = [
                choice for choice in self.form.fields["o"].choices
                if choice[0].lstrip("-") != "name"]
        else:
            del self.filters["organisation"]
            self.form.fields.pop("organisation", None)
            self.form.fields["q"].widget.attrs["placeholder"] = _("Name or number")

    def filter_search(self, queryset, name, value):
        words = normalise(value).split()
        if self.user.role == Role.REGISSEUR:
            for word in words:
                queryset = queryset.filter(registratienummer__icontains=word)
            return queryset
        return queryset.search(words)

    def filter_status(self, queryset, name, value):
        if value == "open":
            return queryset.filter(open_begeleiding=True)
        if value == "ended":
            return queryset.filter(open_begeleiding=False)
        return queryset
