"""The regisseur's coverage and gap pages: themes × wijken, languages, the infopunt's
searches (/regie/dekking/), and the calendar of the year (/regie/dekking/kalender/)."""
from django import forms
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from gemeenten.forms import PortalForm
from gemeenten.models import Language, TargetGroup, Theme, Wijk
from gemeenten.permissions import RegisseurRequiredMixin

from .. import coverage


def _count(n: int) -> str:
    """A count as the template's {{ n }} wrote it (localized, escaped). Below 1,000 that is
    the digits in every locale (no thousands separator): about 2,000 counts at `national`,
    each a localize call (formats, settings and translation lookups) otherwise."""
    return str(n) if -1000 < n < 1000 else escape(localize(n))


def matrix_cells_html(cells) -> str:
    """A matrix row's cells as the template wrote them, byte for byte (one loop of string
    joins instead of eight template nodes per cell: about 700 cells at `city`)."""
    t_activities, t_newcomers = escape(gettext("activities")), escape(gettext("newcomers"))
    t_gap, t_hidden = escape(gettext("gap")), escape(gettext("hidden"))
    parts = []
    for cell in cells:
        if cell.demand.secondary:
            demand = (f'<span aria-hidden="true">×</span>'
                      f'<span class="visually-hidden">{t_hidden}</span>')
        else:
            demand = escape(cell.demand.display)
        td_class = ' class="regie-gap"' if cell.gap else ""
        gap_mark = (f'<br><span class="regie-gap-mark"><span aria-hidden="true">⚠</span> '
                    f"{t_gap}</span>") if cell.gap else ""
        parts.append(
            f"\n      <td{td_class}>\n"
            f'        <a href="{escape(cell.url)}">{_count(cell.offer)}'
            f'<span class="visually-hidden"> {t_activities}</span></a>\n'
            f'        · {demand}<span class="visually-hidden"> {t_newcomers}</span>\n'
            f"        {gap_mark}\n"
            f"      </td>\n      ")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def gaps_html(gaps) -> str:
    """The list of gaps (theme, wijk) as the template's blocktranslate wrote it, byte for
    byte: a translated sentence per gap, its names escaped (377 gaps at `national`)."""
    sentence = gettext("%(theme)s in %(wijk)s: newcomers need it, nothing is offered there")
    return mark_safe("".join(  # noqa: S308 - the names are escaped
        f"<li>{sentence % {'theme': escape(theme.name), 'wijk': escape(wijk.name)}}</li>"
        for theme, wijk in gaps))


def searches_html(searches) -> str:
    """The searches' table rows as the template wrote them, byte for byte (several hundred
    rows at `city`, six template nodes each)."""
    link = escape(gettext("Activities with these filters"))

    def text(value):
        return escape(value or "—")

    parts = [
        f"\n    <tr><td>{text(s.theme_name)}</td><td>{text(s.language_name)}</td>"
        f"<td><bdi>{text(s.wijk_name)}</bdi></td>"
        f'<td class="text-end">{_count(s.searches)}</td>'
        f'<td class="text-end">{_count(s.zero_results)}</td>'
        f'<td><a href="{escape(s.kaart_url)}">{link}</a></td></tr>\n    '
        for s in searches
    ]
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


class CoverageView(RegisseurRequiredMixin, TemplateView):
    template_name = "regie/coverage.html"

    def get_context_data(self, **kwargs):
        gemeente = self.request.user.gemeente
        matrix = coverage.coverage_matrix(gemeente)
        languages, newcomers_total = coverage.coverage_by_language(
            gemeente, total=matrix.newcomers_count, known=matrix.languages_known)
        searches, since = coverage.searches_with_few_results(
            gemeente, until=timezone.localdate())
        for row in matrix.rows:
            row.cells_html = matrix_cells_html(row.cells)
        theme_names = {row.theme.slug: row.theme.name for row in matrix.rows}
        language_names = dict(Language.objects.values_list("code", "name_nl"))
        for search in searches:
            search.theme_name = theme_names.get(search.theme, search.theme)
            search.language_name = language_names.get(search.language, search.language)
        return super().get_context_data(
            matrix=matrix, languages=languages, newcomers_total=newcomers_total,
            language_gaps=[row for row in languages if row.gap], searches=searches,
            searches_html=searches_html(searches), gaps_html=gaps_html(matrix.gaps),
            since=since, search_days=coverage.SEARCH_DAYS, **kwargs)


class CalendarForm(PortalForm):
    per = forms.ChoiceField(label=_("Rows"), required=False, choices=[
        ("theme", _("per theme")), ("target_group", _("per target group"))])
    doelgroep = forms.ModelChoiceField(
        label=_("Target group"), queryset=TargetGroup.objects.all(), to_field_name="slug",
        required=False, empty_label=_("All target groups"),
        help_text=_("With rows per theme."))
    thema = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), to_field_name="slug", required=False,
        empty_label=_("All themes"), help_text=_("With rows per target group."))
    wijk = forms.ModelChoiceField(label=_("District"), queryset=Wijk.objects.none(),
                                  required=False, empty_label=_("All districts"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["wijk"].queryset = Wijk.objects.for_user(user).order_by("name")
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-select"
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}_helptext"



class CalendarView(RegisseurRequiredMixin, TemplateView):
    template_name = "regie/calendar.html"

    def get_context_data(self, **kwargs):
        form = CalendarForm(self.request.GET or None, user=self.request.user)
        choices = form.cleaned_data if form.is_bound and form.is_valid() else {}
        per = choices.get("per") or "theme"
        start = timezone.localdate()
        rows = coverage.year_calendar(
            self.request.user.gemeente, start=start, per=per,
            theme=choices.get("thema"), target_group=choices.get("doelgroep"),
            wijk=choices.get("wijk"))
        # Four tables of 13 weeks: each fits a screen (and a printed page) without scrolling.
        blocks = [
            (rows[0].weeks[i:i + 13], [(row.label, row.weeks[i:i + 13]) for row in rows])
            for i in range(0, coverage.WEEKS, 13)
        ] if rows else []
        return super().get_context_data(form=form, rows=rows, per=per, blocks=blocks,
                                        **kwargs)
