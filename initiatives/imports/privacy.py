"""Retention of uploads waiting for the regisseur's confirmation: gone after a day."""
from datetime import date, datetime, timedelta

from django.utils import timezone

from gemeenten.privacy import register_retention


@register_retention("import_uploads")
def delete_old_import_uploads(today: date) -> int:
    """A preview link lives two hours; a day covers that with room to spare."""
    from ..models import ImportUpload

    now = datetime.combine(today, timezone.localtime().time())
    cutoff = timezone.make_aware(now) - timedelta(days=1)
    deleted, _per_model = ImportUpload.objects.filter(created_at__lt=cutoff).delete()
    return deleted
