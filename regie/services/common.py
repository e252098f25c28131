"""What the services of the coordination layer share: links in e-mails, and who reads them."""
from django.conf import settings

from gemeenten.choices import Role
from gemeenten.models import User


def portal_link(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def regisseur_addresses(gemeente) -> list[str]:
    """The gemeente's active regisseurs with an e-mail address."""
    return sorted(set(User.objects.filter(
        gemeente=gemeente, role=Role.REGISSEUR, is_active=True).exclude(email="")
        .values_list("email", flat=True)))


def coordinator_addresses(organisation, gemeente) -> list[str]:
    """The organisation's active coördinator accounts in this gemeente with an address."""
    return sorted(set(organisation.staff.filter(
        role=Role.COORDINATOR, gemeente=gemeente, is_active=True).exclude(email="")
        .values_list("email", flat=True)))
