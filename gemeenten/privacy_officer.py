"""The privacy officer's own pages: the search of their gemeente's audit log, its CSV export,
and the processing overview (AVG art. 30) generated from the code and the settings.

Reading the log is not itself audited: an event holds opaque ids and codes, no person's data
(DESIGN.md audits each view of a person's data), and an event per page would bury the log
under the FG's own reading. An export leaves the portal, so it writes one event."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django_filters.views import FilterView

from .audit import Purpose
from .audit.filters import AuditEventFilter, subject_type_label
from .choices import Role
from .exports import Column, Export, download, register
from .models import AuditEvent, User
from .permissions import RoleRequiredMixin, role_required
from .processing import overview

PAGE_SIZE = 50
EXPORT_MAX_ROWS = 100_000  # two years of a large gemeente's log fit; more means a narrower period
# The log holds opaque ids and codes; the one personal field is the staff account's name.
AUDIT_EXPORT = register(Export(
    url_name="privacy:audit_export", roles=frozenset({Role.PRIVACY_OFFICER}),
    columns=(Column("at", gettext_lazy("When")), Column("actor_id", gettext_lazy("Account id")),
             Column("actor", gettext_lazy("Account"), personal="username"),
             Column("role", gettext_lazy("Role")), Column("action", gettext_lazy("Action")),
             Column("purpose", gettext_lazy("Purpose")),
             Column("subject_type", gettext_lazy("Kind of record")),
             Column("subject_id", gettext_lazy("Record id")),
             Column("detail", gettext_lazy("Detail"))),
    audit_subject="audit_log", purpose=Purpose.SUPERVISION))


def _subject_types(user) -> list[str]:
    return list(AuditEvent.objects.for_user(user).order_by("subject_type")
                .values_list("subject_type", flat=True).distinct())


def _events(user):
    return AuditEvent.objects.for_user(user).order_by("-at", "-pk")


def _filterset_kwargs(request) -> dict:
    """Always bound (an empty search is a valid one), so the export and the page agree."""
    user = request.user
    return {"data": request.GET, "user": user, "subject_types": _subject_types(user),
            "queryset": _events(user)}


def _usernames(actor_ids) -> dict[int, str]:
    ids = {pk for pk in actor_ids if pk is not None}
    return dict(User.objects.filter(pk__in=ids).values_list("pk", "username")) if ids else {}


class AuditSearchView(RoleRequiredMixin, FilterView):
    allowed_roles = (Role.PRIVACY_OFFICER,)
    filterset_class = AuditEventFilter
    template_name = "privacy/audit_search.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return _events(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        return _filterset_kwargs(self.request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = list(context["object_list"])
        names = _usernames(e.actor_id for e in events)
        role_labels = dict(Role.choices)
        for event in events:
            event.actor_name = names.get(event.actor_id, "")
            event.role_label = role_labels.get(event.actor_role, event.actor_role)
            event.subject_label = subject_type_label(event.subject_type)
        context["events"] = events
        oldest_first = self.request.GET.get("o") == "at"
        context["sort_column"] = {"key": "at", "label": _("When"),
                                  "next": "-at" if oldest_first else "at",
                                  "dir": "asc" if oldest_first else "desc"}
        context["export_url"] = reverse("privacy:audit_export") + (
            "?" + self.request.GET.urlencode() if self.request.GET else "")
        return context


@role_required(Role.PRIVACY_OFFICER)
@require_GET
def audit_export(request):
    """The search's events as CSV (formulas neutralised), itself an audited event."""
    events = AuditEventFilter(**_filterset_kwargs(request))
    if not events.is_valid():
        messages.error(request, _("Correct the search before exporting it."))
        return redirect(reverse("privacy:audit_search") + "?" + request.GET.urlencode())
    rows = events.qs
    count = rows.count()
    if count > EXPORT_MAX_ROWS:
        messages.error(request, _("The search finds %(count)d events; export at most "
                                  "%(max)d at a time by choosing a shorter period.")
                       % {"count": count, "max": EXPORT_MAX_ROWS})
        return redirect(reverse("privacy:audit_search") + "?" + request.GET.urlencode())
    names = _usernames(rows.order_by().values_list("actor_id", flat=True).distinct())
    role_labels = dict(Role.choices)
    records = ({"at": timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
                "actor_id": event.actor_id, "actor": names.get(event.actor_id, ""),
                "role": str(role_labels.get(event.actor_role, event.actor_role)),
                "action": event.get_action_display(), "purpose": event.get_purpose_display(),
                "subject_type": subject_type_label(event.subject_type),
                "subject_id": event.subject_id, "detail": event.detail}
               for event in rows.iterator(chunk_size=2000))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return download(request, AUDIT_EXPORT, AUDIT_EXPORT.table(records, role=request.user.role),
                    extension="csv", filename=f"auditlog-{stamp}.csv",
                    subject_id=str(request.user.gemeente_id),
                    detail=f"csv {count} rows {events.summary()}".strip())


@role_required(Role.PRIVACY_OFFICER)
@require_GET
def processing_overview(request):
    return render(request, "privacy/processing.html",
                  {"rows": overview(), "generated_at": timezone.now()})
