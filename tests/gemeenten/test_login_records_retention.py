"""django-axes' records (username, address, browser) are deleted after
AXES_RECORD_RETENTION_DAYS by the retention job (gemeenten.privacy)."""
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.utils import timezone

from gemeenten.privacy import registry, retention_run

pytestmark = pytest.mark.django_db


def _records(days_ago: int, n: int):
    at = timezone.now() - timedelta(days=days_ago)
    common = {"user_agent": "Testbrowser", "ip_address": f"192.0.2.{n}",
              "username": f"persoon{n}", "http_accept": "*/*", "path_info": "/account/login/"}
    attempt = AccessAttempt.objects.create(failures_since_start=1, get_data="", post_data="",
                                           **common)
    failure = AccessFailureLog.objects.create(locked_out=False, **common)
    log = AccessLog.objects.create(**common)
    for model, row in ((AccessAttempt, attempt), (AccessFailureLog, failure), (AccessLog, log)):
        model.objects.filter(pk=row.pk).update(attempt_time=at)  # auto_now_add


def test_axes_records_are_deleted_after_the_retention_period(settings):
    settings.AXES_RECORD_RETENTION_DAYS = 30
    _records(31, 1)
    _records(29, 2)

    assert "login_records" in registry.retention
    result = retention_run(today=timezone.localdate())

    assert result["login_records"] == 3
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        assert list(model.objects.values_list("username", flat=True)) == ["persoon2"]
