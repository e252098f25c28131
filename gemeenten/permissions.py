"""One mixin per role, and its decorator twin for function views."""
from functools import wraps

from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from .choices import Role


class RoleRequiredMixin(LoginRequiredMixin):
    """Anonymous users go to the log-in; a user of another role gets a 404, not a 403."""

    allowed_roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.user.role not in self.allowed_roles and not request.user.is_superuser:
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
            if request.user.role not in roles and not request.user.is_superuser:
                raise Http404
            return view(request, *args, **kwargs)

        return inner

    return decorator
