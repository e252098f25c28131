"""Create this app's periodic jobs in django-celery-beat once, so a beheerder's edits survive:
raise_flags daily before the working day, the worklist e-mail on Monday morning."""
from django.db import migrations
from django.utils import timezone

JOBS = [
    # name, task, crontab (minute, hour, day of week), heartbeat max age in hours
    ("raise_flags", "statushouders.tasks.raise_flags_task", ("0", "6", "*"), 26),
    ("weekly_worklist", "statushouders.tasks.weekly_worklist_task", ("0", "7", "1"), 24 * 8),
]


def create(apps, schema_editor):
    Crontab = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    JobHeartbeat = apps.get_model("gemeenten", "JobHeartbeat")
    for name, task, (minute, hour, weekday), max_age in JOBS:
        crontab, _ = Crontab.objects.get_or_create(
            minute=minute, hour=hour, day_of_week=weekday, day_of_month="*",
            month_of_year="*", timezone="Europe/Amsterdam",
        )
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "enabled": True})
        JobHeartbeat.objects.get_or_create(
            name=name, defaults={"created_at": timezone.now(), "max_age_hours": max_age})


def remove(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[name for name, *_ in JOBS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("django_celery_beat", "__latest__"),
        ("gemeenten", "0009_weekly_worklist_email"),
        ("regie", "0001_periodic_tasks"),
        ("statushouders", "0003_flags"),
    ]
    operations = [migrations.RunPython(create, remove)]
