"""The regisseur's overlap pages: the list says why and links to both sides, in a fixed
number of queries; decisions with their messages; another gemeente's finding is a 404; the
detection on demand; the command's output and JSON shape; the nightly task."""
import json
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from gemeenten.choices import Role
from gemeenten.navigation import NavCounts
from regie.models import OverlapFinding, OverlapState
from tests.factories import GemeenteFactory

from .support import detect, offer

pytestmark = pytest.mark.django_db
LIST = "/regie/overlap/"


@pytest.fixture
def planted(gemeente):
    a = offer(gemeente, title="Taalcafé")
    b = offer(gemeente, title="Taalcafé in de bibliotheek")
    detect(gemeente)
    return a, b, OverlapFinding.objects.get()


def test_the_list_says_why_and_links_to_both_activities_and_organisations(
        client, login_as, gemeente, planted):
    a, b, _finding = planted
    login_as(Role.REGISSEUR, gemeente=gemeente)
    page = client.get(LIST).content.decode()
    assert "Beide gaan over Taal, in Centrum" in page and "Centrum" in page and "dinsdag 19:30" in page
    for activity in (a, b):
        assert reverse("initiatives:activity_detail", args=[activity.pk]) in page
        assert reverse("initiatives:organisation_detail", args=[activity.organisation_id]) in page


def test_the_list_takes_the_same_queries_for_one_finding_or_many(
        client, login_as, gemeente, django_assert_num_queries):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    offer(gemeente), offer(gemeente)
    detect(gemeente)
    # session, user, device; count and page of the findings, the activities on the page (with
    # organisation and wijk), the themes (their names for the reasons); the gemeente
    # (huisstijl); the menu's counts (overlap, contact requests, worklist, signals waiting)
    # in one query (gemeenten.navigation)
    with django_assert_num_queries(9):
        assert client.get(LIST).status_code == 200
    for wijk_name in ("Noord", "Zuid", "Oost", "West"):
        offer(gemeente, wijk_name=wijk_name), offer(gemeente, wijk_name=wijk_name)
    detect(gemeente)
    with django_assert_num_queries(9):
        page = client.get(LIST).content.decode()
    assert page.count("Beide gaan over") == 5


def test_an_empty_list_says_what_to_do(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    page = client.get(LIST).content.decode()
    assert "Geen open overlap" in page and "Nu naar overlap zoeken" in page


def test_intended_needs_a_reason_and_keeps_it(client, login_as, gemeente, planted):
    _a, _b, finding = planted
    user = login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("regie:overlap_decide", args=[finding.pk])
    response = client.post(url, {"state": "intended", "reason": ""})
    assert response.status_code == 200
    assert "Zeg waarom deze overlap bedoeld is." in response.content.decode()
    finding.refresh_from_db()
    assert finding.state == OverlapState.OPEN
    response = client.post(url, {"state": "intended", "reason": "Andere taalniveaus."},
                           follow=True)
    assert "De overlap staat op bedoeld." in response.content.decode()
    finding.refresh_from_db()
    assert (finding.state, finding.decision_reason, finding.decided_by) == (
        OverlapState.INTENDED, "Andere taalniveaus.", user)
    # Not open any more: gone from the default list and from the menu's count.
    assert "Beide gaan over" not in client.get(LIST).content.decode()
    assert "Beide gaan over" in client.get(LIST + "?state=intended").content.decode()


def test_resolved_and_reopened(client, login_as, gemeente, planted):
    _a, _b, finding = planted
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("regie:overlap_decide", args=[finding.pk])
    response = client.post(url, {"state": "resolved", "reason": ""}, follow=True)
    assert "De overlap staat op opgelost." in response.content.decode()
    finding.refresh_from_db()
    assert finding.state == OverlapState.RESOLVED and finding.decided_at is not None
    response = client.post(url, {"state": "open"}, follow=True)
    assert "De overlap is weer open." in response.content.decode()
    finding.refresh_from_db()
    assert finding.state == OverlapState.OPEN and finding.decided_at is None


def test_the_detail_page_renders_the_decision_form(client, login_as, gemeente, planted):
    _a, _b, finding = planted
    login_as(Role.REGISSEUR, gemeente=gemeente)
    page = client.get(reverse("regie:overlap_detail", args=[finding.pk])).content.decode()
    assert 'name="state"' in page and 'name="reason"' in page and "Beide gaan over" in page


def test_another_gemeentes_finding_is_a_404(client, login_as, planted):
    _a, _b, finding = planted
    login_as(Role.REGISSEUR, gemeente=GemeenteFactory(name="Elderstad", slug="elderstad"))
    assert client.get(reverse("regie:overlap_detail", args=[finding.pk])).status_code == 404
    response = client.post(reverse("regie:overlap_decide", args=[finding.pk]),
                           {"state": "resolved"})
    assert response.status_code == 404
    assert "Beide gaan over" not in client.get(LIST).content.decode()
    finding.refresh_from_db()
    assert finding.state == OverlapState.OPEN


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.BEGELEIDER, Role.BEHEERDER])
def test_only_the_regisseur_sees_the_overlap(client, login_as, gemeente, planted, role):
    login_as(role, gemeente=gemeente)
    assert client.get(LIST).status_code == 404
    assert client.get(reverse("regie:overlap_detail", args=[planted[2].pk])).status_code == 404


def test_the_menu_counts_the_open_findings(client, login_as, gemeente, planted):
    user = login_as(Role.REGISSEUR, gemeente=gemeente)
    user.is_verified = lambda: True
    from gemeenten.scope import gemeente_scope

    with gemeente_scope(gemeente):
        assert NavCounts(user)["overlap"] == 1
    page = client.get("/regie/overlap/").content.decode()
    assert 'href="/regie/overlap/"' in page


def test_look_now_queues_the_detection_after_commit(
        client, login_as, gemeente, django_capture_on_commit_callbacks):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    offer(gemeente), offer(gemeente)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("regie:overlap_detect_now"), follow=True)
    assert "De overlapdetectie loopt nu." in response.content.decode()
    assert OverlapFinding.objects.filter(gemeente=gemeente).count() == 1


def test_the_nightly_task_runs_every_gemeente_and_beats():
    from gemeenten.models import JobHeartbeat
    from regie.tasks import detect_overlap_everywhere_task

    first, second = GemeenteFactory(), GemeenteFactory()
    with mock.patch("regie.overlap.overlap_detect") as service:
        detect_overlap_everywhere_task.delay()
    assert {c.kwargs["gemeente"] for c in service.call_args_list} >= {first, second}
    assert JobHeartbeat.objects.get(name="detect_overlap").last_success_at is not None


def test_the_command_prints_the_findings_as_json(gemeente):
    a = offer(gemeente, title="Taalcafé")
    b = offer(gemeente, title="Taalcafé in de bibliotheek")
    out = StringIO()
    call_command("detect_overlap", gemeente="Testdam", json=True, stdout=out, stderr=StringIO())
    findings = json.loads(out.getvalue())
    assert len(findings) == 1
    finding = findings[0]
    assert {"kind", "reason", "score", "state"} <= set(finding)
    assert finding["kind"] == "duplicate_offer" and finding["state"] == "open"
    assert "Centrum" in finding["reason"] and isinstance(finding["score"], float)
    assert [(x["title"], x["organisation"]) for x in finding["activities"]] == [
        (a.title, a.organisation.name), (b.title, b.organisation.name)]
    # A second run finds the same, and adds nothing.
    call_command("detect_overlap", gemeente="testdam", stdout=StringIO(), stderr=StringIO())
    assert OverlapFinding.objects.count() == 1


def test_the_command_refuses_an_unknown_gemeente():
    with pytest.raises(CommandError, match="Nergensdam"):
        call_command("detect_overlap", gemeente="Nergensdam", stdout=StringIO())


def test_a_finding_page_takes_a_fixed_number_of_queries(
        client, login_as, gemeente, planted, django_assert_num_queries):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    # session, user, device; the finding (with who decided); its activities, the themes;
    # the gemeente (huisstijl); the menu's counts, one query (gemeenten.navigation)
    with django_assert_num_queries(8):
        response = client.get(reverse("regie:overlap_detail", args=[planted[2].pk]))
    assert response.status_code == 200
