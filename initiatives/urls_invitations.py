"""A regisseur's invitations of begeleiders and coordinators (under /sociale-kaart/)."""
from django.urls import path

from .views import invitations

urlpatterns = [
    path("uitnodigingen/", invitations.InvitationListView.as_view(), name="invitation_list"),
    path("uitnodigingen/nieuw/", invitations.InvitationCreateView.as_view(),
         name="invitation_create"),
    path("uitnodigingen/<int:pk>/intrekken/", invitations.invitation_revoke_view,
         name="invitation_revoke"),
]
