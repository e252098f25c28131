"""Newcomers and their begeleiding, under /nieuwkomers/. No personal data in these URLs:
only the row's id."""
from django.urls import path

from . import views

app_name = "statushouders"

urlpatterns = [
    path("", views.NewcomerListView.as_view(), name="newcomer_list"),
    path("nieuw/", views.newcomer_create, name="newcomer_create"),
    path("<int:pk>/", views.NewcomerDetailView.as_view(), name="newcomer_detail"),
    path("<int:pk>/wijzigen/", views.newcomer_edit, name="newcomer_edit"),
    path("<int:pk>/inzien/", views.newcomer_open, name="newcomer_open"),
    path("begeleiding/<int:pk>/wijzigen/", views.begeleiding_edit, name="begeleiding_edit"),
]
