"""The list to take along lives in the URL; printed with a QR code per activity; on a kiosk
one large QR code and no print button unless the kiosk prints silently."""
import pytest

from .factories import many_public_activities, public_activity

pytestmark = pytest.mark.django_db


def test_adding_to_the_list_keeps_filters_and_kiosk(client, gemeente):
    activity = public_activity(gemeente, title="Taalcafé Verzonnen")
    html = client.get("/nl/infopunt/testdam/aanbod/?thema=taal&kiosk=1").text
    add = f'href="/nl/infopunt/testdam/aanbod/?thema=taal&amp;kiosk=1&amp;added={activity.pk}&amp;l={activity.pk}"'
    assert add in html
    html = client.get(f"/nl/infopunt/testdam/aanbod/?thema=taal&kiosk=1&added={activity.pk}"
                      f"&l={activity.pk}").text
    assert "De activiteit staat op uw lijst." in html
    # every link on the page keeps the kiosk mode and the list
    for href in [h for h in _hrefs(html) if h.startswith("/nl/infopunt/testdam/")]:
        assert "kiosk=1" in href, href
    assert f'href="/nl/infopunt/testdam/lijst/?kiosk=1&amp;l={activity.pk}"' in html


def _hrefs(html):
    import re

    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', html)]


def test_list_shows_the_chosen_activities_in_order_and_skips_bad_ids(client, gemeente):
    first = public_activity(gemeente, title="Eerste Verzonnen")
    second = public_activity(gemeente, title="Tweede Verzonnen")
    html = client.get(
        f"/en/infopunt/testdam/lijst/?l={second.pk},abc,{first.pk},-3,{second.pk},99999999"
    ).text
    assert html.index("Tweede Verzonnen") < html.index("Eerste Verzonnen")
    assert "Print the list" in html


def test_print_view_has_a_qr_code_per_activity(client, gemeente):
    items = [public_activity(gemeente, title=f"Verzonnen {i}") for i in range(3)]
    ids = ",".join(str(a.pk) for a in items)
    html = client.get(f"/ar/infopunt/testdam/lijst/afdrukken/?l={ids}").text
    assert html.count("<svg") == 3
    assert html.count('aria-label="') >= 3
    assert 'data-print' in html


def test_kiosk_list_is_one_large_qr_code_without_print_button(client, gemeente, settings):
    activity = public_activity(gemeente)
    html = client.get(f"/nl/infopunt/testdam/lijst/?l={activity.pk}&kiosk=1").text
    assert html.count("<svg") == 1
    assert "De lijst printen" not in html
    settings.INFOPUNT_KIOSK_SILENT_PRINT = True
    html = client.get(f"/nl/infopunt/testdam/lijst/?l={activity.pk}&kiosk=1").text
    assert "De lijst printen" in html


def test_kiosk_pages_link_nowhere_outside_the_portal(client, gemeente):
    activity = public_activity(gemeente, email="taal@example.org", phone="0201234567")
    activity.organisation.website = "https://verzonnen.example.org"
    activity.organisation.save()
    for url in [f"/nl/infopunt/testdam/activiteit/{activity.pk}/?kiosk=1",
                "/nl/infopunt/testdam/?kiosk=1", "/nl/infopunt/testdam/aanbod/?kiosk=1"]:
        html = client.get(url).text
        assert 'data-idle-seconds="120"' in html
        assert 'data-home-url="/nl/infopunt/testdam/?kiosk=1"' in html
        for href in _hrefs(html):
            assert href.startswith(("/", "#")) and not href.startswith("//"), href
        assert "target=" not in html


@pytest.mark.parametrize("n", [10, 200])
def test_list_query_count_is_constant(client, gemeente, django_assert_max_num_queries, n):
    ids = ",".join(str(a.pk) for a in many_public_activities(gemeente, n)[:20])
    # gemeente, activities, prefetch themes, languages, next dates
    with django_assert_max_num_queries(5):
        assert client.get(f"/nl/infopunt/testdam/lijst/afdrukken/?l={ids}").status_code == 200
