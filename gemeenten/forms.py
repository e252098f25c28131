"""Forms shared by the apps (the forms of the accounts are in gemeenten/accounts/forms.py)."""


class HoneypotMixin:
    """For public forms without an account: a field people never see (rendered by
    templates/partials/honeypot.html) that a bot fills in. The view then answers as if all
    went well and writes nothing."""

    HONEYPOT = "homepage"

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(self.HONEYPOT))
