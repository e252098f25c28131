"""Links that keep the visit (kiosk mode, the take-along list) and the language switcher."""
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
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
    for code, name in settings.LANGUAGES:
        try:
            url = translate_url(path, code)
        except NoReverseMatch:  # pragma: no cover - every infopunt URL has a twin
            url = f"/{code}/infopunt/"
        choices.append({
            "code": code, "name": name, "url": url, "current": code == current,
            "bidi": translation.get_language_info(code)["bidi"],
        })
    return {"choices": choices}


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


@register.filter
def ip_times(occurrences) -> str:
    """The occurrences' start times, each as
    `<time datetime="{{ starts_at|date:'c' }}">{{ starts_at|date:"l j E, H:i" }}</time>`,
    joined by "; ": the same markup as those filters in a `{% for %}`, without a DateFormat
    and a template node per value (a result page shows up to 60; it took 5 ms)."""
    from django.utils.dates import MONTHS_ALT, WEEKDAYS
    from django.utils.timezone import template_localtime

    times = []
    for occurrence in occurrences:
        value = template_localtime(occurrence.starts_at)
        text = f"{WEEKDAYS[value.weekday()]} {value.day} {MONTHS_ALT[value.month]}, {value:%H:%M}"
        times.append(format_html('<time datetime="{}">{}</time>', value.isoformat(), text))
    return mark_safe("; ".join(times))  # each part is format_html output


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
