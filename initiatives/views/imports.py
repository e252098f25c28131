"""The regisseur's import of a sociale kaart spreadsheet: upload, preview, confirm.

Between preview and confirm the uploaded bytes wait in an ImportUpload row, so whichever web
process serves the confirm can read them. The browser only carries a value signed with
django.core.signing that names the row and expires after two hours; the row is looked up
with the user and gemeente as well, so another user's or gemeente's upload is simply gone,
and no spreadsheet travels back and forth in a hidden field. The confirm only queues the
import (a Celery task, so no web worker waits for a large file) and sends the regisseur to a
status page that follows the row's progress; the retention job removes rows a day old.
"""
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from gemeenten.choices import Role
from gemeenten.exports import Column, Export, download, register
from gemeenten.forms import PortalForm
from gemeenten.permissions import RegisseurRequiredMixin, role_required

from ..choices import ImportState
from ..imports import (
    ADD,
    COLUMNS,
    HEADERS,
    MAX_FILE_BYTES,
    OPTIONAL_HEADERS,
    ORGANISATION,
    WIJK,
    ImportFileError,
    sociale_kaart_correct_rows,
    sociale_kaart_parse,
    sociale_kaart_plan,
    sociale_kaart_read,
    template_csv,
    template_xlsx,
)
from ..models import ImportUpload
from ..tasks import sociale_kaart_import_task

SALT = "initiatives.import"
TOKEN_MAX_AGE = 2 * 60 * 60
EXTENSIONS = (".csv", ".xlsx")


class ImportUploadForm(PortalForm):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (.csv or .xlsx)"),
        help_text=gettext_lazy("One row per activity, with the column headers of the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB; split it into smaller files.")
            )
        return upload


def _gemeente(request):
    """A regisseur imports into their own gemeente only."""
    if request.user.gemeente_id is None:
        raise Http404
    return request.user.gemeente


def _upload_store(request, data: bytes, filename: str) -> str:
    # This user's earlier uploads whose link has expired can never be confirmed any more.
    ImportUpload.objects.for_user(request.user).filter(
        created_at__lt=timezone.now() - timedelta(seconds=TOKEN_MAX_AGE),
    ).delete()
    upload = ImportUpload.objects.create(
        gemeente=request.user.gemeente, uploaded_by=request.user, data=data,
        # The browser names the file: no NUL or other control character reaches the database.
        filename="".join(c for c in filename if c.isprintable())[:255],
    )
    return signing.dumps({"i": upload.pk}, salt=SALT)


def _upload_load(request, signed: str) -> ImportUpload | None:
    """The stored upload this signed value names, if it is this user's and still there."""
    try:
        value = signing.loads(signed or "", salt=SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("i"), int):
        return None
    return ImportUpload.objects.for_user(request.user).filter(pk=value["i"]).first()


def _gone(request):
    messages.error(
        request,
        _("This upload has already been imported or has expired. Upload the file again."),
    )
    return redirect("initiatives:import")


class ImportUploadView(RegisseurRequiredMixin, FormView):
    form_class = ImportUploadForm
    template_name = "initiatives/import_form.html"

    def get_context_data(self, **kwargs):
        _gemeente(self.request)
        return super().get_context_data(
            headers=HEADERS, optional_headers=OPTIONAL_HEADERS, columns=COLUMNS, **kwargs
        )

    def form_valid(self, form):
        _gemeente(self.request)
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            rows = sociale_kaart_read(data, upload.name)
        except ImportFileError as exc:
            form.add_error("file", exc.message)
            return self.form_invalid(form)
        parsed, errors = sociale_kaart_parse(rows)
        if errors and not parsed:  # nothing correct to offer: nothing is stored
            return render(self.request, "initiatives/import_preview.html", {
                "errors": errors, "bad_lines": len({e.line for e in errors}),
                "filename": upload.name, "row_count": len(rows),
            })
        signed = _upload_store(self.request, data, upload.name)
        return redirect(f"{reverse('initiatives:import_preview')}?upload={signed}")


def _choices_posted(post) -> dict:
    """The regisseur's choice per unknown name from the preview's selects ("wijk:<key>":
    "add" or a pk); the plan keeps only the valid ones."""
    choices: dict = {WIJK: {}, ORGANISATION: {}}
    for name, value in post.items():
        kind, _sep, key = name.partition(":")
        if kind in choices and key:
            if value == ADD:
                choices[kind][key] = ADD
            elif value.isdigit():
                choices[kind][key] = int(value)
    return choices


def _preview(request, stored: ImportUpload, signed: str, choices=None) -> dict | None:
    """What the preview shows: the rows with a problem, and the plan of the correct rows
    with the choices made so far; None when the stored file cannot be read any more."""
    try:
        rows = sociale_kaart_read(bytes(stored.data), stored.filename)
    except ImportFileError:
        return None
    parsed, errors = sociale_kaart_parse(rows)
    skipped = []
    if errors:
        parsed, skipped = sociale_kaart_correct_rows(rows, parsed, errors)
    context = {"filename": stored.filename, "row_count": len(rows), "errors": errors,
               "bad_lines": len({e.line for e in errors}), "upload": signed,
               "also_skipped": [r for r in skipped if r.line not in {e.line for e in errors}]}
    if parsed:
        plan = sociale_kaart_plan(gemeente=request.user.gemeente, rows=parsed, choices=choices)
        context.update(
            plan=plan, report=plan.report(skipped=skipped),
            changes=[p for p in plan.activities if p.action != "unchanged"],
            organisation_changes=[
                p for p in plan.organisations if p.action != "unchanged" or p.kept
            ],
        )
    return context


class ImportPreviewView(RegisseurRequiredMixin, TemplateView):
    """What the import would do; nothing is written until the regisseur confirms."""

    template_name = "initiatives/import_preview.html"

    def get(self, request, *args, **kwargs):
        _gemeente(request)
        signed = request.GET.get("upload", "")
        stored = _upload_load(request, signed)
        if stored is None:
            return _gone(request)
        context = _preview(request, stored, signed)
        if context is None:
            return _gone(request)
        return self.render_to_response(self.get_context_data(**context))


@role_required(Role.REGISSEUR)
@require_POST
def import_confirm(request):
    """Queue the import with the regisseur's choices: per unknown name map or add, and with
    rows that have a problem only when "import only the correct rows" was pressed. A choice
    still open shows the preview again with that said."""
    _gemeente(request)
    signed = request.POST.get("upload", "")
    stored = _upload_load(request, signed)
    if stored is None:
        return _gone(request)
    only_correct = request.POST.get("only_correct") == "1"
    context = _preview(request, stored, signed, choices=_choices_posted(request.POST))
    if context is None:
        return _gone(request)
    if "plan" not in context or (context["errors"] and not only_correct
                                 and "refresh" not in request.POST):
        return render(request, "initiatives/import_preview.html", context)
    plan = context["plan"]
    if "refresh" in request.POST:  # the preview again, with the choices made so far
        return render(request, "initiatives/import_preview.html", context)
    if plan.unresolved:
        context["choose_error"] = True
        return render(request, "initiatives/import_preview.html", context)
    # A double click finds the upload queued already and only shows its status.
    with transaction.atomic():
        ImportUpload.objects.filter(pk=stored.pk, state=ImportState.UPLOADED).update(
            name_choices=plan.choices, skip_bad_rows=only_correct,
        )
        if stored.queue():
            transaction.on_commit(lambda: sociale_kaart_import_task.delay(stored.pk), robust=True)
    return redirect("initiatives:import_status", signed)


@role_required(Role.REGISSEUR)
def import_status(request, signed: str):
    """How far the worker is; the partial alone for htmx's polling, until it is finished."""
    _gemeente(request)
    stored = _upload_load(request, signed)
    if stored is None or stored.state == ImportState.UPLOADED:
        return _gone(request)
    context = {
        "upload": stored, "signed": signed,
        "finished": stored.state in (ImportState.DONE, ImportState.FAILED),
        "done_message": _("Import done. %(summary)s") % {"summary": stored.summary},
    }
    if request.htmx:
        return render(request, "initiatives/partials/import_status.html", context)
    return render(request, "initiatives/import_status.html", context)


# Headers and an invented example row: nobody's data, so a download is not audited.
TEMPLATE_EXPORT = register(Export(
    url_name="initiatives:import_template", roles=frozenset({Role.REGISSEUR}),
    columns=tuple(Column(c.identifier, c.identifier) for c in COLUMNS),
    variants=("", "?format=xlsx")))


@role_required(Role.REGISSEUR)
def import_template(request):
    """The template: exact headers and one example row, as .csv or .xlsx."""
    if request.GET.get("format") == "xlsx":
        return download(request, TEMPLATE_EXPORT, template_xlsx(), extension="xlsx",
                        filename="sociale-kaart-sjabloon.xlsx")
    return download(request, TEMPLATE_EXPORT, template_csv(), extension="csv",
                    filename="sociale-kaart-sjabloon.csv")
