"""The privacy officer's audit log search and processing overview (/privacy/...). Only
codes and opaque ids in these URLs."""
from django.urls import path

from . import privacy_officer

app_name = "privacy"

urlpatterns = [
    path("auditlog/", privacy_officer.AuditSearchView.as_view(), name="audit_search"),
    path("auditlog/export/", privacy_officer.audit_export, name="audit_export"),
    path("verwerkingen/", privacy_officer.processing_overview, name="processing"),
]
