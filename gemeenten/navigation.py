"""Counts in the navigation ("Aanmeldingen 3", "Contactverzoeken 2"): each app registers its
own, so this bottom layer names none of them. The counts are computed only when a page shows
one, all of the user's role at once in a single query (one scalar subquery per count), and
never before a user who needs the second factor has passed it. The counts are never cached,
so a change shows on the next page; what is kept (per process) is the one query's SQL text:
building the role's QuerySets and compiling them cost about a tenth of a list page's CPU."""
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.utils.translation import get_language
from django_scopes import get_scope

from gemeenten.scope import DIMENSION

# name -> (fn(user) -> QuerySet to count | int | None, the roles whose menu shows it)
_counts: dict[str, tuple[Callable, frozenset[str] | None]] = {}


def register_nav_count(name: str, fn: Callable, *, roles: Iterable[str] | None = None) -> None:
    """fn(user) returns the QuerySet whose rows are the count (preferred: it joins the one
    query of the page's counts), or an int it computed itself, or None for 0. `roles`: the
    roles whose menu shows it; for the others it is 0 without calling fn (None: every role).

    A QuerySet's SQL is kept and reused for the same user, role, gemeente, scope and language
    (see _CompiledCounts), unless building it ran a query or its parameters hold anything but
    ids and words (a date: "open today"); fn must not depend on more than those."""
    _counts[name] = (fn, None if roles is None else frozenset(str(r) for r in roles))
    _compiled.clear()


# One statement of counts: (database alias, SQL, params, the names of its columns, the
# names that are 0 without a query).
Statement = tuple[str, str, list, list[str], list[str]]


def compile_counts(querysets: dict[str, QuerySet]) -> list[Statement]:
    """The SELECT of scalar subqueries that gives each QuerySet's .count(), one per database
    alias (so one in practice)."""
    by_db: dict[str, dict[str, QuerySet]] = {}
    for name, queryset in querysets.items():
        by_db.setdefault(queryset.db, {})[name] = queryset
    statements = []
    for alias, group in by_db.items():
        connection = connections[alias]
        columns, params, names, empty = [], [], [], []
        for i, (name, queryset) in enumerate(group.items()):
            # values("pk") keeps .count()'s meaning (DISTINCT and joins included): the
            # subquery returns the rows .count() would count.
            try:
                sql, sql_params = (queryset.order_by().values("pk").query
                                   .get_compiler(connection=connection).as_sql())
            except EmptyResultSet:  # e.g. filter(pk__in=[]): Django would not run it either
                empty.append(name)
                continue
            columns.append(f"(SELECT COUNT(*) FROM ({sql}) nav_count_{i})")
            params.extend(sql_params)
            names.append(name)
        statements.append((alias, "SELECT " + ", ".join(columns) if columns else "",
                           params, names, empty))
    return statements


def run_counts(statements: list[Statement]) -> dict[str, int]:
    result: dict[str, int] = {}
    for alias, sql, params, names, empty in statements:
        result.update(dict.fromkeys(empty, 0))
        if not names:
            continue
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        result.update(zip(names, (int(n) for n in row), strict=True))
    return result


def count_querysets(querysets: dict[str, QuerySet]) -> dict[str, int]:
    """The row count of each QuerySet, as its .count() gives it, in one SELECT of scalar
    subqueries (per database alias, so one query in practice)."""
    return run_counts(compile_counts(querysets))


class _CompiledCounts:
    """The compiled SQL of a role's counts, per process, for the things that decide it: the
    user (the role rules join on the user's id: "organisation__staff" = user), their role
    and gemeente, the gemeente scope (its ids are compiled into the SQL) and the language
    (modeltranslation's fields). Kept only when it is certain to be the same SQL next time:
    every count fn gave a QuerySet, building them ran no query (so no ids were read from the
    database into the SQL: a new organisation would not show) and every parameter is an id
    or a word (no date, which changes at midnight). Bounded: the least recently used go."""

    size = 2048

    def __init__(self):
        self._entries: OrderedDict = OrderedDict()

    def clear(self) -> None:
        self._entries.clear()

    @staticmethod
    def key(user, role: str):
        current = get_scope()
        enabled = current.get("_enabled", True)
        if enabled and DIMENSION not in current:
            return None  # outside a scope: let the querysets raise as they would
        ids = tuple(getattr(i, "pk", i) for i in current.get(DIMENSION) or ()) if enabled else None
        return (user.pk, role, user.gemeente_id, enabled, ids, get_language())

    def get(self, key):
        statements = self._entries.get(key)
        if statements is not None:
            try:
                self._entries.move_to_end(key)
            except KeyError:  # dropped meanwhile by another thread: still a right answer
                pass
        return statements

    def put(self, key, statements: list[Statement]) -> None:
        if all(_stable(p) for s in statements for p in s[2]):
            self._entries[key] = statements
            while len(self._entries) > self.size:
                try:
                    self._entries.popitem(last=False)
                except KeyError:  # emptied meanwhile by another thread
                    break


def _stable(param) -> bool:
    """An id or a word, not a moment: PostgreSQL gets dates as objects, SQLite as ISO text."""
    return isinstance(param, int) or (isinstance(param, str) and not _ISO_DATE.match(param))


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_compiled = _CompiledCounts()


class _QueryWatch:
    """connection.execute_wrapper: notes whether any query ran."""

    ran = False

    def __call__(self, execute, sql, params, many, context):
        self.ran = True
        return execute(sql, params, many, context)


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
        key = _compiled.key(self.user, role)
        statements = _compiled.get(key) if key is not None else None
        if statements is None:
            querysets, watch = {}, _QueryWatch()
            with connections["default"].execute_wrapper(watch):
                for name, (fn, roles) in _counts.items():
                    if roles is not None and role not in roles:
                        continue
                    value = fn(self.user)
                    if isinstance(value, QuerySet):
                        querysets[name] = value
                    else:
                        done[name] = int(value or 0)
                        key = None  # computed by fn itself: fn runs on every page
                statements = compile_counts(querysets)
            if key is not None and not watch.ran and all(s[0] == "default" for s in statements):
                _compiled.put(key, statements)
        done.update(run_counts(statements))
        return done

    def __getitem__(self, name: str) -> int:
        if name not in _counts:
            raise KeyError(name)
        if self._done is None:
            self._done = self._compute()
        return self._done[name]
