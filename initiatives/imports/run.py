"""Running a confirmed upload's import in the Celery worker, with progress for the status page."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeenten.health import LEASE_GRACE, OK, Health, minutes_since
from gemeenten.scope import gemeente_scope, scopes_disabled

from ..choices import ImportState
from ..models import ImportUpload
from .columns import Vocabulary, sociale_kaart_correct_rows, sociale_kaart_parse
from .read import ImportFileError, sociale_kaart_read
from .write import ImportChoicesMissing, sociale_kaart_import

logger = logging.getLogger(__name__)

# Rows checked between two progress updates: often enough for the status page's "N of M",
# rare enough that the updates cost nothing next to the checking.
PROGRESS_EVERY = 1000


def import_upload_run(*, upload_id: int) -> datetime | None:
    """Import a queued upload into its gemeente, all or nothing, and record the outcome.

    Idempotent: only an upload in state `queued` is claimed, by a conditional update to
    `running` with a lease (`claimed_until`, settings.IMPORT_LEASE_SECONDS, longer than the
    worker's time limit), so a second run (a redelivered task, two workers) does nothing
    while the first may still be running: it returns the end of that lease, and the task
    tries again then. A worker killed mid-import leaves the upload `running` with nothing
    written; once its lease has run out the next run takes it and imports it once. The rows are
    checked again first (the vocabularies may have changed since the preview), recording
    `rows_done` as it goes; then the write and the state `done` commit in one transaction,
    so `done` means imported and a failure changes nothing but the state `failed`.
    """
    # The task has only an id and starts in no scope: look the upload up across gemeenten
    # to learn which gemeente's scope to enter; everything after runs inside that scope.
    with scopes_disabled():
        upload = ImportUpload.objects.select_related("gemeente").filter(pk=upload_id).first()
    if upload is None:  # removed by the retention job meanwhile
        return
    if upload.state not in (ImportState.QUEUED, ImportState.RUNNING):
        return None  # done, failed, or not confirmed
    now = timezone.now()
    if upload.state == ImportState.RUNNING and upload.claimed_until and \
            upload.claimed_until > now:
        return upload.claimed_until  # another run holds it (or held it when it died)
    with gemeente_scope(upload.gemeente):
        uploads = ImportUpload.objects.filter(pk=upload.pk)
        claimable = Q(state=ImportState.QUEUED) | Q(state=ImportState.RUNNING,
                                                    claimed_until__lte=now)
        lease = now + timedelta(seconds=settings.IMPORT_LEASE_SECONDS)
        if not uploads.filter(claimable).update(state=ImportState.RUNNING,
                                                claimed_until=lease, rows_done=0):
            return None
        try:
            checked = _rows_check(upload, uploads)
            if checked is None:
                return
            parsed, skipped = checked
            with transaction.atomic():
                report = sociale_kaart_import(
                    gemeente=upload.gemeente, rows=parsed, choices=upload.name_choices,
                    skipped=skipped,
                )
                uploads.update(state=ImportState.DONE, summary=report.summary(),
                               finished_at=timezone.now())
        except ImportChoicesMissing as exc:  # the gemeente's names changed since the preview
            _fail(uploads, _("Not imported: the file names %(names)s, and it is not clear "
                             "whether that is a known name or a new one. Upload the file "
                             "again and choose.") % {"names": str(exc)})
        except Exception:
            logger.exception("Import of upload %s failed", upload.pk)
            _fail(uploads, _("Something went wrong while importing. Try again later, or ask "
                             "the administrator."))


def _rows_check(upload: ImportUpload, uploads):
    """The file's checked rows to import and the lines skipped, recording progress; None
    (and the upload failed) when the file cannot be read, or has bad rows and the regisseur
    did not choose to import only the correct ones."""
    try:
        rows = sociale_kaart_read(bytes(upload.data), upload.filename)
    except ImportFileError as exc:
        _fail(uploads, str(exc.message))
        return None
    uploads.update(rows_total=len(rows), rows_done=0)
    vocabulary, parsed, errors = Vocabulary(), [], []
    for start in range(0, len(rows), PROGRESS_EVERY):
        chunk = rows[start:start + PROGRESS_EVERY]
        good, chunk_errors = sociale_kaart_parse(chunk, vocabulary=vocabulary)
        parsed += good
        errors += chunk_errors
        uploads.update(rows_done=start + len(chunk))
    if not errors:
        return parsed, []
    if not upload.skip_bad_rows:  # the vocabularies changed since the preview
        _fail(uploads, _("The file has bad rows. Upload it again to see which."))
        return None
    return sociale_kaart_correct_rows(rows, parsed, errors)


def _fail(uploads, reason: str) -> None:
    uploads.update(state=ImportState.FAILED, summary=reason, finished_at=timezone.now())


def imports_health(now: datetime) -> Health:
    """For /healthz: imports left `running` past their lease (and its grace) are imports
    whose worker died and that no run took up again; "fail" with their count and age."""
    with scopes_disabled():  # the installation's health: every gemeente's imports
        stuck = (ImportUpload.objects
                 .filter(state=ImportState.RUNNING, claimed_until__lt=now - LEASE_GRACE)
                 .aggregate(count=Count("pk"), oldest=Min("claimed_until")))
    if not stuck["count"]:
        return OK
    return Health("fail", (
        f"imports: {stuck['count']} left running by a worker that stopped, the oldest "
        f"lease ended {minutes_since(stuck['oldest'], now)} minutes ago",))
