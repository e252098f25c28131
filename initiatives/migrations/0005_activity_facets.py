"""Activity.facets: the themes, languages and target groups as text (" t:taal l:ar "), so
the public list filters on the activity row instead of probing a join table per activity."""
from collections import defaultdict

from django.db import migrations, models


def fill_facets(apps, schema_editor):
    Activity = apps.get_model("initiatives", "Activity")
    tokens = defaultdict(lambda: ([], [], []))
    links = [
        (0, Activity.themes.through, "theme__slug"),
        (1, Activity.languages.through, "language__code"),
        (2, Activity.target_groups.through, "targetgroup__slug"),
    ]
    for kind, through, value in links:
        for activity_id, slug in through.objects.values_list("activity_id", value).iterator():
            tokens[activity_id][kind].append(slug)
    # The same text as initiatives.services.facets_text (a migration keeps its own copy).
    by_text = defaultdict(list)
    for activity_id, (themes, languages, groups) in tokens.items():
        parts = [f"t:{s}" for s in sorted(set(themes))]
        parts += [f"l:{c}" for c in sorted(set(languages))]
        parts += [f"g:{s}" for s in sorted(set(groups))]
        by_text[f" {' '.join(parts)} "].append(activity_id)
    # One UPDATE per distinct combination (a few hundred), in slices SQLite accepts.
    for text, ids in by_text.items():
        for offset in range(0, len(ids), 900):
            Activity.objects.filter(pk__in=ids[offset:offset + 900]).update(facets=text)


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0004_activity_gemeente_organisation_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='activity',
            name='facets',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_facets, migrations.RunPython.noop, elidable=True),
    ]
