"""The coordination layer's pages under /regie/ (DESIGN.md: the dashboard and what it links to)."""
from django.urls import path

from .views import dashboard, network, taakstelling

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
]
