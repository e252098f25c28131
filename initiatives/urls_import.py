"""The regisseur's import of a sociale kaart spreadsheet: upload, preview, confirm, template."""
from django.urls import path

from .views import imports

urlpatterns = [
    path("importeren/", imports.ImportUploadView.as_view(), name="import"),
    path("importeren/controle/", imports.ImportPreviewView.as_view(), name="import_preview"),
    path("importeren/bevestigen/", imports.import_confirm, name="import_confirm"),
    path("importeren/sjabloon/", imports.import_template, name="import_template"),
]
