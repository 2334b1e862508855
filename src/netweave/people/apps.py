from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "netweave.people"
    label = "people"
