"""Volunteers under /vrijwilligers/."""
from django.urls import path

from .views import home, matches, pool, retention, tallies, trainings, vacancies

app_name = "volunteers"

urlpatterns = [
    path("", pool.PoolView.as_view(), name="pool"),
    path("nieuw/", pool.volunteer_create, name="volunteer_create"),
    path("<int:pk>/uitnodigen/", vacancies.volunteer_invite_view, name="volunteer_invite"),
    path("aantallen/", pool.counts, name="counts"),
    path("trainingen/", trainings.trainings, name="trainings"),
    path("trainingen/nieuw/", trainings.training_create, name="training_create"),
    path("trainingen/<int:pk>/aanmelden/", trainings.training_signup, name="training_signup"),
    path("tellingen/", tallies.TallyListView.as_view(), name="tallies"),
    path("tellingen/nieuw/", tallies.tally_create, name="tally_create"),
    path("verloop/", retention.retention, name="retention"),
    path("mijn/", home.volunteer_home, name="home"),
    path("koppelingen/", matches.MatchListView.as_view(), name="match_list"),
    path("koppelingen/nieuw/<int:pk>/", matches.match_new, name="match_new"),
    path("koppelingen/<int:pk>/", matches.match_detail, name="match_detail"),
    path("koppelingen/<int:pk>/beeindigen/", matches.match_end_view, name="match_end"),
    path("koppelingen/<int:pk>/doelen/", matches.goal_add_view, name="goal_add"),
    path("koppelingen/doelen/<int:pk>/evaluatie/", matches.goal_evaluate_view,
         name="goal_evaluate"),
    path("koppelingen/<int:pk>/contactmoment/", matches.checkin_create, name="checkin_create"),
    path("koppelingen/contactmomenten/<int:pk>/afgehandeld/", matches.checkin_handled_view,
         name="checkin_handled"),
    path("koppelingen/nieuwkomer/<int:pk>/", matches.newcomer_matches,
         name="newcomer_matches"),
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
