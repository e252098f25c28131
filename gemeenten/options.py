"""The option lists of the list filters: the themes, the spoken languages and a gemeente's
wijken. Every result list (the infopunt's, the regisseur's sociale kaart) shows them and they change rarely (in the admin), so they are kept
in the process's cache (settings.CACHES, locmem) for OPTIONS_TTL seconds. A save or delete
in this process clears them at once (the receivers below, connected in apps.py); another
process sees an admin edit within OPTIONS_TTL. (Bulk updates send no signals: also within
OPTIONS_TTL.)

The cached lists are the model objects, so their keys need no language; `labels()` keeps
the infopunt filter's option labels beside them, one list per language.

The cache holds only a token per list; the objects themselves are kept beside it in this
process (`_loaded`) and used while the token is the one they were loaded under. A list page
reads the three lists several times per request, and unpickling the model objects from the
locmem cache each time cost about a millisecond of it (issue 21). Dropping the token (a save,
`cache.clear()`, OPTIONS_TTL) drops the objects with it. They are shared by the requests of
this process: read them, never change them.
"""
import secrets

from django.conf import settings
from django.core.cache import cache
from django.forms.models import ModelChoiceIterator
from django.utils import translation

OPTIONS_TTL = 60

_loaded: dict[str, tuple[int, list]] = {}  # key -> (token, objects)


def _key(kind: str, gemeente_id=None) -> str:
    return f"options:{kind}:{gemeente_id or ''}"


def _cached(key: str, load) -> list:
    token = cache.get(key)
    kept = _loaded.get(key)
    if token is not None and kept is not None and kept[0] == token:
        return kept[1]
    objects = list(load())
    token = secrets.randbits(62)  # unique also if the cache is shared by processes
    _loaded[key] = (token, objects)
    cache.set(key, token, OPTIONS_TTL)
    return objects


def themes() -> list:
    from gemeenten.models import Theme

    return _cached(_key("themes"), Theme.objects.all)


def languages() -> list:
    from gemeenten.models import Language

    return _cached(_key("languages"), Language.objects.all)


def wijken(gemeente) -> list:
    from gemeenten.models import Wijk

    # The queryset only when the list is loaded: building it is most of a cached call.
    return _cached(_key("wijken", gemeente.pk), lambda: Wijk.objects.filter(gemeente=gemeente))


def _labels_key(kind: str, gemeente_id, language: str) -> str:
    return _key(f"{kind}:labels:{language}", gemeente_id)


def labels(kind: str, value, label, *, gemeente=None) -> list[tuple[str, str]]:
    """(value, label) of each object of one list above (`kind`: "themes", "languages" or
    "wijken", with its `gemeente`), as `value(obj)` and `label(obj)` give them in the
    current language, cached beside the objects: the infopunt's filter form shows a hundred
    options on every result list, and making the labels cost more than a millisecond.
    Cleared with the list (`forget`)."""
    gemeente_id = gemeente.pk if gemeente is not None else None
    key = _labels_key(kind, gemeente_id, translation.get_language())
    found = cache.get(key)
    if found is None:
        objects = wijken(gemeente) if kind == "wijken" else {"themes": themes,
                                                              "languages": languages}[kind]()
        found = [(str(value(obj)), str(label(obj))) for obj in objects]
        cache.set(key, found, OPTIONS_TTL)
    return found


def by_pk(load, pks) -> dict:
    """The cached objects of one list (`load`: themes or languages) by pk, for showing a
    row's themes or languages without a query. A pk the cached list lacks (added in another
    process within OPTIONS_TTL) reloads the list once."""
    objects = {obj.pk: obj for obj in load()}
    if not set(pks) <= objects.keys():
        cache.delete(_key(load.__name__))
        objects = {obj.pk: obj for obj in load()}
    return objects


def forget(sender, instance, **kwargs) -> None:
    """post_save / post_delete of Theme, Language or Wijk: drop the list it is in."""
    from gemeenten.models import Language, Theme

    if sender is Theme:
        kind, gemeente_id = "themes", None
    elif sender is Language:
        kind, gemeente_id = "languages", None
    else:
        kind, gemeente_id = "wijken", instance.gemeente_id
    cache.delete_many([_key(kind, gemeente_id)] + [
        _labels_key(kind, gemeente_id, code) for code, _name in settings.LANGUAGES
    ])


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from gemeenten.models import Language, Theme, Wijk

    for model in (Theme, Language, Wijk):
        for signal in (post_save, post_delete):
            signal.connect(forget, sender=model, dispatch_uid=f"gemeenten.options.{model.__name__}")


class CachedChoiceIterator(ModelChoiceIterator):
    """A ModelChoiceField's <option>s from a cached list (`field.cached_objects()`, one of
    the functions above) instead of a query (a server-side cursor on PostgreSQL) each time
    the form is rendered. Validation still looks the chosen value up in the field's
    queryset."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.cached_objects():
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.cached_objects()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.cached_objects())


def use_cached_choices(field, objects) -> None:
    """Let a ModelChoiceField of one form render its options from `objects()` (a function
    above, with its arguments bound), e.g. use_cached_choices(fields["theme"], themes)."""
    field.cached_objects = objects
    field.iterator = CachedChoiceIterator
    field.widget.choices = field.choices
