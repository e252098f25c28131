"""On the seeded demo: the planted overlap (two taalcafés of different organisations on
Tuesday 19:30 in Centrum) is found, and the control (the Formulierenspreekuur in several
wijken on Monday 13:30) is coverage, not overlap; Taalcafé De Brug, with room for one
referral a month, got more than that while its neighbours got none."""
import pytest

from gemeenten.datagen.demo import demo_seed
from regie.models import OverlapFinding, OverlapKind

pytestmark = pytest.mark.django_db


def test_the_demo_overlap_is_found_and_the_formulierenspreekuur_is_not():
    demo = demo_seed()
    findings = list(OverlapFinding.objects.filter(gemeente=demo.gemeente,
                                                  kind=OverlapKind.DUPLICATE_OFFER))
    from initiatives.models import Activity

    titles = {a.pk: (a.title, a.organisation.name, a.wijk.name)
              for a in Activity.objects.filter(gemeente=demo.gemeente).select_related(
                  "organisation", "wijk")}
    pairs = [sorted(titles[s["id"]] for s in f.subjects) for f in findings]
    assert [("Taalcafé", "Bibliotheek Demodam", "Centrum"),
            ("Taalcafé", "Taalcafé De Brug", "Centrum")] in pairs
    taalcafe = next(f for f in findings
                    if sorted(titles[s["id"]][1] for s in f.subjects)
                    == ["Bibliotheek Demodam", "Taalcafé De Brug"])
    assert (taalcafe.facts["weekday"], taalcafe.facts["start"]) == (1, "19:30")
    assert not [p for p in pairs if any(t == "Formulierenspreekuur" for t, _o, _w in p)]
    # A second seed finds the same and adds nothing.
    count = OverlapFinding.objects.count()
    demo_seed()
    assert OverlapFinding.objects.count() == count
