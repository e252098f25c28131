"""Messages to partners: the selection of recipients (theme, wijk, kind, newcomer-led), the
preview, opt-out of non-essential messages, outbox rows once per recipient (also when the
form is sent twice), the thread on the organisation's page, scoping and bad input."""
import uuid

import pytest
from django.urls import reverse

from gemeenten.choices import Role
from gemeenten.models import OutboxMessage, Theme, Wijk
from gemeenten.scope import gemeente_scope
from initiatives.choices import ApprovalState, OrganisationKind
from initiatives.models import Presence
from regie.models import MessageOptOut, PartnerMessage, PartnerMessageRecipient
from regie.services import Selection, partner_message_preview, selected_organisations
from tests.factories import ActivityFactory, GemeenteFactory, UserFactory, organisation_in

from .factories import organisation_with_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(gemeente):
    """Taal in Voorhof by profile (A) and by activity (B); taal elsewhere (C); sport in
    Voorhof (D); taal in Voorhof but not approved (E); a newcomer-led self-organisation (F)."""
    voorhof = Wijk.objects.create(gemeente=gemeente, name="Voorhof")
    elders = Wijk.objects.create(gemeente=gemeente, name="Buitenhof")
    taal, sport = Theme.objects.get(slug="taal"), Theme.objects.get(slug="sport")
    made = {}
    for key, approval in [("A", "approved"), ("B", "approved"), ("C", "approved"),
                          ("D", "approved"), ("E", "pending"), ("F", "approved")]:
        made[key], made[key + "user"] = organisation_with_coordinator(
            gemeente, name=f"Proef {key}", approval=approval, email=f"{key.lower()}@example.org")
    made["A"].themes.set([taal])
    Presence.objects.get(organisation=made["A"]).wijken.set([voorhof])
    ActivityFactory(gemeente=gemeente, organisation=made["B"], wijk=voorhof, themes=["taal"])
    ActivityFactory(gemeente=gemeente, organisation=made["C"], wijk=elders, themes=["taal"])
    ActivityFactory(gemeente=gemeente, organisation=made["D"], wijk=voorhof, themes=["sport"])
    ActivityFactory(gemeente=gemeente, organisation=made["E"], wijk=voorhof, themes=["taal"])
    made["F"].themes.set([taal])
    made["F"].kind, made["F"].newcomer_led = OrganisationKind.SELF_ORGANISATION, True
    made["F"].save()
    Presence.objects.get(organisation=made["F"]).wijken.set([elders])
    made.update(voorhof=voorhof, elders=elders, taal=taal, sport=sport)
    return made


def _names(gemeente, selection):
    with gemeente_scope(gemeente):
        return {o.name[-1] for o in selected_organisations(gemeente, selection)}


def test_the_selection_by_theme_and_wijk(gemeente, world):
    assert _names(gemeente, Selection(themes=[world["taal"]], wijken=[world["voorhof"]])) \
        == {"A", "B"}
    assert _names(gemeente, Selection(themes=[world["taal"]])) == {"A", "B", "C", "F"}
    assert _names(gemeente, Selection(wijken=[world["voorhof"]])) == {"A", "B", "D"}
    assert _names(gemeente, Selection()) == {"A", "B", "C", "D", "F"}  # never the pending E


def test_the_selection_by_kind_and_newcomer_led(gemeente, world):
    assert _names(gemeente, Selection(kinds=[OrganisationKind.SELF_ORGANISATION])) == {"F"}
    assert _names(gemeente, Selection(newcomer_led_only=True)) == {"F"}
    assert _names(gemeente, Selection(kinds=[OrganisationKind.FORMAL])) == set()


def test_the_preview_counts_coordinators_and_leaves_out_who_opted_out(gemeente, world):
    MessageOptOut.objects.create(user=world["Auser"])
    organisation_in(gemeente, name="Proef G")  # no coördinator account
    selection = Selection(wijken=[world["voorhof"]])
    with gemeente_scope(gemeente):
        plain = partner_message_preview(gemeente, selection, essential=False)
        essential = partner_message_preview(gemeente, selection, essential=True)
        everyone = partner_message_preview(gemeente, Selection(), essential=False)
    assert (plain.organisation_count, plain.coordinator_count, plain.opted_out_count) == (3, 2, 1)
    assert (essential.coordinator_count, essential.opted_out_count) == (3, 0)
    assert (everyone.organisation_count, everyone.without_coordinator) == (6, 1)


def _form(world, **changes):
    data = {"subject": "Twaalf gezinnen in Voorhof", "body": "In maart komen er twaalf gezinnen.",
            "themes": [world["taal"].pk], "wijken": [world["voorhof"].pk],
            "token": str(uuid.uuid4())}
    data.update(changes)
    return data


def test_preview_sends_nothing_then_send_sends_once_per_recipient(client, login_as, gemeente,
                                                                   world):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("regie:message_create")
    data = _form(world)
    preview = client.post(url, {**data, "action": "preview"})
    page = preview.content.decode()
    assert "2 organisaties zijn geselecteerd" in page and "Proef A" in page
    assert not PartnerMessage.objects.exists() and not OutboxMessage.objects.exists()
    response = client.post(url, {**data, "action": "send"}, follow=True)
    message = PartnerMessage.objects.get()
    assert response.redirect_chain[-1][0] == reverse("regie:message_detail", args=[message.pk])
    assert set(OutboxMessage.objects.values_list("to", flat=True)) == {"a@example.org",
                                                                      "b@example.org"}
    assert PartnerMessageRecipient.objects.count() == 2
    assert "voorkeur" in OutboxMessage.objects.first().body  # how to get fewer e-mails
    again = client.post(url, {**data, "action": "send"}, follow=True)
    assert "al verstuurd" in again.content.decode()
    assert PartnerMessage.objects.count() == 1 and OutboxMessage.objects.count() == 2


def test_the_message_sent_says_its_counts_in_dutch_for_one_and_for_more(client, login_as,
                                                                      gemeente, world):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("regie:message_create")
    one = client.post(url, {**_form(world, themes=[world["sport"].pk]), "action": "send"},
                      follow=True).content.decode()
    assert "Het bericht ging naar 1 organisatie. 1 coördinator krijgt het per e-mail." in one
    two = client.post(url, {**_form(world), "action": "send"}, follow=True).content.decode()
    assert "Het bericht ging naar 2 organisaties. 2 coördinatoren krijgen het per e-mail." in two


def test_an_opted_out_coordinator_gets_only_essential_messages_by_email(client, login_as,
                                                                        gemeente, world):
    client.force_login(world["Auser"])
    client.post(reverse("regie:message_preference"), {"receive": "essential"})
    assert MessageOptOut.objects.filter(user=world["Auser"]).exists()
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("regie:message_create")
    client.post(url, {**_form(world), "action": "send"})
    assert "a@example.org" not in OutboxMessage.objects.values_list("to", flat=True)
    client.post(url, {**_form(world, essential="on"), "action": "send"})
    assert OutboxMessage.objects.filter(to="a@example.org").count() == 1
    # Both messages are on A's thread, e-mailed or not.
    client.force_login(world["Auser"])
    thread = client.get(reverse("regie:organisation_messages", args=[world["A"].pk]))
    assert thread.context["partner_messages"].count() == 2
    assert client.post(reverse("regie:message_preference"), {}).status_code == 200  # a choice
    assert MessageOptOut.objects.filter(user=world["Auser"]).exists()
    client.post(reverse("regie:message_preference"), {"receive": "all"})
    assert not MessageOptOut.objects.filter(user=world["Auser"]).exists()


def test_a_coordinator_reads_only_their_own_organisations_messages(client, login_as, gemeente,
                                                                   world):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    client.post(reverse("regie:message_create"), {**_form(world), "action": "send"})
    message = PartnerMessage.objects.get()
    client.force_login(world["Cuser"])  # C is not in the selection
    assert client.get(reverse("regie:message_detail", args=[message.pk])).status_code == 404
    assert client.get(reverse("regie:organisation_messages",
                              args=[world["A"].pk])).status_code == 404
    assert client.get(reverse("regie:message_list")).context["partner_messages"].count() == 0
    client.force_login(world["Auser"])
    assert client.get(reverse("regie:message_detail", args=[message.pk])).status_code == 200
    assert client.get(reverse("regie:message_list")).context["partner_messages"].count() == 1


def test_another_gemeentes_regisseur_gets_a_404(client, login_as, gemeente, world):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    client.post(reverse("regie:message_create"), {**_form(world), "action": "send"})
    message = PartnerMessage.objects.get()
    other = UserFactory(gemeente=GemeenteFactory(name="Elderstad", slug="elders"))
    client.force_login(other)
    other.is_verified = lambda: True
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=other, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.get(reverse("regie:message_detail", args=[message.pk])).status_code == 404
    assert client.get(reverse("regie:organisation_messages",
                              args=[world["A"].pk])).status_code == 404


def test_the_organisation_page_links_to_its_thread(client, login_as, gemeente, world):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    page = client.get(reverse("initiatives:organisation_detail", args=[world["A"].pk]))
    assert reverse("regie:organisation_messages", args=[world["A"].pk]) in page.content.decode()


@pytest.mark.parametrize(("field", "value", "error"), [
    ("subject", "", "Dit veld is verplicht."),
    ("body", "", "Dit veld is verplicht."),
    ("subject", "x" * 151, "niet meer dan 150 tekens"),
    ("subject", "Regel\r\nBcc: x@example.org", "op één regel"),
    ("body", "a\x00b", "Null-tekens"),
    ("wijken", ["999999"], "Selecteer een geldige keuze"),
    ("kinds", ["geen"], "Selecteer een geldige keuze"),
    ("token", "geen-token", "niet meer geldig"),
])
def test_bad_input_gives_a_dutch_error_and_sends_nothing(client, login_as, gemeente, world,
                                                         field, value, error):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = client.post(reverse("regie:message_create"),
                           {**_form(world, **{field: value}), "action": "send"})
    assert response.status_code == 200
    assert error.lower() in response.content.decode().lower()
    assert not PartnerMessage.objects.exists() and not OutboxMessage.objects.exists()


def test_the_list_answers_with_a_fixed_number_of_queries(client, login_as, gemeente, world,
                                                         django_assert_num_queries):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("regie:message_list")
    client.post(reverse("regie:message_create"), {**_form(world), "action": "send"})
    client.get(url)
    # session, user, 2FA device, the user's gemeente (huisstijl); count, page; the nav
    # counts (contact requests, worklist, overlap, signals waiting: one query,
    # gemeenten.navigation)
    with django_assert_num_queries(7) as few:
        assert client.get(url).status_code == 200
    pinned = len(few.captured_queries)  # before another request resets the log
    for _number in range(3):
        client.post(reverse("regie:message_create"), {**_form(world), "action": "send"})
    with django_assert_num_queries(pinned):
        client.get(url)


def test_only_the_regisseur_writes(client, gemeente, world):
    client.force_login(world["Auser"])
    assert client.get(reverse("regie:message_create")).status_code == 404
    assert client.post(reverse("regie:message_create"),
                       {**_form(world), "action": "send"}).status_code == 404
    assert ApprovalState.APPROVED  # (the fixture's organisations stay as they are)


def test_the_preview_page_sends_exactly_what_was_previewed(client, login_as, gemeente, world):
    from tests.initiatives.test_kaart_support import filled, rendered_form

    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("regie:message_create")
    preview = client.post(url, {**_form(world, essential="on"), "action": "preview"})
    data = rendered_form(preview.content.decode(), "token")  # the first form: "send"
    client.post(url, filled(data, action="send"))
    message = PartnerMessage.objects.get()
    assert message.essential and message.body == "In maart komen er twaalf gezinnen."
    assert list(message.wijken.all()) == [world["voorhof"]]
    assert message.organisation_count == 2
