from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self):
        from gemeenten.datagen.registry import register_demo_step, register_scale_step
        from gemeenten.navigation import register_nav_count
        from initiatives.accounts.services import on_invitation_accepted

        from . import privacy  # noqa: F401  registers this app's retention handler
        from .datagen.demo import demo_volunteers
        from .datagen.scale import vacancies_delete, vacancies_generate
        from .models import VolunteerApplication
        from .services.vacancies import volunteer_invitation_accepted

        register_demo_step("volunteers", demo_volunteers)
        register_scale_step("vacancies", vacancies_generate, delete=vacancies_delete)
        register_nav_count("volunteer_applications", lambda user: VolunteerApplication.objects
                           .for_user(user).pending().count())
        on_invitation_accepted(volunteer_invitation_accepted)
