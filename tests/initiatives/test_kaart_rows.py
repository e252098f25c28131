"""The regisseur's list rows are written in Python (initiatives/rows.py): the HTML must be
byte for byte what the templates' {% for %} loops gave, which are kept here to compare."""
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from gemeenten.choices import Role
from gemeenten.models import Language, Theme
from initiatives.choices import ApprovalState
from initiatives.models import Activity, Organisation, Presence

from .test_kaart_queries import build_kaart

pytestmark = pytest.mark.django_db

# The loops as they were in templates/initiatives/partials/*_results.html.
ACTIVITY_LOOP = """{% load i18n %}      <tbody>
        {% for activity in activity_list %}
        <tr>
          <td>
            <a href="{% url 'initiatives:activity_detail' activity.pk %}" class="fw-semibold"><bdi>{{ activity.title }}</bdi></a>
            {% if not activity.is_active %}<span class="badge text-bg-secondary kaart-badge">{% translate "inactive" %}</span>{% endif %}
            {% if activity.approval_state != "approved" %}{% include "initiatives/partials/approval_badge.html" with state=activity.approval_state %}{% endif %}
            <div class="small text-body-secondary">{% if activity.is_free %}{% translate "free" %}{% else %}<bdi>{{ activity.cost }}</bdi>{% endif %}{% if activity.online %} · {% translate "online" %}{% endif %}{% for language in activity.languages.all %}{% if forloop.first %} · <span class="visually-hidden">{% translate "Languages" %}: </span>{% endif %}<abbr title="{{ language.name_nl }}">{{ language.code }}</abbr>{% if not forloop.last %}, {% endif %}{% endfor %}</div>
          </td>
          <td>
            <a href="{% url 'initiatives:organisation_detail' activity.organisation_id %}"><bdi>{{ activity.organisation.name }}</bdi></a>
            {% if activity.organisation.newcomer_led %}<br><span class="badge text-bg-info kaart-badge">{% translate "by and for newcomers" %}</span>{% endif %}
          </td>
          <td>{{ activity.wijk.name|default:"—" }}</td>
          <td>{% if activity.next_date %}<span class="text-nowrap">{{ activity.next_date|date:"WEEKDAY_MONTH_DAY_FORMAT" }}</span>{% else %}<span class="text-body-secondary">{% translate "no date" %}</span>{% endif %}</td>
          <td class="small kaart-themes">{% for theme in activity.themes.all %}{{ theme.name }}{% if not forloop.last %}<span aria-hidden="true"> · </span><span class="visually-hidden">, </span>{% endif %}{% endfor %}</td>
        </tr>
        {% endfor %}
      </tbody>"""  # noqa: E501

ORGANISATION_LOOP = """{% load i18n %}      <tbody>
        {% for organisation in organisation_list %}
        <tr>
          <td>
            <a href="{% url 'initiatives:organisation_detail' organisation.pk %}" class="fw-semibold"><bdi>{{ organisation.name }}</bdi></a>
            {% if organisation.newcomer_led %}<br><span class="badge text-bg-info kaart-badge">{% translate "by and for newcomers" %}</span>{% endif %}
          </td>
          <td>{{ organisation.get_kind_display }}</td>
          <td>{{ organisation.activity_count }}</td>
          <td>{% include "initiatives/partials/approval_badge.html" with state=organisation.approval_state %}</td>
          <td>{{ organisation.last_confirmed|date:"DATE_FORMAT"|default:"—" }}</td>
          <td class="small kaart-themes">{% for theme in organisation.themes.all %}{{ theme.name }}{% if not forloop.last %}<span aria-hidden="true"> · </span><span class="visually-hidden">, </span>{% endif %}{% endfor %}</td>
        </tr>
        {% endfor %}
      </tbody>"""  # noqa: E501


@pytest.fixture
def varied(gemeente):
    """Rows of every kind: the bulk kaart (26 organisations, pending presences, two themes, a language, next
    dates), plus an inactive online activity with a cost, no wijk, no date, several
    languages, a rejected organisation and names that need escaping."""
    build_kaart(gemeente, 130)
    odd = Organisation.objects.create(name="Stichting <Zon> & \"Maan\"", kind="foundation",
                                      newcomer_led=True)
    Presence.objects.create(organisation=odd, gemeente=gemeente, last_confirmed=None,
                            approval=ApprovalState.REJECTED)
    activity = Activity.objects.create(
        organisation=odd, gemeente=gemeente, title="Aaa <koffie> & 'thee'",
        title_nl="Aaa <koffie> & 'thee'", cost="€ 2 <contant>", online=True, is_active=False)
    activity.languages.set(Language.objects.all()[:3])
    activity.themes.set(Theme.objects.all()[:3])
    Activity.objects.create(organisation=odd, gemeente=gemeente, title="Aab zonder alles",
                            title_nl="Aab zonder alles")
    return gemeente


def _tbody(html: str) -> str:
    return re.search(r"      <tbody>.*?</tbody>", html, re.S)[0]


@pytest.mark.parametrize("language", ["nl", "en", "ar"])
@pytest.mark.parametrize(("url", "loop", "name"), [
    ("initiatives:activity_list", ACTIVITY_LOOP, "activity_list"),
    ("initiatives:organisation_list", ORGANISATION_LOOP, "organisation_list"),
])
@pytest.mark.parametrize("query", ["", "?page=2", "?approval=pending"])
def test_rows_are_the_html_the_template_loop_gave(client, login_as, varied, language, url,
                                                  loop, name, query):
    login_as(Role.REGISSEUR, gemeente=varied)
    with translation.override(language):
        response = client.get(reverse(url) + query, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        rows = response.context[name]
        assert rows, "rows are shown"
        page = response.content.decode()
        active = translation.get_language()
        with translation.override(response.get("Content-Language", active)):
            expected = Template(loop).render(Context({name: rows}))
    assert _tbody(page) == expected


def test_a_theme_made_in_another_process_shows_at_once(client, login_as, gemeente):
    """The rows name themes from the cached option list; a theme the cache does not know
    yet (made in another process, no signal here) reloads it."""
    from django.core.cache import cache

    from gemeenten import options

    login_as(Role.REGISSEUR, gemeente=gemeente)
    build_kaart(gemeente, 5)
    options.themes()  # cached
    theme = Theme(slug="verzonnen", name="Verzonnen thema", name_nl="Verzonnen thema")
    Theme.objects.bulk_create([theme])  # no post_save: the cache keeps the old list
    theme = Theme.objects.get(slug="verzonnen")
    Activity.objects.first().themes.add(theme)
    assert cache.get("options:themes:") is not None
    page = client.get(reverse("initiatives:activity_list")).content.decode()
    assert "Verzonnen thema" in page
