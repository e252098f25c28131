"""Create the nightly overlap detection once (gemeenten/periodic.py)."""
from django.db import migrations

from gemeenten.periodic import PeriodicJob, periodic_jobs_operation

JOBS = [
    PeriodicJob("detect_overlap", "regie.tasks.detect_overlap_everywhere_task", minute="45",
                hour="2", max_age_hours=26),
]


class Migration(migrations.Migration):
    dependencies = [
        ("django_celery_beat", "__latest__"),
        ("gemeenten", "0010_privacy_statement_contact_reader"),
        ("regie", "0002_overlap_finding"),
    ]
    operations = [periodic_jobs_operation(JOBS)]
