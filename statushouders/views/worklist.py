"""The worklist at /werkvoorraad/: the begeleider's start page, one click from the
regisseur's; each open flag with its action one click away."""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gemeenten.choices import Role
from gemeenten.permissions import role_required

from ..flags import flag_close
from ..forms import FlagCloseForm
from ..models import Flag
from ..worklist import worklist

WORKLIST_ROLES = (Role.BEGELEIDER, Role.REGISSEUR)


@role_required(*WORKLIST_ROLES)
def worklist_view(request):
    flags = list(worklist(request.user)[:200])
    return render(request, "statushouders/worklist.html", {
        "flags": flags, "regisseur": request.user.role == Role.REGISSEUR,
    })


@role_required(*WORKLIST_ROLES)
def flag_close_view(request, pk):
    flag = get_object_or_404(Flag.objects.for_user(request.user).open(), pk=pk)
    form = FlagCloseForm(request.POST or None, flag=flag)
    if request.method == "POST" and form.is_valid():
        flag_close(flag=flag, by=request.user, outcome=form.cleaned_data["outcome"],
                   reason=form.cleaned_data["reason"])
        messages.success(request, _("The action point is closed."))
        return redirect("statushouders:worklist")
    return render(request, "statushouders/flag_close.html", {"flag": flag, "form": form})


@require_POST
@role_required(*WORKLIST_ROLES)
def worklist_email_toggle(request):
    user = request.user
    user.weekly_worklist_email = request.POST.get("on") == "1"
    user.save(update_fields=["weekly_worklist_email"])
    messages.success(request, _("You get the weekly e-mail about your worklist.")
                     if user.weekly_worklist_email else
                     _("You no longer get the weekly e-mail about your worklist."))
    return redirect("statushouders:worklist")
