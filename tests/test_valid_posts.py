"""The permission walk (tests/test_permissions.py) posts empty forms: a view that checks its
scope only after the form is valid would pass it. This walk posts VALID forms: for every role,
every page of the user's own records that holds a form is filled in as the page offers it (the
values, choices and hidden fields the form itself carries, as a browser would send them), and
then sent against the same route with the id of another gemeente's record, and of another
organisation's (for the roles that work for one organisation), with every own id in the fields
swapped for the other's too (a forged choice or hidden field). The answer must be a 404, 405 or
the log-in, never a 5xx, and nothing of the other's records may change."""
import logging
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve

from gemeenten.choices import Role
from initiatives.models import Organisation
from tests.test_permissions import (
    MARKERS,
    OPEN_TO_OTHER_ORGANISATIONS,
    ORGANISATION_ROLES,
    OTHER_GEMEENTE_PK,
    OTHER_ORGANISATION_PK,
    OWN_PK,
    SESSION_ENDING,
    _snapshot,
    _targets,
    all_paths,
    worlds,  # noqa: F401  (the fixture: three worlds of records with known ids)
)

# Forms that end the session or only set a preference: nothing to do with another's records.
NOT_REPLAYED = {*SESSION_ENDING, "/i18n/setlang/"}


class _Forms(HTMLParser):
    """The POST forms of a page with the values a browser would send unchanged."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._form = None
        self._select = None  # (name, first value, chosen value)
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._form = (a.get("action") or "", [])
                self.forms.append(self._form)
            return
        if self._form is None or a.get("disabled") is not None:
            return
        fields = self._form[1]
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                if kind == "submit" and a.get("value") is not None:
                    fields.append((name, a["value"]))  # the first named button, as clicked
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "button" and name and (a.get("type") or "submit") == "submit":
            if not any(field == name for field, _ in fields):
                fields.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = [name, None, [], "multiple" in a]
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._option = [value, "selected" in a, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            if self._form is not None:
                self._form[1].append(tuple(self._textarea))
            self._textarea = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value, selected, text = self._option
            value = text.strip() if value is None else value
            if self._select[1] is None:
                self._select[1] = value
            if selected:
                self._select[2].append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            name, first, chosen, multiple = self._select
            if self._form is not None:
                values = chosen or ([] if multiple or first is None else [first])
                self._form[1].extend((name, value) for value in values)
            self._select = None


def _counts() -> list[int]:
    from gemeenten.scope import scopes_disabled
    from initiatives.models import Activity, ContactRequest, Invitation, Presence, Schedule
    from tests.test_permissions import _volunteer_models

    with scopes_disabled():
        return [model.objects.count() for model in (
            Organisation, Presence, Activity, Schedule, ContactRequest, Invitation,
            *_volunteer_models())]


def _forged(fields, own: str, other: str) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(other if value == own else value)
    return data


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.BEHEERDER])
def test_a_valid_form_sent_against_another_record_is_refused_and_changes_nothing(
    client, login_as, worlds, role, caplog  # noqa: F811
):
    caplog.set_level(logging.DEBUG)
    own = Organisation.objects.get(pk=OWN_PK) if role in ORGANISATION_ROLES else None
    user = login_as(role, gemeente=worlds, organisation=own)
    if role == Role.VOLUNTEER:
        from volunteers.models import Volunteer

        Volunteer.objects.filter(pk=OWN_PK).update(user=user)
    others = [OTHER_GEMEENTE_PK] + ([OTHER_ORGANISATION_PK] if role in ORGANISATION_ROLES
                                    else [])
    # The regisseur works on every organisation of their own gemeente.
    untouchable = (OTHER_GEMEENTE_PK,) if role == Role.REGISSEUR else (
        OTHER_GEMEENTE_PK, OTHER_ORGANISATION_PK)
    before = _snapshot(untouchable, outbox=False)
    forms = []
    for _route, url_name, path, _target in _targets(all_paths(OWN_PK), OWN_PK, "own"):
        page = client.get(path)
        if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(page.content.decode(errors="replace"))
        for action, fields in parser.forms:
            target = urlsplit(urljoin(path, action)).path
            if target in NOT_REPLAYED or (str(OWN_PK) not in target
                                          and not any(v == str(OWN_PK) for _n, v in fields)):
                continue
            try:
                forms.append((url_name, target, resolve(target).view_name, fields))
            except Resolver404:
                continue
    replayed, wrong = 0, []
    for other in others:
        # Nothing of another gemeente may be created either: count every table the walk
        # watches. (Another organisation in the own gemeente may be a legitimate choice, such
        # as the receiver of a referral; its own records are compared below.)
        counts = _counts() if other == OTHER_GEMEENTE_PK else None
        for url_name, target, target_name, fields in forms:
            if other == OTHER_ORGANISATION_PK and target_name in OPEN_TO_OTHER_ORGANISATIONS:
                continue
            forged_path = target.replace(str(OWN_PK), str(other))
            response = client.post(forged_path, _forged(fields, str(OWN_PK), str(other)))
            replayed += 1
            where = (f"{role} POST {forged_path} (the form of {url_name}) -> "
                     f"{response.status_code}")
            assert response.status_code < 500, where
            if forged_path != target:  # the id in the address: the record is not theirs
                location = response.get("Location", "")
                if not (response.status_code in (404, 405) or location.startswith(
                        ("/account/login/", "/account/2fa/"))):
                    wrong.append(where)
            assert "_auth_user_id" in client.session, f"{where} ended the session"
            if counts is not None and _counts() != counts:
                wrong.append(f"{where}: created or deleted a row")
                counts = _counts()
    assert replayed, f"{role}: no form of their own pages was replayed; the walk is broken"
    assert not wrong, "a valid form reached another's record:\n" + "\n".join(wrong)
    assert _snapshot(untouchable, outbox=False) == before, \
        f"{role}: a valid form changed another's records"
    logged = caplog.text.lower()
    assert not [v for pk in MARKERS for v in MARKERS[pk].values() if v in logged], \
        "a log line holds personal data"
