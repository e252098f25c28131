"""The coverage matrix, the language view, the calendar and the infopunt's searches: the gap
is found, small counts are suppressed, only the gemeente's regisseur sees it, and the number
of queries does not grow with the offer."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gemeenten.choices import Role
from gemeenten.models import TargetGroup, Theme, Wijk
from infopunt.models import SearchDay
from initiatives.models import Occurrence
from regie.coverage import (
    calendar_weeks,
    coverage_by_language,
    coverage_matrix,
    year_calendar,
)
from tests.factories import ActivityFactory, GemeenteFactory, ScheduleFactory, organisation_in

from .helpers import newcomer


@pytest.fixture
def world(gemeente):
    centrum = Wijk.objects.create(gemeente=gemeente, name="Centrum")
    weiland = Wijk.objects.create(gemeente=gemeente, name="Weiland")
    org = organisation_in(gemeente)
    ActivityFactory(gemeente=gemeente, organisation=org, wijk=centrum, themes=["taal"],
                    languages=["nl", "ar"])
    ActivityFactory(gemeente=gemeente, organisation=org, wijk=weiland, themes=["sport"],
                    languages=["nl"])
    # 12 people in Weiland need taal (nothing offered there); 3 in Centrum need it too.
    for _ in range(12):
        newcomer(gemeente, org, wijk=weiland, needs=["taal"], languages=["ti"])
    for _ in range(3):
        newcomer(gemeente, org, wijk=centrum, needs=["taal"], languages=["ar"])
    # Ended begeleiding: not counted.
    newcomer(gemeente, org, wijk=centrum, needs=["werk"], open_=False)
    return {"gemeente": gemeente, "centrum": centrum, "weiland": weiland, "org": org}


def _cell(matrix, slug, wijk):
    row = next(r for r in matrix.rows if r.theme.slug == slug)
    return row.cells[matrix.wijken.index(wijk)]


def test_gap_is_the_theme_newcomers_need_where_nothing_is_offered(world):
    matrix = coverage_matrix(world["gemeente"])
    taal = Theme.objects.get(slug="taal")
    assert [(t.slug, w.name) for t, w in matrix.gaps] == [("taal", "Weiland")]
    weiland = _cell(matrix, "taal", world["weiland"])
    assert weiland.gap and weiland.offer == 0 and weiland.demand.value == 12
    # Its row holds Centrum's 3 ("< 10") and prints its total: 12 is hidden as the partner.
    assert weiland.demand.display == "×"
    centrum = _cell(matrix, "taal", world["centrum"])
    assert not centrum.gap and centrum.offer == 1 and centrum.demand.display == "< 10"
    # "werk" was needed only by someone whose begeleiding ended: no demand, no gap.
    assert _cell(matrix, "werk", world["centrum"]).demand.value == 0
    assert taal in [t for t, _w in matrix.gaps]


def test_language_view_shows_languages_without_an_activity(world):
    rows, total = coverage_by_language(world["gemeente"])
    by_code = {row.language.code: row for row in rows}
    assert by_code["ti"].gap and by_code["ti"].newcomers.value == 12
    # 15 = 12 + 3 when each speaks one language: 12 is hidden with the 3.
    assert by_code["ti"].newcomers.display == "×"
    assert by_code["ar"].activities == 1 and not by_code["ar"].gap
    assert by_code["ar"].newcomers.display == "< 10"
    assert total.display == "15"


def test_coverage_matrix_queries_do_not_grow_with_the_offer(world, django_assert_num_queries):
    # themes, wijken, the offer, the needs with the newcomers per wijk (one query since the
    # coverage speed-up of issue 21)
    with django_assert_num_queries(4):
        coverage_matrix(world["gemeente"])
    for _ in range(10):
        ActivityFactory(gemeente=world["gemeente"], organisation=world["org"],
                        wijk=world["weiland"], themes=["werk", "koken"])
    with django_assert_num_queries(4):
        coverage_matrix(world["gemeente"])


def test_offer_counts_every_activity_whatever_its_title(world, django_assert_num_queries):
    # The activities' default ordering (the title) once joined the GROUP BY: a row per title,
    # and the cell kept only the last title's count (1 here instead of 3).
    for title in ("Alfa", "Bravo"):
        ActivityFactory(gemeente=world["gemeente"], organisation=world["org"],
                        wijk=world["centrum"], themes=["taal"], languages=["ar"],
                        title=title)
    matrix = coverage_matrix(world["gemeente"])
    assert _cell(matrix, "taal", world["centrum"]).offer == 3
    rows, total = coverage_by_language(world["gemeente"])
    assert {row.language.code: row.activities for row in rows}["ar"] == 3
    # The matrix's own count of newcomers spares the language view its count query.
    # the offer, the newcomers' languages, the languages (no count)
    with django_assert_num_queries(3):
        rows_given, total_given = coverage_by_language(world["gemeente"],
                                                       total=matrix.newcomers_count)
    assert matrix.newcomers_count == 15 and total_given == total
    assert [(r.language, r.newcomers, r.activities) for r in rows_given] == [
        (r.language, r.newcomers, r.activities) for r in rows]


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_coverage_page_shows_the_gap_in_words_and_a_constant_number_of_queries(
        client, login_as, world):
    login_as(Role.REGISSEUR, gemeente=world["gemeente"])
    response = client.get(reverse("regie:coverage"))
    html = response.content.decode()
    assert "regie-gap" in html and "⚠" in html
    assert "Taal in Weiland" in html  # the list of gaps, in words (Dutch)
    before = _page_queries(client, reverse("regie:coverage"))
    for _ in range(15):
        ActivityFactory(gemeente=world["gemeente"], organisation=organisation_in(
            world["gemeente"]), wijk=world["centrum"], themes=["kunst"], languages=["fa"])
    assert _page_queries(client, reverse("regie:coverage")) == before


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.BEGELEIDER, Role.BEHEERDER,
                                  Role.PRIVACY_OFFICER, Role.VOLUNTEER])
def test_only_the_regisseur_sees_coverage_and_report(client, login_as, gemeente, role):
    login_as(role, gemeente=gemeente)
    for name in ("regie:coverage", "regie:calendar", "regie:report", "regie:report_csv",
                 "regie:report_xlsx"):
        assert client.get(reverse(name)).status_code == 404


def test_anonymous_visitor_goes_to_the_log_in(client, db):
    response = client.get(reverse("regie:coverage"))
    assert response.status_code == 302 and "/account/" in response["Location"]


def test_regisseur_sees_only_their_own_gemeentes_counts(client, login_as, world):
    elders = GemeenteFactory(name="Elderstad", slug="elders")
    wijk = Wijk.objects.create(gemeente=elders, name="Elderwijk")
    org = organisation_in(elders)
    for _ in range(11):
        newcomer(elders, org, wijk=wijk, needs=["werk"])
    login_as(Role.REGISSEUR, gemeente=world["gemeente"])
    html = client.get(reverse("regie:coverage")).content.decode()
    assert "Elderwijk" not in html
    assert "Werk in Elderwijk" not in html


def test_calendar_shows_the_weeks_with_nothing_on(world):
    today = datetime.date(2026, 6, 1)  # a Monday
    jongeren = TargetGroup.objects.get(slug="jongeren")
    activity = ActivityFactory(gemeente=world["gemeente"], organisation=world["org"],
                               wijk=world["centrum"], themes=["sport"])
    activity.target_groups.set([jongeren])
    schedule = ScheduleFactory(activity=activity, valid_from=today)
    # On in weeks 0..3 and 10..51 of the calendar: the summer weeks 4..9 are empty.
    weeks = calendar_weeks(today)
    for n, (monday, _y, _w) in enumerate(weeks):
        if 4 <= n <= 9:
            continue
        day = monday + datetime.timedelta(days=1)
        Occurrence.objects.create(activity=activity, schedule=schedule, date=day,
                                  starts_at=datetime.datetime(day.year, day.month, day.day,
                                                              19, tzinfo=datetime.UTC))
    rows = year_calendar(world["gemeente"], start=today, per="theme", target_group=jongeren)
    sport = next(r for r in rows if r.label == Theme.objects.get(slug="sport").name)
    assert len(sport.weeks) == 52
    assert [w.number for w in sport.empty_weeks] == [weeks[n][2] for n in range(4, 10)]
    assert [(a.number, b.number) for a, b in sport.empty_runs] == [(weeks[4][2], weeks[9][2])]
    # Another theme has nothing at all: 52 empty weeks.
    kunst = next(r for r in rows if r.label == Theme.objects.get(slug="kunst").name)
    assert len(kunst.empty_weeks) == 52 and kunst.never and not sport.never
    per_group = year_calendar(world["gemeente"], start=today, per="target_group")
    assert len(next(r for r in per_group if r.label == jongeren.name).empty_weeks) == 6


def test_calendar_page_says_none_for_an_empty_week(client, login_as, world):
    login_as(Role.REGISSEUR, gemeente=world["gemeente"])
    response = client.get(reverse("regie:calendar"), {"per": "target_group",
                                                      "thema": "taal"})
    assert response.status_code == 200
    assert "geen" in response.content.decode()
    # Bad input is ignored, never a 500.
    assert client.get(reverse("regie:calendar"), {"wijk": "x", "per": "?"}).status_code == 200


def test_searches_with_few_results_link_to_the_staff_filters(client, login_as, world):
    SearchDay.objects.create(gemeente=world["gemeente"], date=datetime.date.today(),
                             theme="werk", language="ti", wijk=world["weiland"],
                             result_count=0, searches=4)
    login_as(Role.REGISSEUR, gemeente=world["gemeente"])
    html = client.get(reverse("regie:coverage")).content.decode()
    url = reverse("initiatives:activity_list")
    assert f'{url}?theme=werk&amp;language=ti&amp;wijk={world["weiland"].pk}' in html


def test_newcomers_without_a_wijk_have_their_own_column_and_totals_agree(world):
    for _ in range(10):
        newcomer(world["gemeente"], world["org"], wijk=None, needs=["werk"], languages=["so"])
    matrix = coverage_matrix(world["gemeente"])
    werk = next(r for r in matrix.rows if r.theme.slug == "werk")
    assert werk.demand_without_wijk.value == 10
    assert matrix.newcomers_without_wijk.value == 10
    _rows, language_total = coverage_by_language(world["gemeente"])
    # 12 + 3 + 10: one number for "newcomers in begeleiding" on the whole page.
    assert matrix.newcomers_total.value == language_total.value == 25
    assert matrix.newcomers_total.display == language_total.display == "25"


def test_matrix_cells_html_is_what_the_template_wrote(world):
    # The row's cells are written in Python (regie.views.coverage.matrix_cells_html); the
    # template loop they replaced, a gap and a hidden ("×") cell among them, byte for byte.
    from django.template import engines
    from django.utils import translation

    from regie.views.coverage import matrix_cells_html

    template = engines["django"].from_string(
        '{% load i18n %}{% translate "activities" as t_activities %}'
        '{% translate "newcomers" as t_newcomers %}{% translate "gap" as t_gap %}'
        "{% for cell in row.cells %}\n"
        '      <td{% if cell.gap %} class="regie-gap"{% endif %}>\n'
        '        <a href="{{ cell.url }}">{{ cell.offer }}<span class="visually-hidden">'
        " {{ t_activities }}</span></a>\n"
        '        · {% include "regie/_cell.html" with cell=cell.demand %}'
        '<span class="visually-hidden"> {{ t_newcomers }}</span>\n'
        '        {% if cell.gap %}<br><span class="regie-gap-mark"><span aria-hidden="true">⚠'
        "</span> {{ t_gap }}</span>{% endif %}\n"
        "      </td>\n"
        "      {% endfor %}")
    matrix = coverage_matrix(world["gemeente"])
    row = next(r for r in matrix.rows if r.theme.slug == "taal")
    assert any(c.demand.secondary for c in row.cells) and any(c.gap for c in row.cells)
    for language in ("nl", "en"):
        with translation.override(language):
            for r in matrix.rows:
                assert matrix_cells_html(r.cells) == template.render({"row": r})


def test_searches_html_is_what_the_template_wrote(client, login_as, world):
    # The searches' rows are written in Python (regie.views.coverage.searches_html); the
    # template loop they replaced, with empty cells ("—") and a name to escape.
    from django.template import engines
    from django.utils import timezone

    from regie.coverage import searches_with_few_results
    from regie.views.coverage import searches_html

    template = engines["django"].from_string(
        "{% load i18n %}{% for s in searches %}\n"
        '    <tr><td>{{ s.theme_name|default:"—" }}</td><td>{{ s.language_name|default:"—" }}'
        '</td><td><bdi>{{ s.wijk_name|default:"—" }}</bdi></td><td class="text-end">'
        '{{ s.searches }}</td><td class="text-end">{{ s.zero_results }}</td><td><a href="'
        '{{ s.kaart_url }}">{% translate "Activities with these filters" %}</a></td></tr>\n'
        "    {% endfor %}")
    for theme, language in (("werk", "ti"), ("", "")):
        SearchDay.objects.create(gemeente=world["gemeente"], date=datetime.date.today(),
                                 theme=theme, language=language, wijk=world["weiland"],
                                 result_count=0, searches=1234)
    searches, _since = searches_with_few_results(world["gemeente"],
                                                 until=timezone.localdate())
    assert len(searches) == 2
    searches[0].theme_name, searches[0].language_name = "Werk & <inkomen>", ""
    searches[1].theme_name, searches[1].language_name = "", None
    assert searches_html(searches) == template.render({"searches": searches})


def test_one_pass_over_the_people_counts_as_the_querysets_do(world, django_assert_num_queries):
    """coverage_matrix counts the people once (people_counts: per wijk, per need, per
    language); the language view given those counts shows what its own queries show. A
    person with an ended and an open begeleiding counts once; one with two needs and two
    languages once in each; elsewhere's people and the anonymised never."""
    from statushouders.models import Begeleiding

    gemeente, org = world["gemeente"], world["org"]
    person = newcomer(gemeente, org, wijk=world["weiland"], needs=["taal", "werk"],
                      languages=["ti", "ar"])
    Begeleiding.objects.create(newcomer=person, organisation=org,
                               start=datetime.date(2025, 1, 1),
                               actual_end=datetime.date(2025, 6, 1))
    Begeleiding.objects.create(newcomer=person, organisation=org,
                               start=datetime.date(2026, 2, 1))  # a second open one
    gone = newcomer(gemeente, org, wijk=world["weiland"], needs=["werk"], languages=["so"])
    type(gone).objects.filter(pk=gone.pk).update(anonymised_at=datetime.datetime(
        2026, 3, 1, tzinfo=datetime.UTC))
    elders = GemeenteFactory()
    newcomer(elders, organisation_in(elders), needs=["werk"], languages=["so"])

    with django_assert_num_queries(4):
        matrix = coverage_matrix(gemeente)
    assert matrix.newcomers_count == 16
    assert _cell(matrix, "taal", world["weiland"]).demand.value == 13
    assert _cell(matrix, "werk", world["weiland"]).demand.value == 1
    by_code = {lang.code: n for lang, n in (
        (row.language, row.newcomers.value) for row in coverage_by_language(gemeente)[0])}
    assert by_code == {"ti": 13, "ar": 4, "nl": 0}
    # the offer and the languages: the newcomers' counts come with the matrix
    with django_assert_num_queries(2):
        rows, total = coverage_by_language(gemeente, total=matrix.newcomers_count,
                                           known=matrix.languages_known)
    queried_rows, queried_total = coverage_by_language(gemeente)
    assert total == queried_total and total.value == 16
    assert [(r.language, r.newcomers, r.activities) for r in rows] == [
        (r.language, r.newcomers, r.activities) for r in queried_rows]
