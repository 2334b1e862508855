"""The search backend for the database in use: SQLite FTS5 or PostgreSQL full-text search."""

from __future__ import annotations

from netweave.search.backends.base import Backend


def backend_for(vendor: str) -> Backend:
    if vendor == "sqlite":
        from netweave.search.backends.sqlite import SQLiteBackend

        return SQLiteBackend()
    if vendor == "postgresql":
        from netweave.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    raise NotImplementedError(f"search has no backend for {vendor}")


def current() -> Backend:
    from django.db import connection

    return backend_for(connection.vendor)
