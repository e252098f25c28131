"""Staff pages of the sociale kaart under /sociale-kaart/; one urls module per area."""
from .accounts.urls import account_urlpatterns  # noqa: F401  included by regie/urls.py
from .accounts.urls import urlpatterns as invitation_patterns
from .urls_contact import urlpatterns as contact_patterns
from .urls_import import urlpatterns as import_patterns
from .urls_kaart import urlpatterns as kaart_patterns

app_name = "initiatives"
urlpatterns = kaart_patterns + import_patterns + invitation_patterns + contact_patterns
