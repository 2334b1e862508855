"""The mail importer: threads, correspondents and days become interactions; lists, robots and damage do not."""

from __future__ import annotations

import re
from datetime import datetime, timezone as dt_timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from netweave.core import clock
from netweave.importers.base import ImportOptions
from netweave.importers.mail import MailImporter
from netweave.importers.mailthreads import clean_subject
from netweave.importers.records import InteractionRecord, Note, Rejected, Skip

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=dt_timezone.utc)
ME = "me@example.com"
ANA = '"Ana Lima" <ana@example.org>'
BO = "Bo Chen <bo@example.org>"


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)


def mail(frm: str, to: str, date: str | None, subject: str, msgid: str | None, *, refs: str = "", cc: str = "",
         extra: tuple[str, ...] = (), body: str = "Hello.") -> str:
    lines = [f"From: {frm}", f"To: {to}"]
    if cc:
        lines.append(f"Cc: {cc}")
    if date is not None:
        lines.append(f"Date: {date}")
    lines.append(f"Subject: {subject}")
    if msgid:
        lines.append(f"Message-ID: <{msgid}>")
    if refs:
        lines += [f"In-Reply-To: <{refs.split()[-1]}>", "References: " + " ".join(f"<{r}>" for r in refs.split())]
    lines += list(extra)
    return "\n".join(lines) + "\n\n" + body + "\n"


def mbox(tmp_path: Path, *messages: str, name: str = "inbox.mbox") -> Path:
    path = tmp_path / name
    path.write_text("".join(f"From sender@example Sat Jun  1 10:00:00 2024\n{m}\n" for m in messages), encoding="utf-8")
    return path


def read(path: Path, me=(ME,), bodies=False) -> list:
    return list(MailImporter(ImportOptions(me=list(me), bodies=bodies)).read(path))


def found(records) -> list[InteractionRecord]:
    return [r for r in records if isinstance(r, InteractionRecord)]


def skips(records) -> list[str]:
    return [r.why for r in records if isinstance(r, Skip)]


def notes(records) -> list[str]:
    return [r.why for r in records if isinstance(r, Note)]


def thread(tmp_path) -> Path:
    """Ana and I over two days: I start on Monday, she answers; on Tuesday she writes first, copying Bo, and I
    answer them both."""
    return mbox(
        tmp_path,
        mail(f"Me <{ME}>", ANA, "Mon, 13 May 2024 09:00:00 +0000", "Budget", "m1@example.com"),
        mail(ANA, ME, "Mon, 13 May 2024 11:00:00 +0000", "Re: Budget", "a1@example.org", refs="m1@example.com"),
        mail(ANA, ME, "Tue, 14 May 2024 08:00:00 +0000", "Re: Budget", "a2@example.org",
             refs="m1@example.com a1@example.org", cc=BO),
        mail(f"Me <{ME}>", ANA, "Tue, 14 May 2024 08:30:00 +0000", "Re: Re: Budget", "m2@example.com",
             refs="m1@example.com a1@example.org a2@example.org", cc=BO),
    )


# ---- threads, people and days ----------------------------------------------------------------------------


def test_it_makes_one_interaction_per_thread_person_and_day_with_who_wrote_first(tmp_path):
    records = found(read(thread(tmp_path)))
    assert [(r.key, r.initiated_by, r.occurred_at.hour) for r in records] == [
        ("mail/m1@example.com/ana@example.org/2024-05-13", "me", 9),
        ("mail/m1@example.com/ana@example.org/2024-05-14", "them", 8),
        ("mail/m1@example.com/bo@example.org/2024-05-14", "them", 8),
    ]
    assert all(r.kind == "email" and r.summary == "Budget" and r.notes == "" for r in records)
    assert [r.where for r in records] == ["message 1 (line 1)", "message 3 (line 21)", "message 3 (line 21)"]
    assert [(p.name, p.email) for r in records for p in r.participants] == [
        ("Ana Lima", "ana@example.org"), ("Ana Lima", "ana@example.org"), ("Bo Chen", "bo@example.org")]


def test_it_creates_only_the_people_i_wrote_to(tmp_path):
    path = mbox(tmp_path,
                mail(ANA, ME, "Mon, 13 May 2024 09:00:00 +0000", "Hi", "a@x", cc="Cy <cy@example.org>"),
                mail(BO, ME, "Mon, 13 May 2024 10:00:00 +0000", "Hello", "b@x"),
                mail(ME, "ana@example.org", "Wed, 15 May 2024 10:00:00 +0000", "Re: Hi", "m@x", refs="a@x"))
    made = {p.email: p.create for r in found(read(path)) for p in r.participants}
    assert made == {"ana@example.org": True, "cy@example.org": False, "bo@example.org": False}


def test_it_counts_only_the_sender_of_an_announcement_to_many(tmp_path):
    crowd = ", ".join(f"p{i}@example.org" for i in range(21))
    path = mbox(tmp_path, mail(ANA, f"{ME}, {crowd}", "Mon, 13 May 2024 09:00:00 +0000", "All hands", "all@x"),
                mail(BO, f"{ME}, p1@example.org", "Mon, 13 May 2024 10:00:00 +0000", "Small", "small@x"))
    assert [(r.summary, r.participants[0].email) for r in found(read(path))] == [
        ("All hands", "ana@example.org"), ("Small", "bo@example.org"), ("Small", "p1@example.org")]


def test_it_reads_the_day_in_the_current_time_zone(tmp_path):
    path = mbox(tmp_path, mail(ANA, ME, "Mon, 13 May 2024 23:30:00 +0000", "Late", "late@x"))
    with timezone.override(ZoneInfo("Europe/Lisbon")):
        [record] = found(read(path))
    assert record.key == "mail/late@x/ana@example.org/2024-05-14"
    assert record.occurred_at == datetime(2024, 5, 14, 0, 30, tzinfo=ZoneInfo("Europe/Lisbon"))


@pytest.mark.parametrize("subject, clean", [
    ("Re: Budget", "Budget"), ("RE: Fwd: re[2]: Budget", "Budget"), ("AW: WG: Angebot", "Angebot"),
    ("Fw:  Quarterly\n\tnumbers", "Quarterly numbers"), ("Regarding: rent", "Regarding: rent"), ("", ""),
])
def test_it_cleans_reply_and_forward_markers_from_a_subject(subject, clean):
    assert clean_subject(subject) == clean


def test_it_threads_messages_without_ids_by_a_stable_hash_and_names_empty_subjects(tmp_path):
    path = mbox(tmp_path, mail(ANA, ME, "Mon, 13 May 2024 09:00:00 +0000", "", None))
    [first] = found(read(path))
    [again] = found(read(path))
    assert re.fullmatch(r"mail/nomsgid-[0-9a-f]{24}/ana@example.org/2024-05-13", first.key)
    assert again.key == first.key and first.summary == "(no subject)"


def test_it_roots_a_thread_at_in_reply_to_when_there_are_no_references(tmp_path):
    path = mbox(tmp_path, mail(ANA, ME, "Mon, 13 May 2024 09:00:00 +0000", "Re: x", "a@x",
                               extra=("In-Reply-To: <root@x> (Ana's message)",)))
    assert found(read(path))[0].key == "mail/root@x/ana@example.org/2024-05-13"


def test_it_shortens_a_key_longer_than_the_database_takes(tmp_path):
    path = mbox(tmp_path, mail(ANA, ME, "Mon, 13 May 2024 09:00:00 +0000", "x", "a" * 400 + "@x"))
    key = found(read(path))[0].key
    assert re.fullmatch(r"mail/sha256-[0-9a-f]{40}/ana@example.org/2024-05-13", key)


# ---- what is left out ------------------------------------------------------------------------------------


def test_it_filters_lists_bulk_and_automated_mail_into_one_counted_skip_per_reason(tmp_path):
    day = "Mon, 13 May 2024 09:00:00 +0000"
    path = mbox(
        tmp_path,
        mail(ANA, "dev@lists.example.org", day, "[dev] release", "l1@x", extra=("List-Id: <dev.lists.example.org>",)),
        mail(BO, ME, day, "Offers", "l2@x", extra=("List-Unsubscribe: <https://example.org/u>",)),
        mail(BO, ME, day, "Weekly", "b1@x", extra=("Precedence: bulk",)),
        mail(ANA, ME, day, "Away", "o1@x", extra=("Auto-Submitted: auto-replied",)),
        mail(ANA, ME, day, "Really me", "o2@x", extra=("Auto-Submitted: no",)),
        mail("Shop <no-reply@shop.example.com>", ME, day, "Receipt", "r1@x"),
        mail("MAILER-DAEMON@mx.example.com", ME, day, "Undelivered", "r2@x"),
        mail("GitHub <notifications@github.example>", ME, day, "PR", "r3@x"),
        mail("dev-owner@lists.example.org", ME, day, "Moderation", "r4@x"),
    )
    records = read(path)
    assert [r.summary for r in found(records)] == ["Really me"]
    assert skips(records) == [
        "2 mailing-list messages (List-Id or List-Unsubscribe) (first: message 1 (line 1))",
        "1 bulk message (Precedence: bulk, list or junk) (first: message 3 (line 21))",
        "1 automated message (Auto-Submitted) (first: message 4 (line 31))",
        "4 messages from automated senders (no-reply, notifications, mailer-daemon, list owners, bounces) "
        "(first: message 6 (line 51))",
    ]


def test_it_skips_a_message_without_a_readable_date_without_stopping(tmp_path):
    path = mbox(tmp_path,
                mail(ANA, ME, None, "No date", "n1@x"),
                mail(ANA, ME, "the day after tomorrow", "Bad date", "n2@x"),
                mail(ANA, ME, "Mon, 13 May 2099 09:00:00 +0000", "From the future", "n3@x"),
                mail(ANA, ME, "Mon, 13 May 2024 09:00:00", "No zone", "n4@x"))
    records = read(path)
    assert [(r.summary, r.occurred_at) for r in found(records)] == [
        ("No zone", datetime(2024, 5, 13, 9, tzinfo=dt_timezone.utc))]
    assert skips(records) == ["2 messages without a readable date (first: message 1 (line 1))",
                              "1 message dated in the future (first: message 3 (line 18))"]


def test_it_skips_second_copies_and_notes_to_myself(tmp_path):
    message = mail(ANA, ME, "Mon, 13 May 2024 09:00:00 +0000", "Hi", "same@x")
    path = mbox(tmp_path, message, message, mail(ME, ME, "Mon, 13 May 2024 10:00:00 +0000", "note", "n@x"))
    records = read(path)
    assert len(found(records)) == 1
    assert skips(records) == ["1 second copy of a message already read (same Message-ID) (first: message 2 (line 10))",
                              "1 message from you to nobody but yourself (first: message 3 (line 19))"]


# ---- names and text --------------------------------------------------------------------------------------


def test_it_decodes_encoded_words_in_names_and_subjects(tmp_path):
    path = mbox(tmp_path, mail("=?utf-8?q?Jos=C3=A9_Mar=C3=ADa?= <jose@example.org>",
                               '"=?ISO-8859-1?Q?Zo=EB?=" <zoe@example.org>, me@example.com',
                               "Mon, 13 May 2024 09:00:00 +0000", "=?utf-8?b?UmU6IENhZsOpIGFtYW5ow6M=?=", "enc@x"))
    records = found(read(path))
    assert {(p.name, p.email) for r in records for p in r.participants} == {
        ("José María", "jose@example.org"), ("Zoë", "zoe@example.org")}
    assert {r.summary for r in records} == {"Café amanhã"}


def test_it_reads_raw_utf8_and_latin1_headers(tmp_path):
    path = tmp_path / "raw.mbox"
    path.write_bytes(b"From x Mon May 13 09:00:00 2024\nFrom: Jos\xc3\xa9 <jose@example.org>\nTo: me@example.com\n"
                     b"Date: Mon, 13 May 2024 09:00:00 +0000\nSubject: Caf\xe9\nMessage-ID: <r@x>\n\nbody\n")
    [record] = found(read(path))
    assert record.participants[0].name == "José" and record.summary == "Café"


def test_it_keeps_bodies_only_when_asked_and_leaves_out_quoted_lines(tmp_path):
    path = mbox(tmp_path, mail(ANA, ME, "Mon, 13 May 2024 09:00:00 +0000", "Hi", "b@x",
                               body="Lunch on Friday?\n> what you wrote before\n"))
    assert found(read(path))[0].notes == ""
    assert found(read(path, bodies=True))[0].notes == "Ana Lima, 2024-05-13 09:00:\nLunch on Friday?"


# ---- who I am --------------------------------------------------------------------------------------------


def test_it_takes_me_from_the_address_mail_was_delivered_to(tmp_path):
    path = mbox(tmp_path,
                mail(ANA, f"{ME}, bo@example.org", "Mon, 13 May 2024 09:00:00 +0000", "Hi", "d1@x",
                     extra=(f"Delivered-To: {ME}",)),
                mail(ME, "ana@example.org", "Mon, 13 May 2024 10:00:00 +0000", "Re: Hi", "d2@x", refs="d1@x"))
    records = read(path, me=())
    assert notes(records)[0] == (f"your own address was taken to be {ME} (the address most mail was delivered to); "
                                 "if that is wrong, import again saying which addresses are yours")
    assert {p.email for r in found(records) for p in r.participants} == {"ana@example.org", "bo@example.org"}


def test_it_takes_me_to_be_the_address_in_most_messages_when_nothing_says(tmp_path):
    path = mbox(tmp_path, *[mail(f"P{i} <p{i}@example.org>", ME, f"Mon, 13 May 2024 0{i}:00:00 +0000", "Hi", f"x{i}@x")
                            for i in range(1, 4)])
    records = read(path, me=())
    assert "taken to be me@example.com (the address in most messages)" in notes(records)[0]
    assert [r.participants[0].email for r in found(records)] == ["p1@example.org", "p2@example.org", "p3@example.org"]


# ---- files and folders -----------------------------------------------------------------------------------


def test_it_does_not_split_a_message_on_a_from_in_its_body(tmp_path):
    path = mbox(tmp_path, mail(ANA, ME, "Mon, 13 May 2024 09:00:00 +0000", "Hi", "f1@x",
                               body="First line.\n\nFrom time to time we meet.\n\nFrom me, with love."),
                mail(BO, ME, "Mon, 13 May 2024 10:00:00 +0000", "Yo", "f2@x"))
    records = read(path)
    assert [r.where for r in found(records)] == ["message 1 (line 1)", "message 2 (line 14)"]
    assert skips(records) == []


def test_it_reads_a_maildir_with_its_subfolders_and_not_its_unfinished_deliveries(tmp_path):
    root = tmp_path / "Mail"
    for folder in ("cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp"):
        (root / folder).mkdir(parents=True)
    (root / "cur" / "1700000000.1.host:2,S").write_text(mail(ANA, ME, "Mon, 13 May 2024 09:00:00 +0000", "In", "i@x"))
    (root / "tmp" / "1700000000.2.host").write_text(mail(BO, ME, "Mon, 13 May 2024 09:00:00 +0000", "Half", "h@x"))
    (root / ".Sent" / "cur" / "1700000000.3.host:2,S").write_text(
        mail(ME, BO, "Mon, 13 May 2024 10:00:00 +0000", "Out", "o@x"))
    (root / "dovecot-uidlist").write_text("3 V1 N4\n")
    records = read(root)
    assert [(r.where, r.summary) for r in found(records)] == [
        ("cur/1700000000.1.host:2,S", "In"), (".Sent/cur/1700000000.3.host:2,S", "Out")]
    assert skips(records) == ["1 file that is not mail (not .eml, .mbox, nor in a Maildir's cur/ or new/) "
                              "(first: dovecot-uidlist)"]


def test_it_reads_a_single_eml_even_with_an_envelope_line(tmp_path):
    path = tmp_path / "saved.eml"
    path.write_text("From ana@example.org Mon May 13 09:00:00 2024\n"
                    + mail(ANA, ME, "Mon, 13 May 2024 09:00:00 +0000", "Saved", "s@x"))
    [record] = found(read(path))
    assert record.where == "saved.eml" and record.summary == "Saved"


def test_it_survives_broken_headers_and_a_header_block_that_never_ends(tmp_path):
    path = tmp_path / "broken.mbox"
    path.write_bytes(
        b"From x Mon May 13 09:00:00 2024\n"
        b"this is not a header\nFrom: \nTo: <<<>>>, ,\nDate: Mon, 13 May 2024 09:00:00 +0000\n\n"
        b"From x Mon May 13 09:00:00 2024\n"
        b"From: Ana <ana@example.org>\nCc: Bo <bo@example.org>\ncc: Cy <cy@example.org>\n"
        b"Subject: =?x-unknown?q?odd?= =?utf-8?q?broken\nDate: Mon, 13 May 2024 09:00:00 +0000\n\x00\xff\xfe\n"
        b"X-Huge: " + b"a" * (300 * 1024) + b"\n"
        b"Message-ID: <fine@x>\n\nbody\n"
        b"From x Mon May 13 09:00:00 2024\n"
        b"From: Bo <bo@example.org>\nDate: Mon, 13 May 2024 10:00:00 +0000\nSubject: no end of headers"
    )
    records = read(path)
    assert sorted(p.email for r in found(records) for p in r.participants) == [
        "ana@example.org", "bo@example.org", "bo@example.org", "cy@example.org"]
    assert skips(records) == [
        "1 message without a sender address (first: message 1 (line 1))",
        "1 message whose headers pass 256 KB: only the first 256 KB were read (first: message 2 (line 7))"]


def test_it_rejects_what_is_not_mail_and_an_empty_folder(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("shopping list\nmilk\n")
    with pytest.raises(Rejected) as caught:
        read(text)
    assert caught.value.where == "line 1" and "not mail" in caught.value.why
    (tmp_path / "empty").mkdir()
    with pytest.raises(Rejected, match="has no mail in it"):
        read(tmp_path / "empty")
    with pytest.raises(Rejected, match="is empty"):
        (tmp_path / "zero.mbox").write_bytes(b"")
        read(tmp_path / "zero.mbox")


def test_it_says_what_it_reads_from_names_and_first_bytes(tmp_path):
    (tmp_path / "md" / "cur").mkdir(parents=True)
    assert MailImporter.sniff(tmp_path / "md", b"")
    assert MailImporter.sniff(Path("Inbox"), b"From MAILER-DAEMON Sun Aug  7 11:40:37 2022\n")
    assert MailImporter.sniff(Path("msg"), b"Return-Path: <a@b>\nFrom: a@b\nDate: x\n\nhi")
    assert not MailImporter.sniff(Path("people.csv"), b"From,To,Date\n")
    assert not MailImporter.sniff(Path("card.vcf"), b"BEGIN:VCARD\nVERSION:3.0\n")


# ---- the real files --------------------------------------------------------------------------------------


def test_every_real_mailbox_yields_records_or_is_rejected_naming_the_place(realdata, capsys, monkeypatch):
    monkeypatch.setattr(clock, "now", timezone.now)
    root = realdata / "mail"
    targets = sorted(p for p in root.iterdir() if p.is_dir()) + sorted(root.rglob("*.eml")) + sorted(root.rglob("*.mbox"))
    outcomes = []
    for path in targets:
        name = path.relative_to(realdata)
        try:
            records = read(path, me=())
        except Rejected as exc:
            assert exc.why and (exc.where or exc.why.startswith(("cannot", "is empty", "has no mail"))), exc.message
            outcomes.append(f"{name}: rejected: {exc.message}")
            continue
        assert records, f"{name} yielded nothing and said nothing"
        interactions = found(records)
        for record in interactions:
            assert record.occurred_at.tzinfo is not None and len(record.key) <= 300 and record.participants
            assert record.kind == "email" and record.initiated_by in ("me", "them") and record.notes == ""
        outcomes.append(f"{name}: {len(interactions)} interactions; " + "; ".join(skips(records)))
    with capsys.disabled():
        print("\n" + "\n".join(f"  {line}" for line in outcomes))
    assert len(outcomes) > 80
