"""Helpers for the sociale kaart tests (no tests here): read what a page's form really
renders, so a test posts exactly that, plus its own changes."""
from html.parser import HTMLParser

from initiatives.choices import ApprovalState
from tests.factories import ActivityFactory, organisation_in


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None
        self._textarea = None
        self._template_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "template":
            self._template_depth += 1
        if self._template_depth:
            return
        if tag == "form":
            self.forms.append({"action": a.get("action"), "fields": []})
        elif not self.forms:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.forms[-1]["fields"].append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button", "reset"):
                self.forms[-1]["fields"].append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None, None]
        elif tag == "option" and self._select is not None:
            if self._select[2] is None:
                self._select[2] = a.get("value", "")
            if "selected" in a:
                self._select[1] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_endtag(self, tag):
        if tag == "template":
            self._template_depth -= 1
        elif tag == "select" and self._select is not None:
            name, selected, first = self._select
            self.forms[-1]["fields"].append((name, selected if selected is not None else first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.forms[-1]["fields"].append(tuple(self._textarea))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


def rendered_form(html: str, containing: str) -> dict[str, list[str]]:
    """The fields of the form on the page that has a field named `containing`, as the
    browser would send them (unchecked boxes left out), as {name: [values]}."""
    parser = _FormParser()
    parser.feed(html)
    for form in parser.forms:
        names = [name for name, _value in form["fields"]]
        if containing in names:
            data: dict[str, list[str]] = {}
            for name, value in form["fields"]:
                data.setdefault(name, []).append(value)
            return data
    raise AssertionError(f"no form with a field {containing!r} on the page")


def filled(data: dict[str, list[str]], **changes) -> dict[str, list[str]]:
    """The rendered data with fields replaced; a list value sets several (checkboxes)."""
    result = dict(data)
    for name, value in changes.items():
        result[name] = value if isinstance(value, list) else [value]
    return result


def pending_organisation(gemeente, **kwargs):
    return organisation_in(gemeente, approval=ApprovalState.PENDING, **kwargs)


def activity_of(organisation, gemeente, **kwargs):
    return ActivityFactory(organisation=organisation, gemeente=gemeente, **kwargs)
