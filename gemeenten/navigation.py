"""Counts in the navigation ("Aanmeldingen 3", "Contactverzoeken 2"): each app registers its
own, so this bottom layer names none of them. A count is computed only when a page shows it,
once per page (the menu and a start page's notice share it), and never before a user who
needs the second factor has passed it."""
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
            user = self.user
            allowed = user is not None and user.is_authenticated and not (
                user.needs_two_factor and not getattr(user, "is_verified", lambda: False)())
            self._done[name] = _counts[name](user) if allowed else 0
        return self._done[name]
