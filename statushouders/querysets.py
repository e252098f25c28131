"""Reads of newcomers and begeleidingen. The organisation's begeleiders see their own
people; the regisseur sees case references in the gemeente and opens a person's details
only with a reason (services.newcomer_open_for_regie)."""
from gemeenten.choices import Role
from gemeenten.scope import ALL, TenantQuerySet


class NewcomerQuerySet(TenantQuerySet):
    role_rules = {Role.BEGELEIDER: "organisation__staff", Role.REGISSEUR: ALL}

    def search(self, words: list[str]):
        from django.db.models import Q

        rows = self
        for word in words:
            rows = rows.filter(Q(first_name__icontains=word) | Q(surname__icontains=word)
                               | Q(registratienummer__icontains=word))
        return rows

    def in_begeleiding(self):
        return self.filter(begeleidingen__actual_end__isnull=True).distinct()


class BegeleidingQuerySet(TenantQuerySet):
    tenant_path = "newcomer__gemeente"
    role_rules = {Role.BEGELEIDER: "organisation__staff", Role.REGISSEUR: ALL}

    def open(self):
        return self.filter(actual_end__isnull=True)
