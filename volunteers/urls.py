"""Volunteers under /vrijwilligers/."""
from django.urls import path

from .views import pool, trainings, vacancies

app_name = "volunteers"

urlpatterns = [
    path("", pool.PoolView.as_view(), name="pool"),
    path("nieuw/", pool.volunteer_create, name="volunteer_create"),
    path("<int:pk>/uitnodigen/", vacancies.volunteer_invite_view, name="volunteer_invite"),
    path("aantallen/", pool.counts, name="counts"),
    path("trainingen/", trainings.trainings, name="trainings"),
    path("trainingen/nieuw/", trainings.training_create, name="training_create"),
    path("trainingen/<int:pk>/aanmelden/", trainings.training_signup, name="training_signup"),
    path("vacatures/", vacancies.VacancyListView.as_view(), name="vacancies"),
    path("vacatures/nieuw/", vacancies.vacancy_create, name="vacancy_create"),
    path("vacatures/<int:pk>/bewerken/", vacancies.vacancy_edit, name="vacancy_edit"),
    path("vacatures/<int:pk>/sluiten/", vacancies.vacancy_close, name="vacancy_close"),
    path("aanmeldingen/", vacancies.ApplicationListView.as_view(), name="applications"),
    path("aanmeldingen/<int:pk>/", vacancies.application_detail, name="application_detail"),
    path("aanmeldingen/<int:pk>/accepteren/", vacancies.application_accept,
         name="application_accept"),
    path("aanmeldingen/<int:pk>/afwijzen/", vacancies.application_decline,
         name="application_decline"),
]
