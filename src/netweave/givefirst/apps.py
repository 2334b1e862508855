from django.apps import AppConfig


class GivefirstConfig(AppConfig):
    name = "netweave.givefirst"
    default_auto_field = "django.db.models.BigAutoField"
