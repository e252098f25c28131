"""The coordination layer's pages under /regie/ (DESIGN.md: the dashboard and what it links to)."""
from django.urls import path

from .views import overlap

app_name = "regie"

urlpatterns = [
    path("overlap/", overlap.OverlapListView.as_view(), name="overlap_list"),
    path("overlap/nu-zoeken/", overlap.overlap_detect_now, name="overlap_detect_now"),
    path("overlap/<int:pk>/", overlap.overlap_detail, name="overlap_detail"),
    path("overlap/<int:pk>/besluit/", overlap.overlap_decide, name="overlap_decide"),
]
