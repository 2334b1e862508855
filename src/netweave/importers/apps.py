from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "netweave.importers"
    default_auto_field = "django.db.models.BigAutoField"
