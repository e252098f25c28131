"""The privacy officer's handling of a person's request: access (everything every app holds,
printable) and erasure. Both are audited with the request's purpose."""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gemeenten.audit import Action, Purpose, audit_record
from gemeenten.choices import Role
from gemeenten.permissions import role_required
from gemeenten.privacy import person_access, person_erase

from ..forms import ErasureForm, PersonLookupForm
from ..models import Newcomer
from ..services import SUBJECT


@role_required(Role.PRIVACY_OFFICER)
def person_lookup(request):
    # A POST: the registration number is a case reference and stays out of the URL.
    form = PersonLookupForm(request.POST or None, user=request.user)
    newcomer = None
    if request.method == "POST" and form.is_valid():
        newcomer = Newcomer.objects.for_user(request.user).filter(
            organisation=form.cleaned_data["organisation"],
            registratienummer=form.cleaned_data["registratienummer"].strip()).first()
        if newcomer is None:
            form.add_error(None, _("No person with this registration number at this "
                                   "organisation."))
    return render(request, "statushouders/privacy_lookup.html",
                  {"form": form, "newcomer": newcomer})


@role_required(Role.PRIVACY_OFFICER)
def person_report(request, pk):
    """The answer to a request for access: shown once per POST, and audited."""
    newcomer = get_object_or_404(Newcomer.objects.for_user(request.user), pk=pk)
    if request.method != "POST":
        return redirect("statushouders:privacy_lookup")
    audit_record(gemeente=newcomer.gemeente_id, actor=request.user, action=Action.EXPORT,
                 purpose=Purpose.ACCESS_REQUEST, subject_type=SUBJECT, subject_id=newcomer.pk)
    return render(request, "statushouders/privacy_report.html",
                  {"newcomer": newcomer, "report": person_access(newcomer.pk)})


@role_required(Role.PRIVACY_OFFICER)
def person_erase_view(request, pk):
    newcomer = get_object_or_404(Newcomer.objects.for_user(request.user), pk=pk)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        gemeente, subject = newcomer.gemeente_id, newcomer.pk
        removed = person_erase(subject)
        audit_record(gemeente=gemeente, actor=request.user, action=Action.ERASE,
                     purpose=Purpose.ERASURE_REQUEST, subject_type=SUBJECT, subject_id=subject,
                     detail=form.cleaned_data["reason"])
        messages.success(request, _("The person's data is erased (%(count)d records).")
                         % {"count": sum(removed.values())})
        return redirect("statushouders:privacy_lookup")
    return render(request, "statushouders/privacy_erase.html",
                  {"newcomer": newcomer, "form": form})
