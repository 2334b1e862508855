"""Opportunities and contributions (see models.py)."""


def lineage_hook(opportunity):
    """The steps an opportunity came through, for ripple's lineage (see opportunities.lineage.lineage_hook)."""
    from netweave.opportunities.lineage import lineage_hook as hook

    return hook(opportunity)
