from django.apps import AppConfig


class MentorshipConfig(AppConfig):
    name = "netweave.mentorship"
    label = "mentorship"
    verbose_name = "Mentorship and learning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Learnings and session notes join search everywhere (the index tables come from this app's migration).
        from netweave.mentorship import search_sources  # noqa: F401
