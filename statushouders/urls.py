"""Newcomers (/nieuwkomers/) and the receiving side's aanmeldingen (/aanmeldingen/). No
personal data in these URLs: only row ids."""
from django.urls import path

from .views import imports, newcomers, privacy, referrals, worklist

app_name = "statushouders"

urlpatterns = [
    path("nieuwkomers/", newcomers.NewcomerListView.as_view(), name="newcomer_list"),
    path("nieuwkomers/nieuw/", newcomers.newcomer_create, name="newcomer_create"),
    path("nieuwkomers/importeren/", imports.newcomer_import, name="newcomer_import"),
    path("nieuwkomers/importeren/<int:pk>/", imports.newcomer_import_preview,
         name="newcomer_import_preview"),
    path("nieuwkomers/importeren/<int:pk>/bevestigen/", imports.newcomer_import_confirm,
         name="newcomer_import_confirm"),
    path("nieuwkomers/<int:pk>/", newcomers.NewcomerDetailView.as_view(), name="newcomer_detail"),
    path("nieuwkomers/<int:pk>/wijzigen/", newcomers.newcomer_edit, name="newcomer_edit"),
    path("nieuwkomers/<int:pk>/inzien/", newcomers.newcomer_open, name="newcomer_open"),
    path("nieuwkomers/<int:pk>/doorverwijzen/", referrals.referral_new,
         name="referral_new"),
    path("nieuwkomers/begeleiding/<int:pk>/wijzigen/", newcomers.begeleiding_edit,
         name="begeleiding_edit"),
    path("nieuwkomers/instemmingstekst/", referrals.instemming_text,
         name="instemming_text"),
    path("werkvoorraad/", worklist.worklist_view, name="worklist"),
    path("werkvoorraad/<int:pk>/afsluiten/", worklist.flag_close_view, name="flag_close"),
    path("werkvoorraad/e-mail/", worklist.worklist_email_toggle, name="worklist_email"),
    path("privacy/personen/", privacy.person_lookup, name="privacy_lookup"),
    path("privacy/personen/<int:pk>/inzage/", privacy.person_report,
         name="privacy_report"),
    path("privacy/personen/<int:pk>/wissen/", privacy.person_erase_view,
         name="privacy_erase"),
    path("aanmeldingen/", referrals.AanmeldingListView.as_view(), name="aanmelding_list"),
    path("aanmeldingen/<int:pk>/", referrals.aanmelding_detail, name="aanmelding_detail"),
    path("aanmeldingen/<int:pk>/doorverwijzen/", referrals.referral_onward,
         name="referral_onward"),
    path("aanmeldingen/<int:pk>/antwoord/", referrals.aanmelding_answer,
         name="aanmelding_answer"),
    path("aanmeldingen/<int:pk>/instemming-intrekken/",
         referrals.instemming_withdraw_view, name="instemming_withdraw"),
]
