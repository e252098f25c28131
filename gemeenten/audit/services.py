"""Writing the audit log."""
from django.utils import timezone

from .models import Action, Purpose


def audit_record(*, gemeente, actor, action: Action, purpose: Purpose, subject_type: str,
                 subject_id, detail: str = ""):
    """Append one event. ``actor`` is a user or None (a job); ``subject_id`` the person's
    opaque id. ``detail`` is a reason a person typed or a field list, never personal data
    of the subject."""
    from ..models import AuditEvent

    return AuditEvent.objects.create(
        gemeente_id=getattr(gemeente, "pk", gemeente),
        actor_id=getattr(actor, "pk", None),
        actor_role=getattr(actor, "role", "") or "",
        action=action, purpose=purpose, subject_type=subject_type,
        subject_id=str(subject_id), detail=detail[:500], at=timezone.now(),
    )
