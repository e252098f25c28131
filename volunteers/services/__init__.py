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

__all__ = ["MatchRefused", "NotOpenToYou", "TrainingFull", "checkin_handled", "checkin_record",
           "goal_add", "goal_evaluate", "match_end", "match_start", "membership_end",
           "tally_record", "training_sign_up", "volunteer_add"]
