"""The result list at scale: one query for the page and its count, the same pages as
Django's paginator, and `last_date` deciding what is current (issue 11, speed)."""
import datetime
import io

import pytest
from django.core.management import call_command
from django.core.paginator import Paginator
from django.utils import timezone

from gemeenten.models import Language
from infopunt.querysets import page_of
from initiatives.models import Activity
from initiatives.services import activities_refresh, activity_refresh

from .factories import many_public_activities, public_activity

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", [None, "", "1", "2", "3", "4", "0", "-1", "x", "2.0",
                                    "99", "9" * 40])
def test_page_of_gives_the_page_djangos_paginator_gives(gemeente, number):
    many_public_activities(gemeente, 45)
    queryset = Activity.objects.public(gemeente).order_by("title", "pk")
    expected = Paginator(queryset, 20).get_page(number)
    page = page_of(queryset, number, per_page=20)
    assert page.number == expected.number
    assert page.paginator.count == expected.paginator.count == 45
    assert [a.pk for a in page] == [a.pk for a in expected]


def test_page_of_an_empty_list_is_page_one_of_one(gemeente, django_assert_num_queries):
    with django_assert_num_queries(1):  # the page's ids; no count needed
        page = page_of(Activity.objects.filter(pk=-1).order_by("pk"), "1", per_page=20)
    assert (page.number, page.paginator.count, page.paginator.num_pages) == (1, 0, 1)
    assert list(page) == []


def test_result_count_and_page_come_from_one_query(client, gemeente):
    many_public_activities(gemeente, 45)
    html = client.get("/en/infopunt/testdam/aanbod/?page=3").text
    assert "We found 45 activities." in html
    assert "Page 3 of 3" in html
    assert html.count('class="card ip-card') == 5


def test_last_date_follows_the_occurrences(gemeente):
    activity = public_activity(gemeente)
    last = activity.occurrences.order_by("-date").values_list("date", flat=True).first()
    activity.refresh_from_db()
    assert last is not None and activity.last_date == last
    # The season ends: the future dates go, and with them the activity from the list.
    activity.schedules.update(valid_until=timezone.localdate() - datetime.timedelta(days=2))
    activity_refresh(activity)
    activity.refresh_from_db()
    assert activity.last_date is None or activity.last_date < timezone.localdate()


def test_an_activity_without_a_schedule_is_current_by_appointment(client, gemeente):
    public_activity(gemeente, title="Spreekuur Op Afspraak", weekday=None)
    assert "Spreekuur Op Afspraak" in client.get("/nl/infopunt/testdam/aanbod/").text


def test_a_schedule_never_materialised_is_not_current(client, gemeente):
    public_activity(gemeente, title="Nooit Gerekend", refresh=False)
    assert "Nooit Gerekend" not in client.get("/nl/infopunt/testdam/aanbod/").text
    activities_refresh(Activity.objects.values_list("pk", flat=True))
    assert "Nooit Gerekend" in client.get("/nl/infopunt/testdam/aanbod/").text


def test_generated_last_dates_and_facets_are_what_activities_refresh_writes():
    call_command("generate_scale", "--preset", "tiny", "--seed", "4", stdout=io.StringIO())
    before = {pk: (last, facets) for pk, last, facets
              in Activity.objects.values_list("pk", "last_date", "facets")}
    assert any(last for last, _facets in before.values())
    assert all(facets.startswith(" t:") for _last, facets in before.values())
    activities_refresh(list(before))
    assert {pk: (last, facets) for pk, last, facets
            in Activity.objects.values_list("pk", "last_date", "facets")} == before


def test_facets_follow_themes_languages_and_target_groups(client, gemeente):
    activity = public_activity(gemeente, title="Fietsles Verzonnen", themes=("sport",),
                               languages=("nl", "ar"), target_groups=("vrouwen",))
    activity.refresh_from_db()
    assert activity.facets == " t:sport l:ar l:nl g:vrouwen "
    url = "/nl/infopunt/testdam/aanbod/?thema=sport&taal=ar&voor=vrouwen"
    assert "Fietsles Verzonnen" in client.get(url).text
    # Changed in the form, which ends in activity_refresh like every write path.
    activity.languages.set(Language.objects.filter(code="nl"))
    activity_refresh(activity)
    assert "Fietsles Verzonnen" not in client.get(url).text


@pytest.mark.postgres
def test_word_search_has_a_trigram_index_on_postgresql(client, gemeente):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                       ["activity_search_trgm_idx"])
        (definition,) = cursor.fetchone()
    assert "gin_trgm_ops" in definition and "is_active" in definition
    public_activity(gemeente, title="Koffieochtend Verzonnen")
    public_activity(gemeente, title="Koffie Op Afspraak", weekday=None)
    public_activity(gemeente, title="Theeochtend Verzonnen")
    with connection.cursor() as cursor:  # the index, where the planner would read the table
        cursor.execute("SET LOCAL enable_seqscan = off")
        text = client.get("/nl/infopunt/testdam/aanbod/?q=koffie").text
    assert "Koffieochtend Verzonnen" in text and "Koffie Op Afspraak" in text
    assert "Theeochtend Verzonnen" not in text
