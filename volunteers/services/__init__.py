"""Writes of the volunteers app: one module per part (pool, trainings, ...)."""
from .pool import membership_end, volunteer_add
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

__all__ = ["ApplicationTokenUsed", "ApplicationsThrottled", "NotOpenToYou", "TrainingFull",
           "membership_end", "training_sign_up", "vacancy_save", "volunteer_add",
           "volunteer_application_accept", "volunteer_application_create",
           "volunteer_application_decline", "volunteer_invite"]
