"""Error pages speak the visitor's language and never show a traceback or set a cookie."""
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.utils import translation
from django.views import defaults

pytestmark = pytest.mark.django_db


def test_a_missing_staff_page_is_a_dutch_404(client):
    response = client.get("/sociale-kaart/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert "Traceback" not in html


@pytest.mark.parametrize(("lang", "heading"), [
    ("ar", "الصفحة غير موجودة"), ("ti", "ገጽ ኣይተረኽበን"), ("uk", "Сторінку не знайдено"),
])
def test_a_missing_infopunt_page_is_a_404_in_the_visitors_language_without_a_cookie(
    client, gemeente, lang, heading,
):
    response = client.get(f"/{lang}/infopunt/nergens/")
    assert response.status_code == 404
    html = response.content.decode()
    assert heading in html
    assert f'lang="{lang}"' in html
    assert "Pagina niet gevonden" not in html
    assert not response.cookies


def test_a_server_error_page_renders_without_any_context():
    request = RequestFactory().get("/")
    with translation.override("nl"):
        response = defaults.server_error(request)
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_no_access_page_is_dutch():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with translation.override("nl"):
        response = defaults.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


def test_an_expired_form_says_so_in_dutch():
    response = Client(enforce_csrf_checks=True).post(
        "/account/login/", {"username": "iemand", "password": "x"}
    )
    assert response.status_code == 403
    assert "Het formulier is verlopen" in response.content.decode()


def test_a_kiosk_on_a_missing_page_returns_to_the_start_by_itself(client, gemeente):
    html = client.get("/nl/infopunt/nergens/?kiosk=1").content.decode()
    assert 'http-equiv="refresh" content="120;url=/nl/infopunt/?kiosk=1"' in html
    assert "http-equiv" not in client.get("/nl/infopunt/nergens/").content.decode()

