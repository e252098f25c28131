"""For the regisseur: what visitors looked for and did not find (until the dashboard's gap
view takes this over, reusing the same aggregating query)."""
from datetime import timedelta

from django.utils import timezone
from django.views.generic import TemplateView

from gemeenten.models import Language, Theme
from gemeenten.permissions import RegisseurRequiredMixin

from .. import conf
from ..querysets import search_gaps

PERIODS = (7, 30, 90, 365)


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
        for gap in gaps:
            gap.theme_name = themes.get(gap.theme, gap.theme)
            gap.language_name = languages.get(gap.language, gap.language)
        return super().get_context_data(
            gaps=gaps, days=days, periods=PERIODS, since=since, until=until,
            max_results=conf.low_result_max(), min_words=conf.word_min_count(),
            min_days=conf.word_min_days(), **kwargs,
        )
