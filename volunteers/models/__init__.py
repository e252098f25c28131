"""Volunteers, their memberships and trainings; one module per part of the app."""
from .matches import MAX_GOALS, CheckIn, Match, MatchGoal
from .pool import Membership, Volunteer, VolunteerLanguage
from .tallies import SessionTally
from .trainings import Training, TrainingSignup

__all__ = ["MAX_GOALS", "CheckIn", "Match", "MatchGoal", "Membership", "SessionTally",
           "Training", "TrainingSignup", "Volunteer", "VolunteerLanguage"]
