"""Django's own strings that the infopunt shows (form errors, day and month names).

Django 5.2 has no catalogue for Tigrinya and Somali, so ours carries them; listing them here
keeps `makemessages --no-obsolete` from dropping them. Never called.
"""
from django.utils.translation import gettext_noop, ngettext


def _django_strings() -> list[str]:  # pragma: no cover - read by makemessages only
    return [
        gettext_noop("This field is required."),
        gettext_noop("Enter a valid email address."),
        gettext_noop("Enter a whole number."),
        gettext_noop("Select a valid choice. That choice is not one of the available choices."),
        gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
        gettext_noop("Null characters are not allowed."),
        ngettext(
            "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
            "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
            1,
        ),
        gettext_noop("Monday"), gettext_noop("Tuesday"), gettext_noop("Wednesday"),
        gettext_noop("Thursday"), gettext_noop("Friday"), gettext_noop("Saturday"),
        gettext_noop("Sunday"),
        gettext_noop("January"), gettext_noop("February"), gettext_noop("March"),
        gettext_noop("April"), gettext_noop("May"), gettext_noop("June"), gettext_noop("July"),
        gettext_noop("August"), gettext_noop("September"), gettext_noop("October"),
        gettext_noop("November"), gettext_noop("December"),
        gettext_noop("Search"),
    ]
