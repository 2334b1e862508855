"""`netweave give`, `ledger`, `ask`, `offer` and `help-this-week`, in-process, on a Typer app of their own (the
root mounts them the same way)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

import pytest
import typer
from typer.testing import CliRunner

from netweave.givefirst import cli, services
from netweave.givefirst.helping import help_this_week
from netweave.givefirst.matching import helpers_for
from netweave.givefirst.models import Ask, Exchange, Offer
from netweave.nurture.tests.today_support import clock, strength  # noqa: F401  (pins today to 2026-03-10)

app = typer.Typer()
cli.register(app)
runner = CliRunner()


def run(*args, user: str = "alice"):
    return runner.invoke(app, [*args, "-u", user], catch_exceptions=False)


def run_json(*args, user: str = "alice"):
    result = run(*args, "--json", user=user)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def ana(make_person, clock):  # noqa: F811
    return make_person("Ana Lima")


@pytest.fixture
def bo(make_person):
    return make_person("Bo Chen")


# ---- give and ledger ----------------------------------------------------------------------------------

def test_give_records_what_i_gave_and_prints_the_balance(alice, ana):
    result = run("give", "advice", "--to", "ana lima", "--note", "pricing", "--day", "2026-03-08")
    assert result.exit_code == 0, result.output
    assert "advice from me to Ana Lima on 2026-03-08" in result.stdout
    assert "Ana Lima: you gave 1, received 0." in result.stdout
    saved = Exchange.objects.get(owner=alice)
    assert (saved.giver, saved.receiver, saved.kind, saved.note, saved.day) == (
        None, ana, "advice", "pricing", date(2026, 3, 8))
    assert saved.origin.kind == "cli"


def test_give_received_from_and_from_to_me_both_record_what_they_gave_me(ana):
    first = run_json("give", "favour", "--received-from", "Ana Lima")
    second = run_json("give", "Referral", "--from", "Ana Lima", "--to", "me")
    for row in (first, second):
        assert row["giver"] == {"id": ana.pk, "display_name": "Ana Lima"} and row["receiver"] is None
        assert row["day"] == "2026-03-10" and row["brokered"] is False
    assert second["kind"] == "referral"


def test_give_from_one_contact_to_another_is_a_brokered_exchange(ana, bo):
    row = run_json("give", "introduction", "--from", "Ana Lima", "--to", "Bo Chen")
    assert row["brokered"] is True and row["giver"]["id"] == ana.pk and row["receiver"]["id"] == bo.pk


@pytest.mark.parametrize("args, code, said", [
    (["give", "advice"], 2, "--to"),
    (["give", "advice", "--received-from", "Ana Lima", "--to", "Bo Chen"], 2, "--received-from"),
    (["give", "advice", "--to", "Ana Lima", "--day", "yesterday"], 2, "not a date"),
    (["give", "advice", "--to", "Nobody Atall"], 2, "Nobody Atall"),
    (["give", "bribe", "--to", "Ana Lima"], 1, "kind"),
    (["give", "advice", "--to", "Ana Lima", "--day", "2026-03-11"], 1, "day"),
    (["give", "advice", "--to", "me"], 1, "receiver"),
    (["give", "advice", "--from", "Ana Lima", "--to", "Ana Lima"], 1, "themselves"),
])
def test_give_refuses_bad_usage_with_2_and_a_refused_exchange_with_1(ana, bo, args, code, said):
    result = run(*args)
    assert result.exit_code == code and said in result.output
    assert not Exchange.objects.exists()


def test_ledger_of_a_person_shows_the_balance_and_the_history(alice, ana, bo):
    services.record_exchange(alice, kind="advice", giver=None, receiver=ana, day=date(2026, 3, 1))
    services.record_exchange(alice, kind="favour", giver=ana, receiver=None, day=date(2026, 3, 4))
    services.record_exchange(alice, kind="referral", giver=ana, receiver=bo, day=date(2026, 3, 6))
    result = run("ledger", "Ana Lima")
    assert result.exit_code == 0 and "Ana Lima: you gave 1, received 1; brokered 1." in result.stdout
    found = run_json("ledger", "Ana Lima")
    assert found["person"]["id"] == ana.pk and found["balance"]["last_day"] == "2026-03-06"
    assert [e["kind"] for e in found["history"]] == ["referral", "favour", "advice"]
    assert [e["kind"] for e in run_json("ledger")] == ["referral", "favour", "advice"]
    assert len(run_json("ledger", "--limit", "1")) == 1


def test_ledger_one_sided_lists_who_only_takes_or_only_gives_with_a_nudge(alice, ana, bo):
    for day in (1, 2, 3):
        services.record_exchange(alice, kind="favour", giver=ana, receiver=None, day=date(2026, 3, day))
    services.record_exchange(alice, kind="favour", giver=None, receiver=bo, day=date(2026, 3, 2))
    found = run_json("ledger", "--one-sided")
    assert [(o["display_name"], o["leans"], o["received"]) for o in found] == [("Ana Lima", "them", 3)]
    result = run("ledger", "--one-sided")
    assert result.exit_code == 0 and found[0]["nudge"][:30] in result.stdout.replace("\n", " ")
    assert len(run_json("ledger", "--one-sided", "--min-count", "1")) == 2
    assert run("ledger", "Ana Lima", "--one-sided").exit_code == 2


# ---- asks and offers ----------------------------------------------------------------------------------

def test_ask_add_for_someone_and_ask_topic_alone_for_me(alice, ana):
    row = run_json("ask", "add", "a senior Rust engineer", "--for", "Ana Lima", "--kind", "hire",
                   "--expires", "2026-04-30", "--details", "remote is fine")
    assert row["person"]["id"] == ana.pk and row["kind"] == "hire" and row["expires_on"] == "2026-04-30"
    result = run("ask", "advice on pricing")
    assert result.exit_code == 0 and "Noted an ask for me: advice on pricing" in result.stdout
    mine = Ask.objects.get(topic="advice on pricing")
    assert mine.person is None and mine.kind == "advice" and mine.origin.kind == "cli"
    assert run_json("ask", "--me", "a co-founder", "--kind", "cofounder")["person"] is None


@pytest.mark.parametrize("args, code, said", [
    (["ask", "add", "x", "--for", "Ana Lima", "--me"], 2, "not both"),
    (["ask", "add", "x", "--kind", "bribe"], 1, "kind"),
    (["ask", "add", "x", "--expires", "2026-03-01"], 1, "expires_on"),
    (["ask", "add", "x", "--expires", "soon"], 2, "not a date"),
    (["ask", "add", "   "], 1, "topic"),
    (["offer", "add", "x", "--kind", "hire"], 1, "kind"),
])
def test_ask_and_offer_refusals(ana, args, code, said):
    result = run(*args)
    assert result.exit_code == code and said in result.output
    assert not Ask.objects.exists() and not Offer.objects.exists()


def test_ask_list_the_open_ones_or_by_status_person_and_words(alice, ana, bo, clock):  # noqa: F811
    rust = services.add_ask(alice, person=ana, kind="hire", topic="a senior Rust engineer")
    mine = services.add_ask(alice, person=None, kind="funding", topic="a seed round")
    late = services.add_ask(alice, person=bo, kind="job", topic="a design role", expires_on=date(2026, 3, 12))
    done = services.add_ask(alice, person=bo, kind="advice", topic="pricing")
    services.close_need(done, "done")
    clock.advance(days=5)

    def ids(*args):
        return [row["id"] for row in run_json("ask", "list", *args)]

    assert ids() == [mine.pk, rust.pk]
    assert ids("--all") == [done.pk, late.pk, mine.pk, rust.pk] == ids("--status", "all")
    assert ids("--status", "expired") == [late.pk] and ids("--status", "done") == [done.pk]
    assert ids("--for", "Bo Chen", "--all") == [done.pk, late.pk] and ids("--me") == [mine.pk]
    assert ids("--query", "rust") == [rust.pk] and ids("--kind", "funding") == [mine.pk]
    assert run_json("ask", "list", "--all")[1]["state"] == "expired"
    table = run("ask", "list")
    assert table.exit_code == 0 and "a senior Rust engineer" in table.stdout and "pricing" not in table.stdout
    assert run("ask", "list", "--status", "lost").exit_code == 2


def test_ask_done_withdraw_and_reopen(alice, ana):
    need = services.add_ask(alice, person=ana, kind="job", topic="a new role")
    assert run_json("ask", "done", str(need.pk))["status"] == "done"
    result = run("ask", "withdraw", str(need.pk))
    assert result.exit_code == 0 and f"Ask {need.pk} (a new role): withdrawn." in result.stdout
    assert run_json("ask", "reopen", str(need.pk))["status"] == "open"
    need.refresh_from_db()
    assert need.status == "open" and need.closed_at is None


def test_reopening_an_expired_offer_needs_a_new_day(alice, bo, clock):  # noqa: F811
    need = services.add_offer(alice, person=bo, kind="review", topic="pitch decks", expires_on=date(2026, 3, 12))
    clock.advance(days=5)
    result = run("offer", "reopen", str(need.pk))
    assert result.exit_code == 1 and "expires_on" in result.output
    assert run_json("offer", "reopen", str(need.pk), "--expires", "2026-05-01")["expires_on"] == "2026-05-01"
    assert [row["id"] for row in run_json("offer", "list")] == [need.pk]


def test_an_unknown_id_is_bad_usage_and_a_strangers_is_unknown(alice, ana, charlie):
    need = services.add_ask(alice, person=ana, kind="job", topic="a new role")
    result = run("ask", "done", "999999")
    assert result.exit_code == 2 and "no ask 999999" in result.output
    for args in (["ask", "done", str(need.pk)], ["ask", "helpers", str(need.pk)], ["offer", "done", str(need.pk)]):
        assert run(*args, user="charlie").exit_code == 2, args
    assert run_json("ask", "list", "--all", user="charlie") == []
    assert run("give", "advice", "--to", "Ana Lima", user="charlie").exit_code == 2
    assert run("ledger", "Ana Lima", user="charlie").exit_code == 2
    assert run("ask", "x", "--for", "Ana Lima", user="charlie").exit_code == 2
    need.refresh_from_db()
    assert need.status == "open" and not Exchange.objects.exists() and Ask.objects.count() == 1


def test_ask_helpers_and_help_this_week(alice, make_person, ana):
    bo = make_person("Bo Chen", expertise=["fundraising"])
    strength(ana, 70), strength(bo, 80)
    need = services.add_ask(alice, person=ana, kind="advice", topic="fundraising")
    found = run_json("ask", "helpers", str(need.pk))
    assert found == [asdict(m) for m in helpers_for(alice, need, limit=10)] and found[0]["person_id"] == bo.pk
    table = run("ask", "helpers", str(need.pk))
    assert table.exit_code == 0 and "Bo Chen" in table.stdout
    week = run_json("help-this-week")
    assert week == [asdict(h) for h in help_this_week(alice)] and week[0]["ask_id"] == need.pk
    assert "Ana Lima" in run("help-this-week").stdout
    assert run("offer", "helpers", str(need.pk)).exit_code == 2  # offers have no helpers
