"""Tokens and users, at the service layer."""

from datetime import timedelta

import pytest

from netweave.accounts.models import ApiToken, hash_token
from netweave.accounts.services import create_token, create_user, revoke_token, token_for, user_for_token
from netweave.core.errors import Invalid
from netweave.people.models import Circle


def test_a_token_is_stored_only_as_a_hash_and_a_short_prefix(alice):
    token, raw = create_token(alice, name="laptop")
    assert raw.startswith("nw_") and len(raw) > 40
    assert token.digest == hash_token(raw)
    assert raw.startswith(token.prefix) and len(token.prefix) <= 12
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert not any(raw in str(value) for value in stored.values())


def test_each_token_is_different(alice):
    assert create_token(alice)[1] != create_token(alice)[1]


def test_a_token_stands_for_its_owner(alice, bob):
    _, raw = create_token(alice)
    create_token(bob)
    assert user_for_token(raw) == alice


@pytest.mark.parametrize("raw", ["", None, "nw_wrong", "Bearer nw_wrong"])
def test_an_unknown_token_stands_for_nobody(alice, raw):
    create_token(alice)
    assert user_for_token(raw) is None


def test_a_revoked_token_stands_for_nobody(alice):
    token, raw = create_token(alice)
    revoke_token(token)
    assert user_for_token(raw) is None
    assert not ApiToken.objects.get(pk=token.pk).active


def test_revoking_twice_keeps_the_first_revocation_time(alice):
    token, _ = create_token(alice)
    first = revoke_token(token).revoked_at
    assert revoke_token(ApiToken.objects.get(pk=token.pk)).revoked_at == first


def test_a_deactivated_users_token_stands_for_nobody(alice):
    _, raw = create_token(alice)
    alice.is_active = False
    alice.save()
    assert user_for_token(raw) is None


def test_last_used_is_written_at_most_once_a_minute(alice, django_assert_num_queries):
    token, raw = create_token(alice)
    token_for(raw)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    with django_assert_num_queries(1):  # the lookup only: no write
        token_for(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    token_for(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first - timedelta(minutes=1)


def test_create_user_makes_a_user_with_the_default_circles(db):
    user = create_user("dana", "dana-password", email="Dana@Example.com")
    assert user.check_password("dana-password")
    assert not user.is_staff
    assert list(Circle.objects.filter(owner=user).values_list("name", flat=True)) == ["inner", "close", "active", "wide"]


def test_a_new_user_is_no_admin_and_has_the_default_circles(db):
    user = create_user("dana", "dana-password")
    assert not (user.is_staff or user.is_superuser)
    from netweave.people.models import Circle

    assert list(Circle.objects.filter(owner=user).values_list("name", flat=True)) == ["inner", "close", "active",
                                                                                      "wide"]


def test_create_user_refuses_a_taken_name_a_short_password_and_a_bad_email(alice):
    with pytest.raises(Invalid) as caught:
        create_user("Alice", "x", email="not-an-email")
    assert set(caught.value.errors) == {"username", "password", "email"}


def test_create_user_refuses_an_empty_name(db):
    with pytest.raises(Invalid) as caught:
        create_user("  ", "long-enough")
    assert set(caught.value.errors) == {"username"}
