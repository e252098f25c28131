"""Create the portal's first periodic jobs once (gemeenten/periodic.py): the outbox sweep, the
occurrences' daily roll-forward and retention."""
from django.db import migrations

from gemeenten.periodic import PeriodicJob, periodic_jobs_operation

JOBS = [
    PeriodicJob("outbox_sweep", "gemeenten.tasks.outbox_sweep_task", minute="*/5", hour="*",
                max_age_hours=1),
    PeriodicJob("occurrences_roll_forward", "initiatives.tasks.occurrences_roll_forward_task",
                minute="15", hour="2", max_age_hours=26),
    PeriodicJob("retention", "gemeenten.tasks.retention_task", minute="30", hour="3",
                max_age_hours=26),
]


class Migration(migrations.Migration):
    dependencies = [
        ("django_celery_beat", "__latest__"),
        ("gemeenten", "0002_seed_taxonomy"),
    ]
    operations = [periodic_jobs_operation(JOBS)]
