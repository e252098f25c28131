import pytest
from django.test import Client


@pytest.fixture
def csrf_client():
    """A client that enforces CSRF like a browser would: the contact form must not need it."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture(autouse=True)
def _dutch_while_arranging():
    """The language middleware leaves the last request's language active in the thread;
    factories then would write `title` into that language's field instead of Dutch."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")
