"""What every page needs: the gemeente's huisstijl and the user's navigation."""
from django.conf import settings
from django.utils import translation

from .navigation import NavCounts


def portal(request):
    user = getattr(request, "user", None)
    gemeente = getattr(user, "gemeente", None) if user and user.is_authenticated else None
    return {
        "huisstijl_gemeente": gemeente,
        "primary_colour": gemeente.primary_colour if gemeente else "#1f4e79",
        "is_rtl": translation.get_language_bidi(),
        "public_languages": settings.LANGUAGES,
        "nav_counts": NavCounts(user),
        # The idle session's end and the notice before it (partials/session_warning.html).
        # The session may have been renewed up to SESSION_RENEW_SECONDS before this page.
        "session_idle_seconds": settings.SESSION_COOKIE_AGE - settings.SESSION_RENEW_SECONDS,
        "session_warn_seconds": settings.SESSION_IDLE_WARNING_SECONDS,
        "session_warn_minutes": max(1, settings.SESSION_IDLE_WARNING_SECONDS // 60),
    }
