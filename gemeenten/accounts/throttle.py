"""The log-in throttle per address, over all usernames: against password spraying, which
django-axes' lockout (per username and address) never slows.

After LOGIN_THROTTLE_FREE_FAILURES failed log-ins from one address within the window, each
further attempt has to wait twice as long after the last failure as the one before, capped
at LOGIN_THROTTLE_MAX_SECONDS. It never locks: a shared office or kiosk is slowed, but its
people still log in. The state is axes' AccessFailureLog (one row per failure, in the
database, kept AXES_RECORD_RETENTION_DAYS); an attempt refused here never reaches the
password check, so it is not logged and does not lengthen the wait."""
import math
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone


def login_wait_seconds(address: str, *, now: datetime | None = None) -> int:
    """Seconds before the next log-in attempt from this address is checked; 0: now."""
    from axes.models import AccessFailureLog

    if not address:
        return 0
    now = now or timezone.now()
    recent = AccessFailureLog.objects.filter(
        ip_address=address,
        attempt_time__gte=now - timedelta(minutes=settings.LOGIN_THROTTLE_WINDOW_MINUTES),
    ).aggregate(failures=Count("pk"), last=Max("attempt_time"))
    over = recent["failures"] - settings.LOGIN_THROTTLE_FREE_FAILURES
    if over < 0:
        return 0
    delay = min(settings.LOGIN_THROTTLE_BASE_SECONDS * 2 ** min(over, 20),
                settings.LOGIN_THROTTLE_MAX_SECONDS)
    remaining = (recent["last"] + timedelta(seconds=delay) - now).total_seconds()
    return max(0, math.ceil(remaining))
