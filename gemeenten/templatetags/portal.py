"""Template filters shared by the staff pages."""
from django import forms, template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

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


def _bootstrap_class(widget) -> str | None:
    """The Bootstrap class crispy gives a widget it writes plainly, or None for the widgets
    left to crispy (check boxes, radio buttons, files, multi-widgets)."""
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.MultiWidget)):
        return None
    if isinstance(widget, forms.Select):
        return "form-select"
    if isinstance(widget, (forms.CheckboxInput, forms.FileInput)):
        return None
    if isinstance(widget, (forms.widgets.Input, forms.Textarea)):
        return "form-control"
    return None


def _filter_field(field) -> str:
    widget = field.field.widget
    bootstrap = _bootstrap_class(widget)
    if field.is_hidden:
        return str(field)
    if bootstrap is None or field.field.required or not field.label:
        from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

        return as_crispy_field(field)
    name = widget.__class__.__name__.lower()
    classes = widget.attrs.get("class", "")
    classes = f"{classes} {name}" if classes and name not in classes else classes or name
    for extra in (bootstrap, "is-invalid" if field.errors else ""):
        if extra and extra not in classes.split():
            classes += f" {extra}"
    errors = ""
    if field.errors:
        errors = format_html('<div id="{}_error" class="invalid-feedback">{}</div>',
                             field.auto_id, format_html_join(
                                 "", '<p id="error_{}_{}"><strong>{}</strong></p>',
                                 ((n, field.auto_id, error)
                                  for n, error in enumerate(field.errors, start=1))))
    help_text = ""
    if field.help_text:
        help_text = format_html('<div id="{}_helptext" class="form-text">{}</div>',
                                field.auto_id, mark_safe(field.help_text))  # noqa: S308 (code's text)
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>'
        "{}{}{}</div>",
        field.auto_id, field.id_for_label, field.label,
        field.as_widget(attrs={"class": classes}), errors, help_text)


@register.simple_tag
def filter_fields(form) -> str:
    """A list's filter form in the markup crispy's bootstrap5 pack gives it, written in
    Python: crispy's field template costs about a millisecond per field on every request
    of a list page. The fields it does not write plainly (check boxes, radio buttons,
    required fields) are still crispy's."""
    return mark_safe("".join(_filter_field(field) for field in form))  # noqa: S308 (escaped above)


_menu_urls: dict[tuple, str] = {}


@register.simple_tag
def menu_url(name: str) -> str:
    """{% url name %} for the menu's links (no arguments), reversed once per process for
    each language, URLconf and script prefix: the staff menu has about thirty links, and
    reversing them cost a few percent of every staff page."""
    key = (name, get_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    url = _menu_urls.get(key)
    if url is None:
        url = _menu_urls[key] = reverse(name)
    return url  # escaped by simple_tag where the template autoescapes, as {% url %} is
