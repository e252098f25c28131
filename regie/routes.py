"""The coordination layer's pages under /regie/ (DESIGN.md: the dashboard and what it links to)."""
from django.urls import path

from .views import coverage, report

app_name = "regie"

urlpatterns = [
    path("dekking/", coverage.CoverageView.as_view(), name="coverage"),
    path("dekking/kalender/", coverage.CalendarView.as_view(), name="calendar"),
    path("rapportage/", report.ReportView.as_view(), name="report"),
    path("rapportage/export.csv", report.report_csv, name="report_csv"),
    path("rapportage/export.xlsx", report.report_xlsx, name="report_xlsx"),
]
