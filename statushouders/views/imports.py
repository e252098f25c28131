"""A begeleider imports the people of their own organisation from a spreadsheet: upload,
preview (nothing written; unknown wijken with the nearest known name), then import with a
tick to add the wijken that are not known yet. The same service as import_statushouders."""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gemeenten.choices import Role
from gemeenten.permissions import role_required
from initiatives.imports.read import MAX_FILE_BYTES, ImportFileError
from initiatives.models import Organisation

from ..forms import NewcomerUploadForm
from ..imports import HEADERS, import_statushouders
from ..models import NewcomerUpload


def _own(user):
    return list(Organisation.objects.own(user))


@role_required(Role.BEGELEIDER)
def newcomer_import(request):
    form = NewcomerUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            form.add_error("file", _("The file is larger than 5 MB; split it into smaller "
                                     "files."))
        else:
            stored = NewcomerUpload.objects.create(
                gemeente=request.user.gemeente, uploaded_by=request.user,
                filename=upload.name[:255], data=upload.read())
            return redirect("statushouders:newcomer_import_preview", pk=stored.pk)
    return render(request, "statushouders/import_form.html",
                  {"form": form, "headers": HEADERS, "organisations": _own(request.user)})


def _upload(request, pk) -> NewcomerUpload:
    return get_object_or_404(NewcomerUpload.objects.for_user(request.user)
                             .filter(done_at__isnull=True), pk=pk)


def _run(request, upload, **kwargs):
    return import_statushouders(gemeente=request.user.gemeente, data=bytes(upload.data),
                                filename=upload.filename, by=request.user,
                                own_organisations=_own(request.user), **kwargs)


@role_required(Role.BEGELEIDER)
def newcomer_import_preview(request, pk):
    upload = _upload(request, pk)
    try:
        report = _run(request, upload, dry_run=True)
    except ImportFileError as error:
        messages.error(request, error.message)
        upload.delete()
        return redirect("statushouders:newcomer_import")
    return render(request, "statushouders/import_preview.html", {
        "upload": upload, "report": report,
        "new": report.rows - report.known,
    })


@require_POST
@role_required(Role.BEGELEIDER)
def newcomer_import_confirm(request, pk):
    upload = _upload(request, pk)
    create_missing = request.POST.get("create_missing") == "on"  # the tick in the preview
    try:
        report = _run(request, upload, create_missing=create_missing)
    except ImportFileError as error:
        messages.error(request, error.message)
        return redirect("statushouders:newcomer_import")
    if not report.ok:
        messages.error(request, _("Nothing was imported: the file has problems, or districts "
                                  "that are not known yet and were not ticked to be added."))
        return redirect("statushouders:newcomer_import_preview", pk=upload.pk)
    NewcomerUpload.objects.filter(pk=upload.pk).update(done_at=timezone.now(), data=b"")
    messages.success(request, _("Imported: %(new)d new, %(updated)d updated, %(same)d "
                                "unchanged.") % {"new": report.created,
                                                 "updated": report.updated,
                                                 "same": report.unchanged})
    for line in report.open_caseworker:
        messages.warning(request, _("No caseworker of your organisation has this e-mail "
                                    "address; the person is for all of you: %(line)s")
                         % {"line": line})
    return redirect("statushouders:newcomer_list")
