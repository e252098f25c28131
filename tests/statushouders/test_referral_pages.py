"""The referral journey in the browser's terms: refer, see it as an aanmelding with only what
is shared, answer with one click, withdraw."""
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from gemeenten.choices import Role
from gemeenten.models import Theme
from statushouders.models import Begeleiding, Newcomer, Referral

from ..factories import organisation_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def journey(gemeente, login_as):
    sender = organisation_in(gemeente, name="Stichting Testbegeleiding")
    receiver = organisation_in(gemeente, name="Taalhuis Test")
    coordinator_client = Client()
    coordinator = login_as(Role.COORDINATOR, organisation=receiver, gemeente=gemeente,
                           client=coordinator_client)
    begeleider = login_as(Role.BEGELEIDER, organisation=sender, gemeente=gemeente)
    newcomer = Newcomer.objects.create(
        gemeente=gemeente, organisation=sender, registratienummer="R-7", first_name="Testa",
        surname="Geheimnaam", phone="0611111111")
    Begeleiding.objects.create(newcomer=newcomer, organisation=sender,
                               start=date(2026, 1, 1), planned_end=date(2026, 12, 31))
    return type("Journey", (), dict(receiver=receiver, newcomer=newcomer,
                                    coordinator=coordinator, begeleider=begeleider,
                                    coordinator_client=coordinator_client))


def _refer(client, journey, **extra):
    data = {"to_organisation": journey.receiver.pk, "need": Theme.objects.get(slug="taal").pk,
            "shared_fields": ["first_name", "need"], "instemming_language": "nl",
            "instemming_text": "Ik stem in.", "availability": ["ma-ochtend"], **extra}
    return client.post(reverse("statushouders:referral_new", args=[journey.newcomer.pk]), data)


def test_refer_answer_and_withdraw(client, journey):
    response = _refer(client, journey)
    assert response.status_code == 302
    referral = Referral.objects.get()
    other = journey.coordinator_client
    listing = other.get(reverse("statushouders:aanmelding_list")).content.decode()
    assert "Stichting Testbegeleiding" in listing
    assert '<span class="visually-hidden"> open</span>' in listing or "1" in listing
    page = other.get(reverse("statushouders:aanmelding_detail", args=[referral.pk]))
    text = page.content.decode()
    assert "Testa" in text and "Geheimnaam" not in text and "0611111111" not in text
    answer = reverse("statushouders:aanmelding_answer", args=[referral.pk])
    other.post(answer, {"to_state": "accepted", "version": referral.version})
    referral.refresh_from_db()
    assert referral.state == "accepted"
    stale = other.post(answer, {"to_state": "started", "version": 1}, follow=True)
    assert "intussen" in stale.content.decode()
    referral.refresh_from_db()
    assert referral.state == "accepted"
    # The begeleider sees it accepted on the person's page, and withdraws the instemming.
    detail = client.get(reverse("statushouders:newcomer_detail", args=[journey.newcomer.pk]))
    assert "geaccepteerd" in detail.content.decode()
    client.post(reverse("statushouders:instemming_withdraw", args=[referral.pk]))
    referral.refresh_from_db()
    assert referral.state == "stopped"
    assert other.get(reverse("statushouders:aanmelding_detail",
                             args=[referral.pk])).status_code == 404


def test_the_aanmelding_says_its_codes_in_words(client, journey):
    """The walk found "di-ochtend,do-avond", "(tekst in het nl)" and "— proposed" on the
    coördinator's aanmelding."""
    _refer(client, journey, shared_fields=["first_name", "need", "availability"],
           availability=["di-ochtend", "do-avond"])
    referral = Referral.objects.get()
    page = journey.coordinator_client.get(
        reverse("statushouders:aanmelding_detail", args=[referral.pk])).content.decode()
    assert "dinsdag ochtend, donderdag avond" in page and "di-ochtend" not in page
    assert "(tekst in het Nederlands)" in page
    assert "— voorgesteld" in page and "— proposed" not in page


def test_a_second_referral_for_the_same_need_asks_first(client, journey, gemeente):
    _refer(client, journey)
    elsewhere = organisation_in(gemeente, name="Ander Taalhuis")
    warned = _refer(client, journey, to_organisation=elsewhere.pk)
    assert warned.status_code == 200
    assert "Taalhuis Test" in warned.content.decode()
    assert Referral.objects.count() == 1
    assert _refer(client, journey, to_organisation=elsewhere.pk,
                  send_anyway="on").status_code == 302
    assert Referral.objects.count() == 2


def test_without_instemming_nothing_is_sent(client, journey):
    response = _refer(client, journey, shared_fields=[])
    assert response.status_code == 200 and not Referral.objects.exists()


def test_the_instemming_text_prints_in_the_persons_language(client, journey):
    page = client.get(reverse("statushouders:instemming_text"), {"taal": "ar"})
    assert 'lang="ar" dir="rtl"' in page.content.decode()


def test_the_receiver_refers_onward_sharing_at_most_what_it_holds(client, journey, gemeente):
    _refer(client, journey)
    referral = Referral.objects.get()
    third = organisation_in(gemeente, name="Sportclub Test")
    url = reverse("statushouders:referral_onward", args=[referral.pk])
    other = journey.coordinator_client
    form = other.get(url).context["form"]
    assert [v for v, _label in form.fields["shared_fields"].choices] == ["first_name", "need"]
    refused = other.post(url, {"to_organisation": third.pk, "shared_fields": ["contact"],
                               "instemming_language": "nl", "instemming_text": "Ja."})
    assert refused.status_code == 200 and Referral.objects.count() == 1
    other.post(url, {"to_organisation": third.pk, "shared_fields": ["first_name"],
                     "instemming_language": "nl", "instemming_text": "Ja."})
    onward = Referral.objects.get(to_organisation=third)
    assert onward.from_organisation == journey.receiver
    assert onward.instemming.recorded_by == journey.coordinator
    # Whoever recorded it withdraws it with one click.
    other.post(reverse("statushouders:instemming_withdraw", args=[onward.pk]))
    onward.refresh_from_db()
    assert onward.state == "stopped"
