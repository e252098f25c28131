"""The daily jobs of this app: each runs one idempotent service per gemeente in its scope."""
from django.utils import timezone

from gemeenten.scope import each_gemeente_in_scope

from .flags import raise_flags


def raise_flags_everywhere(*, today=None):
    today = today or timezone.localdate()
    return [(gemeente, raise_flags(gemeente=gemeente, today=today))
            for gemeente in each_gemeente_in_scope()]
