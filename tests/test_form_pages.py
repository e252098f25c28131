"""Every page with a form answers hostile input with the form and its errors, never a 500:
text longer than its column (which PostgreSQL refuses and SQLite stores), a NUL character
(which PostgreSQL cannot store) and a line break in a single-line field. One field at a time
is spoiled and the rest filled in as the page renders it, so the input gets as far as it can."""
import time

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.forms import BaseForm, BaseFormSet
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from gemeenten.choices import Role
from gemeenten.models import Language, Theme
from initiatives.accounts.services import invitation_create
from tests.factories import ActivityFactory, UserFactory, organisation_in
from tests.infopunt.factories import public_activity
from tests.initiatives.test_kaart_support import filled, rendered_form

pytestmark = pytest.mark.django_db
PASSWORD = "een-heel-lang-wachtwoord-77"


def long_email(length: int) -> str:
    """A well-formed address of this length (no label over 63 characters)."""
    rest = length - len("a" * 60 + "@") - len(".example.org")
    labels = []
    while rest > 61:
        labels.append("b" * 60)
        rest -= 61
    return "a" * 60 + "@" + ".".join([*labels, "b" * rest]) + ".example.org"


OVER_LONG = "x" * 10_000
NUL = "Test\x00naam"
LINE_BREAK = "Legit Org\r\nBcc: x@example.org"


# --- The pages: (url, the data its form renders, filled in validly) ------------------------


def _login(client, login_as, gemeente, monkeypatch):
    return reverse("login"), {"username": "iemand@example.org", "password": PASSWORD}


def _password_reset(client, login_as, gemeente, monkeypatch):
    return reverse("password_reset"), {"email": "iemand@example.org"}


def _password_reset_confirm(client, login_as, gemeente, monkeypatch):
    user = UserFactory(gemeente=gemeente, role=Role.COORDINATOR)
    link = reverse("password_reset_confirm", args=[
        urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)])
    url = client.get(link)["Location"]  # Django moves the token into the session
    return url, {"new_password1": PASSWORD, "new_password2": PASSWORD}


def _two_factor(client, login_as, gemeente, monkeypatch):
    user = UserFactory(gemeente=gemeente, role=Role.REGISSEUR)
    client.force_login(user)
    assert client.get("/account/2fa/").status_code == 200
    return "/account/2fa/", {"token": "123456"}


def _register_initiative(client, login_as, gemeente, monkeypatch):
    url = reverse("infopunt:register", args=[gemeente.slug])
    data = rendered_form(client.get(url).content.decode(), "password1")
    theme, language = Theme.objects.first(), Language.objects.first()
    return url, filled(data, name="Wandelclub Testpad", description="Samen wandelen.",
                       themes=str(theme.pk), languages=str(language.pk),
                       contact_email="wandel.info@example.org",
                       first_name="Testa", email="wandel.test@example.org",
                       password1=PASSWORD, password2=PASSWORD)


def _invitation_create(client, login_as, gemeente, monkeypatch):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("initiatives:invitation_create")
    data = rendered_form(client.get(url).content.decode(), "email")
    return url, filled(data, email="nieuw.test@example.org", role="coordinator")


def _invitation_accept(client, login_as, gemeente, monkeypatch):
    regisseur = UserFactory(gemeente=gemeente, role=Role.REGISSEUR)
    _invitation, token = invitation_create(
        by=regisseur, email="uitgenodigd.test@example.org", role=Role.COORDINATOR,
        organisation=None, base_url="http://testserver/",
    )
    url = reverse("invitation_accept", args=[token])
    data = rendered_form(client.get(url).content.decode(), "password1")
    return url, filled(data, first_name="Testa", last_name="Voorbeeld",
                       password1=PASSWORD, password2=PASSWORD)


def _organisation_register(client, login_as, gemeente, monkeypatch):
    login_as(Role.COORDINATOR, gemeente=gemeente)
    url = reverse("initiatives:organisation_register")
    data = rendered_form(client.get(url).content.decode(), "name")
    return url, filled(data, name="Stichting Testpad", website="https://example.org/")


def _activity_create(client, login_as, gemeente, monkeypatch):
    organisation = organisation_in(gemeente)
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    url = reverse("initiatives:activity_create", args=[organisation.pk])
    data = rendered_form(client.get(url).content.decode(), "title")
    return url, filled(data, title="Testactiviteit", **{
        "schedules-0-frequency": "weekly", "schedules-0-weekdays": ["1"],
        "schedules-0-start_time": "19:00",
    })


def _organisation_reject(client, login_as, gemeente, monkeypatch):
    organisation = organisation_in(gemeente, approval="pending")
    # With an account to tell: otherwise the page asks no reason (it would go nowhere).
    organisation.staff.add(UserFactory(gemeente=gemeente, role=Role.COORDINATOR,
                                       email="coordinator.test@example.org"))
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("initiatives:organisation_reject", args=[organisation.pk])
    data = rendered_form(client.get(url).content.decode(), "reason")
    return url, filled(data, reason="Niet in deze gemeente.")


def _infopunt_contact(client, login_as, gemeente, monkeypatch):
    activity = public_activity(gemeente)
    url = f"/nl/infopunt/{gemeente.slug}/activiteit/{activity.pk}/contact/"
    data = rendered_form(client.get(url).content.decode(), "question")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 10)  # not "too fast"
    return url, filled(data, first_name="Testa", phone="06 1234 5678", question="Mag ik komen?",
                       preferred_language="ar")


def _overlap_decide(client, login_as, gemeente, monkeypatch):
    from regie.models import OverlapFinding

    finding = OverlapFinding.objects.create(
        gemeente=gemeente, kind="duplicate_offer", fingerprint="duplicate_offer:1-2",
        subjects=[])
    login_as(Role.REGISSEUR, gemeente=gemeente)
    page = client.get(reverse("regie:overlap_detail", args=[finding.pk])).content.decode()
    return reverse("regie:overlap_decide", args=[finding.pk]), filled(
        rendered_form(page, "reason"), state="intended", reason="Andere taalgroepen.")
def _volunteer_signup(client, login_as, gemeente, monkeypatch):
    from volunteers.models import Vacancy

    organisation = organisation_in(gemeente)
    organisation.staff.add(UserFactory(gemeente=gemeente, role=Role.COORDINATOR))
    vacancy = Vacancy.objects.create(
        gemeente=gemeente, organisation=organisation, title="Taalmaatje",
        theme=Theme.objects.get(slug="taal"))
    url = f"/nl/infopunt/{gemeente.slug}/vrijwilligers/{vacancy.pk}/aanmelden/"
    data = rendered_form(client.get(url).content.decode(), "motivation")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 10)  # not "too fast"
    return url, filled(data, first_name="Testa", surname="Verzonnen", phone="06 1234 5678",
                       motivation="Ik help graag.", consent="on", languages="ar")


def _vacancy_create(client, login_as, gemeente, monkeypatch):
    organisation = organisation_in(gemeente)
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    url = reverse("volunteers:vacancy_create")
    data = rendered_form(client.get(url).content.decode(), "title")
    return url, filled(data, organisation=str(organisation.pk), title="Taalmaatje",
                       theme=str(Theme.objects.get(slug="taal").pk), starts_on="2026-12-01",
                       hours="2 uur per week")


def _application_decline(client, login_as, gemeente, monkeypatch):
    from volunteers.models import VolunteerApplication

    organisation = organisation_in(gemeente)
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    application = VolunteerApplication.objects.create(
        gemeente=gemeente, organisation=organisation, first_name="Testa", surname="Verzonnen",
        phone="0612345678")
    return (reverse("volunteers:application_decline", args=[application.pk]),
            {"reason": "Vol."})


def _import_upload(client, login_as, gemeente, monkeypatch):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    return reverse("initiatives:import"), {}


def _tally_create(client, login_as, gemeente, monkeypatch):
    organisation = organisation_in(gemeente)
    activity = ActivityFactory(gemeente=gemeente, organisation=organisation)
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    url = reverse("volunteers:tally_create")
    data = rendered_form(client.get(url).content.decode(), "went_well")
    return url, filled(data, activity=str(activity.pk), total="9", newcomers="4",
                       first_timers="1")
def _signal_create(client, login_as, gemeente, monkeypatch):
    login_as(Role.COORDINATOR, gemeente=gemeente, organisation=organisation_in(gemeente))
    url = reverse("regie:signal_create")
    data = rendered_form(client.get(url).content.decode(), "topic")
    return url, filled(data, topic="Geen zomeraanbod", text="Jongeren vervelen zich.")


def _signal_reply(client, login_as, gemeente, monkeypatch):
    from regie.services import signal_create

    organisation = organisation_in(gemeente)
    user = login_as(Role.COORDINATOR, gemeente=gemeente, organisation=organisation)
    signal = signal_create(organisation=organisation, by=user, topic="Proef", text="Proef.")
    url = reverse("regie:signal_detail", args=[signal.pk])
    data = rendered_form(client.get(url).content.decode(), "text")
    return url, filled(data, text="Nog een bericht.")


def _message_create(client, login_as, gemeente, monkeypatch):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("regie:message_create")
    data = rendered_form(client.get(url).content.decode(), "subject")
    return url, filled(data, subject="Aankomsten in maart", body="Twaalf gezinnen.",
                       action="send")


def _message_preference(client, login_as, gemeente, monkeypatch):
    login_as(Role.COORDINATOR, gemeente=gemeente)
    url = reverse("regie:message_preference")
    data = rendered_form(client.get(url).content.decode(), "receive")
    return url, filled(data, receive="essential")
def _koppeling(gemeente, role):
    """A started koppeling of the koppelingen tests' world, and the user of `role` in it."""
    from datetime import timedelta

    from django.utils import timezone

    from gemeenten.scope import gemeente_scope
    from volunteers.services import match_start

    from .volunteers.koppelingen import accepted_referral, make_world, volunteer

    world = make_world(gemeente)
    account = UserFactory(gemeente=gemeente, role=Role.VOLUNTEER)
    with gemeente_scope(gemeente):
        match, _created = match_start(
            referral=accepted_referral(world), volunteer=volunteer(world, user=account),
            by=world.coordinator, starts_on=timezone.localdate() - timedelta(days=10),
            goals=["Zelf bellen"])
    return match, (account if role == Role.VOLUNTEER else world.coordinator)


def _match_start(client, login_as, gemeente, monkeypatch):
    from .volunteers.koppelingen import accepted_referral, make_world, volunteer

    world = make_world(gemeente)
    person = volunteer(world)
    client.force_login(world.coordinator)
    url = reverse("volunteers:match_new", args=[accepted_referral(world).pk]) \
        + f"?vrijwilliger={person.pk}"
    data = rendered_form(client.get(url).content.decode(), "goal_1")
    return url, filled(data, goal_1="Zelf de bus nemen")


def _checkin(client, login_as, gemeente, monkeypatch):
    match, user = _koppeling(gemeente, Role.VOLUNTEER)
    client.force_login(user)
    page = client.get(reverse("volunteers:match_detail", args=[match.pk])).content.decode()
    return reverse("volunteers:checkin_create", args=[match.pk]), filled(
        rendered_form(page, "on"), text="Samen gekookt")


def _goal_evaluate(client, login_as, gemeente, monkeypatch):
    match, user = _koppeling(gemeente, Role.VOLUNTEER)
    client.force_login(user)
    page = client.get(reverse("volunteers:match_detail", args=[match.pk])).content.decode()
    return reverse("volunteers:goal_evaluate", args=[match.goals.get().pk]), filled(
        rendered_form(page, "words"), result="partly", words="Gaat beter")


def _match_end(client, login_as, gemeente, monkeypatch):
    match, user = _koppeling(gemeente, Role.COORDINATOR)
    client.force_login(user)
    page = client.get(reverse("volunteers:match_detail", args=[match.pk])).content.decode()
    return reverse("volunteers:match_end", args=[match.pk]), filled(
        rendered_form(page, "ended_on"), reason="no_click")
def _expected_arrivals(client, login_as, gemeente, monkeypatch):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("regie:taakstelling")
    data = rendered_form(client.get(url).content.decode(), "aankomst-month")
    return url, filled(data, form="aankomst", **{"aankomst-month": "2027-03",
                                                 "aankomst-number": "12"})


def _taakstelling(client, login_as, gemeente, monkeypatch):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("regie:taakstelling")
    data = rendered_form(client.get(url).content.decode(), "halfjaar-number")
    return url, filled(data, form="halfjaar", **{"halfjaar-year": "2027", "halfjaar-half": "1",
                                                 "halfjaar-number": "40"})


def _shown_errors(context) -> list:
    errors = []
    contexts = context if isinstance(context, list) else [context]  # one per template
    values = [value for each in contexts for value in each.flatten().values()]
    for value in values:
        if isinstance(value, BaseForm) and value.is_bound:
            errors += list(value.errors.values())
        elif isinstance(value, BaseFormSet) and value.is_bound:
            errors += [*value.errors, *value.non_form_errors()]
    return [error for error in errors if error]


SPOILED = [
    # The security test's findings first.
    (_register_initiative, "email", long_email(160)),
    (_login, "username", "x" * 5000),
    (_invitation_create, "email", long_email(312)),
    (_organisation_register, "name", LINE_BREAK),
    # Then every field that is typed into, with each kind of hostile text.
    *[(_login, field, text) for field in ("username", "password") for text in (NUL, LINE_BREAK)],
    *[(_password_reset, "email", text) for text in (long_email(312), NUL, LINE_BREAK)],
    *[(_password_reset_confirm, field, text) for field in ("new_password1", "new_password2")
      for text in (OVER_LONG, NUL)],
    *[(_two_factor, "token", text) for text in (OVER_LONG, NUL, LINE_BREAK)],
    *[(_register_initiative, field, text)
      for field in ("name", "first_name", "email", "description", "contact_email", "phone")
      for text in (OVER_LONG, NUL, LINE_BREAK)],
    *[(_register_initiative, field, NUL) for field in ("kind", "themes", "languages")],
    *[(_invitation_create, field, text) for field in ("email", "role", "organisation")
      for text in (NUL, LINE_BREAK)],
    *[(_invitation_accept, field, text) for field in ("first_name", "last_name")
      for text in (OVER_LONG, NUL, LINE_BREAK)],
    *[(_organisation_register, field, text)
      for field in ("name", "communities_reached", "email", "phone", "description", "story")
      for text in (OVER_LONG, NUL)],
    (_organisation_register, "website", "https://example.org/" + "a" * 300),
    (_organisation_register, "email", long_email(300)),
    *[(_organisation_register, field, LINE_BREAK)
      for field in ("name", "communities_reached", "email", "phone", "website")],
    (_organisation_register, "themes", NUL),
    *[(_activity_create, field, text)
      for field in ("title", "description", "address", "postcode", "city", "cost", "email",
                    "phone", "schedules-0-weekdays", "schedules-0-frequency")
      for text in (OVER_LONG, NUL)],
    *[(_activity_create, field, LINE_BREAK) for field in ("title", "address", "cost")],
    *[(_organisation_reject, "reason", text) for text in (OVER_LONG, NUL)],
    *[(_infopunt_contact, field, text)
      for field in ("first_name", "phone", "email", "question", "preferred_language")
      for text in (OVER_LONG, NUL)],
    *[(_infopunt_contact, field, LINE_BREAK) for field in ("first_name", "email")],
    (_infopunt_contact, "email", long_email(300)),
    (_import_upload, "file", NUL),
    *[(_tally_create, field, text)
      for field in ("activity", "session_date", "total", "newcomers", "first_timers",
                    "went_well")
      for text in (OVER_LONG, NUL, LINE_BREAK)],
    *[(_overlap_decide, field, text) for field in ("state", "reason")
      for text in (OVER_LONG, NUL)],
    # The coordination layer's forms (regie).
    *[(_signal_create, field, text) for field in ("topic", "text", "organisation", "wijk",
                                                  "theme") for text in (OVER_LONG, NUL)],
    (_signal_create, "topic", LINE_BREAK),
    *[(_signal_reply, "text", text) for text in (OVER_LONG, NUL)],
    *[(_message_create, field, text) for field in ("subject", "body", "themes", "wijken",
                                                   "kinds", "token")
      for text in (OVER_LONG, NUL)],
    *[(_message_create, field, LINE_BREAK) for field in ("subject", "token")],
    *[(_message_preference, "receive", text) for text in (OVER_LONG, NUL, LINE_BREAK)],
    *[(_match_start, field, text)
      for field in ("goal_1", "goal_2", "goal_3", "starts_on", "planned_end")
      for text in (OVER_LONG, NUL, LINE_BREAK)],
    *[(_checkin, field, text) for field in ("on", "text") for text in (OVER_LONG, NUL, LINE_BREAK)],
    *[(_goal_evaluate, field, text) for field in ("moment", "result", "words")
      for text in (OVER_LONG, NUL, LINE_BREAK)],
    *[(_match_end, field, text) for field in ("ended_on", "reason", "note")
      for text in (OVER_LONG, NUL, LINE_BREAK)],
    *[(_expected_arrivals, f"aankomst-{field}", text) for field in ("month", "number", "note")
      for text in (OVER_LONG, NUL, LINE_BREAK)],
    *[(_taakstelling, f"halfjaar-{field}", text)
      for field in ("year", "half", "number", "note") for text in (OVER_LONG, NUL)],
    *[(page, field, "-1") for page, field in ((_expected_arrivals, "aankomst-number"),
                                              (_taakstelling, "halfjaar-number"),
                                              (_taakstelling, "halfjaar-year"))],
    *[(_volunteer_signup, field, text)
      for field in ("first_name", "surname", "phone", "email", "motivation", "languages",
                    "wijk", "available", "interests")
      for text in (OVER_LONG, NUL)],
    *[(_volunteer_signup, field, LINE_BREAK) for field in ("first_name", "surname", "email")],
    (_volunteer_signup, "email", long_email(300)),
    *[(_vacancy_create, field, text)
      for field in ("title", "description", "hours", "theme", "wijk", "starts_on", "languages")
      for text in (OVER_LONG, NUL)],
    *[(_vacancy_create, field, LINE_BREAK) for field in ("title", "hours")],
    *[(_application_decline, "reason", text) for text in (OVER_LONG, NUL)],
]


def _case_id(value) -> str:
    if callable(value):
        return value.__name__.strip("_")
    if "\x00" in value:
        return "NUL"
    if "\r\n" in value:
        return "CRLF"
    return value if len(value) < 20 else f"{len(value)}-characters"


@pytest.mark.parametrize(("page", "field", "text"), SPOILED, ids=_case_id)
def test_hostile_input_gives_the_form_with_an_error_never_a_500(
    client, login_as, gemeente, monkeypatch, page, field, text
):
    client.raise_request_exception = False  # a crash must show as the 500 a visitor gets
    url, data = page(client, login_as, gemeente, monkeypatch)
    response = client.post(url, filled(data, **{field: text}))
    assert response.status_code in (200, 400), response.status_code
    assert _shown_errors(response.context), "the page says what is wrong"
