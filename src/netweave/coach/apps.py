from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "netweave.coach"
    verbose_name = "Coach: preparation briefs and thoughtful questions"
