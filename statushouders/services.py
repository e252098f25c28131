"""Writes of newcomers and begeleidingen. Each write of a person's data writes its audit
event in the same transaction."""
from django.db import IntegrityError, transaction

from gemeenten.audit import Action, Purpose, audit_record

from .models import Begeleiding, Newcomer

SUBJECT = "newcomer"


def flags_refresh_after_commit(gemeente_id: int) -> None:
    from .tasks import flags_refresh_after_commit as refresh

    refresh(gemeente_id)


class DuplicateRegistratienummer(Exception):
    """The organisation already has a person with this number."""


def _changed_fields(form) -> str:
    return ", ".join(sorted(form.changed_data))


@transaction.atomic
def newcomer_register(*, form, organisation, gemeente, by, begeleiding: dict) -> Newcomer:
    """A begeleider registers a person of their organisation with the begeleiding that
    starts (start, planned end, caseworker)."""
    newcomer = form.save(commit=False)
    newcomer.organisation = organisation
    newcomer.gemeente = gemeente
    try:
        with transaction.atomic():
            newcomer.save()
    except IntegrityError:
        raise DuplicateRegistratienummer from None
    form.save_m2m()
    Begeleiding.objects.create(newcomer=newcomer, organisation=organisation, **begeleiding)
    flags_refresh_after_commit(gemeente.pk)
    audit_record(gemeente=gemeente, actor=by, action=Action.CREATE,
                 purpose=Purpose.BEGELEIDING, subject_type=SUBJECT, subject_id=newcomer.pk,
                 detail=_changed_fields(form))
    return newcomer


@transaction.atomic
def newcomer_update(*, form, by) -> Newcomer:
    if not form.has_changed():
        return form.instance
    try:
        with transaction.atomic():
            newcomer = form.save()
    except IntegrityError:
        raise DuplicateRegistratienummer from None
    audit_record(gemeente=newcomer.gemeente_id, actor=by, action=Action.CHANGE,
                 purpose=Purpose.BEGELEIDING, subject_type=SUBJECT, subject_id=newcomer.pk,
                 detail=_changed_fields(form))
    return newcomer


@transaction.atomic
def begeleiding_save(*, form, by) -> Begeleiding:
    begeleiding = form.save()
    if form.has_changed():
        flags_refresh_after_commit(begeleiding.newcomer.gemeente_id)
        audit_record(gemeente=begeleiding.newcomer.gemeente_id, actor=by, action=Action.CHANGE,
                     purpose=Purpose.BEGELEIDING, subject_type=SUBJECT,
                     subject_id=begeleiding.newcomer_id,
                     detail="begeleiding: " + _changed_fields(form))
    return begeleiding


def newcomer_viewed(*, newcomer: Newcomer, by, purpose: Purpose, reason: str = "") -> None:
    """A person's details were shown: the begeleider of their organisation for the
    begeleiding, the regisseur only after giving a reason."""
    audit_record(gemeente=newcomer.gemeente_id, actor=by, action=Action.VIEW, purpose=purpose,
                 subject_type=SUBJECT, subject_id=newcomer.pk, detail=reason)
