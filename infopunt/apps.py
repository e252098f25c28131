from django.apps import AppConfig


class InfopuntConfig(AppConfig):
    name = "infopunt"
