"""Walk every URL of the project (from the resolver, so a new URL is covered automatically)
for every role, with every id pointing at another gemeente's / organisation's object."""
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from gemeenten.choices import Role
from initiatives.choices import ApprovalState
from tests.factories import (
    ActivityFactory,
    GemeenteFactory,
    OrganisationFactory,
    PresenceFactory,
    ScheduleFactory,
)

FOREIGN_PK = 987654
SKIP_PREFIXES = ("admin/", "static/", "media/", "__debug__/")
ROLES = [None, *Role.values]


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _concrete(route: str) -> str | None:
    """Turn a route into a path: ids become FOREIGN_PK, other values a harmless word."""
    route = route.replace("^", "").replace("$", "").replace("\\Z", "")
    route = re.sub(r"\(\?P<slug>privacy\|toegankelijkheid\)", "privacy", route)
    route = re.sub(r"<int:[^>]+>", str(FOREIGN_PK), route)
    route = re.sub(r"<(str|slug|path):[^>]+>|<[^:>]+>", "elders", route)
    if "(" in route or "[" in route:
        return None
    return "/" + route


def all_paths() -> list[str]:
    paths = set()
    for route, _pattern in _walk(get_resolver()):
        path = _concrete(route)
        if path is None or path.lstrip("/").startswith(SKIP_PREFIXES):
            continue
        path = path.replace("/<lang>/", "/nl/")
        paths.add(path)
    return sorted(paths)


def _foreign_world():
    """Objects of another gemeente, all with the same pk, so any id route points at one."""
    elders = GemeenteFactory(name="Elderstad", slug="elders")
    organisation = OrganisationFactory(pk=FOREIGN_PK)
    PresenceFactory(
        pk=FOREIGN_PK, organisation=organisation, gemeente=elders,
        approval=ApprovalState.PENDING,
    )
    activity = ActivityFactory(pk=FOREIGN_PK, gemeente=elders, organisation=organisation)
    ScheduleFactory(pk=FOREIGN_PK, activity=activity)
    return elders


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_url_shows_another_gemeentes_object_or_crashes(client, login_as, role):
    _foreign_world()
    if role:
        login_as(role)
    checked = 0
    for path in all_paths():
        response = client.get(path)
        assert response.status_code < 500, f"{role} GET {path} -> {response.status_code}"
        if str(FOREIGN_PK) in path:
            assert response.status_code in (302, 404, 405), (
                f"{role} GET {path} -> {response.status_code}: another gemeente's object"
            )
            if response.status_code == 302:
                assert "/account/" in response["Location"], path
        checked += 1
    assert checked > 5
