"""The staff pages of the portal, for the tests that walk them all (the Dutch text check,
the browser's reflow check): every path of the URL resolver that is a staff page, with ids of
records the user may open."""
import re

from django.urls import URLPattern, URLResolver, get_resolver

from gemeenten.scope import scopes_disabled
from initiatives.models import Activity, ContactRequest, Invitation, Organisation
from regie.models import ExpectedArrival, OverlapFinding, Taakstelling

# Not staff pages: the public infopunt and statements (their own languages, tested in
# tests/infopunt), the Django admin, files, and what ends the session.
SKIP = re.compile(r"^/(nl/|<lang>|admin/|static/|media/|favicon|healthz|infopunt/$"
                  r"|account/logout/|account/session/)")


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def staff_paths(ids: dict[str, int]) -> list[str]:
    """Every staff page's path, with a record's id from `ids` by the route's words."""
    paths = set()
    for route in _walk(get_resolver()):
        path = "/" + route.replace("^", "").replace("$", "")
        if SKIP.match(path) or "(" in path or re.search(r"<(str|slug|path)?:?\w*token|"
                                                           r"<uidb64>|<str:", path):
            continue
        if "<int:pk>" in path:
            kind = next((k for k in ids if f"/{k}/<int:pk>" in path), None)
            if kind is None:
                continue
            path = path.replace("<int:pk>", str(ids[kind]))
        if "<" not in path:
            paths.add(path)
    return sorted(paths)


def records_for(user) -> dict[str, int]:
    """A record of each kind that this user may open."""
    with scopes_disabled():
        organisations = Organisation.objects.filter(presences__gemeente=user.gemeente)
        activities = Activity.objects.filter(gemeente=user.gemeente)
        contacts = ContactRequest.objects.filter(gemeente=user.gemeente)
        if user.acts_for_organisation and user.organisations.exists():
            organisations = organisations.filter(staff=user)
            activities = activities.filter(organisation__staff=user)
            contacts = contacts.filter(organisation__staff=user)
        from regie.models import PartnerMessage, Signal

        signals = Signal.objects.filter(gemeente=user.gemeente)
        partner_messages = PartnerMessage.objects.filter(gemeente=user.gemeente)
        if user.acts_for_organisation and user.organisations.exists():
            signals = signals.filter(organisation__staff=user)
            partner_messages = partner_messages.filter(recipients__organisation__staff=user)
        found = {
            "signalen": signals.order_by("pk").first(),
            "berichten": partner_messages.order_by("pk").first(),
            "organisatie": organisations.order_by("pk").first(),
            "organisaties": organisations.order_by("pk").first(),
            "activiteiten": activities.order_by("pk").first(),
            "contactverzoeken": contacts.order_by("pk").first(),
            "uitnodigingen": Invitation.objects.filter(gemeente=user.gemeente).first(),
            "overlap": OverlapFinding.objects.filter(gemeente=user.gemeente)
            .order_by("pk").first(),
            "aankomst": ExpectedArrival.objects.filter(gemeente=user.gemeente).first(),
            "halfjaar": Taakstelling.objects.filter(gemeente=user.gemeente).first(),
        }
        found.update(_koppelingen_for(user))
    return {kind: record.pk for kind, record in found.items() if record is not None}


def _koppelingen_for(user) -> dict:
    """A koppeling the user may open, the aanmelding it came from or one waiting for a
    koppeling, and (for a begeleider) a person whose koppelingen they read."""
    from gemeenten.choices import Role
    from statushouders.models import Newcomer, Referral
    from volunteers.models import Match

    rule = {Role.COORDINATOR: "organisation__staff", Role.VOLUNTEER: "volunteer__user",
            Role.BEGELEIDER: "newcomer__organisation__staff"}.get(user.role)
    if rule is None:
        return {}
    found = {"koppelingen": Match.objects.filter(**{rule: user}).order_by("pk").first()}
    if user.role == Role.COORDINATOR:
        found["nieuw"] = Referral.objects.filter(
            to_organisation__staff=user, state="accepted").order_by("pk").first()
    if user.role == Role.BEGELEIDER:
        found["nieuwkomer"] = Newcomer.objects.filter(
            organisation__staff=user, matches__isnull=False).order_by("pk").first()
    return found


