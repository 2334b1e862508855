from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "netweave.accounts"
    label = "accounts"
