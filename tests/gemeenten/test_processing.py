"""The processing overview is generated from the code and the settings: every model of the
portal is declared as holding personal data (which fields, which category) or none; a field
that looks personal cannot slip through undeclared; retention rules name real settings and
handlers; and the page follows the settings."""
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse

from gemeenten.choices import Role
from gemeenten.privacy import registry as privacy_registry
from gemeenten.processing import Category, overview, register

pytestmark = pytest.mark.django_db
PORTAL_APPS = {"gemeenten", "statushouders", "initiatives", "volunteers", "infopunt", "regie",
               "axes"}
# Field names that hold a person's identity, contact or words in this portal.
LOOKS_PERSONAL = re.compile(
    r"(^|_)(first_name|surname|last_name|email|phone|username|ip_address|user_agent|"
    r"registratienummer|motivation|birth_year|question|went_well|words)$")


def _portal_models():
    return [m for m in apps.get_models()
            if m._meta.app_label in PORTAL_APPS and not m._meta.proxy]


def _looks_personal(field) -> bool:
    """An e-mail or IP address, an account (a relation to the user), or a personal name."""
    if isinstance(field, models.EmailField | models.GenericIPAddressField):
        return True
    related = getattr(field, "related_model", None)
    if field.is_relation and related is not None and not field.auto_created:
        return related._meta.label == settings.AUTH_USER_MODEL
    if isinstance(field, models.BooleanField):  # weekly_worklist_email is a choice, not an address
        return False
    return bool(LOOKS_PERSONAL.search(field.name))


def test_every_model_of_the_portal_is_declared_personal_or_not():
    labels = {m._meta.label for m in _portal_models()}
    undeclared = labels - set(register.personal) - register.no_personal
    assert not undeclared, f"declare these in <app>/processing.py: {sorted(undeclared)}"
    assert not set(register.personal) & register.no_personal
    assert set(register.personal) | register.no_personal <= labels


def test_every_field_that_looks_personal_is_declared_with_a_category():
    missing = []
    for model in _portal_models():
        declared = register.personal.get(model._meta.label, {})
        for field in model._meta.get_fields():
            if getattr(field, "auto_created", False) and not field.concrete:
                continue  # the reverse side of a relation
            if _looks_personal(field) and field.name not in declared:
                missing.append(f"{model._meta.label}.{field.name}")
    assert not missing, f"personal fields without a category: {missing}"


def test_declared_fields_exist_and_every_personal_model_is_in_a_processing():
    in_processing = {label for p in register.processings.values() for label in p.models}
    for label, fields in register.personal.items():
        model = apps.get_model(label)
        names = {f.name for f in model._meta.get_fields()}
        assert set(fields) <= names, label
        assert set(fields.values()) <= set(Category.values), label
        assert label in in_processing, f"{label} belongs to no processing"
    assert in_processing <= set(register.personal)


def test_each_processing_names_real_retention_settings_and_handlers():
    keys = set(register.processings)
    assert {"newcomers", "referrals", "contact_requests", "volunteers", "koppelingen",
            "tallies", "outbox", "audit", "search_words", "accounts", "invitations"} <= keys
    used = set()
    for item in register.processings.values():
        assert item.purposes and item.legal_basis and item.retention, item.key
        for rule in item.retention:
            if rule.setting:
                assert isinstance(getattr(settings, rule.setting), int), rule.setting
            assert set(rule.handlers) <= set(privacy_registry.retention), item.key
            used |= set(rule.handlers)
    # Every retention job of the portal is named by the processing it serves.
    assert used == set(privacy_registry.retention)


def test_the_recipients_are_read_from_the_querysets():
    rows = {row.processing.key: row for row in overview()}
    assert rows["audit"].roles == [Role.PRIVACY_OFFICER.label]
    assert Role.COORDINATOR.label in rows["contact_requests"].roles
    assert Role.VOLUNTEER.label not in rows["newcomers"].roles


def test_the_overview_follows_the_settings(client, login_as, gemeente, settings):
    login_as(Role.PRIVACY_OFFICER, gemeente=gemeente)
    url = reverse("privacy:processing")
    text = client.get(url).content.decode()
    newcomers = "geanonimiseerd %s dagen nadat de begeleiding eindigde"
    assert newcomers % 365 in text and "na 730 dagen" in text
    settings.NEWCOMER_RETENTION_DAYS = 400
    settings.AUDIT_RETENTION_DAYS = 800
    text = client.get(url).content.decode()
    assert newcomers % 400 in text and newcomers % 365 not in text
    assert "geanonimiseerd na 400 dagen" in text  # the referrals' rest follows it too
    assert "na 800 dagen" in text and "na 730 dagen" not in text


def test_the_overview_page_shows_each_processing_in_dutch(client, login_as, gemeente):
    login_as(Role.PRIVACY_OFFICER, gemeente=gemeente)
    response = client.get(reverse("privacy:processing"))
    text = response.content.decode()
    for heading in ("Nieuwkomers en begeleiding", "Contactverzoeken van het infopunt",
                    "Auditlog", "Koppelingen (maatjes)"):
        assert heading in text
    assert "Publieke taak (AVG art. 6 lid 1 sub e)" in text
    assert "contactgegevens (telefoon, e-mail)" in text
