"""The staff pages of the sociale kaart: organisations and their activities."""
from django.urls import path

from .views import activities, organisations

urlpatterns = [
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
    path("activiteiten/<int:pk>/", activities.ActivityDetailView.as_view(),
         name="activity_detail"),
    path("activiteiten/<int:pk>/bewerken/", activities.activity_edit, name="activity_edit"),
    path("activiteiten/<int:pk>/verwijderen/", activities.ActivityDeleteView.as_view(),
         name="activity_delete"),
]
