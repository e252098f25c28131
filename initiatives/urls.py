"""URLs of the initiatives app, two lists:

urlpatterns          the staff pages under /sociale-kaart/ (namespace initiatives): the sociale
                     kaart (organisations, activities), the import of a spreadsheet, the
                     invitations (from accounts/urls.py) and contact requests from the infopunt
account_urlpatterns  under /account/ without a namespace (regie/urls.py includes it): an
                     invitation's one-time link and the self-registration of an initiative
"""
from django.urls import path

from .accounts import urls as accounts_urls
from .views import activities, contact, imports, organisations, wijken

app_name = "initiatives"
urlpatterns = [
    # The sociale kaart: organisations and their activities.
    path("organisaties/", organisations.OrganisationListView.as_view(),
         name="organisation_list"),
    path("organisaties/aanmelden/", organisations.OrganisationRegisterView.as_view(),
         name="organisation_register"),
    path("organisaties/<int:pk>/", organisations.OrganisationDetailView.as_view(),
         name="organisation_detail"),
    path("organisaties/<int:pk>/bewerken/", organisations.OrganisationEditView.as_view(),
         name="organisation_edit"),
    path("organisaties/<int:pk>/goedkeuren/", organisations.organisation_approve,
         name="organisation_approve"),
    path("organisaties/<int:pk>/afwijzen/", organisations.organisation_reject,
         name="organisation_reject"),
    path("organisaties/<int:pk>/bevestigen/", organisations.organisation_confirm,
         name="organisation_confirm"),
    path("organisaties/<int:pk>/activiteiten/nieuw/", activities.activity_create,
         name="activity_create"),
    path("mijn-organisatie/", organisations.MyOrganisationsView.as_view(),
         name="my_organisations"),
    path("activiteiten/", activities.ActivityListView.as_view(), name="activity_list"),
    path("activiteiten/vertalingen/", activities.TranslationListView.as_view(),
         name="translation_list"),
    path("activiteiten/<int:pk>/", activities.ActivityDetailView.as_view(),
         name="activity_detail"),
    path("activiteiten/<int:pk>/bewerken/", activities.activity_edit, name="activity_edit"),
    path("activiteiten/<int:pk>/verwijderen/", activities.ActivityDeleteView.as_view(),
         name="activity_delete"),
    # The regisseur's import of a sociale kaart spreadsheet: upload, preview, confirm, status,
    # template.
    path("importeren/", imports.ImportUploadView.as_view(), name="import"),
    path("importeren/controle/", imports.ImportPreviewView.as_view(), name="import_preview"),
    path("importeren/bevestigen/", imports.import_confirm, name="import_confirm"),
    path("importeren/status/<str:signed>/", imports.import_status, name="import_status"),
    path("importeren/sjabloon/", imports.import_template, name="import_template"),
    # The regisseur's wijken: rename, and merge a misspelt one into the right one.
    path("wijken/", wijken.WijkListView.as_view(), name="wijk_list"),
    path("wijken/<int:pk>/hernoemen/", wijken.wijk_rename_view, name="wijk_rename"),
    path("wijken/<int:pk>/samenvoegen/", wijken.wijk_merge_view, name="wijk_merge"),
    # A regisseur's invitations of begeleiders and coordinators.
    *accounts_urls.urlpatterns,
    # Contact requests from the infopunt, for whoever reads them: the organisation's
    # coordinator, or the regisseur while the organisation has no coordinator account.
    path("contactverzoeken/", contact.ContactRequestListView.as_view(), name="contact_list"),
    path("contactverzoeken/vastgehouden/", contact.HeldContactRequestListView.as_view(),
         name="contact_held"),
    path("contactverzoeken/vastgehouden/beoordelen/", contact.contact_requests_review,
         name="contact_review"),
    path("contactverzoeken/<int:pk>/", contact.ContactRequestDetailView.as_view(),
         name="contact_detail"),
    path("contactverzoeken/<int:pk>/notitie/", contact.contact_request_note,
         name="contact_note"),
    path("contactverzoeken/<int:pk>/<str:action>/", contact.contact_request_transition,
         name="contact_transition"),
]

account_urlpatterns = accounts_urls.account_urlpatterns
