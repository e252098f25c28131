"""Issue 22, concurrency: 50 people changing one referral at the same moment lose no update.

Each round 50 threads start together from the same version of the referral: half move it
forward, half stop it. Exactly one change wins per round; the other 49 are refused with
"changed meanwhile" (never silently overwritten): the history, the audit log and the version
agree with the winners. Runs on PostgreSQL (row lock) and on SQLite with a file database and
its busy timeout (IMMEDIATE transactions)."""
import threading
from datetime import date

import pytest
from django.db import connection

from gemeenten.audit import Action
from gemeenten.choices import Role
from gemeenten.models import AuditEvent, Theme
from gemeenten.scope import gemeente_scope
from statushouders.choices import OPEN_STATES, ReferralState
from statushouders.models import Begeleiding, Newcomer, ReferralEvent
from statushouders.referrals import ChangedMeanwhile, referral_create, referral_transition

from ..factories import UserFactory, organisation_in

S = ReferralState
THREADS = 50
FORWARD = {S.PROPOSED: S.ACCEPTED, S.ACCEPTED: S.STARTED, S.STARTED: S.COMPLETED}


@pytest.mark.sqlite_file
@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_changes_of_one_referral_lose_no_update(gemeente):
    sender = organisation_in(gemeente, name="Stichting Gelijktijdig")
    receiver = organisation_in(gemeente, name="Taalhuis Gelijktijdig")
    begeleider = UserFactory(gemeente=gemeente, role=Role.BEGELEIDER)
    sender.staff.add(begeleider)
    coordinator = UserFactory(gemeente=gemeente, role=Role.COORDINATOR)
    receiver.staff.add(coordinator)
    newcomer = Newcomer.objects.create(gemeente=gemeente, organisation=sender,
                                       registratienummer="R-50", first_name="Testa",
                                       surname="Gelijktijdig")
    Begeleiding.objects.create(newcomer=newcomer, organisation=sender, start=date(2026, 1, 1),
                               planned_end=date(2026, 12, 31))
    with gemeente_scope(gemeente):
        referral = referral_create(newcomer=newcomer, by=begeleider, from_organisation=sender,
                                   to_organisation=receiver,
                                   need=Theme.objects.get_or_create(
                                       slug="taal", defaults={"name": "Taal"})[0],
                                   shared_fields=["first_name", "need"],
                                   instemming_text="Ik stem in met het delen van mijn voornaam.",
                                   instemming_language="nl")
    changes_before = AuditEvent.objects.filter(action=Action.CHANGE).count()
    events_before = ReferralEvent.objects.filter(referral=referral).count()
    version_before = referral.version

    winners = []
    while referral.state in OPEN_STATES:
        seen_state, seen_version = referral.state, referral.version
        barrier = threading.Barrier(THREADS)
        outcome, errors = [], []

        def change(n, seen_state=seen_state, seen_version=seen_version, barrier=barrier,
                   outcome=outcome, errors=errors):
            target = FORWARD[seen_state] if n % 2 == 0 else S.STOPPED
            try:
                barrier.wait(timeout=30)
                with gemeente_scope(gemeente):  # a thread starts outside any scope
                    referral_transition(referral=referral, to_state=target,
                                        by=coordinator if n % 2 == 0 else begeleider,
                                        version=seen_version, reason=f"reden {n}")
                outcome.append(target)
            except ChangedMeanwhile:
                outcome.append("refused")
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(repr(error))
            finally:
                connection.close()

        threads = [threading.Thread(target=change, args=(n,)) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not errors, errors
        assert len(outcome) == THREADS
        won = [state for state in outcome if state != "refused"]
        assert len(won) == 1, outcome  # one change per version, 49 told "changed meanwhile"
        winners.append(won[0])
        referral.refresh_from_db()
        assert referral.state == won[0]
        assert referral.version == seen_version + 1

    # Nothing lost and nothing written twice: the history and the audit log hold exactly
    # the winners, in order.
    events = list(ReferralEvent.objects.filter(referral=referral).order_by("pk")
                  .values_list("to_state", flat=True))
    assert events[events_before:] == winners
    assert AuditEvent.objects.filter(action=Action.CHANGE).count() - changes_before \
        == len(winners)
    assert referral.version == version_before + len(winners)
