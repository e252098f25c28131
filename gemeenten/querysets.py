"""Reusable reads of the gemeenten app."""
from django.db import models

from .choices import Role
from .scope import ALL, TenantQuerySet


class GemeenteQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(pk=user.gemeente_id)


class WijkQuerySet(TenantQuerySet):
    role_rules = {role: ALL for role in Role}


class AuditEventQuerySet(TenantQuerySet):
    """The gemeente's privacy officer reads its audit log; nobody else does."""

    role_rules = {Role.PRIVACY_OFFICER: ALL}

    def about(self, subject_type: str, subject_id) -> "AuditEventQuerySet":
        return self.filter(subject_type=subject_type, subject_id=str(subject_id))
