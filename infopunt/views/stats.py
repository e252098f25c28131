"""For the regisseur: what visitors looked for and did not find (until the dashboard's gap
view takes this over, reusing the same aggregating query)."""
from datetime import timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from gemeenten.models import Language, Theme
from gemeenten.permissions import RegisseurRequiredMixin

from .. import conf
from ..querysets import search_gaps

PERIODS = (7, 30, 90, 365)


def _query(**params) -> str:
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return "?" + urlencode(params) if params else ""


def _infopunt_url(gemeente, gap, *, q: str = "") -> str:
    """The infopunt's result list with the filters (and word) of this search."""
    return reverse("infopunt:results", args=[gemeente.slug]) + _query(
        q=q, thema=gap.theme, taal=gap.language, wijk=gap.wijk_id)


class SearchGapsView(RegisseurRequiredMixin, TemplateView):
    template_name = "infopunt/search_gaps.html"

    def get_context_data(self, **kwargs):
        try:
            days = int(self.request.GET.get("dagen", 30))
        except ValueError:
            days = 30
        days = days if days in PERIODS else 30
        until = timezone.localdate()
        since = until - timedelta(days=days - 1)
        gaps = search_gaps(gemeente=self.request.user.gemeente, since=since, until=until)
        themes = dict(Theme.objects.values_list("slug", "name"))
        languages = dict(Language.objects.values_list("code", "name_nl"))
        gemeente = self.request.user.gemeente
        for gap in gaps:
            gap.theme_name = themes.get(gap.theme, gap.theme)
            gap.language_name = languages.get(gap.language, gap.language)
            # What the visitors saw, and the same offer in the staff list.
            gap.infopunt_url = _infopunt_url(gemeente, gap)
            gap.kaart_url = reverse("initiatives:activity_list") + _query(
                theme=gap.theme, language=gap.language, wijk=gap.wijk_id)
            gap.word_links = [(word, n, _infopunt_url(gemeente, gap, q=word))
                              for word, n in gap.words]
        return super().get_context_data(
            gaps=gaps, days=days, periods=PERIODS, since=since, until=until,
            max_results=conf.low_result_max(), min_words=conf.word_min_count(),
            min_days=conf.word_min_days(), **kwargs,
        )
