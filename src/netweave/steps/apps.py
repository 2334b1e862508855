from django.apps import AppConfig


class StepsConfig(AppConfig):
    name = "netweave.steps"
    label = "steps"
    verbose_name = "Small steps"
    default_auto_field = "django.db.models.BigAutoField"
