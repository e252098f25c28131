"""The tenant boundary as a mechanism (gemeenten.scope): a query of a gemeente's model outside
a scope raises, wherever it runs; inside, it sees only that scope's gemeenten."""
import pytest
from celery import shared_task
from django.apps import apps
from django_scopes import scopes_disabled

from gemeenten.models import Gemeente, OutboxMessage, User, Wijk
from gemeenten.scope import (
    ScopeError,
    TenantManager,
    each_gemeente_in_scope,
    gemeente_scope,
    no_scope,
    scoped_models,
)
from initiatives.models import Activity, Organisation, Presence

from ..factories import ActivityFactory, GemeenteFactory, PresenceFactory, organisation_in

# Models that refer to a gemeente but are deliberately not behind the scope, with the reason.
NOT_SCOPED = {
    # Log-in, password reset and django-axes look users up before any gemeente is known;
    # pages reach users only through their organisation or gemeente, and the admin scopes them.
    User: "authentication",
    # The outbox sends for every gemeente; its admin shows a beheerder their gemeente's.
    OutboxMessage: "the outbox sweep",
}


def _reaches_a_gemeente(model, seen=()) -> bool:
    """Whether a chain of foreign keys (or an organisation's presences) leads to Gemeente."""
    for field in model._meta.get_fields():
        target = getattr(field, "related_model", None)
        if target is None or target in seen or not (field.many_to_one or field.one_to_one):
            continue
        if target is Gemeente or _reaches_a_gemeente(target, (*seen, model)):
            return True
    return model is Organisation


def test_every_model_that_belongs_to_a_gemeente_is_behind_the_scope():
    """A new model with a gemeente (or under one) cannot forget the scope: this fails."""
    own_models = [m for m in apps.get_models()
                  if m._meta.app_label in {"gemeenten", "initiatives", "infopunt",
                                           "statushouders", "volunteers", "regie"}]
    belongs = {m for m in own_models if m is not Gemeente and _reaches_a_gemeente(m)}
    assert {Wijk, Organisation, Presence, Activity} <= belongs
    unscoped = belongs - set(scoped_models()) - set(NOT_SCOPED)
    assert not unscoped, f"give these a TenantQuerySet.as_manager(): {sorted(map(str, unscoped))}"


@pytest.fixture
def two_gemeenten(db):
    a, b = GemeenteFactory(name="Aadam"), GemeenteFactory(name="Beedam")
    ActivityFactory(gemeente=a, title="Taalcafé A")
    ActivityFactory(gemeente=b, title="Taalcafé B")
    return a, b


@pytest.mark.parametrize("query", [
    lambda: list(Activity.objects.all()),
    lambda: Activity.objects.count(),
    lambda: Activity.objects.exists(),
    lambda: Activity.objects.filter(title__startswith="T").update(title="x"),
    lambda: Activity.objects.all().delete(),
    lambda: list(Organisation.objects.values_list("name", flat=True)),
    lambda: Gemeente.objects.filter(presences__in=Presence.objects.all()).count(),
], ids=["list", "count", "exists", "update", "delete", "organisations", "subquery"])
def test_a_query_outside_any_scope_raises(two_gemeenten, query):
    with no_scope(), pytest.raises(ScopeError, match="outside a gemeente scope"):
        query()


def test_inside_a_scope_only_that_gemeentes_rows(two_gemeenten):
    a, b = two_gemeenten
    with gemeente_scope(a):
        assert list(Activity.objects.values_list("title", flat=True)) == ["Taalcafé A"]
        assert Organisation.objects.count() == 1
        # Counting, updating and deleting stay inside the scope too.
        assert Activity.objects.update(title="Bijgewerkt") == 1
    with scopes_disabled():
        assert sorted(Activity.objects.values_list("title", flat=True)) == [
            "Bijgewerkt", "Taalcafé B"]


def test_a_visitor_without_gemeente_sees_nothing(two_gemeenten):
    with gemeente_scope(None):
        assert Activity.objects.count() == 0
        assert Organisation.objects.count() == 0


def test_a_queryset_built_before_the_scope_is_filtered_by_the_scope_it_runs_in(two_gemeenten):
    """A ModelForm's choices are built at import time: the request's scope still applies."""
    a, b = two_gemeenten
    with no_scope():
        built_early = Activity.objects.order_by("title")
    with gemeente_scope(b):
        assert [x.title for x in built_early] == ["Taalcafé B"]


def test_an_organisation_in_several_gemeenten_of_a_regional_scope_appears_once(two_gemeenten):
    a, b = two_gemeenten
    both = organisation_in(a)
    PresenceFactory(organisation=both, gemeente=b)
    with gemeente_scope([a, b]):
        assert Organisation.objects.filter(pk=both.pk).count() == 1
        assert Organisation.objects.count() == 3
    with gemeente_scope(b):
        assert Organisation.objects.filter(pk=both.pk).exists()


def test_a_job_over_every_gemeente_enters_each_scope_in_turn(two_gemeenten):
    seen = {g.name: list(Activity.objects.values_list("title", flat=True))
            for g in each_gemeente_in_scope()}
    assert seen == {"Aadam": ["Taalcafé A"], "Beedam": ["Taalcafé B"]}


@shared_task
def _count_activities_without_entering_a_scope() -> int:
    return Activity.objects.count()


def test_a_task_starts_outside_its_callers_scope(two_gemeenten):
    """Run eagerly inside a request's (or a test's) scope, a task still gets none: the one
    that forgets to enter its gemeente's scope fails here and in a worker alike."""
    a, _b = two_gemeenten
    with gemeente_scope(a):
        assert Activity.objects.count() == 1
        result = _count_activities_without_entering_a_scope.delay()
    assert isinstance(result.result, ScopeError)


def test_the_managers_are_tenant_managers_and_related_managers_are_scoped_too(two_gemeenten):
    a, b = two_gemeenten
    assert isinstance(Activity._default_manager, TenantManager)
    organisation = Organisation._base_manager.get(activities__gemeente=b)
    with gemeente_scope(a):
        assert list(organisation.activities.all()) == []
    # The base manager (foreign-key access, saving) is never scoped: a row you hold is yours.
    assert not isinstance(Activity._base_manager, TenantManager)
    with no_scope():
        assert ActivityFactory._meta.model._base_manager.filter(gemeente=a).count() == 1
