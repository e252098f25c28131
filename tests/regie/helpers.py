"""Small fixtures of the regie tests: invented newcomers, begeleidingen and referrals."""
from datetime import date

from gemeenten.models import Language, Theme
from statushouders.models import Begeleiding, Newcomer, Referral

_numbers = iter(range(1, 100_000))


def newcomer(gemeente, organisation, *, wijk=None, needs=(), languages=(), open_=True,
             start=date(2026, 1, 1), planned_end=None):
    person = Newcomer.objects.create(
        gemeente=gemeente, organisation=organisation,
        registratienummer=f"TEST-{next(_numbers):05d}", first_name="Testa",
        surname="Verzonnen", wijk=wijk)
    person.needs.set(Theme.objects.filter(slug__in=needs))
    person.languages.set(Language.objects.filter(code__in=languages))
    Begeleiding.objects.create(newcomer=person, organisation=organisation, start=start,
                               planned_end=planned_end,
                               actual_end=None if open_ else start)
    return person


def referral(gemeente, person, *, to, sent, accepted=None, state="proposed"):
    return Referral.objects.create(
        gemeente=gemeente, newcomer=person, from_organisation=person.organisation, to_organisation=to,
        created_at=sent, accepted_at=accepted, state=state)
