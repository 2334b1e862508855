"""How an API request says who it acts for: a bearer token, or the browser's logged-in session."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from netweave.accounts.services import token_for


class TokenAuth(HttpBearer):
    """`Authorization: Bearer nw_...`; request.auth becomes the token's owner."""

    def authenticate(self, request: HttpRequest, token: str):
        found = token_for(token)
        if found is None:
            return None
        request.api_token = found
        return found.owner


class BrowserSession(SessionAuth):
    """The Django session, so a logged-in browser can use /api/v1/docs.

    CSRF is checked only when a session actually authenticates: a client with a wrong token and no
    session gets 401, not a confusing CSRF 403.
    """

    def _get_key(self, request: HttpRequest):
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key):
        user = request.user
        return user if user.is_authenticated and user.is_active else None


def origin_label(request: HttpRequest) -> str:
    """How the origin of an API write names the client: which token, or the browser."""
    token = getattr(request, "api_token", None)
    return f"API token {token.prefix}" if token is not None else "browser session"


api_auth = [TokenAuth(), BrowserSession()]
