from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "netweave.search"
    label = "search"
    verbose_name = "Search"
