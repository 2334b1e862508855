from django.apps import AppConfig


class InteractionsConfig(AppConfig):
    name = "netweave.interactions"
    label = "interactions"
