"""Unprefixed public entry points: /infopunt/ redirects by the browser's language."""
urlpatterns: list = []
