"""Each kind of finding says why in Dutch words, from its stored facts."""
import pytest
from django.utils import translation

from regie.models import OverlapFinding
from regie.overlap.present import reason

THEMES = {"taal": "Taal", "ontmoeting": "Ontmoeting"}


def _reason(kind, facts, involved=()):
    with translation.override("nl"):
        return reason(OverlapFinding(kind=kind, facts=facts), list(involved), THEMES)


def test_a_duplicate_offer_says_theme_wijk_day_time_and_how_alike():
    text = _reason("duplicate_offer", {
        "themes": ["ontmoeting", "taal"], "wijk": "Centrum", "weekday": 1, "start": "19:30",
        "end": "21:00", "sessions_together": 13, "window_days": 91, "similarity": 0.979})
    assert text == ("Beide gaan over Ontmoeting, Taal, in Centrum, voor dezelfde mensen op "
                    "hetzelfde moment: dinsdag 19:30–21:00, 13 keer in de komende 13 weken. "
                    "Hun titels en beschrijvingen lijken voor 98% op elkaar.")


@pytest.mark.parametrize("start, until, period", [
    ("2027-03-01", "2027-06-30", "van 1 maart 2027 tot 30 juni 2027"),
    ("2027-03-01", None, "vanaf 1 maart 2027"),
    (None, None, "zonder einddatum"),
])
def test_a_recruitment_clash_says_theme_wijk_and_the_shared_period(start, until, period):
    text = _reason("recruitment_clash", {"themes": ["taal"], "wijk": "Centrum", "from": start,
                                         "until": until, "similarity": 0.5})
    assert text == (f"Beide zoeken vrijwilligers voor Taal in Centrum in dezelfde periode "
                    f"({period}). Hun teksten lijken voor 50% op elkaar.")


def test_an_overload_names_both_organisations_with_their_counts_and_room():
    text = _reason("overload", {
        "themes": ["taal"], "wijken": ["Centrum"], "window_days": 30,
        "over": {"id": 1, "received": 16, "capacity": 10},
        "under": {"id": 2, "received": 4, "capacity": 10},
        "overload_factor": 1.5, "underuse_factor": 0.5,
    }, [{"id": 1, "title": "Taalhuis Druk"}, {"id": 2, "title": "Taalcafé Rustig"}])
    assert text == ("Taalhuis Druk kreeg 16 doorverwijzingen in de laatste 30 dagen, met ruimte "
                    "voor 10 per maand (meer dan 1,5 keer zoveel), terwijl Taalcafé Rustig, ook "
                    "voor Taal in Centrum, er 4 kreeg met ruimte voor 10 per maand (minder dan "
                    "0,5 keer).")
