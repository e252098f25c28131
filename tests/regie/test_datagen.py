"""seed_demo and generate_scale make taakstelling and arrival figures: once (a second run adds
nothing), deterministically per seed, removed with --replace; the demo regisseur's dashboard
shows them."""
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from gemeenten.datagen.demo import demo_seed
from gemeenten.models import Gemeente
from regie.models import ExpectedArrival, Taakstelling

pytestmark = pytest.mark.django_db


def test_seed_demo_records_taakstelling_and_arrivals_once():
    demo = demo_seed(today=date(2026, 11, 30))
    assert list(Taakstelling.objects.filter(gemeente=demo.gemeente).values_list(
        "year", "half", "number")) == [(2026, 2, 36), (2027, 1, 40)]
    months = list(ExpectedArrival.objects.filter(gemeente=demo.gemeente)
                  .values_list("month", "number"))
    assert months[0] == (date(2026, 11, 1), 4) and months[3] == (date(2027, 2, 1), 18)
    again = demo_seed(today=date(2026, 11, 30))
    assert again.created["taakstelling"] == again.created["expected arrivals"] == 0
    assert ExpectedArrival.objects.count() == 6


def test_the_demo_regisseur_lands_on_a_dashboard_with_the_figures(client):
    from gemeenten.models import User

    demo_seed()
    client.force_login(User.objects.get(username="regisseur"))
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = User.objects.get(username="regisseur")
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/regie/"
    values = {f.name: f.value for _label, figures in response.context["sections"]
              for f in figures}
    assert values["organisations_active"] > 30
    assert values["expected_arrivals"] > 0


def _generate(*args) -> str:
    out = StringIO()
    call_command("generate_scale", *args, stdout=out)
    return out.getvalue()


def test_generate_scale_makes_figures_per_gemeente_deterministically():
    _generate("--preset", "tiny", "--seed", "5")
    gemeenten = Gemeente.objects.filter(slug__startswith="scale-tiny-5-")

    def snapshot():
        return (list(Taakstelling.objects.filter(gemeente__in=gemeenten)
                     .order_by("gemeente__slug", "year", "half")
                     .values_list("gemeente__slug", "year", "half", "number")),
                list(ExpectedArrival.objects.filter(gemeente__in=gemeenten)
                     .order_by("gemeente__slug", "month")
                     .values_list("gemeente__slug", "month", "number")))

    first = snapshot()
    assert len(first[0]) == 2 * gemeenten.count()
    assert len(first[1]) == 12 * gemeenten.count()
    _generate("--preset", "tiny", "--seed", "5", "--replace")
    assert snapshot() == first
