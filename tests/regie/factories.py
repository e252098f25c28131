"""Helpers for the coordination layer's tests: invented organisations with a coördinator."""
from gemeenten.choices import Role
from tests.factories import UserFactory, organisation_in


def organisation_with_coordinator(gemeente, *, email="coordinator.test@example.org", **kwargs):
    organisation = organisation_in(gemeente, **kwargs)
    coordinator = UserFactory(gemeente=gemeente, role=Role.COORDINATOR, email=email)
    organisation.staff.add(coordinator)
    return organisation, coordinator
