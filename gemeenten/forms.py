"""Forms shared by the apps (the forms of the accounts are in gemeenten/accounts/forms.py):
the base every form of the portal builds on, and the honeypot of the public forms."""
import re
from html import escape as _html_escape

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

# Invisible characters that reorder what follows them (embeddings, overrides, isolates):
# "\u202e" makes "exe.txt" show as "txt.exe". Nobody types them on purpose; removed.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# C0 and C1 control characters and DEL, and the Unicode line and paragraph separators.
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# What a multi-line text keeps of them: tab and line breaks (a browser sends CR LF).
_MULTILINE_DROPPED = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MULTILINE_BREAKS = re.compile("[\u2028\u2029]")

# A text without a length of its own (a TextField column, a password, a search) is kept to
# this many characters, as long as a cell of an imported spreadsheet may be.
LONG_TEXT_MAX_LENGTH = 5_000

NULL_CHARACTER = _("Null characters are not allowed.")  # Django's own message
CONTROL_CHARACTER = _(
    "Please write this on one line, without line breaks, tabs or other invisible characters."
)


def typed_text(value: str, *, multiline: bool, secret: bool = False) -> str:
    """What a person typed into a field, as the portal keeps it.

    NUL is refused everywhere (PostgreSQL cannot store it). A single-line field refuses
    every control character: a line break in a name ends up in an e-mail header or a CSV
    row. A multi-line field keeps tab and line breaks and loses the other control characters.
    The direction controls are removed from both, except from a password, which is kept
    exactly as typed.
    """
    if "\x00" in value:
        raise ValidationError(NULL_CHARACTER, code="null_characters_not_allowed")
    if not secret:
        value = BIDI_CONTROLS.sub("", value)
    if multiline:
        return _MULTILINE_BREAKS.sub("\n", _MULTILINE_DROPPED.sub("", value))
    # Surrounding white space is stripped by the field anyway (a pasted trailing newline).
    if CONTROLS.search(value.strip()):
        raise ValidationError(CONTROL_CHARACTER, code="control_characters")
    return value


def _checked(field: forms.Field) -> None:
    """Make this field (the form's own copy) pass every submitted value through typed_text
    before its own cleaning: a choice field, a hidden field or a list of values alike, so a
    NUL never reaches a database lookup of a ModelChoiceField either. A text field without
    a length gets LONG_TEXT_MAX_LENGTH."""
    if getattr(field, "_typed_text_checked", False):
        return
    # A JSONField is a CharField whose cleaned value is no text (len(0) raised a TypeError,
    # found by fuzzing): its length is checked on what was typed, in check() below.
    json_field = isinstance(field, forms.JSONField)
    if isinstance(field, forms.CharField) and field.max_length is None and not json_field:
        field.max_length = LONG_TEXT_MAX_LENGTH
        field.validators.append(MaxLengthValidator(LONG_TEXT_MAX_LENGTH))
    clean = field.clean
    multiline = isinstance(field.widget, forms.Textarea)
    secret = isinstance(field.widget, forms.PasswordInput)

    model_choice = isinstance(field, forms.ModelChoiceField)  # the multiple one too

    def check(value):
        if model_choice:
            _refuse_ids_out_of_range(field, value)
        if isinstance(value, str):
            if json_field and len(value) > LONG_TEXT_MAX_LENGTH:
                MaxLengthValidator(LONG_TEXT_MAX_LENGTH)(value)
            return typed_text(value, multiline=multiline, secret=secret)
        if isinstance(value, list | tuple):
            return type(value)(check(item) for item in value)
        return value  # a file, a tick box, nothing

    def clean_checked(value, *args, **kwargs):
        return clean(check(value), *args, **kwargs)

    field.clean = clean_checked
    field._typed_text_checked = True


# The largest id a database column holds (64-bit signed). A larger number in a forged choice
# made SQLite raise OverflowError and PostgreSQL a DataError while Django validated it: a 500
# (found by fuzzing). It is an invalid choice like any unknown id.
MAX_ID = 2**63 - 1


def _refuse_ids_out_of_range(field, value) -> None:
    for item in value if isinstance(value, list | tuple) else [value]:
        text = str(item).strip() if item is not None else ""
        if text.lstrip("+-").isdigit() and abs(int(text)) > MAX_ID:
            raise forms.ValidationError(field.error_messages["invalid_choice"],
                                        code="invalid_choice", params={"value": text})


class TypedTextMixin:
    """The base of every form of the portal (PortalForm, PortalModelForm below; Django's own
    forms that the portal uses take it as a mixin): what is typed goes through typed_text
    first.

    The fields are wrapped when the form is cleaned, not built: by then every __init__ has
    added or replaced the fields it wants."""

    def full_clean(self):
        for field in self.fields.values():
            _checked(field)
        super().full_clean()

    def __getitem__(self, name):
        """Each field as the template gets it, with an empty choice that says something
        ("Kies…") instead of Django's "---------"; here, not in __init__, for the same
        reason as above."""
        bound = super().__getitem__(name)
        _name_the_empty_choice(bound.field)
        return bound


DJANGO_EMPTY_CHOICE = "---------"


def _is_django_empty(label) -> bool:
    """Django's (and django-filter's) empty label is this plain string. A lazily translated
    label is the code's own: comparing it would translate it, a gettext per choice on every
    access of every field of a list's filter form (issue 21)."""
    return isinstance(label, str) and label == DJANGO_EMPTY_CHOICE


def _name_the_empty_choice(field) -> None:
    if _is_django_empty(getattr(field, "empty_label", None)):
        field.empty_label = _("Choose…")  # a ModelChoiceField reads it when it renders
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        choices = list(field.choices)
        if any(_is_django_empty(label) for _value, label in choices):
            field.choices = [(value, _("Choose…") if _is_django_empty(label) else label)
                             for value, label in choices]


def _escaped(value) -> str:
    """conditional_escape without a SafeString per call: the same text (an option list is
    a hundred of these per select, on every request of a list page)."""
    html = getattr(value, "__html__", None)
    return html() if html is not None else _html_escape(str(value))


_SELECTED = {"selected": True}


def _option_html(option) -> str:
    """One <option> as format_html('<option value="{}"{}>{}</option>', value,
    flatatt(attrs), label) writes it; an option's attrs are nearly always nothing or just
    "selected", which flatatt writes as " selected"."""
    attrs = option["attrs"]
    shown = "" if not attrs else " selected" if attrs == _SELECTED else flatatt(attrs)
    value, label = _escaped(option["value"]), _escaped(option["label"])
    return f'<option value="{value}"{shown}>{label}</option>'


class PlainSelect(forms.Select):
    """A <select> written in Python: the same HTML as Django's select.html, without a
    template include per <option>. A list filter's hundred options (themes, wijken,
    languages) cost a few milliseconds through the template engine on every request."""

    def render(self, name, value, attrs=None, renderer=None):
        cls = type(self)
        if (cls.optgroups is forms.widgets.ChoiceWidget.optgroups
                and cls.create_option is forms.widgets.ChoiceWidget.create_option
                and cls.get_context is forms.Select.get_context
                and not self.option_inherits_attrs and self.checked_attribute == _SELECTED):
            return self._render_choices(name, value, attrs)
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = "".join(map(_option_html, options))
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', group_name,
                                     mark_safe(rendered))  # noqa: S308 (escaped per option)
                         if group_name else rendered)
        return format_html('<select name="{}"{}>{}</select>', widget["name"],
                           flatatt(widget["attrs"]), mark_safe("".join(parts)))  # noqa: S308


    def _render_choices(self, name, value, attrs) -> str:
        """render() above straight from the choices, for a Select whose options are
        Django's: the same HTML without an option dict per choice (ChoiceWidget.optgroups
        and create_option, whose selection rule this repeats)."""
        widget_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            widget_attrs["multiple"] = True
        values = self.format_value(value)
        multiple, has_selected, parts = self.allow_multiple_selected, False, []
        for option_value, option_label in self.choices:
            if option_value is None:
                option_value = ""
            grouped = isinstance(option_label, (list, tuple))
            rendered = []
            for subvalue, sublabel in (option_label if grouped
                                       else [(option_value, option_label)]):
                selected = (not has_selected or multiple) and str(subvalue) in values
                has_selected |= selected
                rendered.append(f'<option value="{_escaped(subvalue)}"'
                                f'{" selected" if selected else ""}>{_escaped(sublabel)}</option>')
            rendered = "".join(rendered)
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', option_value,
                                     mark_safe(rendered))  # noqa: S308 (escaped per option)
                         if grouped else rendered)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(widget_attrs),
                           mark_safe("".join(parts)))  # noqa: S308


def _plain_attrs(attrs) -> str:
    """django/forms/widgets/attrs.html in Python: in the dict's order (flatatt sorts)."""
    return "".join(
        f" {conditional_escape(name)}" if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items() if value is not False)


class PlainInputMixin:
    """An <input> written in Python: the same HTML as Django's text.html / input.html,
    without three template renders per field."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = ("" if widget["value"] is None
                 else f' value="{conditional_escape(str(widget["value"]))}"')
        return mark_safe(  # noqa: S308 (every value escaped)
            f'<input type="{conditional_escape(widget["type"])}" '
            f'name="{conditional_escape(widget["name"])}"{shown}'
            f'{_plain_attrs(widget["attrs"])}>')


class DjangoSelect(forms.Select):
    """Django's select.html and select_option.html written in Python, byte for byte (their
    newlines and indentation included), for the selects PlainSelect does not replace: those
    of a subclass with a render() of its own that ends in Select's, such as the sort
    order's CSV select of django-filter (a template include per option otherwise)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"'
                 f'{_plain_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            parts.extend(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f'{_plain_attrs(option["attrs"])}>{conditional_escape(option["label"])}'
                "</option>\n" for option in options)
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every value escaped)


_DJANGO_SELECTS: dict[type, type | None] = {}


def _django_select_class(cls: type) -> type | None:
    """A subclass of this Select that writes Django's select templates in Python, for a
    Select subclass whose own render() (django-filter's CSV widget's) delegates to
    Select's and that keeps Django's templates and context; None for the others."""
    from django_filters.widgets import BaseCSVWidget

    if cls not in _DJANGO_SELECTS:
        plain = None
        if (issubclass(cls, forms.Select) and cls.render in (forms.Widget.render,
                                                             BaseCSVWidget.render)
                and cls.template_name == forms.Select.template_name
                and cls.option_template_name == forms.Select.option_template_name
                and cls.get_context is forms.Select.get_context
                and cls.optgroups is forms.Select.optgroups):
            # The same class name, as for the inputs below.
            plain = type(cls.__name__, (cls, DjangoSelect), {"__module__": __name__})
        _DJANGO_SELECTS[cls] = plain
    return _DJANGO_SELECTS[cls]


_PLAIN_INPUTS: dict[type, type] = {}
_INPUT_TEMPLATES = {"django/forms/widgets/input.html", "django/forms/widgets/text.html"}


def _plain_input_class(cls: type) -> type | None:
    """A subclass of this Input that renders in Python, for the Inputs whose only template
    is Django's text.html or input.html; None for the others."""
    if cls not in _PLAIN_INPUTS:
        plain = None
        if (issubclass(cls, forms.widgets.Input) and cls.template_name in _INPUT_TEMPLATES
                and cls.render is forms.Widget.render
                and cls.get_context is forms.widgets.Input.get_context):
            # The same class name: crispy's markup (and portal.filter_fields) puts it,
            # lower-cased, in the input's class attribute ("textinput form-control").
            plain = type(cls.__name__, (PlainInputMixin, cls), {"__module__": __name__})
        _PLAIN_INPUTS[cls] = plain
    return _PLAIN_INPUTS[cls]


def plain_selects(form) -> None:
    """Render the form's plain <select>s with PlainSelect and its text-like <input>s
    (search, month, week ...) with PlainInputMixin: the same HTML, less time."""
    for field in form.fields.values():
        if type(field.widget) is forms.Select:
            widget = PlainSelect(attrs=field.widget.attrs)
            widget.choices = field.widget.choices
            widget.is_required = field.widget.is_required
            field.widget = widget
        elif plain := _plain_input_class(type(field.widget)):
            field.widget.__class__ = plain  # the form's own copy of the field and widget
        elif plain := _django_select_class(type(field.widget)):
            field.widget.__class__ = plain


class PortalForm(TypedTextMixin, forms.Form):
    pass


class PortalModelForm(TypedTextMixin, forms.ModelForm):
    pass


class HoneypotMixin:
    """For public forms without an account: a field people never see (rendered by
    templates/partials/honeypot.html) that a bot fills in. The view then answers as if all
    went well and writes nothing."""

    HONEYPOT = "homepage"

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(self.HONEYPOT))
