"""The coordination layer's own records (overlap findings, signals, messages, taakstelling);
one module per part. The regie app reads every other app; nothing imports it."""
from .freshness import ConfirmedVia, ListingCheck
from .messages import MessageOptOut, PartnerMessage, PartnerMessageRecipient
from .overlap import OverlapFinding, OverlapKind, OverlapState
from .signals import Signal, SignalMessage, SignalState
from .taakstelling import ExpectedArrival, Taakstelling

__all__ = ["ConfirmedVia", "ExpectedArrival", "ListingCheck", "MessageOptOut", "OverlapFinding",
           "OverlapKind", "OverlapState", "PartnerMessage", "PartnerMessageRecipient", "Signal",
           "SignalMessage", "SignalState", "Taakstelling"]
