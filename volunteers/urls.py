"""Volunteers under /vrijwilligers/."""
from django.urls import path

from . import views

app_name = "volunteers"

urlpatterns = [
    path("", views.PoolView.as_view(), name="pool"),
    path("nieuw/", views.volunteer_create, name="volunteer_create"),
    path("aantallen/", views.counts, name="counts"),
    path("trainingen/", views.trainings, name="trainings"),
    path("trainingen/nieuw/", views.training_create, name="training_create"),
    path("trainingen/<int:pk>/aanmelden/", views.training_signup, name="training_signup"),
]
