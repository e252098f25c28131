"""Three promises of issue 22 proved over the whole portal by one walk of the permission
walk's worlds (tests/test_permissions.py: every URL of the resolver, GET and the empty POST,
as every role, marker values in every personal field): each page that shows, changes,
exports or erases a person's data writes exactly one audit event per person; no log record
and no URL holds personal data; every export carries only the fields its role may see and is
audited. The walk runs once per module and records what each request did; each test reads
the part it proves."""
import html
import io
import logging
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.db.models import F
from django.test import Client, override_settings

from gemeenten.audit import Action, Purpose
from gemeenten.choices import Role
from gemeenten.exports import EXPORTS
from gemeenten.models import AuditEvent
from gemeenten.scope import scopes_disabled

from .factories import GemeenteFactory, OrganisationFactory, staff_logged_in
from .test_permissions import (
    MARKERS,
    ORGANISATION_ROLES,
    OTHER_GEMEENTE_PK,
    OTHER_ORGANISATION_PK,
    OWN_PK,
    ROLES,
    _read_matrix,
    _records_of,
    _request,
    _targets,
    all_paths,
    marker,
)

WORLDS = (OTHER_GEMEENTE_PK, OTHER_ORGANISATION_PK, OWN_PK)
METHODS = ("get", "post")  # what the walk asks; PUT and DELETE answer no page
# The newcomer's personal fields (the person of the audit log, subject "newcomer"): the
# person's record, what a referral carries about them, their koppeling.
PERSON_FIELDS = {"registratienummer", "first_name", "surname", "phone", "email",
                 "referral_note", "instemming_text", "match_end_note", "goal", "goal_words",
                 "checkin", "referral_reason"}
# Pages that list people are not person-level access (the decision in SECURITY.md, Issue 22,
# for the FG to overturn): a list shows the fields that tell its rows apart, to the people
# whose work they are, and writes no event; opening one person is the audited access.
# Anything more of a person on a list needs its event like any page.
LIST_PAGES = {"statushouders:newcomer_list", "statushouders:aanmelding_list",
              "statushouders:worklist", "volunteers:match_list", "volunteers:home"}
LIST_FIELDS = {"first_name", "surname", "registratienummer"}
# The regisseur sees people as a case reference on any page (DESIGN.md, Who uses it); the
# details only after giving a reason, audited. The privacy officer finds a person by the
# number a request names; the access report and the erasure are the audited acts.
CASE_REFERENCE = {Role.REGISSEUR: {"registratienummer"},
                  Role.PRIVACY_OFFICER: {"registratienummer"}}
# A mailto: or tel: link opens the mail or phone app of whoever may see the address: it
# reaches no server, access log, history or Referer, so it is not a URL in this sense.
APP_LINKS = ("mailto:", "tel:")
# What each role processes a person's data for (gemeenten.audit.Purpose).
PURPOSES = {
    Role.BEGELEIDER: {Purpose.BEGELEIDING, Purpose.REFERRAL, Purpose.HANDOVER},
    Role.COORDINATOR: {Purpose.REFERRAL},
    Role.VOLUNTEER: {Purpose.REFERRAL},
    Role.REGISSEUR: {Purpose.REGIE, Purpose.HANDOVER, Purpose.REFERRAL},
    Role.PRIVACY_OFFICER: {Purpose.ACCESS_REQUEST, Purpose.ERASURE_REQUEST},
}
# Pages the walk must find audited: proof that it reaches them.
AUDITED_PAGES = {"statushouders:newcomer_detail", "statushouders:aanmelding_detail",
                 "volunteers:match_detail", "volunteers:newcomer_matches"}
URL_ATTRIBUTE = re.compile(
    r"""\b(?:href|src|srcset|action|formaction|poster|hx-(?:get|post|put|patch|delete)|"""
    r"""data-[\w-]*(?:url|href|src))\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


@dataclass
class Seen:
    """What one request of the walk did."""

    role: str | None
    user_pk: int | None
    method: str
    path: str
    url_name: str
    target: str
    status: int
    body: str  # lower case; an attachment's text as a spreadsheet shows it
    attachment: str  # the file name of a download, else ""
    events: list = field(default_factory=list)  # the audit events it wrote, as dicts
    changed: set = field(default_factory=set)  # the worlds whose person it changed
    urls: list = field(default_factory=list)  # its path, Location and every URL in its HTML


def _log_in(client, role, gemeente, organisation):
    return staff_logged_in(client, role, gemeente=gemeente, organisation=organisation)


class _Every(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.NOTSET)
        self.records: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record):
        self.records.append(self.format(record))


class every_log_record:
    """Every record the portal's logging can write with LOG_LEVEL=DEBUG, of every logger
    (those that do not propagate, such as django.server or a worker's, included), as the
    console prints it with its traceback. A logger keeps the level its configuration gives
    it: Django's `django` logger stays at INFO, so django.template's DEBUG records (whole
    template contexts) are never written (SECURITY.md, Issue 22)."""

    def __enter__(self):
        self.handler = _Every()
        root = logging.getLogger()
        loggers = [logger for logger in logging.root.manager.loggerDict.values()
                   if isinstance(logger, logging.Logger)]
        self.saved = [(logger, logger.disabled) for logger in loggers]
        self.root_level = root.level
        root.setLevel(logging.DEBUG)
        root.addHandler(self.handler)
        for logger in loggers:
            logger.disabled = False
            if not logger.propagate:
                logger.addHandler(self.handler)
        return self.handler.records

    def __exit__(self, *exc):
        root = logging.getLogger()
        root.setLevel(self.root_level)
        root.removeHandler(self.handler)
        for logger, disabled in self.saved:
            logger.disabled = disabled
            logger.removeHandler(self.handler)


def _urls(response, path: str) -> list[str]:
    urls = [path]
    if response.has_header("Location"):
        urls.append(response["Location"])
    if "html" in response.get("Content-Type", ""):
        text = response.content.decode(errors="replace")
        urls += [html.unescape(a or b) for a, b in URL_ATTRIBUTE.findall(text)]
    return urls


def _attachment_text(response) -> str:
    """A download's text as a spreadsheet shows it: the CSV, or every part of the XLSX."""
    if response.content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(response.content)) as book:
            return " ".join(book.read(name).decode(errors="replace") for name in book.namelist())
    return response.content.decode("utf-8-sig", errors="replace")


def _person_state() -> dict[int, list]:
    """Each world's person with all that is held about them, to tell a change."""
    from statushouders.models import Begeleiding, Instemming, Newcomer, Referral
    from volunteers.models import CheckIn, Match, MatchGoal

    rows = [(Newcomer.objects, "pk"), (Newcomer.languages.through.objects, "newcomer_id"),
            (Begeleiding.objects, "newcomer_id"), (Referral.objects, "newcomer_id"),
            (Instemming.objects, "referral__newcomer_id"), (Match.objects, "newcomer_id"),
            (MatchGoal.objects, "match__newcomer_id"), (CheckIn.objects, "match__newcomer_id")]
    state = {pk: [] for pk in WORLDS}
    for manager, person in rows:
        for row in manager.filter(**{f"{person}__in": WORLDS}).annotate(
                person=F(person)).order_by("pk").values():
            state[row["person"]].append(row)
    return state


def _last_event() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _answers(role, route, target, method, matrix) -> bool:
    """Whether the permission table says the role gets an answer here: a 404, a 405 or the
    log-in page shows nothing, and the permission walk holds those to its own checks."""
    return (matrix.get((route, target, method)) or {}).get(role or "anonymous") not in (
        "404", "405", "login")


def _walk_as(role, gemeente) -> list[Seen]:
    client = Client()
    user = None
    if role:
        own = OrganisationFactory._meta.model.objects.get(pk=OWN_PK) \
            if role in ORGANISATION_ROLES else None
        user = _log_in(client, role, gemeente, own)
        if role == Role.VOLUNTEER:  # the own koppeling is theirs
            from volunteers.models import Volunteer

            Volunteer.objects.filter(pk=OWN_PK).update(user=user)
    matrix = _read_matrix()
    walk = [(method, url_name, path, target)
            for route, url_name, path, target in [
                *_targets(all_paths(OTHER_GEMEENTE_PK), OTHER_GEMEENTE_PK, "other_gemeente"),
                *_targets(all_paths(OTHER_ORGANISATION_PK), OTHER_ORGANISATION_PK,
                          "other_organisation"),
                *_targets(all_paths(OWN_PK), OWN_PK, "own")]
            for method in METHODS if _answers(role, route, target, method, matrix)]
    walk += [("get", name, path, "none") for name, path in _export_variants()
             if role in EXPORTS[name].roles]
    seen = []
    for method, url_name, path, target in walk:
        before_event = _last_event()
        before = _person_state() if method == "post" else None
        response = _request(client, method, path)
        disposition = response.get("Content-Disposition", "")
        attachment = disposition.split("filename=")[-1].strip('"') \
            if "attachment" in disposition else ""
        body = _attachment_text(response) if attachment else \
            response.content.decode(errors="replace")
        after = _person_state() if method == "post" else None
        seen.append(Seen(
            role=role, user_pk=getattr(user, "pk", None), method=method, path=path,
            url_name=url_name, target=target, status=response.status_code,
            body=body.lower(), attachment=attachment,
            events=list(AuditEvent.objects.filter(pk__gt=before_event).order_by("pk")
                        .values()),
            changed={pk for pk in WORLDS if before and before[pk] != after[pk]},
            urls=_urls(response, path)))
    return seen


def _export_variants() -> list[tuple[str, str]]:
    """The downloads the plain walk does not ask for (a format chosen by a parameter)."""
    from django.urls import reverse

    return [(export.url_name, reverse(export.url_name) + query)
            for export in EXPORTS.values() for query in export.variants if query]


@dataclass
class Walk:
    seen: list[Seen]
    log: list[str]


@pytest.fixture(scope="module")
def walk(django_db_setup, django_db_blocker):
    """The worlds of the permission walk, walked once by every role; each role's requests
    are undone before the next role's, as each role has a fresh world in the permission
    walk."""
    import importlib

    from django.apps import apps
    from django.core.cache import cache

    from regie.celery import app

    seen: list[Seen] = []
    with (django_db_blocker.unblock(), scopes_disabled(), every_log_record() as log,
          override_settings(CELERY_TASK_ALWAYS_EAGER=True)):
        app.conf.task_always_eager = True
        cache.clear()
        try:
            with transaction.atomic():
                # The seed migration's taxonomy, again: a transactional test before this
                # module may have flushed it (as in tests/test_dutch_staff_pages.py).
                importlib.import_module("gemeenten.migrations.0002_seed_taxonomy").seed(
                    apps, None)
                gemeente = GemeenteFactory(name="Testdam", slug="testdam")
                elders = GemeenteFactory(name="Elderstad", slug="elders")
                _records_of(elders, OrganisationFactory(pk=OTHER_GEMEENTE_PK),
                            OTHER_GEMEENTE_PK)
                _records_of(gemeente, OrganisationFactory(pk=OTHER_ORGANISATION_PK),
                            OTHER_ORGANISATION_PK)
                _records_of(gemeente, OrganisationFactory(pk=OWN_PK), OWN_PK)
                _more_markers()
                for role in ROLES:
                    with transaction.atomic():
                        seen += _walk_as(role, gemeente)
                        cache.clear()
                        transaction.set_rollback(True)
                transaction.set_rollback(True)
        finally:
            app.conf.task_always_eager = False
            cache.clear()
    return Walk(seen=seen, log=list(log))


def _more_markers() -> None:
    """Personal fields the permission walk leaves empty: a referral's reason (free text on
    every page that shows the referral)."""
    from statushouders.models import Referral

    for pk in WORLDS:
        Referral.objects.filter(pk=pk).update(reason=marker("referral_reason", pk))


def _markers(fields=None) -> dict[str, tuple[int, str]]:
    """marker value -> (world, field)."""
    return {value: (pk, name) for pk, values in MARKERS.items() for name, value in values.items()
            if fields is None or name in fields}


# The marker, not only the `walk` fixture: pytest-django creates the test database only for
# the tests whose markers ask for it (tests/test_dutch_staff_pages.py).
pytestmark = pytest.mark.django_db


def _shown(seen: Seen, fields) -> dict[int, set[str]]:
    """The worlds whose marker values of these fields the response shows, and which."""
    shown: dict[int, set[str]] = {}
    for value, (pk, name) in _markers(fields).items():
        if value in seen.body:
            shown.setdefault(pk, set()).add(name)
    return shown


def test_every_page_that_shows_or_changes_a_persons_data_writes_one_audit_event_per_person(
    walk,
):
    """Every answer of the walk (each role, every URL the permission table opens to it, GET
    and the walk's POST): a person whose data it shows or changes has exactly one event, by
    this user in this role, with an action and a purpose the role has; nobody else has one,
    and a page that shows no one's data writes none. Lists follow the decision in
    SECURITY.md: the fields that tell the rows apart, without an event."""
    wrong, audited = [], set()
    for seen in walk.seen:
        if seen.attachment:
            continue  # the exports' own test
        where = f"{seen.role or 'anonymous'} {seen.method.upper()} {seen.path}"
        assert seen.status < 500, where
        shown = _shown(seen, PERSON_FIELDS - CASE_REFERENCE.get(seen.role, set()))
        if seen.url_name in LIST_PAGES:
            shown = {pk: fields - LIST_FIELDS for pk, fields in shown.items()
                     if fields - LIST_FIELDS}
        expected = set(shown) | seen.changed
        persons = Counter(int(e["subject_id"]) for e in seen.events
                          if e["subject_type"] == "newcomer")
        if persons != Counter(expected):
            wrong.append(f"{where}: shows {shown or '-'}, changes {seen.changed or '-'}, "
                         f"events for {dict(persons) or '-'}")
        for event in seen.events:
            actions = {Action.VIEW} if seen.method == "get" else set(Action.values)
            if (event["subject_type"] != "newcomer" or event["actor_id"] != seen.user_pk
                    or event["actor_role"] != seen.role or event["action"] not in actions
                    or event["purpose"] not in PURPOSES.get(seen.role, ())
                    or any(value in event["detail"].lower() for value in _markers())):
                wrong.append(f"{where}: event {event}")
        audited |= {seen.url_name for _e in seen.events}
    # The walk reaches the pages that open a person, so their silence elsewhere counts.
    assert AUDITED_PAGES <= audited, f"the walk audited only {sorted(audited)}"
    assert not wrong, "not one audit event per person:\n" + "\n".join(wrong)


def test_no_log_record_or_url_of_the_walk_holds_personal_data(walk):
    """A marker value in any personal field (the newcomer's, a referral's, a koppeling's, a
    volunteer's, a sign-up's, a contact request's, an upload's) appears in no log record of
    any logger at any level (django.request, celery and the portal's own among them), in no
    path the walk asked for, no redirect and no href, src or action of any page."""
    markers = _markers()
    in_logs = sorted(f"world {pk} {name}: {record[:300]}"
                     for value, (pk, name) in markers.items()
                     for record in walk.log if value in record.lower())
    in_urls = sorted({f"{seen.role or 'anonymous'} {seen.method.upper()} {seen.path}: {url}"
                      for seen in walk.seen for url in seen.urls
                      if not url.lower().startswith(APP_LINKS)
                      for value in markers if value in url.lower()})
    # The capture works: the walk's pages hold the markers, links and log records.
    assert any(_shown(seen, {"surname"}) for seen in walk.seen)
    assert sum(len(seen.urls) for seen in walk.seen) > 10 * len(walk.seen)
    assert any(record.startswith("django.") for record in walk.log), walk.log[:5]
    assert not in_logs, f"personal data in a log record: {in_logs}"
    assert not in_urls, "personal data in a URL:\n" + "\n".join(in_urls)


def test_every_export_carries_only_the_fields_its_role_may_see_and_is_audited(walk):
    """Every download of the walk is an export declared in gemeenten/exports.py, asked by a
    role the declaration names; every declared export was downloaded in each of its formats
    by each such role, with marker values in every personal field: none appears that the
    role's columns do not carry, and each download wrote the event its declaration says."""
    downloads = [seen for seen in walk.seen if seen.attachment]
    declared = {(name, role, query) for name, export in EXPORTS.items()
                for role in export.roles for query in export.variants}
    done = {(seen.url_name, seen.role, "?" + seen.path.split("?")[1] if "?" in seen.path
             else "") for seen in downloads}
    assert done == declared, f"undeclared: {done - declared}, not downloaded: {declared - done}"
    wrong = []
    for seen in downloads:
        export = EXPORTS[seen.url_name]
        where = f"{seen.role} {seen.path} ({seen.attachment})"
        assert seen.status == 200 and seen.body.strip(), where
        allowed = export.personal_fields(seen.role)
        wrong += [f"{where}: world {pk} {name}" for value, (pk, name) in _markers().items()
                  if name not in allowed and value in seen.body]
        expected = [(seen.user_pk, seen.role, Action.EXPORT, export.purpose,
                     export.audit_subject)] if export.audit_subject else []
        events = [(e["actor_id"], e["actor_role"], e["action"], e["purpose"],
                   e["subject_type"]) for e in seen.events]
        if events != expected:
            wrong.append(f"{where}: events {events}, declared {expected}")
    assert not wrong, "\n".join(wrong)
