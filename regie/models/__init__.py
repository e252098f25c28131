"""The coordination layer's own records (overlap findings, signals, messages, taakstelling);
one module per part. The regie app reads every other app; nothing imports it."""
from .freshness import ConfirmedVia, ListingCheck
from .messages import MessageOptOut, PartnerMessage, PartnerMessageRecipient
from .overlap import OverlapFinding, OverlapKind, OverlapState
from .signals import Signal, SignalMessage, SignalState

__all__ = ["ConfirmedVia", "ListingCheck", "MessageOptOut", "OverlapFinding", "OverlapKind",
           "OverlapState", "PartnerMessage",
           "PartnerMessageRecipient", "Signal", "SignalMessage", "SignalState"]
