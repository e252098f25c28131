"""Renaming and merging a gemeente's wijken.

A wijk is referenced from several apps (an organisation's presence, activities, the
infopunt's anonymous search counts, and whatever later apps add). This module is below some
of them, so it never names their models: `wijk_reference_fields()` finds every foreign key
to Wijk through Django's model registry (an M2M's auto-created through table included), and
a merge moves each one. Where moving a row would collide with a unique constraint (a presence
that already has the target wijk, a search count of the same day and filters), the generic
rule drops the source row as a duplicate; a model whose rows carry counts registers its own
handler with `register_wijk_merge` (infopunt adds the counts together).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from gemeenten.models import Wijk
from gemeenten.text import name_key

from ..models import Activity
from .kaart import activities_refresh

# model label ("infopunt.searchday") -> fn(*, field, source, target) -> rows moved
MergeHandler = Callable[..., int]
_merge_handlers: dict[str, MergeHandler] = {}
# model label -> what its rows are called on the merge's confirmation page
_labels: dict[str, Any] = {}


def register_wijk_reference(model_label: str, *, label=None, merge: MergeHandler | None = None):
    """How a model that refers to Wijk takes part in a merge: the name of its rows on the
    confirmation page (else the model's verbose_name_plural), and for rows that cannot simply
    be moved (they carry counts that must be added up) fn(*, field, source, target), which
    moves every row of that model from source to target and returns how many referred to
    source. An app calls it from its AppConfig.ready()."""
    if label is not None:
        _labels[model_label.lower()] = label
    if merge is not None:
        _merge_handlers[model_label.lower()] = merge


@dataclass(frozen=True)
class WijkReference:
    model: type[models.Model]
    field: models.ForeignKey

    @property
    def label(self) -> str:
        """What the rows are, for the merge's confirmation: an M2M's through table is named
        after the model that holds the M2M (organisations' presences' wijken)."""
        if (label := _labels.get(self.model._meta.label_lower)) is not None:
            return str(label)
        owner = self.model._meta.auto_created or self.model
        return str(owner._meta.verbose_name_plural)

    def rows(self, wijk: Wijk) -> models.QuerySet:
        # The base manager: filtered by one wijk of the caller's own gemeente, so nothing of
        # another gemeente is read, and models without a tenant path (through tables) work.
        return self.model._base_manager.filter(**{self.field.name: wijk})


def wijk_reference_fields() -> list[WijkReference]:
    """Every foreign key to Wijk in every installed app, M2M through tables included."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.local_concrete_fields:
            if field.is_relation and field.many_to_one and field.related_model is Wijk:
                found.append(WijkReference(model, field))
    return found


def wijk_references_count(wijk: Wijk) -> list[tuple[str, int]]:
    """What refers to this wijk, per kind of record, leaving out kinds with none."""
    counts: dict[str, int] = {}
    for reference in wijk_reference_fields():
        count = reference.rows(wijk).count()
        if count:
            counts[reference.label] = counts.get(reference.label, 0) + count
    return sorted(counts.items())


def _name_clean(*, gemeente_id: int, name: str, exclude_pk: int | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("Give the wijk a name."), code="required")
    key = name_key(name)
    for other in Wijk.objects.filter(gemeente_id=gemeente_id).exclude(pk=exclude_pk):
        if name_key(other.name) == key:
            raise ValidationError(
                _("There is already a wijk called %(name)s. To put the two together, merge "
                  "them.") % {"name": other.name}, code="duplicate",
            )
    return name


@transaction.atomic
def wijk_rename(*, wijk: Wijk, name: str) -> Wijk:
    """Give a wijk another name (unique within its gemeente, ignoring case and spaces), and
    refresh the search text of the activities in it, which holds the wijk's name."""
    wijk.name = _name_clean(gemeente_id=wijk.gemeente_id, name=name, exclude_pk=wijk.pk)
    wijk.save(update_fields=["name"])
    ids = list(Activity.objects.filter(wijk=wijk).values_list("pk", flat=True))
    if ids:
        activities_refresh(ids)
    return wijk


def _generic_move(*, field: models.ForeignKey, source: Wijk, target: Wijk) -> int:
    """Move the rows of one foreign key; a row that would then be a duplicate under a unique
    constraint (the same presence with the target wijk twice) is removed instead."""
    model = field.model
    manager = model._base_manager
    unique_sets = [set(fields) for fields in model._meta.unique_together]
    unique_sets += [
        set(c.fields) for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields
    ]
    others = [s - {field.name} for s in unique_sets if field.name in s]
    rows = manager.filter(**{field.name: source})
    moved = rows.count()
    if not moved:
        return 0
    for other in others:
        names = sorted(other)
        if not names:  # the wijk alone is unique: the target already has its row
            if manager.filter(**{field.name: target}).exists():
                rows.delete()
            continue
        taken = set(manager.filter(**{field.name: target}).values_list(*names))
        for pk, *values in rows.values_list("pk", *names):
            if tuple(values) in taken:
                manager.filter(pk=pk).delete()
    manager.filter(**{field.name: source}).update(**{field.name: target})
    return moved


@transaction.atomic
def wijk_merge(*, source: Wijk, target: Wijk) -> list[tuple[str, int]]:
    """Merge wijk `source` into `target` of the same gemeente: every reference to source
    (organisations' wijken, activities, infopunt statistics, any other foreign key to Wijk)
    moves to target, in one transaction, and then source is deleted. Returns what moved."""
    if source.pk == target.pk:
        raise ValidationError(_("Choose two different wijken."), code="same")
    if source.gemeente_id != target.gemeente_id:
        raise ValidationError(_("Both wijken must belong to your municipality."),
                              code="gemeente")
    # Lock the two rows (PostgreSQL), so a concurrent rename or merge waits for this one.
    list(Wijk.objects.select_for_update().filter(pk__in=[source.pk, target.pk]))
    activity_ids = list(Activity.objects.filter(wijk=source).values_list("pk", flat=True))
    moved: dict[str, int] = {}
    for reference in wijk_reference_fields():
        handler = _merge_handlers.get(reference.model._meta.label_lower, _generic_move)
        count = handler(field=reference.field, source=source, target=target)
        if count:
            moved[reference.label] = moved.get(reference.label, 0) + count
    source.delete()
    if activity_ids:
        activities_refresh(activity_ids)
    return sorted(moved.items())
