"""Accounts: log-in (forms.py), the second factor (twofactor.py, views.py) and password reset
through the outbox, with their URLs under /account/ (urls.py). The User model and the roles
stay in gemeenten/models.py and gemeenten/choices.py. Invitations and self-registration create
an organisation's staff, so they live above, in initiatives/accounts/."""
