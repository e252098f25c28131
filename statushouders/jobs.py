"""The daily jobs of this app: each runs one idempotent service per gemeente in its scope."""
from itertools import groupby

from django.utils import timezone

from gemeenten.models import Gemeente
from gemeenten.scope import gemeente_scope, no_scope, scopes_disabled

from .flags import raise_flags, settings_key


def raise_flags_everywhere(*, today=None):
    with scopes_disabled():
        gemeenten = list(Gemeente.objects.order_by("pk"))
    return raise_flags_for(gemeenten, today=today or timezone.localdate())


def raise_flags_for(gemeenten, *, today):
    """One pass per group of gemeenten with the same settings (usually one group), each in
    the scope of its gemeenten; returns [(gemeenten, run)]."""
    runs = []
    for _key, group in groupby(sorted(gemeenten, key=settings_key), key=settings_key):
        group = list(group)
        with no_scope(), gemeente_scope(group):
            runs.append((group, raise_flags(gemeenten=group, today=today)))
    return runs
