"""The coordination layer's pages under /regie/ (DESIGN.md: the dashboard and what it links to)."""
from django.urls import path  # noqa: F401  each part adds its pages below

app_name = "regie"

urlpatterns = [
]
