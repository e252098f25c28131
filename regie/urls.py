"""URL scheme (DESIGN.md): public pages under a language prefix, staff pages without."""
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django_otp.admin import OTPAdminSite

from gemeenten import views as gemeenten_views
from gemeenten.accounts.forms import AdminLoginForm
from infopunt import urls as infopunt_urls
from initiatives import urls as initiatives_urls

# The beheerder's admin requires a verified second factor.
admin.site.__class__ = OTPAdminSite
admin.site.login_form = AdminLoginForm  # throttled per address like the portal's log-in

urlpatterns = [
    path("", gemeenten_views.home, name="home"),
    path("healthz", gemeenten_views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that name no icon (the Django admin's).
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "img/favicon.svg",
                                             permanent=True)),
    path("account/", include("gemeenten.accounts.urls")),
    path("account/", include(initiatives_urls.account_urlpatterns)),
    path("admin/", admin.site.urls),
    path("sociale-kaart/", include("initiatives.urls")),
    path("", include("statushouders.urls")),
    path("privacy/", include("gemeenten.privacy_urls")),
    path("vrijwilligers/", include("volunteers.urls")),
    path("regie/", include("regie.routes")),
    path("", include(infopunt_urls.unprefixed_urlpatterns)),
]

urlpatterns += i18n_patterns(
    re_path(r"^(?P<slug>privacy|toegankelijkheid)/$", gemeenten_views.statement,
            name="statement"),
    path("infopunt/", include("infopunt.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
