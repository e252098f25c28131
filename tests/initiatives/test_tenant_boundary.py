"""Nothing gemeente A's staff do (the edit form, approval, the admin) changes what gemeente B
sees of an organisation that works in both. The import's side: test_import_ownership.py."""
import pytest
from django.urls import reverse

from gemeenten.choices import Role
from gemeenten.scope import gemeente_scope
from initiatives.choices import ApprovalState
from initiatives.models import Activity, Organisation, Presence
from tests.factories import (
    ActivityFactory,
    GemeenteFactory,
    PresenceFactory,
    WijkFactory,
    organisation_in,
)

from .test_kaart_support import filled, rendered_form


@pytest.fixture
def shared(db):
    """Taalhuis Gedeeld works in Aadam and Beedam, with wijken and an activity in each."""
    a, b = GemeenteFactory(name="Aadam", slug="aadam"), GemeenteFactory(name="Beedam", slug="beedam")
    organisation = organisation_in(a, name="Taalhuis Gedeeld", website="https://taalhuis.example")
    presence_b = PresenceFactory(organisation=organisation, gemeente=b,
                                 approval=ApprovalState.PENDING)
    presence_b.wijken.set([WijkFactory(gemeente=b, name="Beewijk")])
    WijkFactory(gemeente=a, name="Aawijk")
    ActivityFactory(organisation=organisation, gemeente=a, title="Taalles Aadam")
    ActivityFactory(organisation=organisation, gemeente=b, title="Taalles Beedam")
    return a, b, organisation


def what_b_sees(b, organisation_pk):
    with gemeente_scope(b):
        organisation = Organisation.objects.get(pk=organisation_pk)
        presence = Presence.objects.get(organisation=organisation)
        return {
            "organisation": (organisation.name, organisation.website, organisation.email,
                             organisation.description, organisation.kind),
            "presence": (presence.approval, presence.approved_at, presence.last_confirmed,
                         sorted(presence.wijken.values_list("name", flat=True))),
            "activities": sorted(Activity.objects.values_list("title", "is_active",
                                                              "search_text")),
        }


def test_regisseur_of_a_cannot_rename_an_organisation_that_b_shows(client, login_as, shared):
    a, b, organisation = shared
    before = what_b_sees(b, organisation.pk)
    login_as(Role.REGISSEUR, gemeente=a)
    url = reverse("initiatives:organisation_edit", args=[organisation.pk])
    page = client.get(url)
    assert "De organisatie houdt deze gegevens zelf bij" in page.content.decode()
    aawijk = str(a.wijken.get().pk)
    # Even what a browser would not send for a disabled field (a forged post) is ignored.
    response = client.post(url, filled(rendered_form(page.content.decode(), "kind"),
                                       name="Hernoemd door Aadam", website="https://a.example",
                                       wijken=[aawijk]), follow=True)
    assert response.status_code == 200
    organisation.refresh_from_db()
    assert (organisation.name, organisation.website) == ("Taalhuis Gedeeld",
                                                         "https://taalhuis.example")
    # A's own view of it, its wijken there, did change.
    assert list(Presence.objects.get(organisation=organisation, gemeente=a)
                .wijken.values_list("name", flat=True)) == ["Aawijk"]
    assert what_b_sees(b, organisation.pk) == before


def test_regisseur_edits_an_organisation_only_their_gemeente_knows(client, login_as, db):
    a = GemeenteFactory(name="Aadam", slug="aadam")
    organisation = organisation_in(a, name="Buurtsoep Alleen Hier")
    login_as(Role.REGISSEUR, gemeente=a)
    url = reverse("initiatives:organisation_edit", args=[organisation.pk])
    page = client.get(url).content.decode()
    assert "De organisatie houdt deze gegevens zelf bij" not in page
    client.post(url, filled(rendered_form(page, "name"), name="Buurtsoep Hernoemd"))
    organisation.refresh_from_db()
    assert organisation.name == "Buurtsoep Hernoemd"


def test_the_organisations_own_coordinator_renames_it_and_every_gemeente_sees_it(
    client, login_as, shared
):
    a, b, organisation = shared
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=a)
    url = reverse("initiatives:organisation_edit", args=[organisation.pk])
    client.post(url, filled(rendered_form(client.get(url).content.decode(), "name"),
                            name="Taalhuis Nieuwe Naam"))
    seen = what_b_sees(b, organisation.pk)
    assert seen["organisation"][0] == "Taalhuis Nieuwe Naam"
    # B's activity's search text names the organisation too: refreshed in every gemeente.
    assert all("taalhuis nieuwe naam" in text for _t, _a, text in seen["activities"])


def test_approval_and_rejection_in_a_leave_bs_presence_alone(client, login_as, shared):
    a, b, organisation = shared
    Presence.objects.filter(organisation=organisation, gemeente=a).update(
        approval=ApprovalState.PENDING)
    before = what_b_sees(b, organisation.pk)
    login_as(Role.REGISSEUR, gemeente=a)
    client.post(reverse("initiatives:organisation_approve", args=[organisation.pk]))
    assert Presence.objects.get(organisation=organisation, gemeente=a).approval == "approved"
    client.post(reverse("initiatives:organisation_reject", args=[organisation.pk]),
                {"reason": "Proef"})
    assert Presence.objects.get(organisation=organisation, gemeente=a).approval == "rejected"
    assert what_b_sees(b, organisation.pk) == before


def test_beheerder_of_a_cannot_change_or_delete_what_b_sees_in_the_admin(
    client, login_as, shared
):
    a, b, organisation = shared
    only_b = organisation_in(b, name="Alleen Beedam")
    before = what_b_sees(b, organisation.pk)
    login_as(Role.BEHEERDER, gemeente=a)
    change = reverse("admin:initiatives_organisation_change", args=[organisation.pk])
    page = client.get(change).content.decode()
    assert 'name="name"' not in page  # read-only: shown, not a field
    assert "Beewijk" not in page  # B's presence is not among the inlines
    client.post(change, {"name": "Hernoemd in de admin"})
    delete = reverse("admin:initiatives_organisation_delete", args=[organisation.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    listing = client.get(reverse("admin:initiatives_organisation_changelist")).content.decode()
    assert "Taalhuis Gedeeld" in listing and "Alleen Beedam" not in listing
    b_activity = Activity.objects.get(gemeente=b)
    for url in (reverse("admin:initiatives_organisation_change", args=[only_b.pk]),
                reverse("admin:initiatives_activity_change", args=[b_activity.pk]),
                reverse("admin:gemeenten_gemeente_change", args=[b.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response.url == reverse("admin:index")
    assert Organisation.objects.filter(pk=only_b.pk).exists()
    assert what_b_sees(b, organisation.pk) == before


@pytest.mark.parametrize("model", ["user", "outboxmessage", "wijk", "invitation"])
def test_beheerder_of_a_lists_only_aadams_records(client, login_as, shared, model):
    from gemeenten.outbox import outbox_enqueue
    from initiatives.models import Invitation
    from tests.factories import UserFactory

    a, b, _organisation = shared
    regisseur_b = UserFactory(role=Role.REGISSEUR, gemeente=b, username="regisseur.beedam",
                              email="regisseur.beedam@example.org")
    outbox_enqueue(key="b-only", to="verzonnen@example.org", subject="Onderwerp Beedam",
                   body="", gemeente=b)
    Invitation.objects.create(gemeente=b, email="uitnodiging.beedam@example.org",
                              role=Role.COORDINATOR, invited_by=regisseur_b,
                              token_hash="x" * 64, expires_at="2099-01-01T00:00Z")
    login_as(Role.BEHEERDER, gemeente=a)
    app = "initiatives" if model == "invitation" else "gemeenten"
    body = client.get(reverse(f"admin:{app}_{model}_changelist")).content.decode()
    for marker in ("regisseur.beedam", "Onderwerp Beedam", "Beewijk", "uitnodiging.beedam"):
        assert marker not in body
