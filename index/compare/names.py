"""Names spelled differently across articles: Sergei / Sergey Lavrov, Kyiv / Kiev, US / U.S.

Every capitalised word (and run of them, for people) gets a key: folded (case, accents), dots
dropped, then the name-variant table of search (aliases.toml, plus the user's [aliases]), and
last a transliteration skeleton for names the table does not know: "Zelenskyy" and
"Zelenskiy" meet as "zelenski", "Medvedyev" and "Medvedev" as "medvedev". Two spellings with
one key are one name; an entity is reported when the articles do not all spell it alike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..analysis import fold
from .features import STOPWORDS
from .people import find_mentions

__all__ = ["Variant", "find_variants", "skeleton"]

_ACRONYM = re.compile(r"[A-Z]\.?[A-Z]")
_CAPITAL_WORD = re.compile(r"(?<![\w.])[^\W\d_](?:[\w'’-]|\.(?=\w))*\.?")
_SKELETON_RULES = (
    (re.compile(r"kh"), "h"),
    (re.compile(r"[wv]"), "v"),
    (re.compile(r"(?:iy|yy|yi|ij|ii|y|j)(?=$|[^aeiou])"), "i"),
    (re.compile(r"ck|q"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"ey$"), "ei"),
    (re.compile(r"(.)\1+"), r"\1"),
)


def skeleton(word: str) -> str:
    """How a transliterated name sounds, roughly: spellings that differ only here meet."""
    for pattern, replacement in _SKELETON_RULES:
        word = pattern.sub(replacement, word)
    return word


@dataclass(frozen=True)
class Variant:
    """One person or place, and how each article spelled it ("Turkey / Türkiye" when one
    article used both)."""

    entity: str
    spellings: dict[str, str]


def _key(word: str, aliases: Mapping[str, str]) -> str:
    folded = fold(word).replace(".", "")
    folded = aliases.get(folded, folded)
    return skeleton(folded) if len(folded) >= 5 else folded


def _surface(word: str) -> str:
    word = word.removesuffix("’s").removesuffix("'s")
    return word.rstrip(".") if word.count(".") == 1 else word


def find_variants(articles: Sequence[tuple[str, str]], aliases: Mapping[str, str]) -> list[Variant]:
    """The names the articles (id, text) spell differently, people first, in order of
    first appearance."""
    # key -> article id -> spellings in order
    people: dict[tuple[str, ...], dict[str, list[str]]] = {}
    words: dict[str, dict[str, list[str]]] = {}
    lower_words: set[str] = set()
    for article_id, text in articles:
        for m in find_mentions(text):
            if len(m.name.split()) < 2:
                continue
            key = tuple(_key(w, aliases) for w in m.name.split())
            _add(people, key, article_id, m.name)
        for m in _CAPITAL_WORD.finditer(text):
            raw = m.group()
            if not raw[0].isupper():
                lower_words.add(fold(raw))
                continue
            surface = _surface(raw)
            if len(surface) < 2 or (fold(surface) in STOPWORDS and not _ACRONYM.match(surface)):
                continue
            _add(words, _key(surface, aliases), article_id, surface)
    out: list[Variant] = []
    covered: set[str] = set()
    for key, spellings in people.items():
        if _differs(spellings):
            out.append(_variant(spellings, [a for a, _ in articles]))
            covered.update(key)
    for key, spellings in words.items():
        if key in covered or _differs(spellings) is False:
            continue
        if all(fold(s) in lower_words for per in spellings.values() for s in per):
            continue  # an ordinary word at the start of sentences
        out.append(_variant(spellings, [a for a, _ in articles]))
    return out


def _add(table: dict, key: object, article_id: str, surface: str) -> None:
    """Note a spelling; one that differs only in case ("RIYADH" in a dateline) is the same
    spelling, kept in its ordinary case."""
    per = table.setdefault(key, {}).setdefault(article_id, [])
    for k, known in enumerate(per):
        if known.casefold() == surface.casefold():
            if known.isupper() and not surface.isupper():
                per[k] = surface
            return
    per.append(surface)


def _differs(spellings: dict[str, list[str]]) -> bool:
    """True if the spellings differ other than in case ("MOSCOW" is "Moscow")."""
    forms = {s.casefold() for per in spellings.values() for s in per}
    return len(forms) > 1


def _variant(spellings: dict[str, list[str]], order: list[str]) -> Variant:
    counts: dict[str, int] = {}
    for per in spellings.values():
        for s in per:
            counts[s] = counts.get(s, 0) + 1
    entity = max(counts, key=lambda s: (counts[s], s[:1].isupper() and not s.isupper()))
    return Variant(entity, {a: " / ".join(spellings[a]) for a in order if a in spellings})
