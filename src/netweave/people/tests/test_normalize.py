"""The pure functions that turn typed or imported values into the forms we store and match on."""

from __future__ import annotations

import pytest
from hypothesis import given, settings as hsettings
from hypothesis import strategies as st

from netweave.people import normalize

# ---------------------------------------------------------------- fold and clean_text


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("José", "jose"),
        ("ŁUKASZ", "lukasz"),
        ("Straße", "strasse"),
        ("Søren Kierkegaard", "soren kierkegaard"),
        ("Đorđe", "dorde"),
        ("Zoë Ångström", "zoe angstrom"),
        ("王伟", "王伟"),
        ("Арина", "арина"),
    ],
)
def test_fold_lowercases_and_strips_accents(text, folded):
    assert normalize.fold(text) == folded


def test_clean_text_collapses_tabs_newlines_and_runs_of_spaces():
    assert normalize.clean_text("  Ana\t\tLima\n  Jr. ") == "Ana Lima Jr."
    assert normalize.clean_text(None) == ""


# ---------------------------------------------------------------- url_key


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/ana-lima",
        "http://www.linkedin.com/in/ana-lima",
        "https://linkedin.com/in/ana-lima/",
        "www.linkedin.com/in/ana-lima/",
        "linkedin.com/in/ana-lima",
        "https://uk.linkedin.com/in/ana-lima?trk=public_profile",
        "https://www.linkedin.com/in/Ana-Lima/",
        "HTTPS://WWW.LINKEDIN.COM/IN/ana-lima",
        "https://www.linkedin.com/in/ana-lima/details/experience/",
        "  https://www.linkedin.com/in/ana-lima/  ",
    ],
)
def test_url_key_gives_every_spelling_of_a_linkedin_profile_one_key(url):
    assert normalize.url_key(url) == "linkedin.com/in/ana-lima"


def test_url_key_reads_percent_encoded_and_accented_slugs_alike():
    assert normalize.url_key("https://www.linkedin.com/in/jos%C3%A9-silva/") == "linkedin.com/in/jose-silva"
    assert normalize.url_key("https://www.linkedin.com/in/José-Silva") == "linkedin.com/in/jose-silva"


def test_url_key_maps_an_old_pub_profile_to_the_in_profile_it_redirects_to():
    # LinkedIn redirected /pub/<name>/<a>/<b>/<c> to /in/<name>-<c><b><a>, the middle parts padded to 3.
    old = "https://sy.linkedin.com/pub/krzysztof-marzec/a7/576/b50?trk=biz_employee_pub"
    assert normalize.url_key(old) == normalize.url_key("https://www.linkedin.com/in/krzysztof-marzec-b50576a7")
    assert normalize.url_key("https://uk.linkedin.com/pub/abdi-ahmed/100/384/6b0") == (
        "linkedin.com/in/abdi-ahmed-6b0384100"
    )


def test_url_key_keeps_two_pub_profiles_with_the_same_name_apart():
    one = normalize.url_key("https://www.linkedin.com/pub/john-smith/1a/2b3/4c5")
    two = normalize.url_key("https://www.linkedin.com/pub/john-smith/9f/8e7/6d5")
    assert one != two


def test_url_key_keeps_in_and_pub_slugs_of_a_company_apart():
    assert normalize.url_key("https://www.linkedin.com/company/acme/") == "linkedin.com/company/acme"
    assert normalize.url_key("https://www.linkedin.com/company/acme") != normalize.url_key(
        "https://www.linkedin.com/in/acme"
    )


def test_url_key_treats_scheme_www_and_trailing_slash_of_other_sites_alike():
    assert normalize.url_key("https://www.example.com/ana/") == normalize.url_key("http://example.com/ana")


def test_url_key_keeps_pages_that_differ_only_by_their_query_apart():
    # Two different videos, papers or profiles are not one value: the key decides which rows are the same.
    assert normalize.url_key("https://www.youtube.com/watch?v=aaa") != normalize.url_key(
        "https://www.youtube.com/watch?v=bbb"
    )


@pytest.mark.parametrize("url", ["http://[abc.com", "https://[::1", "http://ana]lima.com", "://", "%%%", ""])
def test_url_key_never_raises_on_broken_addresses(url):
    assert isinstance(normalize.url_key(url), str)


@given(st.text())
@hsettings(max_examples=300)
def test_url_key_never_raises_on_any_text(text):
    assert isinstance(normalize.url_key(text), str)


# ---------------------------------------------------------------- email


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ana@example.com", "ana@example.com"),
        ("  ana@example.com ", "ana@example.com"),
        ("mailto:ana@example.com", "ana@example.com"),
        ("MAILTO:ana@example.com", "ana@example.com"),
        ("Ana.Lima@EXAMPLE.COM", "Ana.Lima@example.com"),
    ],
)
def test_email_or_error_strips_mailto_and_lowercases_the_domain_only(typed, stored):
    assert normalize.email_or_error(typed) == (stored, None)


@pytest.mark.parametrize("typed", ["ana", "ana@", "@example.com", "ana lima@example.com", "ana@@example.com", ""])
def test_email_or_error_says_why_an_address_is_refused(typed):
    _, why = normalize.email_or_error(typed)
    assert why and "is not an email address" in why


def test_email_key_matches_addresses_that_differ_only_by_case():
    assert normalize.email_key("Ana.Lima@Example.COM ") == normalize.email_key("ana.lima@example.com")


@given(st.text())
@hsettings(max_examples=300)
def test_email_or_error_never_raises(text):
    address, why = normalize.email_or_error(text)
    assert isinstance(address, str)
    assert why is None or isinstance(why, str)


# ---------------------------------------------------------------- phone


def test_a_number_with_a_country_code_is_normalised_to_e164_and_the_raw_kept():
    assert normalize.phone_or_error("+44 20 7946 0958", None) == ("+44 20 7946 0958", "+442079460958", None)


def test_a_number_without_a_country_code_is_kept_raw_when_no_default_region_is_set():
    assert normalize.phone_or_error("020 7946 0958", None) == ("020 7946 0958", "", None)


def test_a_number_without_a_country_code_is_placed_in_the_default_region():
    assert normalize.phone_or_error("020 7946 0958", "GB") == ("020 7946 0958", "+442079460958", None)


def test_a_tel_uri_is_read_as_the_number_it_holds():
    assert normalize.phone_or_error("tel:+1-415-555-2671", None) == ("+1-415-555-2671", "+14155552671", None)


@pytest.mark.parametrize("typed", ["abc", "12", "call me maybe", "+44 20 7946 0958 or so", ""])
def test_text_that_is_not_a_phone_number_is_refused(typed):
    _, e164, why = normalize.phone_or_error(typed, "GB")
    assert e164 == "" and why and "is not a phone number" in why


@given(st.text(), st.sampled_from([None, "GB", "US", "BR", "XX", ""]))
@hsettings(max_examples=300)
def test_phone_or_error_never_raises(text, region):
    raw, e164, why = normalize.phone_or_error(text, region or None)
    assert isinstance(raw, str) and isinstance(e164, str)
    assert why is None or isinstance(why, str)
    if e164:
        assert e164.startswith("+") and e164[1:].isdigit()


@given(st.text(alphabet="0123456789 +()-./#*x", max_size=40))
@hsettings(max_examples=300)
def test_phone_or_error_never_raises_on_phone_like_text(text):
    normalize.phone_or_error(text, "GB")


# ---------------------------------------------------------------- names


def test_split_name_reads_prefixes_suffixes_and_particles():
    assert normalize.split_name("Dr. Ana Maria Lima Jr.") == {
        "prefix": "Dr.", "given_name": "Ana", "middle_name": "Maria", "family_name": "Lima",
        "suffix": "Jr.", "nickname": "",
    }
    assert normalize.split_name("José da Silva")["family_name"] == "da Silva"


def test_join_name_leaves_out_the_nickname_and_empty_parts():
    parts = {"given_name": "Ana", "family_name": "Lima", "nickname": "Aninha", "prefix": ""}
    assert normalize.join_name(parts) == "Ana Lima"


# ---------------------------------------------------------------- birthday


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("1990-01-05", (1990, 1, 5)),
        ("1990-1-5", (1990, 1, 5)),
        ("--01-05", (None, 1, 5)),
        ("01-05", (None, 1, 5)),
        ("2024-02-29", (2024, 2, 29)),
        ("--02-29", (None, 2, 29)),
        ("", None),
    ],
)
def test_birthday_or_error_reads_dates_with_and_without_a_year(text, parsed):
    assert normalize.birthday_or_error(text) == (parsed, None)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2023-02-29", "February has no day 29 in 2023"),
        ("1990-13-01", "no month 13"),
        ("--04-31", "April has no day 31"),
        ("1700-01-01", "out of range"),
        ("5 January", "is not a date"),
        ("1990/01/05", "is not a date"),
    ],
)
def test_birthday_or_error_says_why_a_date_is_refused(text, why):
    parsed, error = normalize.birthday_or_error(text)
    assert parsed is None and why in error
