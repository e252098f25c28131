"""Links that keep the visit (kiosk mode, the take-along list) and the language switcher."""
from functools import lru_cache
from html import escape  # Django's escape() is this, without its lazy-string wrapper
from urllib.parse import quote_plus, urlencode

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_urlconf, reverse, translate_url
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.safestring import mark_safe

from ..state import Visit, format_list

register = template.Library()

# Markers of a one-off action; they never travel on to the next page.
_ONE_OFF = {"added", "removed", "page"}


def _visit(context) -> Visit:
    return context.get("visit") or Visit()


@register.simple_tag(takes_context=True)
def ip_url(context, viewname, *args, **query):
    """reverse() plus the visit's kiosk and list parameters, plus `query`."""
    return reverse(viewname, args=args) + _visit(context).query(**query)


@register.simple_tag(takes_context=True)
def ip_home_url(context, viewname, *args):
    """A fresh start: kiosk mode kept, the list and every input dropped."""
    return reverse(viewname, args=args) + ("?kiosk=1" if _visit(context).kiosk else "")


@register.simple_tag(takes_context=True)
def ip_query(context, **overrides):
    """The current query string with some values replaced (None or "" removes one)."""
    request = context["request"]
    params = {k: v for k, v in request.GET.items() if k not in _ONE_OFF}
    for key, value in overrides.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params) if params else "?"


@register.simple_tag(takes_context=True)
def ip_toggle(context, activity_id):
    """The current page with this activity added to or removed from the list."""
    request = context["request"]
    visit = _visit(context)
    params = {k: v for k, v in request.GET.items() if k not in _ONE_OFF | {"l"}}
    if activity_id in visit.list_ids:
        ids = [i for i in visit.list_ids if i != activity_id]
        params["removed"] = str(activity_id)
    else:
        ids = [*visit.list_ids, activity_id]
        params["added"] = str(activity_id)
    if ids:
        params["l"] = format_list(ids)
    return request.path + "?" + urlencode(params)


@register.inclusion_tag("infopunt/partials/languages.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    current = translation.get_language()
    path = request.get_full_path()
    choices = []
    match = request.resolver_match
    for code, name in settings.LANGUAGES:
        try:
            # translate_url() without resolving the path again for each of the languages
            url = _translated(match, code, request) if match else translate_url(path, code)
        except NoReverseMatch:  # pragma: no cover - every infopunt URL has a twin
            url = f"/{code}/infopunt/"
        choices.append({
            "code": code, "name": name, "url": url, "current": code == current,
            "bidi": translation.get_language_info(code)["bidi"],
        })
    return {"choices": choices}


def _translated(match, code: str, request) -> str:
    """The current page in language `code`, as translate_url(request.get_full_path(), code)
    gives it, from the request's resolver match."""
    if match.args or not match.kwargs.keys() <= _CACHED_KWARGS:  # e.g. a confirmation token
        with translation.override(code):
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    else:
        url = _path_in(code, match.view_name, tuple(sorted(match.kwargs.items())),
                       get_urlconf())
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{iri_to_uri(query)}" if query else url


# The URL parameters of the infopunt's pages that _path_in may keep (no secret among them).
_CACHED_KWARGS = {"gemeente", "pk", "page", "organisation"}


@lru_cache(maxsize=4096)
def _path_in(code: str, view_name: str, kwargs: tuple, urlconf) -> str:
    """reverse() in language `code`: the same path for the same arguments as long as the
    URLconf is the same (part of the key), so the switcher's nine links of a page are
    made once per process rather than on every request."""
    with translation.override(code):
        return reverse(view_name, kwargs=dict(kwargs), urlconf=urlconf)


@register.filter
def in_list(activity_id, visit: Visit) -> bool:
    return activity_id in visit.list_ids


@register.filter
def text_lang(activity, fieldname: str) -> str:
    """The language an activity text is shown in: the visitor's when translated, else nl."""
    current = translation.get_language()
    if getattr(activity, f"{fieldname}_{current}", ""):
        return current
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def _date_names() -> tuple[list[str], list[str]]:
    """Django's weekday and (genitive) month names in the current language, translated
    once per language and process rather than for each date shown."""
    return _date_names_in(translation.get_language())


@lru_cache(maxsize=32)
def _date_names_in(language: str) -> tuple[list[str], list[str]]:
    from django.utils.dates import MONTHS_ALT, WEEKDAYS

    with translation.override(language):
        return ([str(WEEKDAYS[i]) for i in range(7)],
                [""] + [str(MONTHS_ALT[m]) for m in range(1, 13)])


def _time_html(starts_at, names) -> str:
    """`<time datetime="{{ starts_at|date:'c' }}">{{ starts_at|date:"l j E, H:i" }}</time>`
    without a DateFormat and a template node per value (`names`: `_date_names()`)."""
    from django.utils.timezone import template_localtime

    value = template_localtime(starts_at)
    weekdays, months = names
    text = f"{weekdays[value.weekday()]} {value.day} {months[value.month]}, {value:%H:%M}"
    return f'<time datetime="{value.isoformat()}">{escape(text)}</time>'


@register.filter
def ip_times(occurrences) -> str:
    """The occurrences' start times, each as `_time_html` writes it, joined by "; ": the same
    markup as Django's date filters in a `{% for %}` (a page showed up to 60; it took 5 ms)."""
    names = _date_names()
    return mark_safe("; ".join(_time_html(o.starts_at, names) for o in occurrences))


# One result card (infopunt.querysets.ResultCard), as results.html wrote it with a template
# loop: twenty of those cost about a third of the page's time. tests/infopunt/
# test_render_speed.py pins this output to that loop's (results_cards_reference.html).
_CARD = (
    '<li class="mb-2"><article class="card ip-card{yours_class}" aria-labelledby="a{pk}">\n'
    '  <div class="card-body">\n'
    '    <h2 class="h5 card-title mb-1" id="a{pk}"><a href="{url}">'
    "<span{title_lang}><bdi>{title}</bdi></span></a></h2>\n"
    '    <p class="mb-1 text-body-secondary"><bdi>{organisation}</bdi>{newcomers}</p>\n'
    '    <p class="mb-1"><span class="visually-hidden">{t_when}: </span>{when}\n'
    '      \u00b7 <span class="visually-hidden">{t_where}: </span>{where}\n'
    '      \u00b7 <span class="visually-hidden">{t_cost}: </span>{cost}</p>\n'
    '    <div class="d-flex flex-wrap align-items-center justify-content-between gap-2">\n'
    '      <p class="mb-0">{yours}{languages}</p>\n'
    "      \n"
    '      <a class="btn btn-sm {toggle_class}" href="{toggle_url}">{toggle}'
    '<span class="visually-hidden">: <bdi>{title}</bdi></span></a>\n'
    "      \n"
    "    </div>\n"
    "  </div>\n"
    "</article>\n"
    "</li>"
)


@register.simple_tag(takes_context=True)
def ip_cards(context, cards) -> str:
    """The result list's cards (`_CARD`), with what every card shares made once: the
    translated labels, the link's query, the escaping of the fixed parts."""
    from django.utils.translation import gettext

    request = context["request"]
    visit = _visit(context)
    language = translation.get_language()
    t = {key: escape(text) for key, text in {
        "newcomers": gettext("By and for newcomers"), "where": gettext("Where"),
        "online": gettext("Online"), "ask": gettext("Ask the organisation"),
        "when": gettext("When"), "languages": gettext("Languages"), "cost": gettext("Cost"),
        "free": gettext("Free"), "remove": gettext("Remove from my list"),
        "add": gettext("Add to my list"), "yours": gettext("In your language"),
    }.items()}
    # /<lang>/infopunt/<gemeente>/activiteit/<pk>/ and the query every card link carries.
    path = reverse("infopunt:activity", args=[context["gemeente"].slug, 1])
    assert path.endswith("/1/")
    url_start, url_query = path[:-2], escape(visit.query(terug=context.get("back")))
    toggle_query = urlencode(
        {k: v for k, v in request.GET.items() if k not in _ONE_OFF | {"l"}}
    )
    names = _date_names()
    parts = []
    for card in cards:
        title = escape(card.title)
        if card.next_start is not None:
            when = _time_html(card.next_start, names)
        else:
            when = t["ask"]
        if card.online:
            where = t["online"]
        elif card.wijk is not None:
            where = f"<bdi>{escape(card.wijk)}</bdi>"
        elif card.address:
            where = f"<bdi>{escape(card.address)}</bdi>"
        else:
            where = t["ask"]
        languages = ""
        if card.languages:
            languages = f'<span class="visually-hidden">{t["languages"]}: </span>' + ", ".join(
                f'<bdi lang="{escape(lang.code)}">{escape(lang.native_name)}</bdi>'
                for lang in card.languages
            )
        listed = card.pk in visit.list_ids
        # As ip_toggle: urlencode(toggle_params + added/removed + l), the shared part once.
        if listed:
            ids = [i for i in visit.list_ids if i != card.pk]
            query = [toggle_query, f"removed={card.pk}"]
        else:
            ids = [*visit.list_ids, card.pk]
            query = [toggle_query, f"added={card.pk}"]
        if ids:
            query.append("l=" + quote_plus(format_list(ids)))
        parts.append(_CARD.format(
            pk=card.pk, yours_class=" ip-card-yours" if card.in_your_language else "",
            url=f"{url_start}{card.pk}/{url_query}", title=title,
            title_lang=(f' lang="{card.title_lang}" dir="ltr"'
                        if card.title_lang != language else ""),
            organisation=escape(card.organisation),
            newcomers=(f' <span class="badge ip-badge-newcomer">{t["newcomers"]}</span>'
                       if card.newcomer_led else ""),
            t_when=t["when"], when=when, t_where=t["where"], where=where, t_cost=t["cost"],
            cost=t["free"] if card.is_free else f'<span lang="nl"><bdi>{escape(card.cost)}</bdi></span>',
            yours=(f'<strong class="badge ip-badge-yours">{t["yours"]}</strong> '
                   if card.in_your_language else ""),
            languages=languages,
            toggle_class="btn-outline-secondary" if listed else "btn-outline-primary",
            toggle_url=escape(request.path + "?" + "&".join(part for part in query if part)),
            toggle=t["remove"] if listed else t["add"],
        ))
    return mark_safe("".join(parts))  # every value above is escaped or our own markup


@register.filter
def query_string(params: dict) -> str:
    return urlencode(params)


@register.filter
def schedule_text(schedule) -> str:
    """A rule as a sentence in the visitor's language, with its hours and season: "Once a
    month on Saturday (first week of the month), 10:00–12:00, until 4 July 2027". The rule
    itself is `initiatives.schedules.rule_text`, the same words staff read."""
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    from initiatives.choices import Frequency
    from initiatives.schedules import rule_text

    hours = f"{schedule.start_time:%H:%M}"
    if schedule.end_time:
        # Isolated left to right: in an Arabic or Farsi sentence "14:00–17:00" would
        # otherwise read "17:00–14:00".
        hours = f"\u2066{hours}–{schedule.end_time:%H:%M}\u2069"
    parts = [rule_text(schedule), hours]
    if schedule.frequency != Frequency.ONCE:
        # A season or a summer break is visible to the visitor too, not only to staff.
        if schedule.valid_from > timezone.localdate():
            parts.append(_("from %(date)s") % {"date": date_format(schedule.valid_from, "j E Y")})
        if schedule.valid_until:
            parts.append(_("until %(date)s") % {"date": date_format(schedule.valid_until, "j E Y")})
    return ", ".join(parts)


@register.simple_tag(takes_context=True)
def ip_without(context, name):
    """The current query string without one filter (and back on the first page)."""
    request = context["request"]
    params = {k: v for k, v in request.GET.items() if k not in _ONE_OFF | {name}}
    return "?" + urlencode(params)


@register.filter
def bdi(value):
    """A name inside a translated sentence, isolated: a Latin name in an Arabic sentence keeps
    the sentence's full stop where it belongs (blocktranslate takes the safe string as is)."""
    from django.utils.html import format_html

    return format_html("<bdi>{}</bdi>", value)
