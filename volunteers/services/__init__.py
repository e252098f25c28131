"""Writes of the volunteers app: one module per part (pool, trainings, ...)."""
from .pool import membership_end, volunteer_add
from .trainings import NotOpenToYou, TrainingFull, training_sign_up

__all__ = ["NotOpenToYou", "TrainingFull", "membership_end", "training_sign_up", "volunteer_add"]
