"""What a visit carries from page to page, in the URL only (no cookie, no storage):
kiosk mode and the take-along list; and, from a result list to an activity and on, the list's
filters (`?terug=`), so "back" returns to the list the visitor came from."""
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict

from . import conf

_ID = re.compile(r"^\d{1,9}$")


def parse_list(raw: str | None) -> list[int]:
    """`?l=12,34`: positive ids in order, no doubles, anything else quietly dropped."""
    ids: list[int] = []
    for part in (raw or "")[:400].split(","):
        part = part.strip()
        if _ID.match(part):
            value = int(part)
            if value > 0 and value not in ids:
                ids.append(value)
    return ids[: conf.list_max()]


def format_list(ids: list[int]) -> str:
    return ",".join(str(i) for i in ids)


@dataclass
class Visit:
    kiosk: bool = False
    list_ids: list[int] = field(default_factory=list)

    def params(self) -> dict[str, str]:
        params = {}
        if self.kiosk:
            params["kiosk"] = "1"
        if self.list_ids:
            params["l"] = format_list(self.list_ids)
        return params

    def query(self, **extra) -> str:
        """`?kiosk=1&l=..&extra..` or "" when there is nothing to carry."""
        params = self.params()
        params.update({k: v for k, v in extra.items() if v not in (None, "", False)})
        return "?" + urlencode(params) if params else ""


def visit_from(request) -> Visit:
    return Visit(
        kiosk=request.GET.get("kiosk") == "1",
        list_ids=parse_list(request.GET.get("l")),
    )


# The result list's own parameters (infopunt.filters.ActivityFilter, and its page): what
# `?terug=` may carry. Kiosk mode and the list travel on their own.
RESULT_PARAMS = ("q", "thema", "taal", "wijk", "dag", "voor", "week", "gratis",
                 "nieuwkomers", "page")
_BACK_MAX = 400


def back_params(raw: str | None) -> dict[str, str]:
    """The result list's filters from `?terug=` (itself a query string), in a fixed order;
    anything else, and any value too long, quietly dropped (a forged link gives the list)."""
    data = QueryDict((raw or "")[:_BACK_MAX])
    params = {}
    for name in RESULT_PARAMS:
        value = data.get(name, "").strip()
        if value and len(value) <= 200:
            params[name] = value
    return params


def back_value(params: dict[str, str]) -> str:
    """The value of `?terug=` that brings `params` back (`back_params` reads it)."""
    return urlencode(params)[:_BACK_MAX]
