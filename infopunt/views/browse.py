"""Finding the offer: language redirect, gemeente choice, theme tiles, results, activity."""
from django.conf import settings
from django.db.models import Case, Exists, F, Func, OuterRef, Q, Value, When
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import require_GET

from gemeenten.models import Gemeente, Theme
from gemeenten.scope import scopes_disabled
from initiatives.choices import ApprovalState
from initiatives.models import Presence
from initiatives.querysets import listing_stale_before

from .. import conf
from ..filters import ActivityFilter, current, query_words
from ..querysets import for_display, page_of, public_activities, result_cards
from ..services import search_count
from ..state import RESULT_PARAMS, back_params, back_value, visit_from
from .common import gemeente_or_404, render_page

_INTERFACE = [code for code, _name in settings.LANGUAGES]
# Spoken languages whose readers are best served by an interface language of ours.
_CLOSEST = {"prs": "fa", "ps": "fa", "ru": "uk", "am": "ti"}


def language_for(accept_language: str) -> str:
    """The first interface language the browser asks for; Dutch when none fits."""
    for code, _q in parse_accept_lang_header(accept_language[:500]):
        base = code.lower().split("-")[0]
        base = _CLOSEST.get(base, base)
        if base in _INTERFACE:
            return base
    return settings.LANGUAGE_CODE


@require_GET
def entry(request):
    """/infopunt/ -> /<lang>/infopunt/ by the browser's language; no cookie is read or set."""
    language = language_for(request.headers.get("Accept-Language", ""))
    with translation.override(language):
        target = reverse("infopunt:start")
    query = request.GET.urlencode()
    response = HttpResponseRedirect(target + (f"?{query}" if query else ""))
    response["Vary"] = "Accept-Language"
    return response


@require_GET
def start(request):
    """Which gemeente? An installation that serves one goes straight to it."""
    # EXISTS rather than a join and DISTINCT over every presence (18,000 at national size).
    approved = Presence.objects.filter(gemeente=OuterRef("pk"), approval=ApprovalState.APPROVED)
    gemeenten = Gemeente.objects.filter(Exists(approved))
    search = (request.GET.get("gemeente") or "")[:100].strip()
    if search:
        gemeenten = gemeenten.filter(name__icontains=search)
    # Deliberately across gemeenten, before the visitor has chosen one: which gemeenten
    # have a public offer. Only their names and slugs leave this query.
    with scopes_disabled():
        gemeenten = list(gemeenten.order_by("name")[:400])
    if len(gemeenten) == 1 and not search:
        visit = visit_from(request)
        return HttpResponseRedirect(
            reverse("infopunt:home", args=[gemeenten[0].slug]) + visit.query()
        )
    return render_page(request, "infopunt/start.html",
                       {"gemeenten": gemeenten, "search": search})


@require_GET
def home(request, gemeente):
    """The first screen: large tiles per theme, a search box."""
    gemeente = gemeente_or_404(request, gemeente)
    return render_page(request, "infopunt/home.html",
                       {"gemeente": gemeente, "themes": list(Theme.objects.all())})


def _filters_signature(active: dict) -> str:
    """The filters other than theme, language and wijk, as a short stable text."""
    parts = []
    for name in ("dag", "voor", "week", "gratis", "nieuwkomers"):
        if name in active:
            value = active[name]
            parts.append(name if value is True else f"{name}={value}")
    return " ".join(parts)


# The spoken languages whose speakers read the page in this interface language. Dutch is
# the default and spoken nearly everywhere: no order and no mark for it.
_READERS = {"fa": ("fa", "prs")}


def readers_languages(language: str) -> tuple[str, ...]:
    """The spoken languages of a visitor who reads the page in `language`."""
    if language == settings.LANGUAGE_CODE:
        return ()
    return _READERS.get(language, (language,))


def _yours_first(codes: tuple[str, ...]):
    """An order key: 0 for an activity where one of `codes` is spoken (Activity.facets, a
    test on the row), else 1."""
    spoken = Q()
    for code in codes:
        spoken |= Q(facets__contains=f" l:{code} ")
    return Case(When(spoken, then=Value(0)), default=Value(1))


def _by_title(language: str) -> Func:
    """The title in `language` as an expression (`title || ''`: the same order), not the
    column: PostgreSQL would otherwise walk the regisseur's list index in Dutch title order
    (activity_staff_list_idx) to stop after one page, not seeing that the page's
    `COUNT(*) OVER ()` needs every matching row; at `stress` that read the gemeente's 8,500
    activities from the table (54 ms) where the covering index takes 4 ms (issue 21)."""
    code = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    return Func(F(f"title_{code}"), template="(%(expressions)s || '')")


@require_GET
def results(request, gemeente):
    gemeente = gemeente_or_404(request, gemeente)
    today = timezone.localdate()
    base = current(public_activities(gemeente), today)
    filterset = ActivityFilter(request.GET or None, queryset=base, gemeente=gemeente,
                               today=today)
    language = translation.get_language()
    yours = readers_languages(language)
    order = ([_yours_first(yours)] if yours else []) + [_by_title(language), "pk"]
    page = page_of(
        filterset.qs.order_by(*order), request.GET.get("page"),
        per_page=conf.page_size(),
        display=lambda rows: result_cards(rows, today=today, language=language, yours=yours),
    )
    active = filterset.active_filters()
    words = query_words(active.get("q"))
    first_visit_of_search = page.number == 1 and not (
        {"added", "removed", "page"} & set(request.GET)
    )
    if active and first_visit_of_search:
        search_count(
            gemeente=gemeente, day=today,
            theme=active["thema"].slug if "thema" in active else "",
            language=active["taal"].code if "taal" in active else "",
            wijk=active.get("wijk"), filters=_filters_signature(active), words=words,
            result_count=page.paginator.count,
        )
    return render_page(request, "infopunt/results.html", {
        "gemeente": gemeente, "filter": filterset, "form": filterset.form, "page": page,
        "active": active, "active_labels": _labels(filterset.form, active), "theme": active.get("thema"), "query": active.get("q", ""),
        "today": today, "stale_before": stale_before(gemeente, today),
        # Each card's link carries this list's filters, so the activity leads back to it.
        "back": back_value({k: v for k, v in request.GET.items() if k in RESULT_PARAMS}),
    })


def _labels(form, active: dict) -> list[tuple[str, str]]:
    """Each active filter as (name, "Label: value") for the "remove this" links."""
    labels = []
    for name, value in active.items():
        field = form.fields[name]
        if value is True:
            text = str(field.label)
        elif hasattr(field, "choices") and not hasattr(value, "pk"):
            choices = {str(k): v for k, v in field.choices}
            text = f"{field.label}: {choices.get(str(value), value)}"
        elif hasattr(field, "label_from_instance"):
            text = f"{field.label}: {field.label_from_instance(value)}"
        else:
            text = f"{field.label}: {value}"
        labels.append((name, text))
    return labels


def stale_before(gemeente, today):
    """A listing confirmed before this date is marked "may be out of date": the gemeente's
    one setting (listing_stale_months), which the regisseur's list to check reads too."""
    return listing_stale_before(gemeente, today)


@require_GET
def activity(request, gemeente, pk):
    gemeente = gemeente_or_404(request, gemeente)
    today = timezone.localdate()
    found = list(for_display(public_activities(gemeente).filter(pk=pk), today=today,
                             next_dates=8).prefetch_related("schedules", "target_groups"))
    if not found:
        raise Http404
    item = found[0]
    # Title and (when there is one) description in the visitor's language, else the notice.
    translated = item.is_translated(translation.get_language())
    back = back_params(request.GET.get("terug"))
    visit = visit_from(request)
    return render_page(request, "infopunt/activity.html", {
        "gemeente": gemeente, "activity": item, "translated": translated, "visit": visit,
        "back": back_value(back),
        "back_url": reverse("infopunt:results", args=[gemeente.slug]) + visit.query(**back),
        "stale": item.last_confirmed is not None and item.last_confirmed < stale_before(gemeente, today),
        "schedules": [s for s in item.schedules.all()
                      if not s.valid_until or s.valid_until >= today],
    })



@require_GET
def statement(request, gemeente, page):
    """The privacy and accessibility statements inside the infopunt, so kiosk mode stays."""
    from gemeenten.models import Statement

    if page not in ("privacy", "toegankelijkheid"):
        raise Http404
    gemeente = gemeente_or_404(request, gemeente)
    text = Statement.objects.filter(slug=page).first()
    language = translation.get_language()
    translated = language == settings.LANGUAGE_CODE or bool(
        text and getattr(text, f"body_{language}", "")
    )
    paragraphs = [p.strip() for p in (text.body if text else "").split("\n\n") if p.strip()]
    return render_page(request, "infopunt/statement.html", {
        "gemeente": gemeente, "page": text, "slug": page, "paragraphs": paragraphs,
        "translated": translated,
    })
