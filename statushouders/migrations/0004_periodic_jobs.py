"""Create this app's periodic jobs once (gemeenten/periodic.py): raise_flags daily before the
working day, the worklist e-mail on Monday morning."""
from django.db import migrations

from gemeenten.periodic import PeriodicJob, periodic_jobs_operation

JOBS = [
    PeriodicJob("raise_flags", "statushouders.tasks.raise_flags_task", minute="0", hour="6",
                max_age_hours=26),
    PeriodicJob("weekly_worklist", "statushouders.tasks.weekly_worklist_task", minute="0",
                hour="7", day_of_week="1", max_age_hours=24 * 8),
]


class Migration(migrations.Migration):
    dependencies = [
        ("django_celery_beat", "__latest__"),
        ("gemeenten", "0009_weekly_worklist_email"),
        ("regie", "0001_periodic_tasks"),
        ("statushouders", "0003_flags"),
    ]
    operations = [periodic_jobs_operation(JOBS)]
