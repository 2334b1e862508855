from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "netweave.opportunities"
    label = "opportunities"
    verbose_name = "Opportunities and contributions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # How an opportunity came about, for ripple's lineage_of(owner, "opportunity", id). A resolver per kind,
        # so registering again (ripple wiring it too) replaces rather than repeats it.
        from netweave.opportunities.lineage import opportunity_lineage, ripple_descendants
        from netweave.ripple import tree
        from netweave.ripple.lineage import register

        register("opportunity", opportunity_lineage)
        tree.register(ripple_descendants)  # the opportunities each person led to, in their ripple tree
