"""Reusable reads of the gemeenten app."""
from django.db import models


class GemeenteQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(pk=user.gemeente_id)
