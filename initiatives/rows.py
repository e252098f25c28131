"""The rows of the regisseur's organisation and activity lists, written in Python: the same
HTML the templates' {% for %} loops gave (tests/initiatives/test_kaart_rows.py compares them),
without the template engine's cost per row (two {% url %}, an include, a date filter and a
dozen {% translate %} per row: about 10 ms of a 25-row page at `national`, issue 21).

What is the same on every row is made once per page: the URLs (reversed once, the pk put in),
the translated words, each distinct date. The rows' themes and languages come from one query
over the link tables, mapped onto the cached option objects (gemeenten.options), instead of
two prefetch queries that build a model object per link."""
from collections import defaultdict

from django.db import connection
from django.urls import reverse
from django.utils import formats
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from gemeenten import options

from .choices import ApprovalState, OrganisationKind
from .models import Activity, Organisation

_PK = 2147483647  # stands for the pk in a reversed URL; no real one reaches it


def _url(name: str):
    """pk -> the URL, from one reverse() per page."""
    before, after = reverse(name, args=[_PK]).split(str(_PK))
    return lambda pk: f"{escape(before)}{int(pk)}{escape(after)}"


def _t(text: str) -> str:
    # As {% translate %} writes it: escaped unless marked safe.
    return conditional_escape(gettext(text))


def _separated(names) -> str:
    """Themes as the loops wrote them: " · " for the eye, ", " for a screen reader."""
    return '<span aria-hidden="true"> · </span><span class="visually-hidden">, </span>'.join(
        names)


def _approval_badge(state) -> str:
    """templates/initiatives/partials/approval_badge.html, with the newline its include
    writes."""
    if state == ApprovalState.APPROVED:
        badge = f'<span class="badge text-bg-success kaart-badge">{_t("approved")}</span>'
    elif state == ApprovalState.PENDING:
        badge = f'<span class="badge text-bg-warning kaart-badge">{_t("awaiting approval")}</span>'
    elif state == ApprovalState.REJECTED:
        badge = f'<span class="badge text-bg-secondary kaart-badge">{_t("rejected")}</span>'
    else:
        badge = ('<span class="badge text-bg-light border kaart-badge">'
                 f'{_t("not in this municipality")}</span>')
    return badge + "\n"


class _Dates:
    """A date in one of the project's formats, each distinct date formatted once."""

    def __init__(self, fmt: str):
        self.fmt, self.done = fmt, {}

    def __call__(self, value) -> str:
        if value not in self.done:
            self.done[value] = escape(formats.date_format(value, self.fmt))
        return self.done[value]


class _Names:
    """An option's escaped name (a translated field), each option once per page."""

    def __init__(self):
        self.done = {}

    def __call__(self, option) -> str:
        name = self.done.get(option.pk)
        if name is None:
            name = self.done[option.pk] = escape(option.name)
        return name


def _link_sql(field, pks) -> tuple[str, list]:
    """SELECT owner id, option id FROM the link table of a many-to-many field, for these
    owners."""
    through = field.remote_field.through._meta
    owner = through.get_field(field.m2m_field_name()).column
    target = through.get_field(field.m2m_reverse_field_name()).column
    quote = connection.ops.quote_name
    return (f"SELECT {quote(owner)}, {quote(target)} FROM {quote(through.db_table)} "
            f"WHERE {quote(owner)} IN ({', '.join(['%s'] * len(pks))})", list(pks))


def _links(fields, pks) -> list[dict]:
    """Per field, owner id -> its option ids, in one query over the link tables. Plain SQL:
    the two querysets, their union and its compilation cost more than a millisecond of a
    list page, the query itself a tenth of that (issue 21). The owners are the page's
    (scoped) rows; a link table has no gemeente of its own."""
    per = [defaultdict(list) for _field in fields]
    if pks:
        parts = [_link_sql(field, pks) for field in fields]
        sql = " UNION ALL ".join(f"SELECT {i} AS k, l.* FROM ({part}) l"
                                 for i, (part, _params) in enumerate(parts))
        with connection.cursor() as cursor:
            cursor.execute(sql, [p for _part, params in parts for p in params])
            for kind, owner_id, target_id in cursor.fetchall():
                per[kind][owner_id].append(target_id)
    return per


def attach_themes_and_languages(activities: list) -> None:
    """activity.row_themes and .row_languages (in the option lists' order) for the page, in
    one query."""
    per_theme, per_language = _links(
        [Activity._meta.get_field("themes"), Activity._meta.get_field("languages")],
        [a.pk for a in activities])
    themes = _ordered(options.themes, per_theme)
    languages = _ordered(options.languages, per_language)
    for activity in activities:
        activity.row_themes = themes.get(activity.pk, [])
        activity.row_languages = languages.get(activity.pk, [])


def attach_themes(organisations: list) -> None:
    """organisation.row_themes for the page, in one query."""
    (per,) = _links([Organisation._meta.get_field("themes")], [o.pk for o in organisations])
    themes = _ordered(options.themes, per)
    for organisation in organisations:
        organisation.row_themes = themes.get(organisation.pk, [])


def _ordered(load, per_owner: dict) -> dict:
    objects = options.by_pk(load, {pk for pks in per_owner.values() for pk in pks})
    position = {pk: i for i, pk in enumerate(objects)}
    return {owner: [objects[pk] for pk in sorted(pks, key=position.__getitem__)]
            for owner, pks in per_owner.items()}


def activity_rows(activities) -> SafeString:
    """The <tr>s of initiatives/partials/activity_results.html, for activities with
    row_themes and row_languages (attach_themes_and_languages) and the list's annotations
    (next_date, approval_state)."""
    activity_url = _url("initiatives:activity_detail")
    organisation_url = _url("initiatives:organisation_detail")
    date = _Dates("WEEKDAY_MONTH_DAY_FORMAT")
    inactive = f'<span class="badge text-bg-secondary kaart-badge">{_t("inactive")}</span>'
    free, online = _t("free"), f' · {_t("online")}'
    languages_label = f' · <span class="visually-hidden">{_t("Languages")}: </span>'
    newcomer_led = ('<br><span class="badge text-bg-info kaart-badge">'
                    f'{_t("by and for newcomers")}</span>')
    no_date = f'<span class="text-body-secondary">{_t("no date")}</span>'
    theme_name, abbreviations = _Names(), {}
    rows = []
    for a in activities:
        for language in a.row_languages:
            if language.pk not in abbreviations:
                abbreviations[language.pk] = (f'<abbr title="{escape(language.name_nl)}">'
                                              f"{escape(language.code)}</abbr>")
        languages = ", ".join(abbreviations[language.pk] for language in a.row_languages)
        organisation = a.organisation
        wijk = a.wijk.name if a.wijk is not None else ""
        rows.append(
            "\n        <tr>\n          <td>\n"
            f'            <a href="{activity_url(a.pk)}" class="fw-semibold">'
            f"<bdi>{escape(a.title)}</bdi></a>\n"
            f"            {'' if a.is_active else inactive}\n"
            f"            {'' if a.approval_state == 'approved' else _approval_badge(a.approval_state)}\n"  # noqa: E501
            '            <div class="small text-body-secondary">'
            f"{free if a.is_free else f'<bdi>{escape(a.cost)}</bdi>'}{online if a.online else ''}"
            f"{languages_label + languages if languages else ''}</div>\n"
            "          </td>\n          <td>\n"
            f'            <a href="{organisation_url(a.organisation_id)}">'
            f"<bdi>{escape(organisation.name)}</bdi></a>\n"
            f"            {newcomer_led if organisation.newcomer_led else ''}\n"
            "          </td>\n"
            f"          <td>{escape(wijk) if wijk else '—'}</td>\n"
            "          <td>"
            + (f'<span class="text-nowrap">{date(a.next_date)}</span>' if a.next_date else no_date)
            + "</td>\n"
            f'          <td class="small kaart-themes">'
            f"{_separated(theme_name(theme) for theme in a.row_themes)}</td>\n"
            "        </tr>\n        ")
    return mark_safe("".join(rows))  # noqa: S308 (every value escaped above)


def organisation_rows(organisations) -> SafeString:
    """The <tr>s of initiatives/partials/organisation_results.html, for organisations with
    row_themes (attach_themes) and the list's annotations (activity_count, approval_state,
    last_confirmed)."""
    organisation_url = _url("initiatives:organisation_detail")
    date = _Dates("DATE_FORMAT")
    newcomer_led = ('<br><span class="badge text-bg-info kaart-badge">'
                    f'{_t("by and for newcomers")}</span>')
    # get_kind_display() and the badge per kind and state, once per page.
    kinds = {value: conditional_escape(label) for value, label in OrganisationKind.choices}
    badges = {}
    theme_name = _Names()
    rows = []
    for o in organisations:
        badge = badges.get(o.approval_state)
        if badge is None:
            badge = badges[o.approval_state] = _approval_badge(o.approval_state)
        confirmed = date(o.last_confirmed) if o.last_confirmed else ""
        rows.append(
            "\n        <tr>\n          <td>\n"
            f'            <a href="{organisation_url(o.pk)}" class="fw-semibold">'
            f"<bdi>{escape(o.name)}</bdi></a>\n"
            f"            {newcomer_led if o.newcomer_led else ''}\n"
            "          </td>\n"
            f"          <td>{kinds.get(o.kind) or conditional_escape(o.get_kind_display())}</td>\n"
            f"          <td>{escape(formats.localize(o.activity_count))}</td>\n"
            f"          <td>{badge}</td>\n"
            f"          <td>{confirmed or '—'}</td>\n"
            f'          <td class="small kaart-themes">'
            f"{_separated(theme_name(theme) for theme in o.row_themes)}</td>\n"
            "        </tr>\n        ")
    return mark_safe("".join(rows))  # noqa: S308 (every value escaped above)
