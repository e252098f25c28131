"""Matching suggestions for an accepted referral: the receiving organisation's volunteers,
ranked by shared language (its level counts), the same wijk, common times and an interest in
the referral's need, using ONLY what the referral's instemming shares: what is not shared is
left out of the ranking, and every suggestion's reasons say so.

The score is computed by the database (one query with annotations over the organisation's
whole pool, ordered and cut to the top 20), so 10,000 volunteers cost no more queries than
ten. `score_of` is the same formula in Python, the definition the tests hold the database to.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Value,
    When,
)
from django.db.models.functions import Least
from django.utils.translation import gettext as _

from statushouders.choices import DAY_PARTS, WEEKDAY_CODES, SharedField

from ..choices import LanguageLevel
from ..models import Match, Membership, Volunteer, VolunteerLanguage

SUGGESTIONS = 20
LEVEL_POINTS = {LanguageLevel.NATIVE: 3, LanguageLevel.GOOD: 2, LanguageLevel.BASIC: 1}
# Points per level point of a shared language, for the same wijk, per common part of a day
# (at most MAX_SLOTS count: three evenings in common are as good as seven), for an interest
# in the need.
LANGUAGE_WEIGHT = 10
WIJK_WEIGHT = 15
SLOT_WEIGHT = 5
MAX_SLOTS = 3
INTEREST_WEIGHT = 15


@dataclass(frozen=True)
class Criteria:
    """What the ranking may use for one referral: None where the instemming does not share
    it; an empty value where it is shared but unknown."""

    organisation_id: int
    newcomer_id: int
    languages: tuple[int, ...] | None
    wijk_id: int | None
    wijk_shared: bool
    slots: tuple[str, ...] | None
    need_id: int | None
    need_shared: bool
    maatjes_shared: bool

    @property
    def unshared(self) -> list[str]:
        """The criteria left out, in the suggestions' words."""
        return [text for shared, text in (
            (self.languages is not None, _("language not shared")),
            (self.wijk_shared, _("district not shared")),
            (self.slots is not None, _("availability not shared")),
            (self.need_shared, _("need not shared")),
        ) if not shared]


def criteria_for(referral) -> Criteria:
    """The referral's instemming decides what counts. Reads the newcomer's languages only
    when they are shared."""
    instemming = referral.instemming
    newcomer = referral.newcomer
    languages = None
    if instemming.shares(SharedField.LANGUAGES):
        languages = tuple(sorted(newcomer.languages.values_list("pk", flat=True)))
    slots = None
    if instemming.shares(SharedField.AVAILABILITY):
        slots = tuple(dict.fromkeys(s for s in referral.availability.split(",") if s))
    return Criteria(
        organisation_id=referral.to_organisation_id, newcomer_id=newcomer.pk,
        languages=languages,
        wijk_id=newcomer.wijk_id if instemming.shares(SharedField.WIJK) else None,
        wijk_shared=instemming.shares(SharedField.WIJK),
        slots=slots,
        need_id=referral.need_id if instemming.shares(SharedField.NEED) else None,
        need_shared=instemming.shares(SharedField.NEED),
        maatjes_shared=instemming.shares(SharedField.MAATJES),
    )


@dataclass(frozen=True)
class Features:
    """One volunteer's fit on each criterion the instemming shares."""

    language_points: int = 0
    same_wijk: bool = False
    common_slots: int = 0
    interested: bool = False


def score_of(features: Features) -> int:
    """The ranking, as a pure function: the database computes exactly this."""
    return (features.language_points * LANGUAGE_WEIGHT
            + (WIJK_WEIGHT if features.same_wijk else 0)
            + min(features.common_slots, MAX_SLOTS) * SLOT_WEIGHT
            + (INTEREST_WEIGHT if features.interested else 0))


def _zero():
    return Value(0, output_field=IntegerField())


def full_volunteers():
    """The volunteers with as many active koppelingen as they said they can take: one
    uncorrelated subquery (the database hashes it once), not a count per candidate."""
    return (Match.objects.active().order_by()
            .values("volunteer_id", "volunteer__max_koppelingen")
            .annotate(n=Count("pk")).filter(n__gte=F("volunteer__max_koppelingen"))
            .values("volunteer_id"))


def pool(organisation_id: int):
    """The candidates: active, not anonymised volunteers with an active membership of the
    organisation."""
    # The outer query is in the tenant scope; the correlated membership needs no scope join.
    member = Membership._base_manager.filter(volunteer=OuterRef("pk"),
                                             organisation_id=organisation_id, active=True)
    return Volunteer.objects.filter(Exists(member), anonymised_at__isnull=True)


def score_expression(criteria: Criteria):
    """`score_of` as one SQL expression over the pool. Unshared criteria are left out, so
    they cannot move the order; each subquery appears once."""
    terms = []
    for language_id in criteria.languages or ():
        # Per shared language an uncorrelated "volunteer in (...)", and per level within it:
        # the database hashes each list once, instead of a subquery or a join and GROUP BY
        # per candidate; most candidates do not speak it and cost one probe.
        speakers = VolunteerLanguage._base_manager.filter(language_id=language_id)
        level = Case(*[When(pk__in=speakers.filter(level=level).values("volunteer_id"),
                            then=Value(points * LANGUAGE_WEIGHT))
                       for level, points in LEVEL_POINTS.items()],
                     default=Value(0), output_field=IntegerField())
        terms.append(Case(When(pk__in=speakers.values("volunteer_id"), then=level),
                          default=Value(0), output_field=IntegerField()))
    if criteria.wijk_id:
        terms.append(Case(When(wijk_id=criteria.wijk_id, then=Value(WIJK_WEIGHT)),
                          default=Value(0), output_field=IntegerField()))
    if criteria.slots:
        # Slot codes are fixed words ("di-avond"), none inside another: a substring test is
        # exact.
        common = sum((Case(When(availability__contains=slot, then=Value(1)), default=Value(0),
                           output_field=IntegerField()) for slot in criteria.slots[1:]),
                     Case(When(availability__contains=criteria.slots[0], then=Value(1)),
                          default=Value(0), output_field=IntegerField()))
        terms.append(Least(common, Value(MAX_SLOTS)) * SLOT_WEIGHT)
    if criteria.need_id:
        interest = Volunteer.interests.through.objects.filter(
            volunteer_id=OuterRef("pk"), theme_id=criteria.need_id)
        terms.append(Case(When(Exists(interest), then=Value(INTEREST_WEIGHT)),
                          default=Value(0), output_field=IntegerField()))
    if not terms:
        return _zero()
    return sum(terms[1:], terms[0])


def candidates(criteria: Criteria):
    """The pool with its score: best first, then those with room before the full ones."""
    rows = pool(criteria.organisation_id)
    full = Case(When(pk__in=full_volunteers(), then=Value(1)), default=Value(0),
                output_field=IntegerField())
    return (rows.annotate(score=score_expression(criteria), full=full)
            .order_by("-score", "full", "surname", "first_name", "pk"))


def features_of(volunteer, criteria: Criteria, *, spoken: list, interested: bool) -> Features:
    """The same criteria in Python for one volunteer of the top: their reasons, and the
    tests' check that the database computed `score_of`."""
    return Features(
        language_points=sum(LEVEL_POINTS.get(s.level, 0) for s in spoken)
        if criteria.languages else 0,
        same_wijk=bool(criteria.wijk_id) and volunteer.wijk_id == criteria.wijk_id,
        common_slots=len(set(criteria.slots or ()) & set(volunteer.availability.split(","))),
        interested=bool(criteria.need_id) and interested,
    )


@dataclass
class Suggestion:
    volunteer: Volunteer
    score: int
    features: Features
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _slot_label(slot: str) -> str:
    day, _sep, part = slot.partition("-")
    return f"{dict(WEEKDAY_CODES).get(day, day)} {dict(DAY_PARTS).get(part, part)}".lower()


def reasons_for(volunteer, criteria: Criteria, features: Features, *, spoken: list,
                need_name: str = "", wijk_name: str = "") -> list[str]:
    """Why this volunteer is suggested, and what was left out, in the user's language.
    `spoken`: the volunteer's languages among the newcomer's, as VolunteerLanguage rows."""
    reasons = []
    if criteria.languages is not None:
        if spoken:
            reasons.append(_("speaks %(languages)s") % {"languages": ", ".join(
                f"{s.language.name_nl} ({s.get_level_display()})" for s in spoken)})
        else:
            reasons.append(_("no language in common"))
    if features.same_wijk:
        reasons.append(_("lives in the same district (%(wijk)s)") % {"wijk": wijk_name})
    if criteria.slots:
        common = [s for s in criteria.slots if s in volunteer.availability.split(",")]
        if common:
            reasons.append(_("available at the same times: %(times)s")
                           % {"times": ", ".join(_slot_label(s) for s in common)})
        else:
            reasons.append(_("no times in common"))
    if features.interested:
        reasons.append(_("interested in %(theme)s") % {"theme": need_name})
    return reasons + criteria.unshared


def warnings_for(volunteer, *, active_matches: int, one_on_one: bool = True,
                 maatje_here: bool = False, maatje_elsewhere: bool = False) -> list[str]:
    """What the coördinator should weigh before choosing this volunteer."""
    warnings = []
    if maatje_here:
        warnings.append(_("The newcomer already has an active maatje at your organisation."))
    if maatje_elsewhere:
        warnings.append(_("The newcomer already has an active maatje at another "
                          "organisation."))
    if active_matches >= volunteer.max_koppelingen:
        warnings.append(_("This volunteer already has %(count)s active koppeling(en) and "
                          "said they can take %(max)s at once.")
                        % {"count": active_matches, "max": volunteer.max_koppelingen})
    if one_on_one and not volunteer.vog:
        warnings.append(_("No VOG (certificate of conduct) is recorded for a one-on-one "
                          "koppeling."))
    return warnings


def newcomer_maatjes(criteria: Criteria) -> tuple[bool, bool]:
    """(an active maatje at this organisation, one at another organisation) — the second
    only where the instemming shares it. One query."""
    organisations = set(Match.objects.active().filter(newcomer_id=criteria.newcomer_id)
                        .values_list("organisation_id", flat=True))
    here = criteria.organisation_id in organisations
    elsewhere = criteria.maatjes_shared and bool(organisations - {criteria.organisation_id})
    return here, elsewhere


def suggest(referral, *, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """The top suggestions for an accepted referral, with reasons and warnings. A constant
    number of queries, whatever the size of the pool: the ranked top, then the top's shared
    languages, interests and the newcomer's maatjes."""
    criteria = criteria_for(referral)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The score is a few dozen cheap expressions per candidate; PostgreSQL's cost
            # estimate for them crosses jit_above_cost, and compiling costs more (about
            # 100 ms) than the query itself.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        top = list(candidates(criteria)[:limit])
    ids = [v.pk for v in top]
    active = dict(Match.objects.active().filter(volunteer__in=ids).order_by()
                  .values("volunteer").annotate(n=Count("pk")).values_list("volunteer", "n"))
    spoken: dict[int, list] = {}
    if criteria.languages and top:
        for row in (VolunteerLanguage.objects.filter(
                volunteer__in=ids, language_id__in=criteria.languages)
                .select_related("language").order_by("language__order", "language__name_nl")):
            spoken.setdefault(row.volunteer_id, []).append(row)
    interested = set()
    if criteria.need_id and top:
        interested = set(Volunteer.interests.through.objects.filter(
            volunteer_id__in=ids, theme_id=criteria.need_id).values_list("volunteer_id",
                                                                         flat=True))
    here, elsewhere = newcomer_maatjes(criteria)
    need_name = referral.need.name if criteria.need_id else ""
    wijk_name = referral.newcomer.wijk.name if criteria.wijk_id else ""
    suggestions = []
    for volunteer in top:
        features = features_of(volunteer, criteria, spoken=spoken.get(volunteer.pk, []),
                               interested=volunteer.pk in interested)
        suggestions.append(Suggestion(
            volunteer=volunteer, score=volunteer.score, features=features,
            reasons=reasons_for(volunteer, criteria, features,
                                spoken=spoken.get(volunteer.pk, []),
                                need_name=need_name, wijk_name=wijk_name),
            warnings=warnings_for(volunteer, active_matches=active.get(volunteer.pk, 0),
                                  maatje_here=here, maatje_elsewhere=elsewhere)))
    return suggestions


def warnings_for_choice(referral, volunteer, *, one_on_one: bool) -> list[str]:
    """The warnings for one chosen volunteer, computed afresh when the choice is sent."""
    criteria = criteria_for(referral)
    here, elsewhere = newcomer_maatjes(criteria)
    active = Match.objects.active().filter(volunteer=volunteer).count()
    return warnings_for(volunteer, active_matches=active, one_on_one=one_on_one,
                        maatje_here=here, maatje_elsewhere=elsewhere)
