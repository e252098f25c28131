"""Writes of the volunteers app: one module per part (pool, trainings, ...)."""

from .matches import (
    MatchRefused,
    checkin_handled,
    checkin_record,
    goal_add,
    goal_evaluate,
    match_end,
    match_start,
)
from .pool import membership_end, volunteer_add
from .tallies import tally_record
from .trainings import NotOpenToYou, TrainingFull, training_sign_up
from .vacancies import (
    ApplicationsThrottled,
    ApplicationTokenUsed,
    vacancy_save,
    volunteer_application_accept,
    volunteer_application_create,
    volunteer_application_decline,
    volunteer_invite,
)

__all__ = [
    "checkin_handled",
    "checkin_record",
    "goal_add",
    "goal_evaluate",
    "match_end",
    "match_start",
    "membership_end",
    "tally_record",
    "training_sign_up",
    "vacancy_save",
    "volunteer_add",
    "volunteer_application_accept",
    "volunteer_application_create",
    "volunteer_application_decline",
    "volunteer_invite",
    "ApplicationTokenUsed",
    "ApplicationsThrottled",
    "MatchRefused",
    "NotOpenToYou",
    "TrainingFull",
]
