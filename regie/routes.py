"""The coordination layer's pages under /regie/ (DESIGN.md: the dashboard and what it links to)."""
from django.urls import path

from .views import (
    coverage,
    dashboard,
    freshness,
    messages,
    network,
    overlap,
    report,
    signals,
    taakstelling,
)

app_name = "regie"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("begeleiding/", dashboard.begeleiding_counts, name="begeleiding"),
    path("netwerk/", network.network, name="network"),
    path("taakstelling/", taakstelling.taakstelling, name="taakstelling"),
    *[route
      for kind in taakstelling.KINDS
      for route in (
          path(f"taakstelling/{kind}/<int:pk>/wijzigen/", taakstelling.taakstelling_edit,
               {"kind": kind}, name=f"{kind}_edit"),
          path(f"taakstelling/{kind}/<int:pk>/verwijderen/", taakstelling.taakstelling_delete,
               {"kind": kind}, name=f"{kind}_delete"),
      )],
    path("overlap/", overlap.OverlapListView.as_view(), name="overlap_list"),
    path("overlap/nu-zoeken/", overlap.overlap_detect_now, name="overlap_detect_now"),
    path("overlap/<int:pk>/", overlap.overlap_detail, name="overlap_detail"),
    path("overlap/<int:pk>/besluit/", overlap.overlap_decide, name="overlap_decide"),
    # Freshness: the regisseur's listings to check, and the e-mail's signed link (no log-in).
    path("actualiteit/", freshness.ListingCheckListView.as_view(), name="listing_list"),
    path("actualiteit/<int:pk>/bevestigen/", freshness.listing_confirm, name="listing_confirm"),
    path("actualiteit/<int:pk>/verbergen/", freshness.listing_hide_view, name="listing_hide"),
    path("vermelding/<str:token>/", freshness.listing_link_view, name="listing_link"),
    # Signals: coördinators and the regisseur, each scoped to what is theirs.
    path("signalen/", signals.SignalListView.as_view(), name="signal_list"),
    path("signalen/nieuw/", signals.signal_create_view, name="signal_create"),
    path("signalen/<int:pk>/", signals.signal_detail, name="signal_detail"),
    path("signalen/<int:pk>/sluiten/", signals.signal_close_view, name="signal_close"),
    # Messages to partners.
    path("berichten/", messages.PartnerMessageListView.as_view(), name="message_list"),
    path("berichten/nieuw/", messages.message_create, name="message_create"),
    path("berichten/voorkeur/", messages.message_preference, name="message_preference"),
    path("berichten/<int:pk>/", messages.message_detail, name="message_detail"),
    path("berichten/organisatie/<int:pk>/", messages.organisation_messages,
         name="organisation_messages"),
    # Coverage and gaps, and the report for the council.
    path("dekking/", coverage.CoverageView.as_view(), name="coverage"),
    path("dekking/kalender/", coverage.CalendarView.as_view(), name="calendar"),
    path("rapportage/", report.ReportView.as_view(), name="report"),
    path("rapportage/export.csv", report.report_csv, name="report_csv"),
    path("rapportage/export.xlsx", report.report_xlsx, name="report_xlsx"),
]
