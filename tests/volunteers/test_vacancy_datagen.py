"""The vacancies in seed_demo (with the planted recruitment clash for the regie's overlap
detection, and sign-ups waiting for the demo coördinator) and in generate_scale."""
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from gemeenten.datagen.demo import demo_seed
from volunteers.models import Vacancy, VolunteerApplication

pytestmark = pytest.mark.django_db


def test_seed_demo_plants_a_recruitment_clash_and_two_waiting_sign_ups_once():
    demo_seed(today=date(2026, 11, 30))
    demo_seed(today=date(2026, 11, 30))
    assert Vacancy.objects.count() == 3
    assert VolunteerApplication.objects.filter(state="pending").count() == 2
    clash = [v for v in Vacancy.objects.select_related("theme", "wijk")
             if v.theme.slug == "taal" and v.wijk and v.wijk.name == "Centrum"]
    assert len({v.organisation_id for v in clash}) == 2
    first, second = sorted(clash, key=lambda v: v.starts_on)
    assert first.ends_on >= second.starts_on  # the periods overlap


def test_generate_scale_makes_vacancies_deterministically():
    call_command("generate_scale", "--preset", "tiny", "--seed", "3", stdout=StringIO())
    rows = list(Vacancy.objects.order_by("pk").values_list("title", "theme_id", "starts_on"))
    assert len(rows) >= 1
    call_command("generate_scale", "--preset", "tiny", "--seed", "3", "--replace",
                 stdout=StringIO())
    assert list(Vacancy.objects.order_by("pk").values_list("title", "theme_id", "starts_on")
                ) == rows
