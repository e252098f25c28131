"""Invitations hold an e-mail address: deleted INVITATION_RETENTION_DAYS after they expired,
accepted or not, by the retention job (gemeenten.privacy)."""
from datetime import timedelta

import pytest
from django.utils import timezone

from gemeenten.privacy import registry, retention_run
from initiatives.models import Invitation
from tests.factories import GemeenteFactory

pytestmark = pytest.mark.django_db


def _invitation(gemeente, *, expired_days_ago: int, accepted: bool, n: int) -> Invitation:
    expires = timezone.now() - timedelta(days=expired_days_ago)
    return Invitation.objects.create(
        gemeente=gemeente, email=f"persoon{n}@example.org", role="coordinator",
        token_hash=f"{n:064d}", expires_at=expires, created_at=expires - timedelta(days=7),
        accepted_at=expires - timedelta(days=1) if accepted else None,
    )


def test_invitations_are_deleted_90_days_after_they_expired(settings):
    settings.INVITATION_RETENTION_DAYS = 90
    a, b = GemeenteFactory(slug="a"), GemeenteFactory(slug="b")
    old_open = _invitation(a, expired_days_ago=95, accepted=False, n=1)
    old_accepted = _invitation(b, expired_days_ago=120, accepted=True, n=2)
    recent = _invitation(a, expired_days_ago=30, accepted=True, n=3)
    usable = _invitation(a, expired_days_ago=-5, accepted=False, n=4)

    assert "invitations" in registry.retention
    result = retention_run(today=timezone.localdate())

    assert result["invitations"] == 2
    assert set(Invitation.objects.values_list("pk", flat=True)) == {recent.pk, usable.pk}
    assert not Invitation.objects.filter(pk__in=[old_open.pk, old_accepted.pk]).exists()
    assert retention_run(today=timezone.localdate())["invitations"] == 0  # idempotent
