"""The list to take along: it lives in the URL (`?l=12,34`), is printed with a QR code per
activity, and on a kiosk is shown as one large QR code to scan with a phone."""
import segno
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from .. import conf
from ..querysets import for_display, public_activities
from ..state import Visit, format_list, visit_from
from .common import gemeente_or_404, render_page


def qr_svg(url: str, *, scale: int = 4) -> str:
    """An inline SVG QR code; the surrounding element carries the accessible name."""
    svg = segno.make(url, error="m").svg_inline(scale=scale, dark="#000", light="#fff",
                                                omitsize=True)
    return mark_safe(svg)  # noqa: S308 - segno's own output, no user markup inside


def _items(request, gemeente, visit: Visit):
    """The listed activities that are still public, in the visitor's order."""
    found = {a.pk: a for a in for_display(
        public_activities(gemeente).filter(pk__in=visit.list_ids), next_dates=3
    )}
    return [found[pk] for pk in visit.list_ids if pk in found]


def _public_url(request, viewname, *args, query: str = "") -> str:
    """The address a phone opens: same language, without kiosk mode."""
    return request.build_absolute_uri(reverse(viewname, args=args)) + query


@require_GET
def take_along(request, gemeente):
    gemeente = gemeente_or_404(request, gemeente)
    visit = visit_from(request)
    items = _items(request, gemeente, visit)
    context = {"gemeente": gemeente, "items": items, "visit": visit,
               "can_print": not visit.kiosk or conf.kiosk_silent_print()}
    if visit.kiosk and items:
        list_url = _public_url(request, "infopunt:list", gemeente.slug,
                               query=f"?l={format_list([a.pk for a in items])}")
        context["list_qr"] = qr_svg(list_url, scale=8)
        context["list_url"] = list_url
    return render_page(request, "infopunt/list.html", context)


@require_GET
def take_along_print(request, gemeente):
    gemeente = gemeente_or_404(request, gemeente)
    visit = visit_from(request)
    items = _items(request, gemeente, visit)
    for item in items:
        item.qr = qr_svg(_public_url(request, "infopunt:activity", gemeente.slug, item.pk))
    return render_page(request, "infopunt/list_print.html", {
        "gemeente": gemeente, "items": items, "visit": visit,
        "printed_on": timezone.localdate(),
        "can_print": not visit.kiosk or conf.kiosk_silent_print(),
    })
