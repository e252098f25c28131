"""seed_demo plants the coordination layer's demo: two signals (one answered, one overdue),
one message to partners, one listing due to be checked; a second run adds nothing."""
from io import StringIO

import pytest
from django.core.management import call_command

from gemeenten.models import Gemeente, OutboxMessage, User
from gemeenten.scope import gemeente_scope
from regie.models import ListingCheck, PartnerMessage, Signal, SignalState
from regie.querysets import stale_listings
from regie.views.freshness import listings_to_check

pytestmark = pytest.mark.django_db


def test_seed_demo_plants_signals_a_message_and_a_listing_to_check_once():
    call_command("seed_demo", stdout=StringIO())
    counts = (Signal.objects.count(), PartnerMessage.objects.count(),
              ListingCheck.objects.count(), OutboxMessage.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Signal.objects.count(), PartnerMessage.objects.count(),
            ListingCheck.objects.count(), OutboxMessage.objects.count()) == counts
    demodam = Gemeente.objects.get(slug="demodam")
    assert Signal.objects.filter(state=SignalState.ANSWERED).count() == 1
    assert Signal.objects.overdue(demodam).count() == 1
    message = PartnerMessage.objects.get()
    assert message.organisation_count >= 1
    regisseur = User.objects.get(username="regisseur")
    with gemeente_scope(demodam):
        to_check = list(listings_to_check(regisseur).values_list("organisation__name", flat=True))
    assert to_check == ["Wandelclub Noorderpark"]
    with gemeente_scope(demodam):
        assert stale_listings(demodam).count() == 1  # the dashboard's figure


def test_generate_scale_plants_signals_in_every_state_and_replaces_them():
    from gemeenten.datagen.scale import scale_existing

    call_command("generate_scale", "--preset", "tiny", "--seed", "4", stdout=StringIO())
    gemeente = scale_existing("scale-tiny-4").get()
    states = set(Signal.objects.filter(gemeente=gemeente).values_list("state", flat=True))
    assert states == {SignalState.OPEN, SignalState.ANSWERED, SignalState.CLOSED}
    count = Signal.objects.count()
    call_command("generate_scale", "--preset", "tiny", "--seed", "4", "--replace",
                 stdout=StringIO())
    assert Signal.objects.count() == count
