"""Scoring and snippets in Python, from the rows themselves: the same on SQLite and PostgreSQL.

A word of the text matches a query word when, folded ("Zoë" → "zoe"), it starts with it: the index looks
chunks up as prefixes too, so "東京" marks "東京大学" and "eng" marks "Engineer". Snippets are escaped
text with <mark> around the matching words, never the stored text as HTML.
"""

from __future__ import annotations

import re
from html import escape

from django.utils.safestring import SafeString, mark_safe

from netweave.people.normalize import fold

# A word: anything between white space and punctuation (ASCII, general, CJK and full-width). Combining
# marks stay inside their word, so Devanagari and Thai words are not cut at each vowel sign.
_WORD = re.compile(r"[^\s!-/:-@\[-`{-~\u00a0-\u00bf\u2000-\u206f\u3000-\u303f\ufe30-\ufe4f\uff00-\uff0f"
                   r"\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+")
SNIPPET_WORDS = 24
SCAN_CHARS = 20_000  # a mail body's first 20,000 characters are enough to find where it matches

TITLE, KEYS, BODY = 3.0, 2.0, 1.0


def query_words(chunks: list[str]) -> list[str]:
    """The folded words of a query's chunks: what a word of the text must start with to match."""
    words = []
    for chunk in chunks:
        for word in _WORD.findall(fold(chunk)):
            if word not in words:
                words.append(word)
    return words


def _matches(text: str, words: list[str]) -> set[str]:
    """Which query words some word of `text` starts with."""
    if not text or not words:
        return set()
    folded = fold(text[:SCAN_CHARS])
    if not any(w in folded for w in words):
        return set()  # no word even inside the text: skip cutting it into words
    found = set()
    for token in _WORD.findall(folded):
        for w in words:
            if token.startswith(w):
                found.add(w)
    return found


def field_hits(doc, words: list[str]) -> dict[str, set[str]]:
    """For each part of a doc (title, subtitle, keys, body), the query words it holds."""
    return {"title": _matches(doc.title_text, words), "subtitle": _matches(doc.subtitle, words),
            "keys": _matches(doc.keys, words), "body": _matches(doc.body, words)}


def score(doc, words: list[str], hits: dict[str, set[str]], weight: float) -> float:
    """How well a doc answers the query: each word counts by the best part it is in (title 3, keys 2,
    body 1), averaged, times the kind's weight; a title that is the query itself gains one more."""
    if not words:
        return 0.0
    total = 0.0
    for w in words:
        if w in hits["title"]:
            total += TITLE
        elif w in hits["keys"] or w in hits["subtitle"]:
            total += KEYS
        elif w in hits["body"]:
            total += BODY
        else:
            total += 0.5  # the index matched it where Python reads differently; it is there all the same
    result = weight * total / len(words)
    if fold(doc.title).strip() == " ".join(words):
        result += 1.0
    return result


def snippet(text: str, words: list[str]) -> SafeString:
    """About SNIPPET_WORDS words of `text` around its first match, escaped, the matches in <mark>."""
    text = text[:SCAN_CHARS]
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if not spans:
        return mark_safe(escape(text[:200]))
    marked = [any(fold(text[a:b]).startswith(w) for w in words) for a, b in spans]
    first = marked.index(True) if True in marked else 0
    lo = max(0, first - SNIPPET_WORDS // 3)
    hi = min(len(spans), lo + SNIPPET_WORDS)
    start = 0 if lo == 0 else spans[lo][0]
    end = len(text) if hi == len(spans) else spans[hi - 1][1]
    out = ["…" if start > 0 else ""]
    cursor = start
    for (a, b), hit in zip(spans[lo:hi], marked[lo:hi]):
        out.append(escape(text[cursor:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>" if hit else escape(text[a:b]))
        cursor = b
    out.append(escape(text[cursor:end]))
    if end < len(text):
        out.append("…")
    return mark_safe(" ".join("".join(out).split()))


def best_snippet(doc, words: list[str], hits: dict[str, set[str]]) -> SafeString:
    """The body around its match when the body matched, else the line under the title."""
    if hits["body"] and doc.body:
        return snippet(doc.body, words)
    if doc.subtitle:
        return snippet(doc.subtitle, words)
    return snippet(doc.body, words) if doc.body else mark_safe("")
