"""Reads of the coordination layer's own records: the regisseur of the gemeente sees them."""
from gemeenten.choices import Role
from gemeenten.scope import ALL, TenantQuerySet


class TaakstellingQuerySet(TenantQuerySet):
    role_rules = {Role.REGISSEUR: ALL}


class ExpectedArrivalQuerySet(TenantQuerySet):
    role_rules = {Role.REGISSEUR: ALL}

    def from_month(self, first_day):
        return self.filter(month__gte=first_day)
