"""Language names in the reader's language: on the infopunt a language's own name is glossed
in the page's language (not in English), and a staff page never says "Nederlands
(Nederlands)"."""
import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from gemeenten.choices import Role
from gemeenten.languages import language_label, language_name
from gemeenten.models import Language
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _language(code):
    return Language.objects.get(code=code)


@pytest.mark.parametrize(("page", "code", "label"), [
    ("ar", "ti", "ትግርኛ (التغرينية)"),
    ("ar", "nl", "Nederlands (الهولندية)"),
    ("ar", "ar", "العربية"),
    ("uk", "so", "Soomaali (сомалі)"),
    ("fa", "prs", "دری"),  # Dari's own name is its Farsi name too
    ("tr", "kmr", "Kurmancî (Kürtçe)"),
    ("ti", "uk", "Українська (ዩክረይንኛ)"),
    ("nl", "ar", "العربية (Arabisch)"),
    ("nl", "nl", "Nederlands"),
    ("en", "fa", "فارسی (Persian)"),
])
def test_infopunt_language_options_are_glossed_in_the_page_language(page, code, label):
    with translation.override(page):
        assert language_label(_language(code)) == label


def test_a_language_without_a_name_in_the_page_language_falls_back_to_english():
    unknown = Language(code="zzx", name_nl="Verzonnen", name_en="Madeup", native_name="Zzx")
    assert language_name(unknown, "ar") == "Madeup"
    assert language_name(unknown, "nl") == "Verzonnen"


def test_the_infopunt_filter_glosses_in_the_page_language(client, gemeente):
    html = client.get(f"/ar/infopunt/{gemeente.slug}/aanbod/").content.decode()
    assert "ትግርኛ (التغرينية)" in html
    assert "(Tigrinya)" not in html


def test_staff_pages_name_dutch_once(client, login_as, gemeente):
    activity = ActivityFactory(gemeente=gemeente)
    activity.languages.set(Language.objects.filter(code__in=["nl", "ar"]))
    login_as(Role.REGISSEUR, gemeente=gemeente)
    html = client.get(reverse("initiatives:activity_detail", args=[activity.pk])).content.decode()
    assert "Nederlands (" not in html and "Nederlands" in html
    assert 'Arabisch <span class="text-body-secondary small" lang="ar">(العربية)</span>' in html
    rendered = Template("{% load portal %}{{ nl|language }}").render(
        Context({"nl": _language("nl")}))
    assert rendered == "Nederlands"
