"""generate_scale fills every model of the project's apps (issue 21), the same for a seed on
every run, and its deletes remove what it made again, the append-only audit log's invented
events included."""
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import DatabaseError, transaction

from gemeenten.audit import Action, Purpose, audit_record
from gemeenten.audit.triggers import generated_events_delete
from gemeenten.datagen.scale import scale_delete, scale_existing
from gemeenten.models import AuditEvent, Gemeente
from gemeenten.scope import scopes_disabled
from infopunt.models import SearchWordDay
from initiatives.models import ContactRequest
from statushouders.models import ReferralEvent
from volunteers.models import TrainingSignup

from ..factories import GemeenteFactory
from .test_audit import enforced

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["gemeenten", "initiatives", "statushouders", "volunteers", "infopunt", "regie"]
# Models that stay empty after generate_scale, and why. Everything else must have rows.
MAY_STAY_EMPTY = {
    # The portal authorises by role (User.role), not by Django's groups and permissions.
    "gemeenten.User_groups",
    "gemeenten.User_user_permissions",
    # The self-registration rate limit's rows of the last hour: keyed hashes of no gemeente,
    # so a run's delete could not tell its own from real ones.
    "initiatives.RegistrationAttempt",
    # Made by the jobs from the generated rows (raise_flags; the overlap detection, which
    # bench/overlap.py runs against the planted overlaps): the bench times exactly that.
    "statushouders.Flag",
    "regie.OverlapFinding",
    # A task's retry state while the database is away: made by the tasks themselves, and
    # empty on a healthy installation.
    "gemeenten.TaskRetry",
}


def _models():
    for label in PROJECT_APPS:
        yield from apps.get_app_config(label).get_models(include_auto_created=True)


def _counts() -> dict[str, int]:
    with scopes_disabled():
        return {m._meta.label: m._base_manager.count() for m in _models()}


def _generate(*args) -> str:
    out = StringIO()
    call_command("generate_scale", *args, stdout=out)
    return out.getvalue()


def test_generate_scale_small_fills_every_model_and_its_deletes_empty_them_again():
    before = _counts()
    _generate("--preset", "small", "--seed", "2")
    after = _counts()
    empty = sorted(label for label, n in after.items() if n == 0 and label not in MAY_STAY_EMPTY)
    assert empty == [], f"generate_scale makes no rows of {empty}"
    assert not MAY_STAY_EMPTY - set(after), "the allow-list names a model that is gone"

    with scopes_disabled(), transaction.atomic():
        scale_delete("scale-small-2")
    assert _counts() == before


def _snapshot(tag: str) -> tuple:
    """What the later steps decide for a seed, by value (primary keys differ)."""
    with scopes_disabled():
        gemeenten = scale_existing(tag)
        return (
            list(ContactRequest.objects.filter(gemeente__in=gemeenten)
                 .order_by("created_at", "first_name")
                 .values_list("organisation__name", "state", "first_name", "question")),
            sorted(ReferralEvent.objects.filter(referral__gemeente__in=gemeenten)
                   .values_list("referral__newcomer__registratienummer", "to_state")),
            sorted(SearchWordDay.objects.filter(gemeente__in=gemeenten)
                   .values_list("date", "word", "theme", "searches")),
            TrainingSignup.objects.filter(training__gemeente__in=gemeenten).count(),
            AuditEvent.objects.filter(gemeente__in=gemeenten).count(),
        )


def test_the_later_steps_are_the_same_for_a_seed_and_replace_does_not_duplicate():
    _generate("--preset", "tiny", "--seed", "5")
    first = _snapshot("scale-tiny-5")
    assert all(first), first
    _generate("--preset", "tiny", "--seed", "5", "--replace")
    assert _snapshot("scale-tiny-5") == first


def test_replace_deletes_the_invented_audit_events_and_the_trigger_still_guards_others():
    real = GemeenteFactory(slug="echt")
    invented = GemeenteFactory(slug="scale-tiny-9-000")
    for gemeente in (real, invented):
        audit_record(gemeente=gemeente, actor=None, action=Action.VIEW,
                     purpose=Purpose.BEGELEIDING, subject_type="newcomer", subject_id=1)
    with enforced():
        with scopes_disabled():
            assert generated_events_delete(Gemeente.objects.all()) == 1
            # The switch was on for that one DELETE only.
            with pytest.raises(DatabaseError), transaction.atomic():
                AuditEvent.objects.filter(gemeente=real).delete()
    with scopes_disabled():
        assert list(AuditEvent.objects.values_list("gemeente__slug", flat=True)) == ["echt"]
