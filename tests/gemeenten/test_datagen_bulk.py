"""bulk_insert (the generators' COPY on PostgreSQL, bulk_create elsewhere) writes the rows
bulk_create writes, gives the objects their ids, and leaves the sequence past them."""

import pytest

from gemeenten.datagen.bulk import bulk_insert
from gemeenten.models import Gemeente, Wijk
from gemeenten.scope import scopes_disabled

pytestmark = pytest.mark.django_db


def test_bulk_insert_writes_the_rows_and_sets_the_ids_the_next_insert_follows():
    gemeenten = [
        Gemeente(name=f"Proefgemeente {n}", slug=f"proef-bulk-{n}", cbs_code=f"GM98{n:02d}",
                 settings={"newcomer_languages": ["ar"], "n": n})
        for n in range(3)
    ]
    # Built around their gemeente before it has an id, as the generators' schedules are.
    wijken = [Wijk(gemeente=g, name=name, cbs_code="") for g in gemeenten
              for name in ("Centrum", "Noord")]
    bulk_insert(Gemeente, gemeenten)
    bulk_insert(Wijk, wijken)

    assert all(g.pk and not g._state.adding for g in gemeenten)
    with scopes_disabled():
        rows = list(Gemeente.objects.filter(slug__startswith="proef-bulk-").order_by("pk")
                    .values_list("pk", "name", "cbs_code", "settings", "logo"))
        assert rows == [(g.pk, g.name, g.cbs_code, g.settings, "") for g in gemeenten]
        assert sorted(Wijk.objects.filter(gemeente__in=gemeenten)
                      .values_list("pk", "gemeente_id", "name")) == sorted(
            (w.pk, w.gemeente.pk, w.name) for w in wijken)
        later = Gemeente.objects.create(name="Proefgemeente later", slug="proef-bulk-later")
    assert later.pk > max(g.pk for g in gemeenten)


def test_bulk_insert_of_nothing_does_nothing():
    bulk_insert(Gemeente, [])
    with scopes_disabled():
        assert not Gemeente.objects.filter(slug__startswith="proef-bulk-").exists()
