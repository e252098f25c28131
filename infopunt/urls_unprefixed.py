"""Unprefixed entry points: /infopunt/ redirects by the browser's language; the regisseur's
list of searches that found little is a staff page (Dutch, no prefix)."""
from django.urls import path

from .views import browse
from .views.stats import SearchGapsView

urlpatterns = [
    path("infopunt/", browse.entry, name="infopunt_entry"),
    path("infopunt/zoekvragen/", SearchGapsView.as_view(), name="infopunt_search_gaps"),
]
