"""Activity.last_date: the date of the last materialised occurrence, so the public lists
test "has a date ahead" on the activity row instead of probing the occurrences per row."""
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_last_date(apps, schema_editor):
    Activity = apps.get_model("initiatives", "Activity")
    Occurrence = apps.get_model("initiatives", "Occurrence")
    last = (
        Occurrence.objects.filter(activity_id=OuterRef("pk")).order_by("-date")
        .values("date")[:1]
    )
    # One statement for every row; QuerySet.update() leaves updated_at alone.
    Activity.objects.update(last_date=Subquery(last))


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0002_contactrequest'),
    ]

    operations = [
        migrations.AddField(
            model_name='activity',
            name='last_date',
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill_last_date, migrations.RunPython.noop, elidable=True),
    ]
