"""Volunteers, their memberships and trainings; one module per part of the app."""
from .pool import Membership, Volunteer, VolunteerLanguage
from .trainings import Training, TrainingSignup
from .vacancies import Vacancy, VolunteerApplication, VolunteerInvitation

__all__ = ["Membership", "Training", "TrainingSignup", "Vacancy", "Volunteer",
           "VolunteerApplication", "VolunteerInvitation", "VolunteerLanguage"]
