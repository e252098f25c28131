"""What a visit carries from page to page, in the URL only (no cookie, no storage):
kiosk mode and the take-along list."""
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

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
