"""The strength model on its own: contacts in, a score and words out, no database."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from netweave.nurture.strength import DEPTH, MODEL, Model, explain, measure, score

NOW = 20_000.0  # days since the epoch, at midnight on the user's clock


def meeting(days_ago: float, by: str = "", kind: str = "meeting", n: int = 1) -> tuple:
    return (NOW - days_ago, kind, n, by)


def test_a_contact_counts_half_as_much_after_one_half_life():
    model = Model(half_life_days=30)
    _, fresh = measure([meeting(0)], now=NOW, model=model)
    _, later = measure([meeting(30)], now=NOW, model=model)
    _, much_later = measure([meeting(60)], now=NOW, model=model)
    assert fresh["recency"] == 1.0
    assert math.isclose(later["recency"], 0.5)
    assert math.isclose(much_later["recency"], 0.25)


def test_the_score_fades_without_contact_and_faster_with_a_shorter_half_life():
    history = [meeting(10 + 14 * i) for i in range(20)]
    scores = [measure([(at - d, *rest) for at, *rest in history], now=NOW)[0] for d in (0, 90, 180, 365)]
    assert scores == sorted(scores, reverse=True) and scores[-1] < scores[0] / 4
    short = measure(history, now=NOW + 60, model=MODEL.with_half_life(30))[0]
    long = measure(history, now=NOW + 60, model=MODEL.with_half_life(180))[0]
    assert short < long


def test_a_weekly_meeting_partner_beats_a_yearly_emailer():
    weekly = [meeting(7 * i + 3) for i in range(52)]
    yearly = [meeting(365 * i + 180, kind="email") for i in range(3)]
    assert score(weekly, now=NOW)[0] > 60
    assert score(yearly, now=NOW)[0] < 15
    assert score(weekly, now=NOW)[0] > 4 * score(yearly, now=NOW)[0]


def test_a_meeting_counts_more_than_a_call_a_message_an_email_or_a_note():
    values = [measure([meeting(5, kind=kind), meeting(40, kind=kind)], now=NOW)[0]
              for kind in ("meeting", "video", "call", "event", "message", "email", "note")]
    assert values == sorted(values, reverse=True) and len(set(values)) == len(values)


def test_a_mass_mail_or_a_big_event_counts_almost_nothing():
    personal = score([meeting(2, kind="email")], now=NOW)[0]
    mass = score([meeting(2, kind="email", n=30)], now=NOW)
    big_event = score([meeting(2, kind="event", n=200)], now=NOW)
    assert personal >= 20
    assert mass[0] <= 1 and big_event[0] == 0
    assert mass[1]["recency"] < 0.02
    assert "1 mass mail" in mass[2] and "big event" in big_event[2]


def test_a_small_group_counts_like_a_one_to_one_and_a_big_meeting_less():
    assert measure([meeting(3, n=3)], now=NOW)[0] == measure([meeting(3)], now=NOW)[0]
    assert measure([meeting(3, n=12)], now=NOW)[0] < measure([meeting(3)], now=NOW)[0]


def test_plans_do_not_count():
    assert score([meeting(-5), meeting(-40)], now=NOW) == (0, score([], now=NOW)[1], "no contact logged yet")
    assert score([meeting(-5), meeting(20)], now=NOW) == score([meeting(20)], now=NOW)


def test_contact_that_only_ever_goes_one_way_scores_lower_than_give_and_take():
    both = [meeting(10 * i + 1, by="me" if i % 2 else "them") for i in range(10)]
    mine = [meeting(10 * i + 1, by="me") for i in range(10)]
    unknown = [meeting(10 * i + 1) for i in range(10)]
    assert measure(mine, now=NOW)[0] < measure(both, now=NOW)[0] == measure(unknown, now=NOW)[0]
    assert measure(mine, now=NOW)[1]["balance"] < 0.2


def test_the_ledger_joins_the_balance():
    mine = [meeting(10 * i + 1, by="me") for i in range(6)]
    alone = measure(mine, now=NOW)[0]
    assert measure(mine, now=NOW, ledger=(0, 6))[0] > alone
    assert measure(mine, now=NOW, ledger=(6, 0))[0] < alone


def test_knowing_someone_longer_raises_the_same_contact():
    recent = [meeting(5), meeting(30)]
    assert measure(recent, now=NOW, known_since=NOW - 2000)[0] > measure(recent, now=NOW, known_since=NOW - 30)[0]


def test_nobody_without_contact_scores_above_zero_however_long_known():
    assert score([], now=NOW, known_since=NOW - 5000)[0] == 0
    assert score([meeting(1, kind="note")], now=NOW)[0] < score([meeting(1, kind="message")], now=NOW)[0]


contacts = st.lists(st.tuples(st.floats(NOW - 4000, NOW + 100), st.sampled_from(sorted(DEPTH)),
                              st.integers(1, 500), st.sampled_from(["me", "them", ""])), max_size=60)


@given(contacts, st.floats(1, 3650))
def test_every_score_is_a_whole_number_from_0_to_100(history, half_life):
    value, parts, words = score(history, now=NOW, model=MODEL.with_half_life(half_life))
    assert isinstance(value, int) and 0 <= value <= 100
    assert all(0 <= part <= 1 for part in parts.values())
    assert words


def test_the_explanation_counts_kinds_in_words_with_plurals():
    history = [meeting(3), meeting(100), meeting(200), meeting(41, kind="call"), meeting(500, kind="email")]
    assert explain(history, now=NOW) == ("3 meetings and 1 call in the past year; last meeting 3 days ago; "
                                         "known for 1 year")
    history = [meeting(2, kind="video"), meeting(9, kind="video"), meeting(30, kind="message"),
               meeting(31, kind="email", n=40)]
    assert explain(history, now=NOW).startswith("2 video calls, 1 message and 1 mass mail in the past year")
    history += [meeting(33, kind="email"), meeting(34, kind="note"), meeting(35, kind="note")]
    assert explain(history, now=NOW).startswith("2 video calls, 1 message, 1 email and 3 others in the past year")


def test_the_last_contact_named_is_not_a_note_unless_there_is_nothing_else():
    assert "last call 9 days ago" in explain([meeting(1, kind="note"), meeting(9, kind="call")], now=NOW)
    assert "last note yesterday" in explain([meeting(1, kind="note")], now=NOW)


def test_the_explanation_says_who_started_and_how_long_we_have_known_each_other():
    history = [meeting(41, by="me", kind="call")] + [meeting(60 + i, by="me") for i in range(3)] + [meeting(70, by="them")]
    assert explain(history, now=NOW) == ("4 meetings and 1 call in the past year; last call 41 days ago; "
                                         "you started 80% of contacts")
    assert explain([meeting(5, by="me"), meeting(9, by="me")], now=NOW).endswith("you started every contact")
    assert explain([meeting(5, by="them"), meeting(9, by="them")], now=NOW).endswith("they started every contact")
    assert explain([meeting(5)], now=NOW, known_since=NOW - 3 * 365.25 - 1).endswith("known for 3 years")


def test_the_explanation_counts_days_on_the_users_calendar():
    assert "last meeting today" in explain([meeting(-0.1)], now=NOW + 0.95)  # 02:24 today, seen at 22:48
    assert "last meeting yesterday" in explain([meeting(0.1)], now=NOW + 0.05)  # 23:00 yesterday, seen at 01:00
    assert "last meeting 5 months ago" in explain([meeting(150)], now=NOW)
    assert "last meeting 3 years ago" in explain([meeting(1100)], now=NOW)


def test_without_history_there_is_nothing_to_explain():
    assert explain([], now=NOW) == "no contact logged yet"
    assert explain([meeting(400)], now=NOW).startswith("no contact in the past year; last meeting 13 months ago")
