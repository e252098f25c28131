"""The report for the council (/regie/rapportage/): the page with charts and tables, which
prints as the PDF, and its CSV and XLSX exports (audited as exports of the gemeente's
figures)."""
from datetime import date

from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from gemeenten.audit import Purpose
from gemeenten.choices import Role
from gemeenten.exports import Column, Export, download, register
from gemeenten.permissions import RegisseurRequiredMixin, role_required

from .. import report as reports
from ..charts import bar_chart


def _period(request) -> reports.Period:
    today = timezone.localdate()
    chosen = reports.parse_period(request.GET.get("periode", ""))
    choices = {p.key for p in reports.period_choices(today)}
    return chosen if chosen and chosen.key in choices else reports.default_period(today)


def _month(month: tuple[int, int]) -> date:
    return date(month[0], month[1], 1)


def _month_name(month: tuple[int, int]) -> str:
    return formats.date_format(_month(month), "YEAR_MONTH_FORMAT")


def _charts(report: reports.Report) -> dict:
    charts = {}
    for name, reach in (("visits", report.visits), ("referred", report.referred)):
        if reach.available:
            charts[name] = bar_chart([label for label, _c in reach.by_wijk.rows],
                                     [("", reach.by_wijk.cells)])
    months = [_month_name(m) for m in report.referrals.months]
    charts["referrals"] = bar_chart(months, [
        (report.referrals.columns[0], [row[0] for row in report.referrals.rows]),
        (report.referrals.columns[1], [row[1] for row in report.referrals.rows])])
    charts["growth"] = bar_chart([_month_name(m) for m in report.growth.months], [
        (report.growth.columns[0], [row[0] for row in report.growth.rows]),
        (report.growth.columns[1], [row[1] for row in report.growth.rows])])
    return charts


class ReportView(RegisseurRequiredMixin, TemplateView):
    template_name = "regie/report.html"

    def get_context_data(self, **kwargs):
        period = _period(self.request)
        report = reports.council_report(self.request.user.gemeente, period)
        return super().get_context_data(
            report=report, period=period, charts=_charts(report),
            referral_rows=[(_month(m), row, total) for m, row, total in zip(
                report.referrals.months, report.referrals.rows, report.referrals.row_totals,
                strict=True)],
            growth_rows=[(_month(m), row)
                         for m, row in zip(report.growth.months, report.growth.rows,
                                           strict=True)],
            periods=reports.period_choices(timezone.localdate()), **kwargs)


# The report's figures per table: a label and counts (1 to 9 as "< 10"), no person's field.
# The report writes its own headings (report_rows), so its columns need none.
REPORT_COLUMNS = (Column("label"), Column("count"))
EXPORTS = {extension: register(Export(
    url_name=f"regie:report_{extension}", roles=frozenset({Role.REGISSEUR}),
    columns=REPORT_COLUMNS, audit_subject="council_report", purpose=Purpose.REGIE))
    for extension in ("csv", "xlsx")}


def _export(request, extension: str) -> HttpResponse:
    period = _period(request)
    report = reports.council_report(request.user.gemeente, period)
    return download(request, EXPORTS[extension], reports.report_rows(report),
                    extension=extension, title=_("Report"), subject_id=period.key,
                    filename=f"rapportage-{request.user.gemeente.slug}-{period.key}.{extension}")


@role_required(Role.REGISSEUR)
def report_csv(request):
    return _export(request, "csv")


@role_required(Role.REGISSEUR)
def report_xlsx(request):
    return _export(request, "xlsx")
