from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "netweave.web"
    label = "web"
