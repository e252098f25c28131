"""The personal data this app holds and its processings, for the register of processing
activities (gemeenten.processing)."""
from django.utils.translation import gettext_lazy as _

from gemeenten.processing import (
    Category,
    LegalBasis,
    Processing,
    Retention,
    no_personal_data,
    personal_fields,
    processing,
)

no_personal_data("volunteers.Training", "volunteers.Vacancy")
personal_fields("volunteers.Volunteer", {
    "first_name": Category.NAME, "surname": Category.NAME,
    "email": Category.CONTACT, "phone": Category.CONTACT, "wijk": Category.PERSONAL,
    "availability": Category.NEEDS, "interests": Category.NEEDS,
    "ervaringsdeskundige": Category.PERSONAL, "vog": Category.PERSONAL,
    "vog_date": Category.PERSONAL, "user": Category.ACCOUNT})
personal_fields("volunteers.VolunteerLanguage", {"language": Category.NEEDS,
                                                "level": Category.NEEDS})
personal_fields("volunteers.Membership", {"organisation": Category.LINK})
personal_fields("volunteers.TrainingSignup", {"training": Category.LINK})
personal_fields("volunteers.VolunteerInvitation", {"invitation": Category.LINK})
personal_fields("volunteers.VolunteerApplication", {
    "first_name": Category.NAME, "surname": Category.NAME,
    "email": Category.CONTACT, "phone": Category.CONTACT, "wijk": Category.PERSONAL,
    "availability": Category.NEEDS, "language": Category.NEEDS, "languages": Category.NEEDS,
    "interests": Category.NEEDS, "ervaringsdeskundige": Category.PERSONAL,
    "motivation": Category.FREE_TEXT, "decline_reason": Category.FREE_TEXT,
    "decided_by": Category.STAFF})
personal_fields("volunteers.Match", {"volunteer": Category.LINK, "newcomer": Category.LINK,
                                     "end_note": Category.FREE_TEXT,
                                     "created_by": Category.STAFF})
personal_fields("volunteers.MatchGoal", {
    "text": Category.FREE_TEXT, "halfway_words": Category.FREE_TEXT,
    "end_words": Category.FREE_TEXT})
personal_fields("volunteers.CheckIn", {"text": Category.FREE_TEXT,
                                       "recorded_by": Category.STAFF})
personal_fields("volunteers.SessionTally", {"went_well": Category.FREE_TEXT,
                                            "recorded_by": Category.STAFF})

processing(Processing(
    key="volunteers", order=40, name=_("Volunteers and their sign-ups"),
    purposes=(_("the organisations' volunteer pools, trainings and vacancies"),
              _("answering a sign-up from the infopunt")),
    subjects=_("volunteers, among them newcomers who volunteer"),
    legal_basis=LegalBasis.PUBLIC_TASK,
    models=("volunteers.Volunteer", "volunteers.VolunteerLanguage", "volunteers.Membership",
            "volunteers.TrainingSignup", "volunteers.VolunteerInvitation",
            "volunteers.VolunteerApplication"),
    retention=(
        Retention(_("a volunteer: anonymised %(days)s days after their last membership "
                    "ended"), setting="VOLUNTEER_RETENTION_DAYS", handlers=("volunteers",)),
        Retention(_("a sign-up: deleted %(days)s days after the coördinator decided"),
                  setting="VOLUNTEER_APPLICATION_RETENTION_DECIDED_DAYS",
                  handlers=("volunteer_applications",)),
        Retention(_("a sign-up never decided: deleted %(days)s days after it came in"),
                  setting="VOLUNTEER_APPLICATION_RETENTION_PENDING_DAYS",
                  handlers=("volunteer_applications",)),
    )))
processing(Processing(
    key="koppelingen", order=50, name=_("Koppelingen (maatjes)"),
    purposes=(_("a volunteer and a newcomer working on the newcomer's own goals"),),
    subjects=_("newcomers and volunteers in a koppeling"),
    legal_basis=LegalBasis.PUBLIC_TASK_INSTEMMING,
    models=("volunteers.Match", "volunteers.MatchGoal", "volunteers.CheckIn"),
    retention=(Retention(_("goals anonymised and check-ins deleted %(days)s days after the "
                           "koppeling ended; the results stay as anonymous counts"),
                         setting="MATCH_RETENTION_DAYS", handlers=("koppelingen",)),)))
processing(Processing(
    key="tallies", order=60, name=_("Session tallies"),
    purposes=(_("anonymous counts of who came to an activity, with a sentence on what went "
                "well"),),
    subjects=_("participants (counted, not named); the volunteer who recorded it"),
    legal_basis=LegalBasis.PUBLIC_TASK,
    models=("volunteers.SessionTally",),
    retention=(Retention(_("the sentence on what went well: cleared %(days)s days after the "
                           "session; the counts stay"),
                         setting="TALLY_STORY_RETENTION_DAYS", handlers=("tally_stories",)),)))
