"""Account pages reached from outside (under /account/): an invitation's one-time link and
the self-registration of an initiative. Open before 2FA, like the rest of /account/."""
from django.urls import path

from .views import invitations

urlpatterns = [
    path("invitation/<str:token>/", invitations.invitation_accept_view,
         name="invitation_accept"),
    path("register-initiative/", invitations.register_initiative, name="register_initiative"),
]
