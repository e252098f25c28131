"""Counts in the navigation ("Aanmeldingen 3", "Contactverzoeken 2"): each app registers its
own, so this bottom layer names none of them. The counts are computed only when a page shows
one, all of the user's role at once in a single query (one scalar subquery per count), and
never before a user who needs the second factor has passed it. Nothing is cached between
requests, so a change shows on the next page."""
from collections.abc import Callable, Iterable

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

# name -> (fn(user) -> QuerySet to count | int | None, the roles whose menu shows it)
_counts: dict[str, tuple[Callable, frozenset[str] | None]] = {}


def register_nav_count(name: str, fn: Callable, *, roles: Iterable[str] | None = None) -> None:
    """fn(user) returns the QuerySet whose rows are the count (preferred: it joins the one
    query of the page's counts), or an int it computed itself, or None for 0. `roles`: the
    roles whose menu shows it; for the others it is 0 without calling fn (None: every role)."""
    _counts[name] = (fn, None if roles is None else frozenset(str(r) for r in roles))


def count_querysets(querysets: dict[str, QuerySet]) -> dict[str, int]:
    """The row count of each QuerySet, as its .count() gives it, in one SELECT of scalar
    subqueries (per database alias, so one query in practice)."""
    by_db: dict[str, dict[str, QuerySet]] = {}
    for name, queryset in querysets.items():
        by_db.setdefault(queryset.db, {})[name] = queryset
    result: dict[str, int] = {}
    for alias, group in by_db.items():
        connection = connections[alias]
        columns, params, names = [], [], []
        for i, (name, queryset) in enumerate(group.items()):
            # values("pk") keeps .count()'s meaning (DISTINCT and joins included): the
            # subquery returns the rows .count() would count.
            try:
                sql, sql_params = (queryset.order_by().values("pk").query
                                   .get_compiler(connection=connection).as_sql())
            except EmptyResultSet:  # e.g. filter(pk__in=[]): Django would not run it either
                result[name] = 0
                continue
            columns.append(f"(SELECT COUNT(*) FROM ({sql}) nav_count_{i})")
            params.extend(sql_params)
            names.append(name)
        if not columns:
            continue
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(columns), params)
            row = cursor.fetchone()
        result.update(zip(names, (int(n) for n in row), strict=True))
    return result


class NavCounts:
    """Template access ``nav_counts.name``: the first one on a page computes every count of
    the user's role (one query); the rest of the page reads them."""

    def __init__(self, user):
        self.user = user
        self._done: dict[str, int] | None = None

    def _allowed(self) -> bool:
        user = self.user
        return user is not None and user.is_authenticated and not (
            user.needs_two_factor and not getattr(user, "is_verified", lambda: False)())

    def _compute(self) -> dict[str, int]:
        done = dict.fromkeys(_counts, 0)
        if not self._allowed():
            return done
        role = str(getattr(self.user, "role", ""))
        querysets = {}
        for name, (fn, roles) in _counts.items():
            if roles is not None and role not in roles:
                continue
            value = fn(self.user)
            if isinstance(value, QuerySet):
                querysets[name] = value
            else:
                done[name] = int(value or 0)
        done.update(count_querysets(querysets))
        return done

    def __getitem__(self, name: str) -> int:
        if name not in _counts:
            raise KeyError(name)
        if self._done is None:
            self._done = self._compute()
        return self._done[name]
