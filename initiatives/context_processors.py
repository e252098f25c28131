"""What the staff pages of the sociale kaart need on every page: the number of new contact
requests the user reads (the navigation and the start pages show it)."""
from functools import cache

from gemeenten.choices import Role

# The roles that read contact requests (ContactRequestQuerySet.for_user decides which).
CONTACT_READERS = (Role.COORDINATOR, Role.REGISSEUR)


def contact_requests(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.role not in CONTACT_READERS:
        return {}
    if user.needs_two_factor and not getattr(user, "is_verified", lambda: False)():
        return {}  # the two-step page itself: nothing of the gemeente's before it is passed

    @cache
    def new_count() -> int:
        # One COUNT, only on a page that shows it; the template calls it (and a second use
        # on the same page costs nothing).
        from .models import ContactRequest

        return ContactRequest.objects.for_user(user).new().count()

    return {"contact_new_count": new_count}
