"""Accounts that come in from outside and become an organisation's staff: a regisseur's
invitations (services.py, views.py) and the self-registration of an initiative, with their
forms and URLs. Log-in, 2FA and password reset are below, in gemeenten/accounts/."""
