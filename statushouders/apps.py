from django.apps import AppConfig


class StatushoudersConfig(AppConfig):
    name = "statushouders"
