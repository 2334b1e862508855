from django.apps import AppConfig


class RippleConfig(AppConfig):
    name = "netweave.ripple"
    default_auto_field = "django.db.models.BigAutoField"
