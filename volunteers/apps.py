from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self):
        from gemeenten.choices import Role
        from gemeenten.datagen.registry import register_demo_step, register_scale_step
        from gemeenten.navigation import register_nav_count
        from initiatives.accounts.services import on_invitation_accepted

        from . import (
            privacy,  # noqa: F401  registers this app's retention handlers
            processing,  # noqa: F401  declares its personal data (AVG art. 30)
        )
        from .datagen.activity import volunteer_activity_delete, volunteer_activity_generate
        from .datagen.demo import demo_volunteers
        from .datagen.matches import demo_matches
        from .datagen.scale import volunteers_delete, volunteers_generate
        from .datagen.tallies import demo_tallies, tallies_delete, tallies_generate
        from .datagen.vacancies import vacancies_delete, vacancies_generate
        from .models import CheckIn, VolunteerApplication
        from .services.vacancies import volunteer_invitation_accepted

        # Volunteers first; the koppelingen link the demo volunteer's account, the tallies
        # use it when it is linked.
        register_demo_step("volunteers", demo_volunteers)
        register_demo_step("koppelingen", demo_matches)
        register_demo_step("volunteer_tallies", demo_tallies)
        register_scale_step("volunteers", volunteers_generate, delete=volunteers_delete)
        register_scale_step("vacancies", vacancies_generate, delete=vacancies_delete)
        register_scale_step("volunteer_tallies", tallies_generate, delete=tallies_delete)
        register_scale_step("volunteer_activity", volunteer_activity_generate,
                            delete=volunteer_activity_delete)
        # The coördinator's check-ins that ask for attention and wait for it; the sign-ups
        # from the infopunt that wait for a decision.
        register_nav_count("koppelingen", lambda user: CheckIn.objects.for_user(user)
                           .needs_attention(), roles=[Role.COORDINATOR])
        register_nav_count("volunteer_applications", lambda user: VolunteerApplication.objects
                           .for_user(user).pending(), roles=[Role.COORDINATOR])
        # An accepted volunteer invitation links the account to its Volunteer.
        on_invitation_accepted(volunteer_invitation_accepted)
