from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "netweave.core"
    label = "core"
