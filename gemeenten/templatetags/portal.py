"""Template filters shared by the staff pages."""
from django import template
from django.utils.html import format_html

from gemeenten.languages import language_name

register = template.Library()


@register.filter
def language(value) -> str:
    """A spoken language for staff: its name in the page's language, and its own name beside
    it when that differs ("Arabisch (العربية)", but "Nederlands", not "Nederlands
    (Nederlands)")."""
    if not value:
        return ""
    name = language_name(value)
    if name.casefold() == value.native_name.casefold():
        return name
    return format_html('{} <span class="text-body-secondary small" lang="{}">({})</span>',
                       name, value.code, value.native_name)
