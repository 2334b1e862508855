"""Users and API tokens. The CLI, the web app and the API all call these."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from netweave.accounts.models import ApiToken, hash_token
from netweave.core import clock
from netweave.core.errors import Invalid

TOKEN_PREFIX = "nw_"
SHOWN_CHARS = 10  # "nw_" and 7 more: enough to tell a user's tokens apart, far too few to guess the rest
# Writing last_used_at on every request would turn each read into a write; a minute is precise enough.
LAST_USED_PRECISION = timedelta(minutes=1)


@transaction.atomic
def create_user(username: str, password: str, *, email: str = ""):
    """Add someone who can log in, with the default circles ready. Raises Invalid naming the bad field."""
    from netweave.people.normalize import email_or_error
    from netweave.people.services import ensure_default_circles

    User = get_user_model()
    errors = {}
    username = (username or "").strip()
    try:
        User._meta.get_field("username").run_validators(username)
    except ValidationError as exc:
        errors["username"] = " ".join(exc.messages)
    if not username:
        errors["username"] = "a user needs a name"
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = f"{username!r} is taken"
    try:
        validate_password(password or "", User(username=username))
    except ValidationError as exc:
        errors["password"] = " ".join(exc.messages)
    if email:
        email, why = email_or_error(email)
        if why:
            errors["email"] = why
    if errors:
        raise Invalid(errors)
    user = User.objects.create_user(username, email=email, password=password)
    ensure_default_circles(user)
    return user


def create_token(user, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`. The raw token is returned once and never stored, only its hash."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(owner=user, name=name.strip()[:100], prefix=raw[:SHOWN_CHARS], digest=hash_token(raw))
    return token, raw


def revoke_token(token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_for(raw: str | None) -> ApiToken | None:
    """The active token `raw` stands for, with its owner loaded; None for unknown, revoked or inactive."""
    if not raw:
        return None
    token = (
        ApiToken.objects.filter(digest=hash_token(raw.strip()), revoked_at__isnull=True)
        .select_related("owner")
        .first()
    )
    if token is None or not token.owner.is_active:
        return None
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        token.last_used_at = now
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def user_for_token(raw: str | None):
    """The user an active token belongs to, or None."""
    token = token_for(raw)
    return token.owner if token else None
