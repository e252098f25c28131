"""What every infopunt page needs: the gemeente from the URL and the visit from the query."""
from django.shortcuts import get_object_or_404, render

from gemeenten.models import Gemeente

from .. import conf
from ..state import visit_from


def gemeente_or_404(request, slug: str) -> Gemeente:
    """The gemeente of the URL, as the tenant scope middleware already found it."""
    gemeente = getattr(request, "url_gemeente", None)
    if gemeente is not None and gemeente.slug == slug:
        return gemeente
    return get_object_or_404(Gemeente, slug=slug)


def render_page(request, template: str, context: dict, *, status: int = 200):
    """Render an infopunt page. Public pages must never set a cookie, so no CSRF token,
    no messages framework and no session are used here."""
    visit = context.get("visit") or visit_from(request)
    context = {
        "visit": visit,
        "kiosk_idle_seconds": conf.kiosk_idle_seconds(),
        **context,
    }
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store" if visit.kiosk else "private, max-age=0"
    return response
