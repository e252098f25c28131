"""URLs of invitations and self-registration, two lists (both included by initiatives/urls.py):

urlpatterns          a regisseur's invitations of begeleiders and coordinators, under
                     /sociale-kaart/ (namespace initiatives)
account_urlpatterns  pages reached from outside, under /account/ without a namespace: an
                     invitation's one-time link; the old addresses of the self-registration
                     (now public, under /<lang>/infopunt/aanmelden/) redirect there.
                     Open before 2FA, like the rest of /account/.
"""
from django.urls import path

from . import views as invitations

urlpatterns = [
    path("uitnodigingen/", invitations.InvitationListView.as_view(), name="invitation_list"),
    path("uitnodigingen/nieuw/", invitations.InvitationCreateView.as_view(),
         name="invitation_create"),
    path("uitnodigingen/<int:pk>/intrekken/", invitations.invitation_revoke_view,
         name="invitation_revoke"),
]

account_urlpatterns = [
    path("invitation/<str:token>/", invitations.invitation_accept_view,
         name="invitation_accept"),
    path("register-initiative/", invitations.register_initiative, name="register_initiative"),
    path("register-initiative/confirm/<str:token>/", invitations.register_initiative_confirm,
         name="register_initiative_confirm"),
]
