"""Writes of the volunteers app: one module per part (pool, trainings, ...)."""
from .pool import membership_end, volunteer_add
from .tallies import tally_record
from .trainings import NotOpenToYou, TrainingFull, training_sign_up

__all__ = ["NotOpenToYou", "TrainingFull", "membership_end", "tally_record",
           "training_sign_up", "volunteer_add"]
