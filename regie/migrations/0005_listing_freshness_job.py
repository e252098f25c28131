"""Create the daily job that asks organisations to re-confirm their listing once
(gemeenten/periodic.py)."""
from django.db import migrations

from gemeenten.periodic import PeriodicJob, periodic_jobs_operation

JOBS = [
    PeriodicJob("listing_freshness", "regie.tasks.listing_freshness_task", minute="40",
                hour="5", max_age_hours=26),
]


class Migration(migrations.Migration):
    dependencies = [
        ("django_celery_beat", "__latest__"),
        ("gemeenten", "0009_weekly_worklist_email"),
        ("regie", "0004_signals_messages_freshness"),
    ]
    operations = [periodic_jobs_operation(JOBS)]
