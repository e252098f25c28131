"""Walk every URL of the project (from the resolver, so a new URL is covered automatically)
for every role and every method, with every id pointing at a record that really exists: of
another gemeente, or of another organisation in the user's own gemeente."""
import re
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.models import OutboxMessage, Wijk
from gemeenten.scope import scopes_disabled
from initiatives.choices import ApprovalState
from initiatives.models import (
    Activity,
    ContactRequest,
    Invitation,
    Organisation,
    Presence,
    Schedule,
)
from regie.models import OverlapFinding
from tests.factories import (
    ActivityFactory,
    GemeenteFactory,
    OrganisationFactory,
    PresenceFactory,
    ScheduleFactory,
    UserFactory,
)

OTHER_GEMEENTE_PK = 987654  # every record of Elderstad has this pk
OTHER_ORGANISATION_PK = 876543  # every record of another organisation in Testdam has this
SKIP_PREFIXES = ("admin/", "static/", "media/", "__debug__/")
# Logging out would walk the rest of the URLs anonymously; its own tests are in test_accounts.
SESSION_ENDING = {"/account/logout/"}
ROLES = [None, *Role.values]
METHODS = ["get", "post", "put", "delete"]
# Roles that act for one organisation: another organisation's records are closed to them.
ORGANISATION_ROLES = {Role.COORDINATOR, Role.BEGELEIDER, Role.VOLUNTEER}


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _concrete(route: str, pk: int) -> str | None:
    """Turn a route into a path: ids become `pk`, other values a harmless word."""
    route = route.replace("^", "").replace("$", "").replace("\\Z", "")
    route = re.sub(r"\(\?P<slug>privacy\|toegankelijkheid\)", "privacy", route)
    route = re.sub(r"<int:[^>]+>", str(pk), route)
    route = re.sub(r"<(str|slug|path):[^>]+>|<[^:>]+>", "elders", route)
    if "(" in route or "[" in route:
        return None
    return "/" + route


def all_paths(pk: int) -> list[str]:
    paths = set()
    for route, _pattern in _walk(get_resolver()):
        path = _concrete(route, pk)
        if path is None or path.lstrip("/").startswith(SKIP_PREFIXES):
            continue
        paths.add(path.replace("/<lang>/", "/nl/"))
    return sorted(paths - SESSION_ENDING)


def _records_of(gemeente, organisation, pk: int, *, approval=ApprovalState.PENDING) -> None:
    """An organisation's presence, activity, schedule, contact request and invitation in
    `gemeente`, all with primary key `pk`, so any id route points at one of them."""
    PresenceFactory(pk=pk, organisation=organisation, gemeente=gemeente, approval=approval)
    if not Wijk.objects.filter(pk=pk).exists():  # wijken belong to the gemeente
        Wijk.objects.create(pk=pk, gemeente=gemeente, name=f"Wijk {pk}")
    activity = ActivityFactory(pk=pk, gemeente=gemeente, organisation=organisation)
    ScheduleFactory(pk=pk, activity=activity)
    ContactRequest.objects.create(
        pk=pk, gemeente=gemeente, organisation=organisation, activity=activity,
        first_name="Verzonnen", email="verzonnen.bezoeker@example.org", question="Proefvraag",
    )
    OverlapFinding.objects.create(
        pk=pk, gemeente=gemeente, kind="duplicate_offer", fingerprint=f"duplicate_offer:{pk}",
        subjects=[{"model": "initiatives.activity", "id": pk}],
    )
    regisseur = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    _regie_records_of(gemeente, organisation, pk, regisseur)
    Invitation.objects.create(
        pk=pk, gemeente=gemeente, organisation=organisation, email=f"uitgenodigd.{pk}@example.org",
        role=Role.COORDINATOR, invited_by=regisseur, token_hash=f"{pk:064d}",
        expires_at=timezone.now() + timedelta(days=7),
    )
    _volunteer_records_of(gemeente, organisation, pk)


def _volunteer_records_of(gemeente, organisation, pk: int) -> None:
    """The organisation's volunteer, open vacancy and waiting sign-up, with primary key pk."""
    from gemeenten.models import Theme
    from volunteers.models import Membership, Vacancy, Volunteer, VolunteerApplication

    volunteer = Volunteer.objects.create(pk=pk, gemeente=gemeente, first_name="Verzonnen",
                                         surname="Vrijwilliger", email=f"vrijwilliger.{pk}@example.org")
    Membership.objects.create(pk=pk, volunteer=volunteer, organisation=organisation)
    vacancy = Vacancy.objects.create(pk=pk, gemeente=gemeente, organisation=organisation,
                                     title="Verzonnen vacature", theme=Theme.objects.get(slug="taal"))
    VolunteerApplication.objects.create(
        pk=pk, gemeente=gemeente, organisation=organisation, vacancy=vacancy,
        first_name="Verzonnen", surname="Aanmelder", email=f"aanmelder.{pk}@example.org")


def _regie_records_of(gemeente, organisation, pk: int, regisseur) -> None:
    """The coordination layer's records with primary key `pk`: a signal with its message, a
    message to partners received by the organisation, the presence's listing check."""
    from regie.models import ListingCheck, PartnerMessage, PartnerMessageRecipient, Signal

    signal = Signal.objects.create(pk=pk, gemeente=gemeente, organisation=organisation,
                                   topic="Proefsignaal", waiting_since=timezone.now())
    signal.messages.create(pk=pk, text="Een verzonnen signaal.")
    message = PartnerMessage.objects.create(pk=pk, gemeente=gemeente, author=regisseur,
                                            subject="Proefbericht", body="Verzonnen.")
    PartnerMessageRecipient.objects.create(pk=pk, message=message, organisation=organisation)
    ListingCheck.objects.create(pk=pk, gemeente=gemeente,
                                presence=Presence.objects.get(pk=pk))


def _regie_snapshot() -> list:
    from regie.models import ListingCheck, PartnerMessage, Signal, SignalMessage

    return [list(model.objects.filter(pk__in=[OTHER_GEMEENTE_PK, OTHER_ORGANISATION_PK])
                 .order_by("pk").values())
            for model in (Signal, SignalMessage, PartnerMessage, ListingCheck)]


def _snapshot() -> list:
    """Every value of the records the walk must not change."""
    with scopes_disabled():
        return [
            list(model.objects.filter(pk__in=[OTHER_GEMEENTE_PK, OTHER_ORGANISATION_PK])
                 .order_by("pk").values())
            for model in (Organisation, Presence, Activity, Schedule, ContactRequest, Invitation,
                          Wijk, OverlapFinding, *_volunteer_models())
        ] + _regie_snapshot() + [OutboxMessage.objects.count()]


def _volunteer_models():
    from volunteers.models import Membership, Vacancy, Volunteer, VolunteerApplication

    return (Volunteer, Membership, Vacancy, VolunteerApplication)


@pytest.fixture
def worlds(db, gemeente):
    """Elderstad with its records, and in the user's own Testdam another organisation's."""
    elders = GemeenteFactory(name="Elderstad", slug="elders")
    _records_of(elders, OrganisationFactory(pk=OTHER_GEMEENTE_PK), OTHER_GEMEENTE_PK)
    _records_of(gemeente, OrganisationFactory(pk=OTHER_ORGANISATION_PK), OTHER_ORGANISATION_PK)
    return gemeente


def _request(client, method: str, path: str):
    return getattr(client, method)(path, **({"data": {}} if method == "post" else {}))


@pytest.mark.parametrize("role", ROLES)
def test_no_url_shows_or_changes_another_gemeentes_record_or_crashes(
    client, login_as, worlds, role
):
    if role:
        login_as(role, gemeente=worlds,
                 organisation=OrganisationFactory() if role in ORGANISATION_ROLES else None)
    before = _snapshot()
    checked = 0
    for path in all_paths(OTHER_GEMEENTE_PK):
        for method in METHODS:
            response = _request(client, method, path)
            where = f"{role} {method.upper()} {path} -> {response.status_code}"
            assert response.status_code < 500, where
            if str(OTHER_GEMEENTE_PK) in path:
                assert response.status_code in (302, 404, 405), f"{where}: another gemeente's"
                if response.status_code == 302:
                    assert "/account/" in response["Location"], where
            checked += 1
    assert checked > 100
    if role:
        assert "_auth_user_id" in client.session, "the walk ended the session: skip that URL"
    assert _snapshot() == before, f"{role}: a request changed another gemeente's records"


@pytest.mark.parametrize("role", sorted(ORGANISATION_ROLES))
def test_no_url_shows_or_changes_another_organisations_record(client, login_as, worlds, role):
    """Same gemeente, another organisation: closed to a coördinator, begeleider, volunteer."""
    login_as(role, gemeente=worlds, organisation=OrganisationFactory())
    before = _snapshot()
    for path in all_paths(OTHER_ORGANISATION_PK):
        if str(OTHER_ORGANISATION_PK) not in path:
            continue
        for method in METHODS:
            response = _request(client, method, path)
            where = f"{role} {method.upper()} {path} -> {response.status_code}"
            assert response.status_code in (302, 404, 405), f"{where}: another organisation's"
            if response.status_code == 302:
                assert "/account/" in response["Location"], where
    assert "_auth_user_id" in client.session, "the walk ended the session: skip that URL"
    assert _snapshot() == before, f"{role}: a request changed another organisation's records"
