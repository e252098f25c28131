"""Create the periodic jobs in django-celery-beat once, so a beheerder's edits survive."""
from django.db import migrations
from django.utils import timezone

JOBS = [
    # name, task, crontab (minute, hour)
    ("outbox_sweep", "gemeenten.tasks.outbox_sweep_task", ("*/5", "*")),
    ("occurrences_roll_forward", "initiatives.tasks.occurrences_roll_forward_task", ("15", "2")),
    ("retention", "gemeenten.tasks.retention_task", ("30", "3")),
]


def create(apps, schema_editor):
    Crontab = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    JobHeartbeat = apps.get_model("gemeenten", "JobHeartbeat")
    for name, task, (minute, hour) in JOBS:
        crontab, _ = Crontab.objects.get_or_create(
            minute=minute, hour=hour, day_of_week="*", day_of_month="*", month_of_year="*",
            timezone="Europe/Amsterdam",
        )
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "enabled": True}
        )
        JobHeartbeat.objects.get_or_create(
            name=name,
            defaults={"created_at": timezone.now(), "max_age_hours": 1 if name == "outbox_sweep" else 26},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("django_celery_beat", "__latest__"),
        ("gemeenten", "0002_seed_taxonomy"),
    ]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
