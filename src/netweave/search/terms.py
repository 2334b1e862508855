"""What a typed query means to the index: a few words, never syntax.

Search engines read quotes, `*`, `NEAR`, `AND`, parentheses and `:` as operators; a person typing into a
search box means words. So the query is cut into plain chunks here, and each backend quotes every chunk
itself: no string a user types can reach the database as an operator.
"""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY_CHARS = 1000  # read no further: nobody types more, and the rest would only cost time
MAX_CHUNKS = 8
MAX_CHUNK_CHARS = 64
OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})

# Where a query splits: white space and the characters search syntax gives meaning to. Dots, @, hyphens and
# apostrophes stay inside a chunk, so an address or "O'Brien" is searched as one phrase.
_SPLIT = re.compile(r"[\s\"()\[\]{}:^*+,;|!?<>=~`\\/]+")

# Letters that are no base letter plus an accent, so neither Unicode decomposition nor SQLite's unicode61
# tokenizer folds them; the SQLite index and its queries spell them out the same way (backends/sqlite.py).
SPECIAL_LETTERS = {
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ħ": "h", "Ħ": "h",
    "ŀ": "l", "Ŀ": "l", "ı": "i", "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "þ": "th", "Þ": "th",
}
_SPECIAL = str.maketrans(SPECIAL_LETTERS)


def is_word_char(ch: str) -> bool:
    """A character the index keeps in a word: letters, digits and private-use characters (unicode61's
    default), plus combining marks, which belong to the letter before them."""
    return unicodedata.category(ch)[0] in "LNM" or unicodedata.category(ch) == "Co"


def _has_word(chunk: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" or unicodedata.category(ch) == "Co" for ch in chunk)


def chunks(text: str | None) -> list[str]:
    """The words of a query as the index will look them up: at most MAX_CHUNKS chunks of at most
    MAX_CHUNK_CHARS characters, operators and punctuation-only pieces left out, repeats dropped."""
    text = unicodedata.normalize("NFC", (text or "")[:MAX_QUERY_CHARS])
    text = "".join(ch if unicodedata.category(ch)[0] != "C" or unicodedata.category(ch) == "Co" else " "
                   for ch in text)
    pieces = [p for p in _SPLIT.split(text) if p and _has_word(p)]
    if len(pieces) > 1:
        pieces = [p for p in pieces if p not in OPERATORS] or pieces
    seen, out = set(), []
    for piece in pieces:
        piece = piece[:MAX_CHUNK_CHARS].strip(".@-'_&#%$")
        key = piece.casefold()
        if piece and _has_word(piece) and key not in seen:
            seen.add(key)
            out.append(piece)
        if len(out) == MAX_CHUNKS:
            break
    return out


def spell_out(chunk: str) -> str:
    """A chunk with the special letters spelled out as the SQLite index spells them."""
    return chunk.translate(_SPECIAL)


def letters(part: str) -> int:
    return sum(1 for ch in part if _has_word(ch))


def is_cjk(part: str) -> bool:
    """Whether a chunk holds Chinese, Japanese or Korean: written without spaces, so a word of two
    characters is already a full word ("東京"), and few index words start with it."""
    return any("\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"
               or "\uf900" <= ch <= "\ufaff" for ch in part)


def for_big_tables(parts: list[str]) -> list[str]:
    """The chunks worth looking up in a table of a million rows: those of two characters or more. A single
    letter (or ideograph) matches nearly every row there and would cost a scan of the whole index, so it
    only searches the small tables (people, organisations, tags, asks and offers)."""
    return [p for p in parts if letters(p) >= 2]


def as_prefix(part: str, big: bool) -> bool:
    """Whether a chunk is looked up as the start of words. In a big table a chunk of two or three letters
    ("UX", "AI", "Nat") is a whole word: as a prefix it would gather every word starting "co" or "nat" from
    a million rows (the small tables, where names are, still take it as a prefix)."""
    return not big or letters(part) >= 4 or is_cjk(part)
