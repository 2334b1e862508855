from django.apps import AppConfig


class NurtureConfig(AppConfig):
    name = "netweave.nurture"
    default_auto_field = "django.db.models.BigAutoField"
