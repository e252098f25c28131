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

no_personal_data("initiatives.Presence", "initiatives.Funding", "initiatives.Schedule",
                 "initiatives.Occurrence")
# An organisation's and an activity's contact details are often a volunteer's own.
personal_fields("initiatives.Organisation", {"email": Category.CONTACT,
                                             "phone": Category.CONTACT,
                                             "staff": Category.STAFF})
personal_fields("initiatives.Activity", {"email": Category.CONTACT, "phone": Category.CONTACT})
personal_fields("initiatives.ImportUpload", {"uploaded_by": Category.STAFF})
personal_fields("initiatives.ContactRequest", {
    "first_name": Category.NAME, "phone": Category.CONTACT, "email": Category.CONTACT,
    "preferred_language": Category.NEEDS, "question": Category.FREE_TEXT,
    "note": Category.FREE_TEXT, "activity": Category.LINK})
personal_fields("initiatives.Invitation", {
    "email": Category.CONTACT, "first_name": Category.NAME, "last_name": Category.NAME,
    "invited_by": Category.STAFF, "user": Category.ACCOUNT})
personal_fields("initiatives.InitiativeRegistration", {
    "email": Category.CONTACT, "contact_email": Category.CONTACT, "phone": Category.CONTACT,
    "first_name": Category.NAME, "password": Category.ACCOUNT})
personal_fields("initiatives.RegistrationAttempt", {"address_hash": Category.PSEUDONYMOUS,
                                                    "email_hash": Category.PSEUDONYMOUS})

processing(Processing(
    key="contact_requests", order=30, name=_("Contact requests from the infopunt"),
    purposes=(_("an initiative contacts a resident who asked for it at the infopunt"),),
    subjects=_("residents who ask to be contacted"),
    legal_basis=LegalBasis.PUBLIC_TASK_REQUEST,
    models=("initiatives.ContactRequest",),
    recipients_note=_("the organisation's coördinators; the regisseur only while the "
                      "organisation has no coördinator account"),
    retention=(
        Retention(_("deleted %(days)s days after it was closed"),
                  setting="CONTACT_REQUEST_RETENTION_CLOSED_DAYS",
                  handlers=("contact_requests",)),
        Retention(_("deleted %(days)s days after it came in, if never closed"),
                  setting="CONTACT_REQUEST_RETENTION_OPEN_DAYS",
                  handlers=("contact_requests",)),
    )))
processing(Processing(
    key="invitations", order=75, name=_("Invitations and registrations of initiatives"),
    purposes=(_("inviting staff of organisations to an account"),
              _("an initiative registering itself, until the regisseur decided")),
    subjects=_("invited staff; people who register an initiative"),
    legal_basis=LegalBasis.PUBLIC_TASK,
    models=("initiatives.Invitation", "initiatives.InitiativeRegistration",
            "initiatives.RegistrationAttempt"),
    retention=(
        Retention(_("an invitation: deleted %(days)s days after it expired"),
                  setting="INVITATION_RETENTION_DAYS", handlers=("invitations",)),
        Retention(_("a registration: deleted once its link expired and the regisseur "
                    "decided on the organisation"), handlers=("initiative_registrations",)),
        Retention(_("the hashed addresses of registration attempts: deleted after %(days)s "
                    "day"), days=1, handlers=("registration_attempts",)),
    )))
processing(Processing(
    key="sociale_kaart", order=70, name=_("Sociale kaart (organisations and activities)"),
    purposes=(_("showing residents and partners the offer, with whom to contact"),),
    subjects=_("contact persons of organisations and activities"),
    legal_basis=LegalBasis.PUBLIC_TASK,
    models=("initiatives.Organisation", "initiatives.Activity", "initiatives.ImportUpload"),
    recipients_note=_("the public infopunt shows an approved activity's contact details"),
    retention=(
        Retention(_("as long as the organisation is on the sociale kaart; its coördinators "
                    "change or remove the details")),
        Retention(_("an uploaded spreadsheet of the offer: deleted after %(days)s day"),
                  days=1, handlers=("import_uploads",)),
    )))
