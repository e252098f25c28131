"""The referral network: who refers to whom (organisations × organisations), with counts and
acceptance rates, and the islands (approved organisations that neither referred nor received
a referral in the period). Only counts of referrals, never people. Two queries.

Acceptance rate = accepted / (accepted + declined + expired): of the referrals the receiver
decided on or let expire; open ones and those the sender stopped before an answer are left
out. A referral counts as accepted once it was accepted, whatever happened after."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q

from gemeenten.privacy import start_of
from initiatives.choices import ApprovalState
from initiatives.models import Organisation, Presence
from statushouders.choices import ReferralState
from statushouders.models import Referral

MATRIX_SIZE = 10
FERRIES = 15


@dataclass
class Tally:
    sent: int = 0
    accepted: int = 0
    declined: int = 0
    expired: int = 0
    open: int = 0

    def add(self, other: Tally) -> None:
        for name in ("sent", "accepted", "declined", "expired", "open"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def decided(self) -> int:
        return self.accepted + self.declined + self.expired

    @property
    def rate(self) -> int | None:
        """Acceptance rate in whole percent; None when nothing was decided."""
        return round(100 * self.accepted / self.decided) if self.decided else None


@dataclass
class Pair:
    from_id: int
    from_name: str
    to_id: int
    to_name: str
    tally: Tally


@dataclass
class Node:
    pk: int
    name: str
    sent: Tally = field(default_factory=Tally)
    received: Tally = field(default_factory=Tally)
    partners: set = field(default_factory=set)

    @property
    def volume(self) -> int:
        return self.sent.sent + self.received.sent

    @property
    def partner_count(self) -> int:
        """Other organisations it referred to or received from: a ferry has many."""
        return len(self.partners - {self.pk})


@dataclass
class Network:
    start: date
    end: date  # inclusive
    pairs: list[Pair]
    nodes: list[Node]
    islands: list[tuple[int, str]]
    total: Tally

    @property
    def matrix_nodes(self) -> list[Node]:
        """The organisations with the most referrals, for the organisations × organisations
        table (a full matrix of hundreds of organisations is unreadable)."""
        return sorted(self.nodes, key=lambda n: (-n.volume, n.name))[:MATRIX_SIZE]

    @property
    def matrix(self) -> list[tuple[Node, list[Tally | None]]]:
        nodes = self.matrix_nodes
        cells = {(p.from_id, p.to_id): p.tally for p in self.pairs}
        return [(row, [cells.get((row.pk, col.pk)) for col in nodes]) for row in nodes]

    @property
    def ferries(self) -> list[Node]:
        """The organisations linked to the most others, then by volume."""
        return sorted(self.nodes, key=lambda n: (-n.partner_count, -n.volume, n.name))[
            :FERRIES]

    @property
    def largest(self) -> int:
        return max((p.tally.sent for p in self.pairs), default=0)


def referral_network(user, *, start: date, end: date) -> Network:
    """Referrals sent from `start` up to and including `end`, in the user's gemeente."""
    from datetime import timedelta

    referrals = Referral.objects.for_user(user).filter(
        created_at__gte=start_of(start), created_at__lt=start_of(end + timedelta(days=1)))
    rows = (referrals.order_by()
            .values("from_organisation_id", "from_organisation__name", "to_organisation_id",
                    "to_organisation__name")
            .annotate(sent=Count("pk"),
                      accepted=Count("pk", filter=Q(accepted_at__isnull=False)),
                      declined=Count("pk", filter=Q(state=ReferralState.DECLINED)),
                      expired=Count("pk", filter=Q(state=ReferralState.EXPIRED)),
                      open=Count("pk", filter=Q(state=ReferralState.PROPOSED))))
    pairs, nodes, total = [], {}, Tally()
    for row in rows:
        tally = Tally(row["sent"], row["accepted"], row["declined"], row["expired"],
                      row["open"])
        pair = Pair(row["from_organisation_id"], row["from_organisation__name"],
                    row["to_organisation_id"], row["to_organisation__name"], tally)
        pairs.append(pair)
        total.add(tally)
        source = nodes.setdefault(pair.from_id, Node(pair.from_id, pair.from_name))
        target = nodes.setdefault(pair.to_id, Node(pair.to_id, pair.to_name))
        source.sent.add(tally)
        target.received.add(tally)
        source.partners.add(pair.to_id)
        target.partners.add(pair.from_id)
    pairs.sort(key=lambda p: (-p.tally.sent, p.from_name, p.to_name))

    approved = Presence.objects.for_user(user).filter(approval=ApprovalState.APPROVED)
    islands = list(
        Organisation.objects.for_user(user).filter(pk__in=approved.values("organisation_id"))
        .exclude(Exists(referrals.filter(from_organisation=OuterRef("pk"))))
        .exclude(Exists(referrals.filter(to_organisation=OuterRef("pk"))))
        .order_by("name").values_list("pk", "name"))
    return Network(start=start, end=end, pairs=pairs,
                   nodes=sorted(nodes.values(), key=lambda n: n.name), islands=islands,
                   total=total)
