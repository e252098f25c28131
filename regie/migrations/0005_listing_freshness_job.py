"""Create the daily job that asks organisations to re-confirm their listing, once, in
django-celery-beat (a beheerder's edits survive), with its heartbeat for /healthz."""
from django.db import migrations
from django.utils import timezone

JOBS = [
    # name, task, crontab (minute, hour), heartbeat max age in hours
    ("listing_freshness", "regie.tasks.listing_freshness_task", ("40", "5"), 26),
]


def create(apps, schema_editor):
    Crontab = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    JobHeartbeat = apps.get_model("gemeenten", "JobHeartbeat")
    for name, task, (minute, hour), max_age in JOBS:
        crontab, _ = Crontab.objects.get_or_create(
            minute=minute, hour=hour, day_of_week="*", day_of_month="*", month_of_year="*",
            timezone="Europe/Amsterdam",
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
        ("regie", "0004_signals_messages_freshness"),
    ]
    operations = [migrations.RunPython(create, remove)]
