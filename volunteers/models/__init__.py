"""Volunteers, their memberships and trainings; one module per part of the app."""
from .pool import Membership, Volunteer, VolunteerLanguage
from .tallies import SessionTally
from .trainings import Training, TrainingSignup

__all__ = ["Membership", "SessionTally", "Training", "TrainingSignup", "Volunteer",
           "VolunteerLanguage"]
