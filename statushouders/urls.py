"""Newcomers (/nieuwkomers/) and the receiving side's aanmeldingen (/aanmeldingen/). No
personal data in these URLs: only row ids."""
from django.urls import path

from . import import_views, privacy_views, referral_views, views, worklist_views

app_name = "statushouders"

urlpatterns = [
    path("nieuwkomers/", views.NewcomerListView.as_view(), name="newcomer_list"),
    path("nieuwkomers/nieuw/", views.newcomer_create, name="newcomer_create"),
    path("nieuwkomers/importeren/", import_views.newcomer_import, name="newcomer_import"),
    path("nieuwkomers/importeren/<int:pk>/", import_views.newcomer_import_preview,
         name="newcomer_import_preview"),
    path("nieuwkomers/importeren/<int:pk>/bevestigen/", import_views.newcomer_import_confirm,
         name="newcomer_import_confirm"),
    path("nieuwkomers/<int:pk>/", views.NewcomerDetailView.as_view(), name="newcomer_detail"),
    path("nieuwkomers/<int:pk>/wijzigen/", views.newcomer_edit, name="newcomer_edit"),
    path("nieuwkomers/<int:pk>/inzien/", views.newcomer_open, name="newcomer_open"),
    path("nieuwkomers/<int:pk>/doorverwijzen/", referral_views.referral_new,
         name="referral_new"),
    path("nieuwkomers/begeleiding/<int:pk>/wijzigen/", views.begeleiding_edit,
         name="begeleiding_edit"),
    path("nieuwkomers/instemmingstekst/", referral_views.instemming_text,
         name="instemming_text"),
    path("werkvoorraad/", worklist_views.worklist_view, name="worklist"),
    path("werkvoorraad/<int:pk>/afsluiten/", worklist_views.flag_close_view, name="flag_close"),
    path("werkvoorraad/e-mail/", worklist_views.worklist_email_toggle, name="worklist_email"),
    path("privacy/personen/", privacy_views.person_lookup, name="privacy_lookup"),
    path("privacy/personen/<int:pk>/inzage/", privacy_views.person_report,
         name="privacy_report"),
    path("privacy/personen/<int:pk>/wissen/", privacy_views.person_erase_view,
         name="privacy_erase"),
    path("aanmeldingen/", referral_views.AanmeldingListView.as_view(), name="aanmelding_list"),
    path("aanmeldingen/<int:pk>/", referral_views.aanmelding_detail, name="aanmelding_detail"),
    path("aanmeldingen/<int:pk>/doorverwijzen/", referral_views.referral_onward,
         name="referral_onward"),
    path("aanmeldingen/<int:pk>/antwoord/", referral_views.aanmelding_answer,
         name="aanmelding_answer"),
    path("aanmeldingen/<int:pk>/instemming-intrekken/",
         referral_views.instemming_withdraw_view, name="instemming_withdraw"),
]
