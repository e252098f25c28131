"""Please contact me: a short form that becomes a ContactRequest. Before and after sending it
says who reads it: the organisation's coordinator or, while the organisation has no account,
the gemeente (Organisation.reads_own_contact_requests, the rule the staff pages follow)."""
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from initiatives.services import ContactTokenUsed, contact_request_create

from .. import conf
from ..forms import ContactForm, form_token
from ..querysets import public_activities
from ..state import back_params, back_value, visit_from
from .common import gemeente_or_404, render_page


def _public_activity(gemeente, pk):
    item = public_activities(gemeente).select_related("organisation").filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


# No CSRF cookie on a public page: the form carries no ambient authority (nobody is logged
# in); its signed, one-time token and the honeypot stop abuse, and above the
# per-organisation cap requests are held for review rather than refused.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def contact(request, gemeente, pk):
    gemeente = gemeente_or_404(request, gemeente)
    item = _public_activity(gemeente, pk)
    visit = visit_from(request)
    back = back_value(back_params(request.GET.get("terug")))  # the list it came from
    sent_url = reverse("infopunt:contact_sent", args=[gemeente.slug, item.pk]) + visit.query(
        terug=back)
    if request.method == "POST":
        form = ContactForm(request.POST, activity_id=item.pk)
        if form.is_spam:
            # Tell a bot nothing: it looks sent, but nothing was stored.
            return HttpResponseRedirect(sent_url, status=303)
        if form.is_valid():
            data = form.cleaned_data
            language = data["preferred_language"]
            try:
                contact_request_create(
                    activity=item, first_name=data["first_name"], phone=data["phone"],
                    email=data["email"], question=data["question"],
                    preferred_language=language.code if language else "",
                    max_per_hour=conf.contact_max_per_hour(), form_nonce=form.nonce,
                    base_url=request.build_absolute_uri("/"),
                )
            except ContactTokenUsed:
                pass  # a double click or a replay: the first one was sent, nothing more
            return HttpResponseRedirect(sent_url, status=303)
    else:
        form = ContactForm(
            activity_id=item.pk, initial={"preferred_language": translation.get_language()}
        )
    return render_page(request, "infopunt/contact.html", {
        "gemeente": gemeente, "activity": item, "form": form, "visit": visit,
        "token": form_token(item.pk), "back": back,
        "read_by_organisation": _read_by_organisation(item),
    }, status=200)


def _read_by_organisation(item) -> bool:
    return item.organisation.reads_own_contact_requests(item.gemeente_id)


def contact_sent(request, gemeente, pk):
    gemeente = gemeente_or_404(request, gemeente)
    item = _public_activity(gemeente, pk)
    return render_page(request, "infopunt/contact_sent.html", {
        "gemeente": gemeente, "activity": item,
        "back": back_value(back_params(request.GET.get("terug"))),
        "read_by_organisation": _read_by_organisation(item),
    })
