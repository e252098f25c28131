"""Accounts that come in from outside: a regisseur's invitations (create, list, withdraw),
accepting one through its one-time link, and the self-registration of an initiative."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.db.models import Case, Q, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, ListView

from gemeenten.accounts.twofactor import setup_grant
from gemeenten.choices import Role
from gemeenten.models import Gemeente
from gemeenten.permissions import RegisseurRequiredMixin, role_required

from ..models import ContactRequest, Invitation
from ..views.organisations import PAGE_SIZE, sort_columns
from .forms import (
    InvitationAcceptForm,
    InvitationForm,
)
from .services import (
    InvitationError,
    invitation_accept,
    invitation_by_token,
    invitation_create,
    invitation_revoke,
)

# The model backend, named because AUTHENTICATION_BACKENDS lists axes first.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
SORTS = {"email": "email", "created": "created_at", "expires": "expires_at", "state": "state"}


class InvitationCreateView(RegisseurRequiredMixin, FormView):
    """Also the forwarding of a contact request the regisseur reads (?contactverzoek=<pk>):
    a coordinator of its organisation is invited, at the organisation's own address unless
    the regisseur knows a better one, and once they accept the request is theirs."""

    form_class = InvitationForm
    template_name = "initiatives/invitation_form.html"

    def forwarded_request(self) -> ContactRequest | None:
        pk = self.request.GET.get("contactverzoek", "")
        if not pk.isdigit():
            return None
        return ContactRequest.objects.for_user(self.request.user).select_related(
            "organisation").filter(pk=pk).first()

    def get_initial(self):
        contact = self.forwarded_request()
        if contact is None:
            return super().get_initial()
        return {"role": Role.COORDINATOR, "organisation": contact.organisation_id,
                "email": contact.organisation.email}

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"by": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "valid_days": settings.INVITATION_VALID_DAYS, "contact": self.forwarded_request(),
        }

    def form_valid(self, form):
        try:
            invitation, _token = invitation_create(
                by=self.request.user, base_url=self.request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except InvitationError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The invitation to %(email)s is on its way. The link works for %(days)s days.")
            % {"email": invitation.email, "days": settings.INVITATION_VALID_DAYS},
        )
        contact = self.forwarded_request()
        if contact is not None:
            return redirect("initiatives:contact_detail", pk=contact.pk)
        return redirect("initiatives:invitation_list")


class InvitationListView(RegisseurRequiredMixin, ListView):
    template_name = "initiatives/invitation_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "invitations"

    def get_queryset(self):
        now = timezone.now()
        queryset = (
            Invitation.objects.for_user(self.request.user)
            .select_related("organisation", "invited_by")
            .annotate(state=Case(
                When(accepted_at__isnull=False, then=Value("accepted")),
                When(expires_at__lte=now, then=Value("expired")),
                default=Value("open"),
            ))
        )
        query = self.request.GET.get("q", "").strip()
        if query:
            queryset = queryset.filter(Q(email__icontains=query)
                                       | Q(organisation__name__icontains=query))
        order = self.request.GET.get("o", "")
        field = SORTS.get(order.lstrip("-"))
        if field:
            return queryset.order_by(("-" if order.startswith("-") else "") + field, "-pk")
        return queryset.order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["q"] = self.request.GET.get("q", "")
        context["columns"] = sort_columns(self.request, [
            ("email", _("E-mail address")), ("created", _("Invited on")),
            ("expires", _("Valid until")), ("state", _("State")),
        ])
        return context


@role_required(Role.REGISSEUR)
def invitation_revoke_view(request, pk):
    """GET asks to confirm; POST withdraws. Another gemeente's invitation is a 404."""
    invitation = get_object_or_404(Invitation.objects.for_user(request.user), pk=pk)
    if request.method == "POST":
        if invitation_revoke(invitation=invitation):
            messages.success(request, _("The invitation to %(email)s is withdrawn.")
                             % {"email": invitation.email})
        else:
            messages.info(request, _("This invitation was already used or had expired."))
        return redirect("initiatives:invitation_list")
    return render(request, "initiatives/invitation_confirm_revoke.html",
                  {"invitation": invitation})


@never_cache
@sensitive_post_parameters("password1", "password2")
def invitation_accept_view(request, token):
    invitation = invitation_by_token(token)
    if invitation is None or not invitation.is_usable:
        return render(request, "initiatives/invitation_invalid.html",
                      {"invitation": invitation}, status=404 if invitation is None else 410)
    form = InvitationAcceptForm(request.POST or None, email=invitation.email, initial={
        "first_name": invitation.first_name, "last_name": invitation.last_name})
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                token=token, password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except InvitationError:
            return render(request, "initiatives/invitation_invalid.html",
                          {"invitation": invitation}, status=410)
        login(request, user, backend=MODEL_BACKEND)
        messages.success(request, _("Welcome! Your account is ready."))
        if user.needs_two_factor:
            # The invitation is what entitles this session to set up the second factor;
            # the middleware sends them there.
            setup_grant(request, user)
        return redirect("home")
    return render(request, "initiatives/invitation_accept.html",
                  {"form": form, "invitation": invitation})


def register_initiative(request):
    """The old address of the registration form (the staff log-in page's link): the form
    is public now, in the infopunt's languages, under /<lang>/infopunt/."""
    if slug := request.GET.get("gemeente", ""):
        if Gemeente.objects.filter(slug=slug).exists():
            return redirect(_in_dutch("infopunt:register", slug))
    return redirect(_in_dutch("infopunt:register_start"))


def register_initiative_confirm(request, token):
    """A link e-mailed before the form moved to the infopunt: the same page, in Dutch."""
    return redirect(_in_dutch("infopunt:register_confirm", token))


def _in_dutch(name: str, *args) -> str:
    with translation.override(settings.STAFF_LANGUAGE):
        return reverse(name, args=args)
