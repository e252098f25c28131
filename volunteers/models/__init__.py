"""Volunteers, their memberships and trainings; one module per part of the app."""

from .matches import MAX_GOALS, CheckIn, Match, MatchGoal
from .pool import Membership, Volunteer, VolunteerLanguage
from .tallies import SessionTally
from .trainings import Training, TrainingSignup
from .vacancies import Vacancy, VolunteerApplication, VolunteerInvitation

__all__ = [
    "MAX_GOALS",
    "CheckIn",
    "Match",
    "MatchGoal",
    "Membership",
    "SessionTally",
    "Training",
    "TrainingSignup",
    "Vacancy",
    "Volunteer",
    "VolunteerApplication",
    "VolunteerInvitation",
    "VolunteerLanguage",
]
