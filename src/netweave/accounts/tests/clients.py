"""API clients for the fixed cast. The root conftest loads this module as a plugin, so the fixtures
as_alice, as_bob and as_charlie are there in every test without an import."""

from __future__ import annotations

import json

import pytest
from django.test import Client


class ApiClient(Client):
    """A test client that sends JSON bodies and a bearer token, and prefixes /api/v1."""

    def __init__(self, raw_token: str | None = None, **kwargs):
        headers = {"Authorization": f"Bearer {raw_token}"} if raw_token else {}
        super().__init__(headers=headers, **kwargs)
        self.raw_token = raw_token

    def _url(self, path: str) -> str:
        return path if path.startswith("/") else f"/api/v1/{path}"

    def get(self, path, data=None, **kwargs):
        return super().get(self._url(path), data, **kwargs)

    def post(self, path, data=None, **kwargs):
        return super().post(self._url(path), json.dumps(data or {}), content_type="application/json", **kwargs)

    def patch(self, path, data=None, **kwargs):
        return super().patch(self._url(path), json.dumps(data or {}), content_type="application/json", **kwargs)

    def delete(self, path, **kwargs):
        return super().delete(self._url(path), **kwargs)


def client_for(user, name: str = "tests") -> ApiClient:
    """A client holding a fresh token of `user`."""
    from netweave.accounts.services import create_token

    _, raw = create_token(user, name=name)
    return ApiClient(raw)


@pytest.fixture
def as_alice(alice) -> ApiClient:
    return client_for(alice)


@pytest.fixture
def as_bob(bob) -> ApiClient:
    return client_for(bob)


@pytest.fixture
def as_charlie(charlie) -> ApiClient:
    return client_for(charlie)


def loc_fields(response) -> list[str]:
    """The field named by each error of a 422 ("emails[0]", "display_name")."""
    return [e["loc"][1] for e in response.json()["detail"] if len(e["loc"]) > 1]
