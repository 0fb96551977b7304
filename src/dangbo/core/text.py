"""Vietnamese text: one home for normalisation, folding and name sorting.

- ``nfc()`` normalises user input to NFC (what Vietnamese keyboards and Word disagree on).
- ``fold()`` backs the ``*_folded`` search columns: "Đào Thiện Tiến" → "dao thien tien".
- ``name_sort_key()`` orders people the Vietnamese way: given name, then middle name(s), then
  family name, each in the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t
  u ư v x y) with tones compared only after the letters (none, huyền, hỏi, ngã, sắc, nặng — the
  order of CLDR/ICU's Vietnamese collation). Source: domain-rules §7 [N1], [N2].

The sort key is a string of ASCII digits only, so that ``ORDER BY`` gives the same order under
SQLite's binary collation and any PostgreSQL collation.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clip_query", "fold", "name_sort_key", "nfc", "split_name", "normalize_name"]

_WS = re.compile(r"\s+")

# Combining tone marks (dấu thanh) and their rank after letters; 0 = no tone (thanh ngang).
TONE_MARKS: dict[str, int] = {
    "\u0300": 1,  # huyền  à
    "\u0309": 2,  # hỏi    ả
    "\u0303": 3,  # ngã    ã
    "\u0301": 4,  # sắc    á
    "\u0323": 5,  # nặng   ạ
}

# Letter-forming marks: breve (ă), circumflex (â ê ô), horn (ơ ư).
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}

ALPHABET: tuple[str, ...] = (
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
)  # fmt: skip
# Two-digit codes from 10 upwards; "00" ends a part, "01" separates words inside a part.
_CODE = {letter: f"{10 + i:02d}" for i, letter in enumerate(ALPHABET)}
_END, _SPACE = "00", "01"


def nfc(text: str | None) -> str:
    """NFC-normalise, trim and collapse internal white space."""
    if not text:
        return ""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


# A search box holds a name, a card number or a department: a few words. Longer input is cut
# (a query of ~1,000 words built an SQL expression deeper than SQLite allows: issue 7, defect 12).
QUERY_MAX_CHARS = 200
QUERY_MAX_WORDS = 20


def clip_query(text: str | None) -> str:
    """Search input as used: NFC, single spaces, at most ``QUERY_MAX_WORDS`` words and
    ``QUERY_MAX_CHARS`` characters."""
    words = nfc(text[: QUERY_MAX_CHARS * 4] if text else text).split(" ")
    return " ".join(words[:QUERY_MAX_WORDS])[:QUERY_MAX_CHARS].strip()


def normalize_name(text: str | None) -> str:
    """A person's name as stored: NFC, single spaces, each word capitalised."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in nfc(text).split(" ") if w)


def fold(text: str | None) -> str:
    """Lower-case, drop every diacritic, map đ→d: the key for diacritic-blind search."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d")


def _split_letter_and_tone(word: str) -> tuple[list[str], int]:
    """Letters of a word (with their letter-forming marks) and the word's tone rank."""
    letters: list[str] = []
    tone = 0
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in TONE_MARKS:
            tone = TONE_MARKS[ch]
        elif ch in _LETTER_MARKS and letters:
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + ch)
        elif unicodedata.combining(ch):
            continue  # marks foreign to Vietnamese: ignored
        else:
            letters.append(ch)
    return letters, tone


def _letter_code(letter: str) -> str:
    code = _CODE.get(letter)
    if code is not None:
        return code
    if letter.isdigit():
        return "02"  # digits sort before letters
    return "03"  # any other character: after digits, before letters


def _part_key(words: list[str]) -> str:
    """Key of one part of a name: letters of every word first, then their tones."""
    primary: list[str] = []
    tones: list[str] = []
    for i, word in enumerate(words):
        if i:
            primary.append(_SPACE)
        letters, tone = _split_letter_and_tone(word)
        primary.extend(_letter_code(letter) for letter in letters)
        tones.append(str(tone + 1))
    return "".join(primary) + _END + "".join(tones) + "0"


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese full name in its usual written order."""
    words = nfc(full_name).split(" ")
    words = [w for w in words if w]
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def name_sort_key(full_name: str) -> str:
    """Sort key ordering by given name, then middle name(s), then family name."""
    family, middle, given = split_name(full_name)
    return "".join(_part_key(part.split(" ") if part else []) for part in (given, middle, family))
