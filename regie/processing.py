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

no_personal_data("regie.PartnerMessageRecipient")
for _label, _fields in (("regie.ListingCheck", ("decided_by",)),
                        ("regie.PartnerMessage", ("author",)),
                        ("regie.OverlapFinding", ("decided_by",)),
                        ("regie.Signal", ("created_by",)),
                        ("regie.SignalMessage", ("author",)),
                        ("regie.Taakstelling", ("changed_by",)),
                        ("regie.ExpectedArrival", ("changed_by",))):
    personal_fields(_label, dict.fromkeys(_fields, Category.STAFF))
personal_fields("regie.MessageOptOut", {"user": Category.ACCOUNT})

processing(Processing(
    key="regie", order=78, name=_("Coordination with partners"),
    purposes=(_("signals, messages to partners, listing checks and overlap decisions: who "
                "wrote or decided them"),),
    subjects=_("staff of the gemeente and of organisations"),
    legal_basis=LegalBasis.PUBLIC_TASK,
    models=("regie.ListingCheck", "regie.PartnerMessage", "regie.OverlapFinding",
            "regie.Signal", "regie.SignalMessage", "regie.Taakstelling",
            "regie.ExpectedArrival", "regie.MessageOptOut"),
    retention=(Retention(_("kept with the record; the reference to the account is emptied "
                           "when the account is deleted")),)))
