"""URL scheme (DESIGN.md): public pages under a language prefix, staff pages without."""
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django_otp.admin import OTPAdminSite

from gemeenten import views as gemeenten_views
from gemeenten.forms import LoginForm, OutboxPasswordResetForm

# The beheerder's admin requires a verified second factor.
admin.site.__class__ = OTPAdminSite

account_patterns = [
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm,
                                                    redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("2fa/", gemeenten_views.two_factor, name="two_factor"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(form_class=OutboxPasswordResetForm),
        name="password_reset",
    ),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("", include("initiatives.urls_account")),
]

urlpatterns = [
    path("", gemeenten_views.home, name="home"),
    path("healthz", gemeenten_views.healthz, name="healthz"),
    path("account/", include(account_patterns)),
    path("admin/", admin.site.urls),
    path("sociale-kaart/", include("initiatives.urls")),
    path("", include("infopunt.urls_unprefixed")),
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
