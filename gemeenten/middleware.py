"""Language from the URL (never a cookie) and two-factor authentication where a role needs it."""
from django.conf import settings
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

_PUBLIC_LANGS = {code for code, _name in settings.LANGUAGES}


class LanguageFromPathMiddleware:
    """Public pages carry their language as the URL prefix; staff pages are in Dutch.

    Unlike Django's LocaleMiddleware nothing is read from a cookie or the session, so the
    same URL always gives the same language and no cookie is ever needed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        prefix = request.path_info.lstrip("/").split("/", 1)[0]
        language = prefix if prefix in _PUBLIC_LANGS else settings.STAFF_LANGUAGE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # The thread serves the next request too: leave no language behind.
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response


class StripNulCharactersMiddleware:
    """Drop NUL characters from query parameters before any view sees them.

    PostgreSQL refuses text with a NUL byte, so a ``?q=%00`` would otherwise end in a 500
    wherever a parameter reaches a query. Nobody means a NUL; removing it is harmless.
    Form fields already refuse them (Django's ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


# Paths a user who still has to pass 2FA may open.
_TWO_FACTOR_OPEN = ("/account/", "/static/", "/healthz", "/media/")


class RequireTwoFactorMiddleware:
    """Regisseur, begeleider, beheerder and privacy officer pass TOTP before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .accounts.twofactor import demo_verified

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and demo_verified(request):
            user.is_verified = lambda: True  # the demo code, on the demo installation only
        if (
            user is not None
            and user.is_authenticated
            and user.needs_two_factor
            and not user.is_verified()
            and not request.path_info.startswith(_TWO_FACTOR_OPEN)
            and request.path_info.lstrip("/").split("/", 1)[0] not in _PUBLIC_LANGS
        ):
            # The full path, encoded: a query string (a filter, a page) survives the detour.
            return redirect(
                reverse("two_factor") + "?" + urlencode({"next": request.get_full_path()})
            )
        return self.get_response(request)


class TenantScopeMiddleware:
    """Enters the tenant scope once per request (gemeenten.scope): the public infopunt's
    gemeente from its URL, otherwise the signed-in user's own gemeente, otherwise none
    (a visitor outside the infopunt sees no gemeente's records)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .scope import gemeente_scope

        with gemeente_scope(self.gemeente_ids(request)):
            return self.get_response(request)

    @staticmethod
    def gemeente_ids(request) -> list[int]:
        from django.urls import Resolver404, resolve

        from .models import Gemeente

        request.url_gemeente = None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        if match is not None and "gemeente" in match.kwargs:
            # The infopunt: /<lang>/infopunt/<gemeente-slug>/... (its views reuse the row).
            request.url_gemeente = Gemeente.objects.filter(slug=match.kwargs["gemeente"]).first()
            return [request.url_gemeente.pk] if request.url_gemeente else []
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.gemeente_id:
            return [user.gemeente_id]
        return []


# Nothing in the portal uses these; a page (or something injected into it) must not either.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
    "magnetometer", "microphone", "midi", "payment", "usb", "xr-spatial-tracking",
))


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; and no browser or proxy keeps a page shown to
    someone logged in (it may hold personal data: `Cache-Control: no-store`). The public
    infopunt, for visitors without a log-in, keeps its own caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils.cache import add_never_cache_headers

        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class IdleSessionMiddleware:
    """A session ends SESSION_COOKIE_AGE after the last request, not after the log-in: a
    request renews it, but writes the session at most once per SESSION_RENEW_SECONDS (not a
    database write for every request). The idle notice counts from the earlier end."""

    KEY = "regie_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import timezone

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(timezone.now().timestamp())
            if now - request.session.get(self.KEY, 0) >= settings.SESSION_RENEW_SECONDS:
                request.session[self.KEY] = now  # modified: saved with a new expiry
        return self.get_response(request)

    @classmethod
    def stamp(cls, sender, request, user, **kwargs):
        from django.utils import timezone

        if request is not None and hasattr(request, "session"):
            request.session[cls.KEY] = int(timezone.now().timestamp())


class AdminOffOnHostsMiddleware:
    """/admin/ does not exist on the hosts in ADMIN_DISABLED_HOSTS (a kiosk's or the public
    infopunt's host name): a 404 before anything else looks at the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.http import Http404

        hosts = settings.ADMIN_DISABLED_HOSTS
        if hosts and request.path.startswith("/admin/") and \
                request.get_host().rsplit(":", 1)[0].lower() in hosts:
            raise Http404
        return self.get_response(request)
