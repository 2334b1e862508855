"""netweave: a self-hosted, local-first networking assistant."""

__version__ = "0.1.0"
