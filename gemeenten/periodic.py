"""The periodic jobs each app schedules, created once in django-celery-beat by a data migration
(so a beheerder's later edits in the admin survive) with the heartbeat /healthz checks them
by. A migration lists its jobs and uses `periodic_jobs_operation`:

    JOBS = [PeriodicJob("raise_flags", "statushouders.tasks.raise_flags_task",
                        minute="0", hour="6", max_age_hours=26)]
    operations = [periodic_jobs_operation(JOBS)]

Keep what a migration passes here stable: applied migrations run it again on a new database.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db import migrations
from django.utils import timezone


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: str
    minute: str
    hour: str
    max_age_hours: int
    day_of_week: str = "*"


def periodic_jobs_operation(jobs: list[PeriodicJob]) -> migrations.RunPython:
    """Create each job (crontab in Europe/Amsterdam) and its heartbeat, if not there; the
    reverse removes the jobs and their heartbeats."""
    names = [job.name for job in jobs]

    def create(apps, schema_editor):
        Crontab = apps.get_model("django_celery_beat", "CrontabSchedule")
        PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
        JobHeartbeat = apps.get_model("gemeenten", "JobHeartbeat")
        for job in jobs:
            crontab, _ = Crontab.objects.get_or_create(
                minute=job.minute, hour=job.hour, day_of_week=job.day_of_week,
                day_of_month="*", month_of_year="*", timezone="Europe/Amsterdam")
            PeriodicTask.objects.get_or_create(
                name=job.name, defaults={"task": job.task, "crontab": crontab, "enabled": True})
            JobHeartbeat.objects.get_or_create(
                name=job.name,
                defaults={"created_at": timezone.now(), "max_age_hours": job.max_age_hours})

    def remove(apps, schema_editor):
        apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
            name__in=names).delete()
        apps.get_model("gemeenten", "JobHeartbeat").objects.filter(name__in=names).delete()

    return migrations.RunPython(create, remove)
