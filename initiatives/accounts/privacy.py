"""Retention of invitations: an e-mail address of someone invited, kept a while after the
invitation expired (accepted or not) so a regisseur can see what became of it, then deleted."""
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from gemeenten.privacy import register_retention


@register_retention("invitations")
def delete_old_invitations(today: date) -> int:
    from ..models import Invitation

    cutoff = timezone.make_aware(datetime.combine(
        today - timedelta(days=settings.INVITATION_RETENTION_DAYS), time.min))
    deleted, _per_model = Invitation.objects.filter(expires_at__lt=cutoff).delete()
    return deleted
