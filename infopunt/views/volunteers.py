"""Helping as a volunteer: the open vacancies of the gemeente's approved organisations, one
vacancy, and the sign-up form (for a vacancy or an organisation in general). The sign-up is
stored by volunteers' services; the organisation's coördinator accepts or declines it."""
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from gemeenten.models import Theme, Wijk
from initiatives.models import Organisation
from initiatives.querysets import contact_readers
from volunteers.models import Vacancy
from volunteers.services import (
    ApplicationsThrottled,
    ApplicationTokenUsed,
    volunteer_application_create,
)

from .. import conf
from ..forms import VolunteerSignupForm, form_token
from ..state import visit_from
from .common import gemeente_or_404, render_page


def _public_vacancies(gemeente):
    return Vacancy.objects.public(gemeente).select_related("organisation", "theme", "wijk")


@require_http_methods(["GET"])
def vacancies(request, gemeente):
    gemeente = gemeente_or_404(request, gemeente)
    rows = _public_vacancies(gemeente).order_by("starts_on", "pk")
    slug = request.GET.get("thema", "")[:50]
    theme = Theme.objects.filter(slug=slug).first() if slug else None
    wijk_id = request.GET.get("wijk", "")
    wijk = Wijk.objects.filter(gemeente=gemeente, pk=wijk_id).first() \
        if wijk_id.isdigit() and len(wijk_id) < 10 else None
    if theme:
        rows = rows.filter(theme=theme)
    if wijk:
        rows = rows.filter(wijk=wijk)
    page = Paginator(rows, conf.page_size()).get_page(request.GET.get("page"))
    return render_page(request, "infopunt/vacancies.html", {
        "gemeente": gemeente, "page": page, "theme": theme, "wijk": wijk,
        "themes": Theme.objects.order_by("pk"),
        "wijken": Wijk.objects.filter(gemeente=gemeente).order_by("name"),
    })


def _vacancy(gemeente, pk):
    vacancy = _public_vacancies(gemeente).prefetch_related("languages").filter(pk=pk).first()
    if vacancy is None:
        raise Http404
    return vacancy


@require_http_methods(["GET"])
def vacancy(request, gemeente, pk):
    gemeente = gemeente_or_404(request, gemeente)
    return render_page(request, "infopunt/vacancy.html", {
        "gemeente": gemeente, "vacancy": _vacancy(gemeente, pk)})


# No CSRF cookie on a public page, as the contact form: nobody is logged in; the signed
# one-time token, the honeypot and the hourly cap per organisation stop abuse.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def vacancy_signup(request, gemeente, pk):
    gemeente = gemeente_or_404(request, gemeente)
    item = _vacancy(gemeente, pk)
    return _signup(request, gemeente, item.organisation, item)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def organisation_signup(request, gemeente, organisation):
    gemeente = gemeente_or_404(request, gemeente)
    found = Organisation.objects.public(gemeente).filter(pk=organisation).first()
    if found is None:
        raise Http404
    return _signup(request, gemeente, found, None)


def _signup(request, gemeente, organisation, vacancy):
    key = f"vacancy-{vacancy.pk}" if vacancy else f"organisation-{organisation.pk}"
    visit = visit_from(request)
    if not contact_readers(organisation=organisation, gemeente=gemeente).exists():
        # Nobody of the organisation could read the sign-up: say so instead of a form.
        return render_page(request, "infopunt/volunteer_signup.html", {
            "gemeente": gemeente, "organisation": organisation, "vacancy": vacancy,
            "no_reader": True, "visit": visit})
    sent_url = reverse("infopunt:volunteer_sent", args=[gemeente.slug]) + visit.query()
    status = 200
    if request.method == "POST":
        form = VolunteerSignupForm(request.POST, gemeente=gemeente, token_key=key)
        if form.is_spam:
            return HttpResponseRedirect(sent_url, status=303)  # a bot is told nothing
        if form.is_valid():
            data = form.cleaned_data
            try:
                volunteer_application_create(
                    organisation=organisation, gemeente=gemeente, vacancy=vacancy,
                    first_name=data["first_name"], surname=data["surname"],
                    email=data["email"], phone=data["phone"], languages=data["languages"],
                    wijk=data["wijk"], availability=",".join(data["available"]),
                    interests=data["interests"],
                    ervaringsdeskundige=data["ervaringsdeskundige"],
                    motivation=data["motivation"], language=translation.get_language(),
                    form_nonce=form.nonce, base_url=request.build_absolute_uri("/"))
            except ApplicationTokenUsed:
                pass  # a double click or a replay: the first one was stored
            except ApplicationsThrottled:
                form.add_error(None, _("Many people signed up for this organisation in the "
                                       "past hour. Please try again later."))
                status = 429
            if status == 200:
                return HttpResponseRedirect(sent_url, status=303)
    else:
        form = VolunteerSignupForm(gemeente=gemeente, token_key=key)
    return render_page(request, "infopunt/volunteer_signup.html", {
        "gemeente": gemeente, "organisation": organisation, "vacancy": vacancy,
        "form": form, "token": form_token(key), "visit": visit,
    }, status=status)


@require_http_methods(["GET"])
def volunteer_sent(request, gemeente):
    gemeente = gemeente_or_404(request, gemeente)
    return render_page(request, "infopunt/volunteer_sent.html", {"gemeente": gemeente})
