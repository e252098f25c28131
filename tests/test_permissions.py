"""Walk every URL of the project (from the resolver, so a new URL is covered automatically)
for every role and every method, with every id pointing at a record that really exists: of
another gemeente, or of another organisation in the user's own gemeente."""
import csv
import logging
import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
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
OWN_PK = 765432  # every record of the user's own organisation (or, without one, gemeente)
SKIP_PREFIXES = ("admin/", "static/", "media/", "__debug__/")
# Logging out would walk the rest of the URLs anonymously; its own tests are in test_accounts.
SESSION_ENDING = {"/account/logout/"}
ROLES = [None, *Role.values]
MARKERS: dict[int, dict[str, str]] = {}  # the markers planted in each world, by its pk


def marker(field: str, pk: int) -> str:
    """A word found nowhere else: planted in one personal field of the world with this pk."""
    value = f"zqx{pk}{field.replace('_', '')}"[:30]
    MARKERS.setdefault(pk, {})[field] = value
    return value
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
        first_name=marker("contact_first_name", pk), email=f"{marker('contact_email', pk)}@example.org",
        phone=marker("contact_phone", pk), question=marker("contact_question", pk),
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

    volunteer = Volunteer.objects.create(
        pk=pk, gemeente=gemeente, first_name=marker("volunteer_first_name", pk),
        surname=marker("volunteer_surname", pk), phone=marker("volunteer_phone", pk),
        email=f"{marker('volunteer_email', pk)}@example.org")
    Membership.objects.create(pk=pk, volunteer=volunteer, organisation=organisation)
    vacancy = Vacancy.objects.create(pk=pk, gemeente=gemeente, organisation=organisation,
                                     title="Verzonnen vacature", theme=Theme.objects.get(slug="taal"))
    VolunteerApplication.objects.create(
        pk=pk, gemeente=gemeente, organisation=organisation, vacancy=vacancy,
        first_name=marker("application_first_name", pk), surname=marker("application_surname", pk),
        email=f"{marker('application_email', pk)}@example.org", phone=marker("application_phone", pk),
        motivation=marker("application_motivation", pk))
    _person_records_of(gemeente, organisation, pk, volunteer)


def _person_records_of(gemeente, organisation, pk: int, volunteer) -> None:
    """A newcomer with begeleiding, flag, referral with instemming, koppeling with goal and
    check-in, a training and an upload of newcomers, with primary key pk and a marker in
    every personal field."""
    from gemeenten.models import Theme
    from statushouders.models import (
        Begeleiding,
        Flag,
        Instemming,
        Newcomer,
        NewcomerUpload,
        Referral,
    )
    from volunteers.models import CheckIn, Match, MatchGoal, Training

    today = timezone.localdate()
    begeleider = UserFactory(role=Role.BEGELEIDER, gemeente=gemeente)
    organisation.staff.add(begeleider)
    newcomer = Newcomer.objects.create(
        pk=pk, gemeente=gemeente, organisation=organisation,
        registratienummer=marker("registratienummer", pk), first_name=marker("first_name", pk),
        surname=marker("surname", pk), phone=marker("phone", pk),
        email=f"{marker('email', pk)}@example.org", wijk=Wijk.objects.get(pk=pk))
    begeleiding = Begeleiding.objects.create(
        pk=pk, newcomer=newcomer, organisation=organisation, caseworker=begeleider,
        start=today - timedelta(days=300), planned_end=today + timedelta(days=20))
    Flag.objects.create(pk=pk, gemeente=gemeente, kind="handover_urgent", begeleiding=begeleiding,
                        organisation=organisation, caseworker=begeleider, for_regisseur=True,
                        due_date=begeleiding.planned_end, raised_on=today)
    referral = Referral.objects.create(
        pk=pk, gemeente=gemeente, newcomer=newcomer, from_organisation=organisation,
        from_user=begeleider, to_organisation=organisation, need=Theme.objects.get(slug="taal"),
        availability="di-avond", note=marker("referral_note", pk), state="accepted",
        accepted_at=timezone.now())
    Instemming.objects.create(pk=pk, referral=referral, shared_fields="first_name,languages",
                              text=marker("instemming_text", pk), language="nl",
                              recorded_by=begeleider)
    match = Match.objects.create(pk=pk, gemeente=gemeente, volunteer=volunteer,
                                 newcomer=newcomer, organisation=organisation, referral=referral,
                                 starts_on=today, planned_end=today + timedelta(days=180),
                                 end_note=marker("match_end_note", pk))
    MatchGoal.objects.create(pk=pk, match=match, text=marker("goal", pk),
                             halfway_words=marker("goal_words", pk))
    CheckIn.objects.create(pk=pk, match=match, on=today, text=marker("checkin", pk),
                           needs_attention=True)
    Training.objects.create(pk=pk, gemeente=gemeente, organisation=organisation,
                            topic="Verzonnen training", starts_at=timezone.now() + timedelta(days=9),
                            seats=5, open_to_others=True)
    NewcomerUpload.objects.create(pk=pk, gemeente=gemeente, uploaded_by=begeleider,
                                  filename="verzonnen.csv",
                                  data=f"registratienummer\n{marker('upload', pk)}\n".encode())


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


def _regie_snapshot(pks) -> list:
    from regie.models import ListingCheck, PartnerMessage, Signal, SignalMessage

    return [list(model.objects.filter(pk__in=pks)
                 .order_by("pk").values())
            for model in (Signal, SignalMessage, PartnerMessage, ListingCheck)]


def _snapshot(pks=(OTHER_GEMEENTE_PK, OTHER_ORGANISATION_PK), *, outbox=True) -> list:
    """Every value of the records the walk must not change."""
    with scopes_disabled():
        return [
            list(model.objects.filter(pk__in=pks)
                 .order_by("pk").values())
            for model in (Organisation, Presence, Activity, Schedule, ContactRequest, Invitation,
                          Wijk, OverlapFinding, *_volunteer_models())
        ] + _regie_snapshot(pks) + (
            [OutboxMessage.objects.count()] if outbox else [])


def _volunteer_models():
    from statushouders.models import Begeleiding, Flag, Instemming, Newcomer, Referral
    from volunteers.models import (
        CheckIn,
        Match,
        MatchGoal,
        Membership,
        Training,
        Vacancy,
        Volunteer,
        VolunteerApplication,
    )

    return (Volunteer, Membership, Vacancy, VolunteerApplication, Newcomer, Begeleiding, Flag,
            Referral, Instemming, Match, MatchGoal, CheckIn, Training)


@pytest.fixture
def worlds(db, gemeente):
    """Elderstad with its records, and in the user's own Testdam another organisation's and
    the user's own organisation's."""
    elders = GemeenteFactory(name="Elderstad", slug="elders")
    _records_of(elders, OrganisationFactory(pk=OTHER_GEMEENTE_PK), OTHER_GEMEENTE_PK)
    _records_of(gemeente, OrganisationFactory(pk=OTHER_ORGANISATION_PK), OTHER_ORGANISATION_PK)
    _records_of(gemeente, OrganisationFactory(pk=OWN_PK), OWN_PK)
    return gemeente


def _request(client, method: str, path: str):
    return getattr(client, method)(path, **({"data": {}} if method == "post" else {}))


MATRIX = Path(__file__).with_name("permission_matrix.csv")
# Set to rewrite the table from what the portal does now; then READ the diff before committing.
REGENERATE = os.environ.get("REGENERATE_PERMISSION_MATRIX") == "1"
ROLE_COLUMNS = ["anonymous", *Role.values]
KEY = ("route", "target", "method")
# What a role may see of another organisation's records in its own gemeente (DESIGN.md): the
# regisseur reads the contact requests and volunteer sign-ups of an organisation without a
# coördinator account, the volunteers of the gemeente's pool, and a person only as a case
# reference (organisation + registratienummer) on the worklist.
MAY_SEE_OTHER_ORGANISATIONS = {
    Role.REGISSEUR: {"contact_first_name", "contact_email", "contact_phone", "contact_question",
                     "registratienummer"},
}
# The privacy officer answers a person's request for access (the report is everything every
# app holds on them, their maatje's first name included) and confirms an erasure by the
# registratienummer: both audited (tests/statushouders/test_privacy.py).
MAY_SEE_ON_PAGE = {
    (Role.PRIVACY_OFFICER, "statushouders:privacy_report"): "*",
    (Role.PRIVACY_OFFICER, "statushouders:privacy_erase"): {"registratienummer"},
}
# Markers the walk must find (where the role may see them): proof that the search works.
SEEN_BY_ROLE = {
    Role.REGISSEUR: {"other organisation contact_first_name", "own registratienummer"},
    Role.BEGELEIDER: {"own surname", "own goal"},
    Role.COORDINATOR: {"own contact_question", "own volunteer_surname", "own checkin"},
    Role.VOLUNTEER: {"own goal"},
}
# Open to the volunteers of other organisations by design (DESIGN.md, Training).
OPEN_TO_OTHER_ORGANISATIONS = {"volunteers:training_signup"}


def _outcome(response) -> str:
    """allowed (2xx, or 3xx within the portal) / login / 404 / 405 / any other status."""
    status = response.status_code
    if 300 <= status < 400:
        location = response["Location"]
        if location.startswith(("/account/login/", "/account/2fa/")):
            return "login"
        return "allowed" if location.startswith("/") else f"offsite {location}"
    return "allowed" if status < 300 else str(status)


def _targets(pk_paths: list[str], pk: int, target: str):
    """(route, path, target) for each path; ids point at the target world's records."""
    slug = "elders" if target == "other_gemeente" else "testdam"
    for path in pk_paths:
        has_id = str(pk) in path
        if target != "other_gemeente" and not has_id:
            continue
        path = path.replace("/infopunt/elders/", f"/infopunt/{slug}/")
        match = resolve(path)
        yield match.route, match.view_name, path, target if has_id else "none"


def _read_matrix() -> dict[tuple, dict]:
    if not MATRIX.exists():
        return {}
    with MATRIX.open(newline="") as file:
        return {tuple(row[k] for k in KEY): row for row in csv.DictReader(file)}


def _write_matrix(column: str, found: dict[tuple, tuple[str, str]]) -> None:
    rows = _read_matrix()
    for key, (url_name, outcome) in found.items():
        row = rows.setdefault(key, {"url_name": url_name, **dict(zip(KEY, key, strict=True))})
        row["url_name"] = url_name
        row[column] = outcome
    with MATRIX.open("w", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=["url_name", *KEY, *ROLE_COLUMNS],
                                lineterminator="\n")
        writer.writeheader()
        for key in sorted(rows):
            writer.writerow(rows[key])


def _forbidden_markers(role) -> dict[str, str]:
    """Every marker of another gemeente; of another organisation, all but what the role may
    see of it."""
    allowed = MAY_SEE_OTHER_ORGANISATIONS.get(role, set())
    return {**{f"other gemeente {field}": value
               for field, value in MARKERS[OTHER_GEMEENTE_PK].items()},
            **{f"other organisation {field}": value
               for field, value in MARKERS[OTHER_ORGANISATION_PK].items()
               if field not in allowed}}


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_the_permission_matrix_says(
    client, login_as, worlds, role, caplog
):
    """Every route x target (none, the user's own organisation's record, another
    organisation's record in the user's gemeente, another gemeente's) x method, for this role, against tests/permission_matrix.csv. A route
    missing from the table fails: add its row with the expected outcome."""
    caplog.set_level(logging.DEBUG)
    column = role or "anonymous"
    if role:
        own = Organisation.objects.get(pk=OWN_PK) if role in ORGANISATION_ROLES else None
        user = login_as(role, gemeente=worlds, organisation=own)
        if role == Role.VOLUNTEER:  # the own koppeling is theirs
            from volunteers.models import Volunteer

            Volunteer.objects.filter(pk=OWN_PK).update(user=user)
    # The regisseur works on every organisation of their own gemeente.
    untouchable = (OTHER_GEMEENTE_PK,) if role == Role.REGISSEUR else (
        OTHER_GEMEENTE_PK, OTHER_ORGANISATION_PK)
    # Who works on records of their own may send e-mail about them.
    outbox = role not in ORGANISATION_ROLES and role != Role.REGISSEUR
    before = _snapshot(untouchable, outbox=outbox)
    expected = _read_matrix()
    found, wrong, leaks = {}, [], []
    forbidden = _forbidden_markers(role)
    visible = {f"own {f}": v for f, v in MARKERS[OWN_PK].items()} | {
        f"other organisation {f}": v for f, v in MARKERS[OTHER_ORGANISATION_PK].items()
        if f in MAY_SEE_OTHER_ORGANISATIONS.get(role, ())}
    seen = set()
    walk = [*_targets(all_paths(OTHER_GEMEENTE_PK), OTHER_GEMEENTE_PK, "other_gemeente"),
            *_targets(all_paths(OTHER_ORGANISATION_PK), OTHER_ORGANISATION_PK,
                      "other_organisation"),
            *_targets(all_paths(OWN_PK), OWN_PK, "own")]
    for route, url_name, path, target in walk:
        for method in METHODS:
            response = _request(client, method, path)
            outcome = _outcome(response)
            where = f"{column} {method.upper()} {path} -> {response.status_code}"
            assert response.status_code < 500, where
            if target == "other_gemeente" or (target == "other_organisation"
                                              and role in ORGANISATION_ROLES
                                              and url_name not in OPEN_TO_OTHER_ORGANISATIONS):
                assert outcome in ("404", "405", "login"), f"{where}: another {target}'s"
            body = response.content.decode(errors="replace").lower()
            on_page = MAY_SEE_ON_PAGE.get((role, url_name), ())
            seen |= {field for field, value in visible.items() if value in body}
            leaks += [f"{where}: {field}" for field, value in forbidden.items()
                      if value in body and on_page != "*"
                      and field.removeprefix("other organisation ") not in on_page]
            key = (route, target, method)
            found[key] = (url_name, outcome)
            row = expected.get(key)
            if not REGENERATE and (row is None or row.get(column) != outcome):
                wrong.append(f"{where}: table says {row and row.get(column)}, got {outcome}")
    if REGENERATE:
        _write_matrix(column, found)
    # The markers are found where the role may see them, so their absence elsewhere counts.
    assert SEEN_BY_ROLE.get(role, set()) <= seen, f"{column} saw only {sorted(seen)}"
    assert not leaks, "a response showed another's personal data:\n" + "\n".join(leaks)
    assert not wrong, "not as tests/permission_matrix.csv says:\n" + "\n".join(wrong)
    stale = {k for k, row in expected.items() if row.get(column)} - set(found)
    assert not stale, f"rows in the table for routes that no longer exist: {sorted(stale)}"
    logged = caplog.text.lower()
    assert not [v for pk in MARKERS for v in MARKERS[pk].values() if v in logged], \
        "a log line holds personal data"
    if role:
        assert "_auth_user_id" in client.session, "the walk ended the session: skip that URL"
    assert _snapshot(untouchable, outbox=outbox) == before, f"{column}: a request changed another's records"


def test_every_route_of_the_resolver_has_its_rows_in_the_table():
    """Quick and without a database: a new URL fails here first, with the rows to add."""
    table = _read_matrix()
    walk = [*_targets(all_paths(OTHER_GEMEENTE_PK), OTHER_GEMEENTE_PK, "other_gemeente"),
            *_targets(all_paths(OTHER_ORGANISATION_PK), OTHER_ORGANISATION_PK,
                      "other_organisation"),
            *_targets(all_paths(OWN_PK), OWN_PK, "own")]
    missing = [f"{url_name},{route},{target},{method}"
               for route, url_name, _path, target in walk for method in METHODS
               if not all((table.get((route, target, method)) or {}).get(column)
                          for column in ROLE_COLUMNS)]
    assert not missing, ("add these rows to tests/permission_matrix.csv with the expected "
                         "outcome per role (or run the walk with "
                         "REGENERATE_PERMISSION_MATRIX=1 and read the diff):\n"
                         + "\n".join(missing))
    assert len(table) > 1000
