"""The worklist (werkvoorraad): a user's open flags, most urgent first, and the weekly e-mail
that tells begeleiders and regisseurs how many wait — a count and a link, no names."""
from datetime import date

from django.conf import settings
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gemeenten.choices import Role
from gemeenten.models import User
from gemeenten.scope import each_gemeente_in_scope

from .choices import FLAG_URGENCY
from .flags import _outbox
from .models import Flag


def worklist(user):
    urgency = Case(*[When(kind=kind, then=Value(i)) for i, kind in enumerate(FLAG_URGENCY)],
                   output_field=IntegerField())
    return (Flag.objects.for_user(user).open()
            .select_related("begeleiding__newcomer", "begeleiding__organisation",
                            "referral__to_organisation", "referral__newcomer",
                            "presence__organisation", "organisation")
            .annotate(urgency=urgency).order_by("urgency", "due_date", "pk"))


def weekly_worklist_emails(*, today: date) -> int:
    """One e-mail per user per ISO week (its key), only to who has open flags and did not
    switch it off."""
    year, week, _day = today.isocalendar()
    sent = 0
    for gemeente in each_gemeente_in_scope():
        messages = []
        users = User.objects.filter(gemeente=gemeente, is_active=True,
                                    weekly_worklist_email=True,
                                    role__in=(Role.BEGELEIDER, Role.REGISSEUR)).exclude(email="")
        link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("statushouders:worklist")
        for user in users:
            count = worklist(user).count()
            if not count:
                continue
            with translation.override(settings.STAFF_LANGUAGE):
                subject = ngettext("%(count)d action point waits for you",
                                   "%(count)d action points wait for you", count) % {
                    "count": count}
                body = _("Your worklist in the regie portal has open action points. Log in "
                         "to see them:\n%(link)s\n\nYou can switch this weekly e-mail off on "
                         "your worklist.") % {"link": link}
            messages.append((f"worklist:{user.pk}:{year}-W{week:02d}", user.email, subject,
                             body, gemeente.pk))
        sent += _outbox(messages)
    return sent
