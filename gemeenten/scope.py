"""The tenant boundary: every query of a model that belongs to a gemeente runs inside a scope.

The scope is entered once per request (``TenantScopeMiddleware``), once per Celery task
(``TenantTask`` clears whatever the caller had, so a task enters its own) and once per
management command; ``scopes_disabled()`` marks the rare deliberate query across gemeenten
where a reader can see it. A model opts in with ``objects = TenantManager.from_queryset(
SomeQuerySet)(path)`` where ``path`` leads from the model to its gemeente.

The scope's state is django-scopes' (``scope``, ``scopes_disabled``, ``get_scope``, a context
variable, as pretix uses it). The manager is our own, for two reasons a test pins:
- the scope is read when the query is compiled, not when the queryset is built, so a
  queryset made at import time (a ModelForm's choices, a class attribute) is filtered by the
  scope of the request that runs it, and a query outside any scope raises ``ScopeError``
  wherever it is compiled: a list, ``count()``, ``update()``, ``delete()``, a subquery;
- an organisation has no gemeente of its own: it is in scope through a presence there, and
  a subquery (not a join) keeps a regional scope of several gemeenten free of duplicates.
"""
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from celery import Task
from celery.exceptions import Retry
from django.db import InterfaceError, OperationalError, models
from django.db.models.expressions import Expression
from django.utils import timezone
from django_scopes import get_scope, scope, scopes_disabled
from django_scopes.exceptions import ScopeError
from django_scopes.state import state

__all__ = ["ALL", "ScopeError", "TenantManager", "TenantQuerySet", "each_gemeente_in_scope",
           "gemeente_scope", "no_scope", "scoped_models", "scopes_disabled"]

DIMENSION = "gemeente"


def _ids(gemeenten) -> tuple[int, ...]:
    if gemeenten is None:
        return ()
    if isinstance(gemeenten, models.Model | int):
        gemeenten = [gemeenten]
    return tuple(g.pk if isinstance(g, models.Model) else int(g) for g in gemeenten)


@contextmanager
def gemeente_scope(gemeenten):
    """Queries inside see only these gemeenten (one, several, or none at all for None)."""
    with scope(**{DIMENSION: _ids(gemeenten)}):
        yield


@contextmanager
def no_scope():
    """Forget the caller's scope: what runs inside must enter its own (tasks do this)."""
    token = state.set({})
    try:
        yield
    finally:
        state.reset(token)


class TenantTask(Task):
    """A Celery task starts outside any scope, also when run eagerly inside a request or a
    test: it enters the scope of the gemeente it works on (each_gemeente_in_scope).

    A database that is briefly away (a restart, a fail-over, SQLite's "database is locked"
    after its busy timeout) fails the run with OperationalError/InterfaceError: the task is
    retried with exponential back-off and jitter (5 s, 10 s, 20 s ... at most
    settings.TASK_RETRY_BACKOFF_MAX) up to max_retries times. Every task calls one idempotent
    service, so a retry of a half-done run does nothing twice. Celery's Django fix-up closes
    the broken connection before the next attempt. While it waits, and once it gave up, the
    task says so in the database when it can (gemeenten.heartbeats, /healthz's "tasks")."""

    autoretry_for = (OperationalError, InterfaceError)
    retry_backoff = 5
    retry_backoff_max = 10 * 60  # settings.TASK_RETRY_BACKOFF_MAX: the visibility timeout
    retry_jitter = True
    max_retries = 8

    def __call__(self, *args, **kwargs):
        with no_scope():
            return super().__call__(*args, **kwargs)

    def retry(self, args=None, kwargs=None, exc=None, throw=True, eta=None, countdown=None,
              max_retries=None, **options):
        """Celery's retry, and /healthz told (gemeenten.heartbeats): a database error makes
        the task wait for its next attempt, or give up after the last one."""
        from .heartbeats import task_gave_up, task_retrying

        recorded = isinstance(exc, self.autoretry_for) and not self.request.called_directly
        state = {"task_id": self.request.id, "name": self.name,
                 "attempts": self.request.retries + 1, "error": type(exc).__name__}
        if recorded:
            # Before the retry is queued: written after, it could land after the retry had
            # already succeeded (a countdown of 0, another worker) and stay behind.
            when = eta or (countdown if countdown is not None else self.default_retry_delay)
            task_retrying(**state, next_at=_moment(when))
        try:
            return super().retry(args=args, kwargs=kwargs, exc=exc, throw=throw, eta=eta,
                                 countdown=countdown, max_retries=max_retries, **options)
        except Retry:
            raise
        except Exception:
            if recorded:  # past max_retries (or the broker refused the retry): no more runs
                task_gave_up(**state)
            raise

    def on_success(self, retval, task_id, args, kwargs):
        from .heartbeats import task_done

        task_done(task_id=task_id, name=self.name, retried=bool(self.request.retries))

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        from .heartbeats import task_ended

        if self.request.retries and not isinstance(exc, self.autoretry_for):
            task_ended(task_id=task_id)


def _moment(when) -> datetime | None:
    """A retry's `when`: seconds from now (a countdown) or the moment itself (an eta)."""
    if when is None or isinstance(when, datetime):
        return when
    return timezone.now() + timedelta(seconds=float(when))


def each_gemeente_in_scope() -> Iterator:
    """For a job over every gemeente: yields each one with its scope entered."""
    from .models import Gemeente

    for gemeente in Gemeente.objects.order_by("pk"):
        with gemeente_scope(gemeente):
            yield gemeente


class ScopedGemeenteIds(Expression):
    """The gemeente ids of the current scope, read when the SQL is compiled."""

    def __init__(self, model_label: str):
        super().__init__(output_field=models.IntegerField())
        self.model_label = model_label

    def as_sql(self, compiler, connection):
        current = get_scope()
        if not current.get("_enabled", True):
            from .models import Gemeente

            # Deliberately across gemeenten: every gemeente.
            table = connection.ops.quote_name(Gemeente._meta.db_table)
            return f"SELECT {table}.{connection.ops.quote_name('id')} FROM {table}", []
        if DIMENSION not in current:
            raise ScopeError(
                f"{self.model_label} queried outside a gemeente scope: a request, task or "
                "command enters gemeente_scope(); a deliberate query across gemeenten is "
                "wrapped in scopes_disabled()."
            )
        ids = current[DIMENSION]
        if not ids:
            return "NULL", []  # IN (NULL): nothing, for a visitor or user without a gemeente
        return ", ".join(["%s"] * len(ids)), list(ids)

    def __eq__(self, other):
        return isinstance(other, ScopedGemeenteIds) and other.model_label == self.model_label

    def __hash__(self):
        return hash((type(self), self.model_label))


def gemeente_condition(model, path: str, ids) -> models.Q:
    """The condition "belongs to one of these gemeenten" for ``model`` along ``path``."""
    *owner, last = path.split("__")
    target = model
    for name in owner:
        target = target._meta.get_field(name).related_model
    relation = target._meta.get_field(last)
    if relation.one_to_many:
        # Through the many side (an organisation's presences): a subquery, not a join, so a
        # scope of several gemeenten gives each row once.
        in_scope = relation.related_model._base_manager.filter(
            gemeente_id__in=ids).values(relation.field.attname)
        return models.Q(**{"__".join([*owner, "pk"]) + "__in": in_scope})
    return models.Q(**{f"{path}_id__in": ids})


class TenantManager(models.Manager):
    """The default manager of a model that belongs to a gemeente: every query it makes is
    filtered by the current scope (see the module's docstring)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.filter(gemeente_condition(
            self.model, queryset.tenant_path, ScopedGemeenteIds(self.model._meta.label)))


ALL = "__all__"


class TenantQuerySet(models.QuerySet):
    """Reads of a model that belongs to a gemeente, with its role rules beside its scope.

    A subclass declares ``tenant_path`` (from the model to its gemeente: "gemeente",
    "activity__gemeente", or "presences" for an organisation) and ``role_rules``: per role,
    ALL (every row of the user's gemeente) or the lookup from a row to the user ("staff",
    "organisation__staff"). A role that is not named sees nothing."""

    tenant_path = "gemeente"
    role_rules: dict[str, str] = {}

    @classmethod
    def as_manager(cls):
        manager = TenantManager.from_queryset(cls)()
        manager._built_with_as_manager = True
        return manager

    as_manager.queryset_only = True

    def in_gemeente(self, gemeente):
        return self.filter(gemeente_condition(self.model, self.tenant_path, _ids(gemeente)))

    def for_user(self, user):
        """What this user may see: their own gemeente's rows, narrowed by their role."""
        if not user.is_authenticated or user.gemeente_id is None:
            return self.none()
        rule = self.role_rules.get(user.role)
        if rule is None:
            return self.none()
        rows = self.in_gemeente(user.gemeente_id)
        return rows if rule == ALL else rows.filter(**{rule: user})


def scoped_models() -> list[type[models.Model]]:
    from django.apps import apps

    return [m for m in apps.get_models() if isinstance(m._default_manager, TenantManager)]
