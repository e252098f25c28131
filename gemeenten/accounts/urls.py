"""Log-in, log-out, the second factor and password reset, under /account/ (open before 2FA).
No namespace: the names are the ones Django's auth views expect (login, password_reset...)."""
from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import LoginForm, NewPasswordForm, OutboxPasswordResetForm

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm,
                                                    redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("2fa/", views.two_factor, name="two_factor"),
    path("session/ping/", views.session_ping, name="session_ping"),
    path("2fa/set-up/", views.two_factor_setup_link_request, name="two_factor_setup_request"),
    path("2fa/set-up/<str:token>/", views.two_factor_setup_link, name="two_factor_setup_link"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(form_class=OutboxPasswordResetForm),
        name="password_reset",
    ),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/",
         auth_views.PasswordResetConfirmView.as_view(form_class=NewPasswordForm),
         name="password_reset_confirm"),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]
