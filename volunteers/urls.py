"""Volunteers under /vrijwilligers/."""
from django.urls import path

from .views import pool, retention, tallies, trainings

app_name = "volunteers"

urlpatterns = [
    path("", pool.PoolView.as_view(), name="pool"),
    path("nieuw/", pool.volunteer_create, name="volunteer_create"),
    path("aantallen/", pool.counts, name="counts"),
    path("trainingen/", trainings.trainings, name="trainings"),
    path("trainingen/nieuw/", trainings.training_create, name="training_create"),
    path("trainingen/<int:pk>/aanmelden/", trainings.training_signup, name="training_signup"),
    path("tellingen/", tallies.TallyListView.as_view(), name="tallies"),
    path("tellingen/nieuw/", tallies.tally_create, name="tally_create"),
    path("verloop/", retention.retention, name="retention"),
]
