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

no_personal_data("infopunt.SearchDay")
# Anonymous visitors, but a typed word may be a name.
personal_fields("infopunt.SearchWordDay", {"word": Category.SEARCH},
                name=_("search words per day"))

processing(Processing(
    key="search_words", order=65, name=_("Search words at the infopunt"),
    purposes=(_("finding what residents look for and do not find (gaps in the offer)"),),
    subjects=_("anonymous visitors of the infopunt"),
    legal_basis=LegalBasis.PUBLIC_TASK,
    models=("infopunt.SearchWordDay",),
    recipients_note=_("words seen fewer than 3 times are never shown"),
    retention=(Retention(_("kept only as daily counts; the words dropped after %(days)s days"),
                         setting="INFOPUNT_SEARCH_WORD_RETENTION_DAYS",
                         handlers=("infopunt_search_words",)),)))
