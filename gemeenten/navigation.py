"""Counts in the navigation ("Aanmeldingen 3"): each app registers its own, so this bottom
layer names none of them. A count is computed only when a page's menu shows it."""
from collections.abc import Callable

_counts: dict[str, Callable] = {}


def register_nav_count(name: str, fn: Callable) -> None:
    """fn(user) -> int, for the user's own menu."""
    _counts[name] = fn


class NavCounts:
    """Template access ``nav_counts.name`` runs that count once per page."""

    def __init__(self, user):
        self.user = user
        self._done: dict[str, int] = {}

    def __getitem__(self, name: str) -> int:
        if name not in _counts:
            raise KeyError(name)
        if name not in self._done:
            authenticated = self.user is not None and self.user.is_authenticated
            self._done[name] = _counts[name](self.user) if authenticated else 0
        return self._done[name]
