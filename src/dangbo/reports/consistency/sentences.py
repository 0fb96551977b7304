"""Splitting a text into sentences with their offsets (issue 10 item 4). Pure.

A sentence ends at a line break, or at ".", "!", "?" or "…" (with closing quotes or brackets)
followed by a space and a word that does not start with a lower-case letter. A full stop inside
a number ("1.250") or an abbreviation followed by a lower-case word does not end a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

_END = re.compile(r"[.!?…]+[”\"'’)\]]*(?=\s+[^\s])")


@dataclass(frozen=True)
class Sentence:
    start: int  # offset of the first character in the text
    end: int  # offset after the last character
    text: str


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split the line ``text[start:end]`` at the sentence ends."""
    out = []
    begin = start
    for m in _END.finditer(text, start, end):
        rest = text[m.end() : end].lstrip()
        if rest[:1].islower():
            continue
        out.append((begin, m.end()))
        begin = m.end()
    out.append((begin, end))
    return out


def split(text: str) -> list[Sentence]:
    """The sentences of ``text``, each stripped of surrounding spaces, empty ones left out."""
    sentences = []
    for line in re.finditer(r"[^\n\r]+", text):
        for begin, end in _pieces(text, line.start(), line.end()):
            piece = text[begin:end]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece) - len(piece.rstrip())
            if piece.strip():
                sentences.append(Sentence(begin + lead, end - trail, piece.strip()))
    return sentences
