"""The demo gemeente shows a gap in its coverage view (issue 20: the regisseur sees the
planted gaps of the demo data), and seeding twice plants it once."""
from django.urls import reverse

from gemeenten.datagen.demo import demo_seed
from gemeenten.models import Gemeente, User
from regie.coverage import coverage_matrix
from statushouders.models import Newcomer


def test_demo_coverage_shows_the_planted_gap(client, db):
    demo_seed()
    demo_seed()
    gemeente = Gemeente.objects.get(slug="demodam")
    assert Newcomer.objects.filter(registratienummer__in=["WD-0101", "WD-0102"]).count() == 2
    gaps = [(theme.slug, wijk.name) for theme, wijk in coverage_matrix(gemeente).gaps]
    assert ("werk", "Het Weiland") in gaps
    assert ("taal", "Het Weiland") in gaps
    regisseur = User.objects.get(username="regisseur")
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(regisseur)
    device = TOTPDevice.objects.create(user=regisseur, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    html = client.get(reverse("regie:coverage")).content.decode()
    assert "Werk in Het Weiland" in html
    assert client.get(reverse("regie:report")).status_code == 200
    assert client.get(reverse("regie:calendar")).status_code == 200
