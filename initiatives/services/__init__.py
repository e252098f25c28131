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
    activities_create_many,
    activities_refresh,
    activity_facets,
    activity_refresh,
    activity_save,
    activity_search_text,
    activity_translation_defaults,
    facets_text,
    occurrence_rows,
    occurrences_for,
    occurrences_insert_new,
    occurrences_last_dates,
    occurrences_roll_forward,
    organisation_activities_refresh,
    organisation_register,
    organisation_save,
    organisations_register_many,
    presence_approve,
    presence_recipients,
    presence_reject,
    schedule_occurrence_dates,
)

__all__ = [
    "ContactTokenUsed",
    "activities_create_many",
    "activities_refresh",
    "activity_facets",
    "activity_refresh",
    "activity_save",
    "activity_search_text",
    "activity_translation_defaults",
    "contact_request_create",
    "contact_requests_discard",
    "contact_requests_release",
    "facets_text",
    "occurrence_rows",
    "occurrences_for",
    "occurrences_insert_new",
    "occurrences_last_dates",
    "occurrences_roll_forward",
    "organisation_register",
    "organisations_register_many",
    "organisation_activities_refresh",
    "organisation_save",
    "presence_approve",
    "presence_recipients",
    "presence_reject",
    "schedule_occurrence_dates",
]
