"""The coordination layer's own records (overlap findings, signals, messages, taakstelling);
one module per part. The regie app reads every other app; nothing imports it."""
from .overlap import OverlapFinding, OverlapKind, OverlapState  # noqa: F401
