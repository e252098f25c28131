"""Issue 22, faults: with Redis down every staff page of every role answers (on the demo
data, seeded once for the module; its own module because that seed is held in one open
transaction, which the transactional tests of test_faults.py must not run inside)."""
import pytest

from ..test_dutch_staff_pages import DEMO_USERNAMES, ROLES, demo  # noqa: F401 - a fixture
from .test_faults import redis_down  # noqa: F401 - a fixture


@pytest.mark.django_db
@pytest.mark.usefixtures("demo", "redis_down")
@pytest.mark.parametrize("role", ROLES)
def test_with_redis_down_every_staff_page_answers_without_a_server_error(client, role):
    """Every staff page of every role (and the public ones) on the demo data, the broker
    down: sessions, 2FA and throttling are in the database, so nothing answers 5xx."""
    from gemeenten.models import User
    from tests.factories import log_in
    from tests.staff_pages import records_for, staff_paths

    user = None
    if role:
        user = log_in(client, User.objects.get(username=DEMO_USERNAMES[role]))
    paths = staff_paths(records_for(user) if user else {})
    answers = {path: client.get(path).status_code for path in paths}
    failed = {path: status for path, status in answers.items() if status >= 500}
    assert not failed, failed
    assert sum(status == 200 for status in answers.values()) >= (2 if role is None else 4)
