"""What every page needs: the gemeente's huisstijl and the user's navigation."""
from django.conf import settings
from django.utils import translation


def portal(request):
    user = getattr(request, "user", None)
    gemeente = getattr(user, "gemeente", None) if user and user.is_authenticated else None
    return {
        "huisstijl_gemeente": gemeente,
        "primary_colour": gemeente.primary_colour if gemeente else "#1f4e79",
        "is_rtl": translation.get_language_bidi(),
        "public_languages": settings.LANGUAGES,
    }
