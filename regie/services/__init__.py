"""Writes of the coordination layer, one module per part; import them from here.

freshness.py  asking organisations to re-confirm their listing, the signed link, and the
              regisseur's confirm or hide
signals.py    signals and their answers
messages.py   messages from the regisseur to the coordinators of a selection
"""
from .freshness import (
    LinkExpired,
    LinkInvalid,
    listing_ask,
    listing_ask_everywhere,
    listing_check_from_link,
    listing_confirm_by_link,
    listing_confirm_by_regisseur,
    listing_hide,
    listing_link,
    listing_recipients,
)
from .messages import (
    Selection,
    message_opt_out_set,
    partner_message_preview,
    partner_message_send,
    selected_organisations,
)
from .signals import SignalClosed, signal_close, signal_create, signal_reply

__all__ = [
    "LinkExpired", "LinkInvalid", "Selection", "SignalClosed", "listing_ask",
    "listing_ask_everywhere", "listing_check_from_link", "listing_confirm_by_link",
    "listing_confirm_by_regisseur", "listing_hide", "listing_link", "listing_recipients",
    "message_opt_out_set", "partner_message_preview", "partner_message_send",
    "selected_organisations", "signal_close", "signal_create", "signal_reply",
]
