"""One mixin per role, and its decorator twin for function views; the permissions of the
beheerder's admin.

Roles decide in the portal's own pages: a superuser is an account of whoever runs the
installation and passes no role check it does not hold by its role (is_superuser only counts
in the Django admin, where Django's permission checks apply)."""
from functools import wraps

from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import Http404

from .choices import Role


class RoleRequiredMixin(LoginRequiredMixin):
    """Anonymous users go to the log-in; a user of another role gets a 404, not a 403."""

    allowed_roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.user.role not in self.allowed_roles:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class RegisseurRequiredMixin(RoleRequiredMixin):
    allowed_roles = (Role.REGISSEUR,)


class CoordinatorRequiredMixin(RoleRequiredMixin):
    allowed_roles = (Role.COORDINATOR,)


class OrganisationStaffRequiredMixin(RoleRequiredMixin):
    allowed_roles = (Role.COORDINATOR, Role.BEGELEIDER)


def role_required(*roles: str):
    def decorator(view):
        @wraps(view)
        def inner(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.user.role not in roles:
                raise Http404
            return view(request, *args, **kwargs)

        return inner

    return decorator


# What a functioneel beheerder needs in the admin (app_label.codename), and nothing that
# reaches across gemeenten: no axes records, TOTP devices, periodic jobs, groups or
# permissions (those belong to whoever runs the installation, a superuser). Themes, target
# groups, languages and statements are shared by every gemeente of an installation; the
# beheerder edits their texts but neither adds nor deletes them.
BEHEERDER_PERMISSIONS = (
    "gemeenten.view_user", "gemeenten.add_user", "gemeenten.change_user",
    "gemeenten.view_gemeente", "gemeenten.change_gemeente",
    "gemeenten.view_wijk", "gemeenten.add_wijk", "gemeenten.change_wijk",
    "gemeenten.delete_wijk",
    "gemeenten.view_theme", "gemeenten.change_theme",
    "gemeenten.view_targetgroup", "gemeenten.change_targetgroup",
    "gemeenten.view_language", "gemeenten.change_language",
    "gemeenten.view_statement", "gemeenten.change_statement",
    "gemeenten.view_outboxmessage", "gemeenten.view_jobheartbeat",
    *(f"initiatives.{action}_{model}"
      for model in ("organisation", "presence", "funding", "activity", "schedule")
      for action in ("view", "add", "change", "delete")),
    "initiatives.view_invitation",
)


def permissions_named(names) -> QuerySet:
    """The Permission rows of these "app_label.codename" names."""
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    condition = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".", 1)
        condition |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(condition)


def beheerder_permissions() -> QuerySet:
    return permissions_named(BEHEERDER_PERMISSIONS)
