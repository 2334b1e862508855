"""read_capture: one line typed after a meeting becomes a kind, the names of the people, and a when."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings as hsettings
from hypothesis import strategies as st

from netweave.interactions.capture import guess_kind, read_capture
from netweave.interactions.when import parse_when


def test_coffee_with_two_people_is_a_meeting_with_both_names():
    capture = read_capture("Coffee with Ana Lima and Bo Chen")
    assert (capture.kind, capture.names, capture.when_text) == ("meeting", ["Ana Lima", "Bo Chen"], "")


def test_a_call_with_three_people_yesterday_about_something():
    capture = read_capture("Call with Dana, Eli & Fay yesterday about the round")
    assert (capture.kind, capture.names, capture.when_text) == ("call", ["Dana", "Eli", "Fay"], "yesterday")


def test_zoom_with_the_short_form_of_with_is_a_video_call():
    capture = read_capture("Zoom w/ Ana")
    assert (capture.kind, capture.names) == ("video", ["Ana"])


def test_text_without_with_names_nobody():
    capture = read_capture("Wrote up notes from the conference")
    assert capture.names == []
    assert capture.kind == "event"


@pytest.mark.parametrize(
    ("text", "names", "when"),
    [
        ("Lunch with Ana Lima last friday", ["Ana Lima"], "last friday"),
        ("Lunch with Ana Lima on monday at the office", ["Ana Lima"], "on monday"),
        ("Drinks with Bo Chen 3 days ago", ["Bo Chen"], "3 days ago"),
        ("Meeting with Ana Lima tomorrow", ["Ana Lima"], "tomorrow"),
        ("Dinner with Bo today", ["Bo"], "today"),
        ("Coffee with Ana a week ago", ["Ana"], "a week ago"),
        ("Breakfast with Ana next tuesday", ["Ana"], "next tuesday"),
        ("Walk with Ana at the park", ["Ana"], ""),
        ("Lunch with Ana, Bo, and Cy", ["Ana", "Bo", "Cy"], ""),
        ("Lunch with Ana + Bo", ["Ana", "Bo"], ""),
        ("Lunch with Ana (she is moving to Berlin)", ["Ana"], ""),
        ("Met with José Álvarez re: the grant", ["José Álvarez"], ""),
        ("Chatted WITH ana lima", ["ana lima"], ""),
        ("coffee with Alexandra and Sandy", ["Alexandra", "Sandy"], ""),
    ],
)
def test_it_cuts_the_names_before_times_topics_and_asides(text, names, when):
    capture = read_capture(text)
    assert capture.names == names
    assert capture.when_text == when


def test_the_when_it_finds_is_one_parse_when_reads():
    now = datetime(2024, 5, 15, 9, 30, tzinfo=ZoneInfo("UTC"))
    for text in ("Call with Ana yesterday", "Lunch with Bo last friday", "Coffee with Cy 3 days ago",
                 "Coffee with Ana a week ago", "Lunch with Ana tomorrow", "Walk with Bo next monday"):
        when = read_capture(text).when_text
        assert when, text
        parse_when(when, now=now)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Called Ana", "call"),
        ("Phone with Bo", "call"),
        ("Video with Ana", "video"),
        ("Teams with Bo", "video"),
        ("Emailed Ana", "email"),
        ("Texted Bo", "message"),
        ("WhatsApp with Ana", "message"),
        ("Met Ana at the meetup", "event"),
        ("Lunch with Ana", "meeting"),
        ("Something with Ana", "meeting"),
        ("", "meeting"),
    ],
)
def test_it_guesses_the_kind_from_the_words_used(text, kind):
    assert guess_kind(text) == kind


def test_the_text_is_kept_with_its_whitespace_collapsed():
    assert read_capture("  Coffee   with\tAna \n").text == "Coffee with Ana"
    assert read_capture(None).text == ""


@given(st.text(max_size=200))
@hsettings(max_examples=500, deadline=None)
def test_it_never_raises_on_any_text(text):
    capture = read_capture(text)
    assert capture.kind in {"meeting", "call", "video", "message", "email", "event", "note"}
    assert all(name and name == name.strip() for name in capture.names)


@given(st.lists(st.sampled_from(["with", "w/", "and", "&", ",", "+", "Ana", "Bo", "yesterday", "last", "friday",
                                 "about", "3", "days", "ago", "(", ")", " ", "call", "zoom"]), max_size=25))
@hsettings(max_examples=500, deadline=None)
def test_it_never_raises_on_text_made_of_its_own_keywords(words):
    read_capture(" ".join(words))
