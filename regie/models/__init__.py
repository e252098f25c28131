"""The coordination layer's own records (overlap findings, signals, messages, taakstelling);
one module per part. The regie app reads every other app; nothing imports it."""
from .taakstelling import ExpectedArrival, Taakstelling

__all__ = ["ExpectedArrival", "Taakstelling"]
