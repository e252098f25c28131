"""Template filters for the referral pages: the codes a referral stores, in the reader's
words (the aanmelding showed "di-ochtend,do-avond", "proposed" and "tekst in het nl")."""
from django import template
from django.utils import translation

from gemeenten.languages import cldr_name
from statushouders.choices import DAY_PARTS, WEEKDAY_CODES, ReferralState

register = template.Library()


@register.filter
def availability(value: str) -> str:
    """"di-ochtend,do-avond" as "dinsdag ochtend, donderdag avond"; what is not a code of the
    form (older free text) stays as typed."""
    days, parts = dict(WEEKDAY_CODES), dict(DAY_PARTS)
    labels = []
    for slot in (s.strip() for s in (value or "").split(",")):
        day, _sep, part = slot.partition("-")
        if day in days and part in parts:
            labels.append(f"{days[day]} {parts[part]}".lower())
        elif slot:
            labels.append(slot)
    return ", ".join(labels)


@register.filter
def referral_state(value: str) -> str:
    try:
        return ReferralState(value).label
    except ValueError:
        return value


@register.filter
def language_code_name(code: str) -> str:
    """A language code ("nl") as its name in the page's language ("Nederlands")."""
    return cldr_name(code, translation.get_language() or "nl") or code
