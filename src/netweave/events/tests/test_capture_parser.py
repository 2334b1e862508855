"""Reading capture lines: the forgiving syntax, the lines it refuses, and that no text makes it raise."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from netweave.events.capture import MAX_LINES, groups, parse_line, parse_lines


def test_it_reads_a_name_an_organisation_a_line_about_them_and_a_follow_up():
    line = parse_line("Ana Lima, Acme — works on grid batteries; send her the deck by Friday")
    assert (line.name, line.organisation, line.title) == ("Ana Lima", "Acme", "")
    assert line.about == "works on grid batteries"
    assert line.follow_ups == ["send her the deck by Friday"]
    assert not line.error and not line.together


def test_it_reads_a_title_at_an_organisation_and_an_organisation_in_parentheses():
    assert (parse_line("Ana Lima, CTO at Acme").title, parse_line("Ana Lima, CTO at Acme").organisation) == \
        ("CTO", "Acme")
    line = parse_line("Bo Chen (Acme Energy) - met at the bar")
    assert (line.name, line.organisation, line.about) == ("Bo Chen", "Acme Energy", "met at the bar")


def test_any_dash_with_spaces_or_a_colon_starts_the_line_about_them_but_a_hyphen_in_a_name_does_not():
    for text in ("Jean-Luc Picard - captain", "Jean-Luc Picard – captain", "Jean-Luc Picard — captain",
                 "Jean-Luc Picard -- captain", "Jean-Luc Picard: captain", "Jean-Luc Picard —captain"):
        line = parse_line(text)
        assert (line.name, line.about) == ("Jean-Luc Picard", "captain"), text


def test_each_semicolon_starts_a_follow_up_and_a_follow_up_label_is_dropped():
    line = parse_line("Cy Diaz; follow up: send the paper; todo - intro to Bo by next week")
    assert line.follow_ups == ["send the paper", "intro to Bo by next week"]


def test_an_email_address_is_taken_out_of_the_name_in_brackets_or_bare():
    assert parse_line("Ana Lima <Ana@Acme.com>, Acme").email == "Ana@acme.com"
    bare = parse_line("ana@acme.com — from the panel")
    assert (bare.name, bare.email, bare.about, bare.error) == ("", "ana@acme.com", "from the panel", "")


def test_a_number_after_a_hash_names_a_person_by_id():
    line = parse_line("Ana Lima #12 — again")
    assert (line.name, line.person_id) == ("Ana Lima", 12)
    assert parse_line("#12").person_id == 12 and not parse_line("#12").error
    assert parse_line(f"Ana #{2**64}").error


def test_bullets_and_blank_lines_are_ignored_and_line_numbers_count_every_line():
    lines = parse_lines("\n- Ana Lima\n\n* Bo Chen\n3. Cy Diaz\n• Di Evans\n")
    assert [(line.number, line.name) for line in lines] == [(2, "Ana Lima"), (4, "Bo Chen"), (5, "Cy Diaz"),
                                                           (6, "Di Evans")]


def test_plus_lines_are_met_together_with_the_line_above():
    lines = parse_lines("Ana Lima\n+ Bo Chen\n+Cy Diaz\nDi Evans\nEd Fox\n+ Flo Gray")
    assert [line.together for line in lines] == [False, True, True, False, False, True]
    assert groups(lines) == [[0, 1, 2], [4, 5]]


def test_it_refuses_two_people_on_one_line_a_sentence_without_a_dash_and_a_line_without_a_name():
    assert "one person a line" in parse_line("Ana Lima and Bo Chen — founders").error
    assert "long for a name" in parse_line("Ana Lima works on grid batteries at Acme in Lisbon").error
    assert "no name" in parse_line("— a great talk").error
    assert "not a name" in parse_line("!!! — what").error
    assert "neither a name nor an email" in parse_line("ana@acme").error
    assert "a follow-up is 501 characters long" in parse_line("Ana Lima; " + "x" * 501).error


def test_the_same_line_typed_again_has_the_same_key_and_a_changed_line_another():
    first = parse_line("Ana Lima, Acme — works on batteries; send the deck")
    assert parse_line("- ana  lima,   ACME —   works on batteries;send the deck").key == first.key
    assert parse_line("Ana Lima, Acme — works on solar; send the deck").key != first.key


def test_it_stops_after_the_most_lines_one_capture_takes():
    lines = parse_lines("\n".join(f"Person {n}" for n in range(MAX_LINES + 5)))
    assert len(lines) == MAX_LINES + 1 and lines[-1].error


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_it_never_raises_on_any_text(text):
    for line in parse_lines(text):
        assert line.error or line.name or line.person_id or line.email
        assert len(line.name) <= 200 or line.error
        assert line.key


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("Ana Lim,;:—–-+#@<>()*•1. \t\x00é"), max_size=60), max_size=8))
def test_it_never_raises_on_text_made_of_its_own_punctuation(parts):
    for line in parse_lines("\n".join(parts)):
        assert isinstance(line.follow_ups, list)
        assert all(f.strip() for f in line.follow_ups)
