"""The beheerder's admin: saving an activity with a schedule materialises its dates."""
import pytest
from django.urls import reverse

from gemeenten.choices import Role
from initiatives.models import Activity, Invitation
from tests.factories import organisation_in

from .test_kaart_support import filled, rendered_form

pytestmark = pytest.mark.django_db


def test_admin_activity_with_schedule_inline_gets_occurrences(client, login_as, gemeente):
    organisation = organisation_in(gemeente, name="Stichting Beheertest")
    login_as(Role.BEHEERDER, gemeente=gemeente)
    url = reverse("admin:initiatives_activity_add")
    page = client.get(url)
    assert page.status_code == 200
    data = filled(
        rendered_form(page.content.decode(), "title_nl"),
        organisation=str(organisation.pk), gemeente=str(gemeente.pk),
        title_nl="Zwemles voor moeders", title_en="Swimming for mothers",
        **{
            "schedules-TOTAL_FORMS": "1",
            "schedules-0-frequency": "weekly",
            "schedules-0-weekdays": ["0", "3"],
            "schedules-0-start_time": "09:30",
            "schedules-0-valid_from": "2026-01-05",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    activity = Activity.objects.get(title_nl="Zwemles voor moeders")
    days = {d.weekday() for d in activity.occurrences.values_list("date", flat=True)}
    assert days == {0, 3}
    assert "swimming for mothers" in activity.search_text


def test_admin_invitations_are_read_only(client, login_as, gemeente):
    login_as(Role.BEHEERDER, gemeente=gemeente)
    assert client.get(reverse("admin:initiatives_invitation_changelist")).status_code == 200
    assert client.get(reverse("admin:initiatives_invitation_add")).status_code == 403
    assert not Invitation.objects.exists()


def test_admin_organisation_page_has_presence_and_funding_inlines(client, login_as, gemeente):
    organisation = organisation_in(gemeente)
    login_as(Role.BEHEERDER, gemeente=gemeente)
    page = client.get(reverse("admin:initiatives_organisation_change", args=[organisation.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="presences-TOTAL_FORMS"' in body
    assert 'name="fundings-TOTAL_FORMS"' in body
