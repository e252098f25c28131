"""The coordinator's side of contact requests from the infopunt."""
from django.urls import path

from .views import contact

urlpatterns = [
    path("contactverzoeken/", contact.ContactRequestListView.as_view(), name="contact_list"),
    path("contactverzoeken/<int:pk>/", contact.ContactRequestDetailView.as_view(),
         name="contact_detail"),
    path("contactverzoeken/<int:pk>/<str:action>/", contact.contact_request_transition,
         name="contact_transition"),
]
