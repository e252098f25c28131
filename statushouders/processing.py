"""The personal data this app holds and its processings, for the register of processing
activities (gemeenten.processing)."""
from django.utils.translation import gettext_lazy as _

from gemeenten.processing import (
    Category,
    LegalBasis,
    Processing,
    Retention,
    personal_fields,
    processing,
)

personal_fields("statushouders.Newcomer", {
    "registratienummer": Category.CASE_REFERENCE,
    "first_name": Category.NAME, "surname": Category.NAME,
    "phone": Category.CONTACT, "email": Category.CONTACT,
    "birth_year": Category.PERSONAL, "household_size": Category.PERSONAL,
    "wijk": Category.PERSONAL,
    "housing_date": Category.INBURGERING, "residence_basis": Category.INBURGERING,
    "learning_route": Category.INBURGERING,
    "languages": Category.NEEDS, "needs": Category.NEEDS,
    "organisation": Category.LINK,
})
personal_fields("statushouders.Begeleiding", {
    "newcomer": Category.LINK, "organisation": Category.LINK, "start": Category.INBURGERING,
    "planned_end": Category.INBURGERING, "actual_end": Category.INBURGERING,
    "caseworker": Category.STAFF})
personal_fields("statushouders.Flag", {"begeleiding": Category.LINK,
                                       "caseworker": Category.STAFF,
                                       "closed_by": Category.STAFF,
                                       "close_reason": Category.FREE_TEXT})
personal_fields("statushouders.NewcomerUpload", {"data": Category.NAME,
                                                 "uploaded_by": Category.STAFF})
personal_fields("statushouders.Referral", {
    "newcomer": Category.LINK, "to_organisation": Category.LINK,
    "need": Category.NEEDS, "availability": Category.NEEDS,
    "note": Category.FREE_TEXT, "from_user": Category.STAFF})
personal_fields("statushouders.ReferralEvent", {"by": Category.STAFF,
                                                "reason": Category.FREE_TEXT})
personal_fields("statushouders.Instemming", {
    "shared_fields": Category.CONSENT, "text": Category.CONSENT, "guardian": Category.CONSENT,
    "recorded_by": Category.STAFF, "withdrawn_by": Category.STAFF})

processing(Processing(
    key="newcomers", order=10, name=_("Newcomers and begeleiding"),
    purposes=(_("maatschappelijke begeleiding of statushouders"),
              _("a warm handover when the begeleiding ends (the worklist)")),
    subjects=_("newcomers (statushouders) in begeleiding"),
    legal_basis=LegalBasis.PUBLIC_TASK,
    models=("statushouders.Newcomer", "statushouders.Begeleiding", "statushouders.Flag",
            "statushouders.NewcomerUpload"),
    recipients_note=_("the regisseur sees a person only as a case reference; opening the "
                      "details needs a reason and is logged"),
    retention=(
        Retention(_("anonymised %(days)s days after the begeleiding ended and the last "
                    "referral closed; the anonymous counts stay"),
                  setting="NEWCOMER_RETENTION_DAYS", handlers=("newcomers",)),
        Retention(_("an uploaded spreadsheet of newcomers: deleted after %(days)s day"),
                  days=1, handlers=("newcomer_uploads",)),
    )))
processing(Processing(
    key="referrals", order=20, name=_("Referrals and instemming"),
    purposes=(_("referring a person to an initiative that fits their need"),
              _("recording what the person agreed may be shared, with whom")),
    subjects=_("newcomers who are referred"),
    legal_basis=LegalBasis.PUBLIC_TASK_INSTEMMING,
    models=("statushouders.Referral", "statushouders.ReferralEvent",
            "statushouders.Instemming"),
    recipients_note=_("the receiving organisation sees only what the instemming shares"),
    retention=(
        Retention(_("the referral's note and the instemming text: cleared %(days)s days after "
                    "the referral closed"),
                  setting="REFERRAL_NOTE_RETENTION_DAYS", handlers=("referral_notes",)),
        Retention(_("the rest: with the newcomer, anonymised after %(days)s days"),
                  setting="NEWCOMER_RETENTION_DAYS", handlers=("newcomers",)),
    )))
