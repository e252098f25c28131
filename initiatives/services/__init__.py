"""Writes of the initiatives app, one module per area; import them from here
(`from initiatives.services import activity_refresh`), not from the modules.

kaart.py    organisations, presences, activities and their occurrences (the sociale kaart)
contact.py  contact requests from the infopunt to an organisation
"""
from .contact import (
    ContactTokenUsed,
    contact_request_create,
    contact_requests_discard,
    contact_requests_release,
)
from .kaart import (
    activities_refresh,
    activity_facets,
    activity_refresh,
    activity_save,
    activity_search_text,
    facets_text,
    occurrences_for,
    occurrences_last_dates,
    occurrences_roll_forward,
    organisation_activities_refresh,
    organisation_register,
    organisation_save,
    organisations_register_many,
    presence_approve,
    presence_recipients,
    presence_reject,
)

__all__ = [
    "ContactTokenUsed",
    "activities_refresh",
    "activity_facets",
    "activity_refresh",
    "activity_save",
    "activity_search_text",
    "contact_request_create",
    "contact_requests_discard",
    "contact_requests_release",
    "facets_text",
    "occurrences_for",
    "occurrences_last_dates",
    "occurrences_roll_forward",
    "organisation_register",
    "organisations_register_many",
    "organisation_activities_refresh",
    "organisation_save",
    "presence_approve",
    "presence_recipients",
    "presence_reject",
]
