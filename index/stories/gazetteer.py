"""Countries, their people, capitals, cities and institutions, and the words meetings are told
in: the data index/stories/meetings.py reads text with (gazetteer.txt, meeting_words.toml).

Text is cut into tokens (words, and the punctuation that ends clauses); a word is compared in
its folded form (lowercased, accents off, name variants folded as for search: "Kiev" is
"kyiv", "Türkiye" is "turkey"), so the data needs one spelling per name.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Literal

from ..analysis import WORD, fold, load_aliases

__all__ = ["Entry", "Gazetteer", "Token", "tokenize"]

GAZETTEER_FILE = "gazetteer.txt"
WORDS_FILE = "meeting_words.toml"

EntryKind = Literal["country", "demonym", "capital", "city", "institution"]


@dataclass(frozen=True)
class Entry:
    """What a name in the gazetteer stands for: `country` is the display name of the country
    or body ("Russia", "US", "EU")."""

    kind: EntryKind
    country: str
    # A body (EU, NATO...) rather than a state: never a host, never a place.
    body: bool = False


@dataclass(frozen=True, slots=True)
class Token:
    """A word or a punctuation mark of a text: as written, folded, and where."""

    text: str
    key: str  # folded and name-variant-folded; punctuation as written
    start: int
    end: int
    word: bool
    capitalised: bool = False  # a word starting with a capital letter
    all_caps: bool = False  # a word whose letters are all capitals ("US", "MOSCOW", "U.S")


# Handles and hashtags ("@RTErdogan") are one mark, never a name.
_TOKEN = re.compile(
    rf"(?P<handle>[@#]\w+)|(?P<word>{WORD.pattern})|(?P<punct>[,;:()\[\]\"“”‘’'—–]|-{{1,2}}|\.)"
)


_KEYS: dict[tuple[int, str], str] = {}
_KEYS_LIMIT = 200_000


def tokenize(text: str, canon: Mapping[str, str]) -> list[Token]:
    """The words of `text` and the punctuation between them, with offsets into `text`."""
    out = []
    keys = _KEYS
    table = id(canon)
    for m in _TOKEN.finditer(text):
        raw = m.group()
        if m.lastgroup == "word":
            key = keys.get((table, raw))
            if key is None:
                folded = fold(raw)
                key = canon.get(folded, folded)
                if len(keys) >= _KEYS_LIMIT:
                    keys.clear()
                keys[(table, raw)] = key
            out.append(Token(raw, key, m.start(), m.end(), True, raw[0].isupper(), raw.isupper()))
        else:
            out.append(Token(raw, raw, m.start(), m.end(), False))
    return out


@dataclass
class Gazetteer:
    """Name phrases (tuples of folded words) to what they stand for, plus the word lists."""

    aliases: dict[str, str]
    names: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    # Phrases written in capitals ("US", "UN", "UAE") only match text in capitals: "us" is a word.
    caps_only: set[tuple[str, ...]] = field(default_factory=set)
    city_country: dict[str, str] = field(default_factory=dict)  # folded city -> country
    institution_city: dict[str, str] = field(default_factory=dict)  # folded name -> capital
    display: dict[str, str] = field(default_factory=dict)  # folded city / venue -> as written
    bodies: set[str] = field(default_factory=set)
    words: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)
    first_words: dict[str, frozenset[str]] = field(default_factory=dict)
    longest: int = 1
    name_starts: frozenset[str] = frozenset()  # the first word of every name
    # Changes when the data or the name variants change: what was found with other data is stale.
    fingerprint: str = ""
    # A quick look at a sentence: a meeting word, or two capitalised words in a row.
    quick_look: re.Pattern[str] | None = None

    def worth_reading(self, text: str) -> bool:
        """Whether a sentence may name a meeting or a person (most sentences do not)."""
        return self.quick_look is None or self.quick_look.search(text) is not None

    @classmethod
    def load(cls, extra_aliases: Mapping[str, tuple[str, ...]] | None = None) -> Gazetteer:
        """The shipped data, folded with the shipped name variants plus the user's."""
        key = tuple(sorted((k, tuple(v)) for k, v in (extra_aliases or {}).items()))
        return _load(key)

    def phrase(self, text: str) -> tuple[str, ...]:
        """A name or word list entry as the tuple of folded words it is matched by."""
        keys = []
        for m in WORD.finditer(text):
            folded = fold(m.group())
            keys.append(self.aliases.get(folded, folded))
        return tuple(keys)

    def match(self, tokens: list[Token], i: int) -> tuple[int, Entry] | None:
        """The longest name starting at word `i`, as (number of tokens, entry); names must be
        capitalised in the text (the bird is not the country)."""
        first = tokens[i]
        if not first.capitalised or first.key not in self.name_starts:
            return None
        keys: list[str] = []
        best = None
        j = i
        while j < len(tokens) and len(keys) < self.longest:
            t = tokens[j]
            if not t.word:
                if t.text == "." and keys:  # "St. Petersburg", "U.S."
                    j += 1
                    continue
                break
            keys.append(t.key)
            phrase = tuple(keys)
            entry = self.names.get(phrase)
            if entry is not None and (
                phrase not in self.caps_only or all(x.all_caps for x in tokens[i : j + 1] if x.word)
            ):
                best = (j + 1 - i, entry)
            j += 1
        return best

    def word_at(self, kind: str, tokens: list[Token], i: int) -> int:
        """The length in tokens of the longest `kind` word-list phrase at token `i` (0: none)."""
        if tokens[i].key not in self.first_words[kind]:
            return 0
        phrases = self.words[kind]
        best = 0
        keys: list[str] = []
        for j in range(i, min(len(tokens), i + 8)):
            t = tokens[j]
            if not t.word:
                if t.text in ("-", "–"):
                    continue
                break
            keys.append(t.key)
            if tuple(keys) in phrases:
                best = j + 1 - i
        return best


@lru_cache(maxsize=4)
def _load(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> Gazetteer:
    aliases = load_aliases(dict(extra))
    g = Gazetteer(aliases=aliases)
    text = (files(__package__) / GAZETTEER_FILE).read_text(encoding="utf-8")
    body = False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.strip() == "[bodies]":
            body = True
            continue
        cells = [c.strip() for c in line.split("|")]
        cells += [""] * (6 - len(cells))
        display, others, demonyms, capital, cities, institutions = cells[:6]
        if body:
            g.bodies.add(display)

        def add(name: str, kind: EntryKind, country: str = display, is_body: bool = body) -> None:
            phrase = g.phrase(name)
            if not phrase:
                return
            # The first line to claim a name keeps it (Brussels is Belgium's before the EU's).
            if phrase not in g.names or g.names[phrase].kind == "demonym" and kind != "demonym":
                g.names[phrase] = Entry(kind, country, is_body)
            if name.replace(".", "").isupper() and len(name.replace(".", "")) <= 4:
                g.caps_only.add(phrase)
            g.longest = max(g.longest, len(phrase))

        add(display, "country")
        for name in _split(others):
            add(name, "country")
        for name in _split(demonyms):
            add(name, "demonym")
        for kind, names in (("capital", [capital] if capital else []), ("city", _split(cities))):
            for name in names:
                if body:
                    continue  # a body's seat is its host country's city
                add(name, kind)  # type: ignore[arg-type]
                key = " ".join(g.phrase(name))
                g.city_country.setdefault(key, display)
                g.display.setdefault(key, name)
        for name in _split(institutions):
            add(name, "institution")
            key = " ".join(g.phrase(name))
            g.display.setdefault(key, name)
            if capital:
                g.city_country.setdefault(key, display)
                g.institution_city.setdefault(key, " ".join(g.phrase(capital)))
    g.name_starts = frozenset(phrase[0] for phrase in g.names)
    words_text = (files(__package__) / WORDS_FILE).read_text(encoding="utf-8")
    blob = json.dumps([text, words_text, sorted(aliases.items())], ensure_ascii=False)
    g.fingerprint = hashlib.sha256(blob.encode()).hexdigest()[:16]
    words = tomllib.loads(words_text)
    for kind, phrases in words.items():
        g.words[kind] = {g.phrase(p) for p in phrases if g.phrase(p)}
        g.first_words[kind] = frozenset(p[0] for p in g.words[kind])
    g.first_words["anchors"] = (
        g.first_words["triggers"] | g.first_words["not_meetings"] | g.first_words["speech_verbs"]
    )
    first = sorted((w for w in g.first_words["triggers"] if w.isalpha()), key=len, reverse=True)
    g.quick_look = re.compile(
        rf"(?i:\b(?:{'|'.join(first)})\b)|(?-i:[{_CAPITALS}]\S*\s+[{_CAPITALS}])"
    )
    return g


# Capital letters of the Latin scripts news is written in (a regex class has no "upper case").
_CAPITALS = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞİĶĹĽŁŃŇŐŒŘŚŞŠŢŤŮŰŹŻŽ"


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(",") if part.strip()]
