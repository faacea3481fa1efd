"""Repairs of flattening artefacts in body paragraphs. Each repair is certain or not done."""

from __future__ import annotations

import re
from collections import Counter

from .text import words

# A short capitalised fragment left alone at the end of a paragraph after a full stop:
# "...in Washington. I" + "n the meantime" is "In the meantime".
_TAIL_FRAGMENT = re.compile(r"(?<=[.!?\"”’)])\s+(?P<frag>[A-Z][a-z]{0,2})$")
_HEAD_PIECE = re.compile(r"^(?P<piece>[a-z]+)\b")

# A subheading fused to the start of the next paragraph, separated by a double space.
_FUSED = re.compile(r"^(?P<head>[A-Z0-9][^.!?:;\"“”]{2,80}?)\s{2,}(?P<rest>[A-Z“\"‘'].+)$")


def has_tail_fragment(paragraph: str) -> bool:
    """Whether a paragraph ends with a lone capitalised fragment (a possible split word)."""
    # The fragment ends the paragraph (or comes before its closing newline) with a letter:
    # most paragraphs end otherwise, answered without searching the whole paragraph.
    last = paragraph[-2:-1] if paragraph[-1:] == "\n" else paragraph[-1:]
    if not ("a" <= last <= "z" or "A" <= last <= "Z"):
        return False
    return _TAIL_FRAGMENT.search(paragraph) is not None


def vocabulary(text: str) -> Counter[str]:
    """How often each word (lower case) appears in the page."""
    return Counter(w.lower() for w in words(text))


def repair_split_word(previous: str, following: str, vocab: Counter[str]) -> tuple[str, str] | None:
    """Move a word's first letters back onto the rest of the word, if that is certain.

    Certain means: the joined word occurs elsewhere in the page, and the trailing piece is
    not a word of its own there (so "I" + "think" is never joined into "Ithink").
    """
    tail = _TAIL_FRAGMENT.search(previous)
    head = _HEAD_PIECE.match(following)
    if not tail or not head:
        return None
    fragment, piece = tail.group("frag"), head.group("piece")
    joined = (fragment + piece).lower()
    # The split occurrence itself counts once as `piece`; elsewhere it must not exist.
    if vocab[joined] < 1 or vocab[piece] > 1:
        return None
    if len(piece) == 1 and piece in {"a"}:
        return None
    return previous[: tail.start()].rstrip(), fragment + following


def split_fused_subhead(raw: str) -> tuple[str, str] | None:
    """("Subheading", "Paragraph...") when a short title-like line was glued onto a paragraph."""
    if "  " not in raw:
        return None
    m = _FUSED.match(raw)
    if not m:
        return None
    head, rest = m.group("head").strip(), m.group("rest").strip()
    head_words, rest_words = words(head), words(rest)
    if not 2 <= len(head_words) <= 10 or len(rest_words) < 8:
        return None
    return " ".join(head.split()), " ".join(rest.split())
