"""What each detector returns: a candidate finding, and the settings it reads."""
from dataclasses import dataclass, field

from gemeenten.models import default_gemeente_settings, gemeente_setting


@dataclass
class Candidate:
    kind: str
    subjects: list[dict]  # [{"model": "initiatives.activity", "id": 3}, ...] sorted by id
    score: float
    facts: dict = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.kind, self.subjects)


def fingerprint(kind: str, subjects: list[dict]) -> str:
    """Stable: the kind and the sorted ids of what is involved ("duplicate_offer:3-17")."""
    ids = sorted(int(subject["id"]) for subject in subjects)
    return f"{kind}:" + "-".join(str(i) for i in ids)


def subjects_of(model: str, *ids: int) -> list[dict]:
    return [{"model": model, "id": int(i)} for i in sorted(ids)]


def number_setting(gemeente, key: str) -> float:
    """A numeric setting of the gemeente; a value a beheerder typed wrongly in the admin
    (text, negative) falls back to the default rather than stopping the nightly job."""
    value = gemeente_setting(gemeente, key)
    try:
        value = float(value)
    except (TypeError, ValueError):
        return float(default_gemeente_settings()[key])
    if value != value or value < 0:  # NaN or negative
        return float(default_gemeente_settings()[key])
    return value
