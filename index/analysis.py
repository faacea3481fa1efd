"""Words for search: cut, lowercased, accent-folded, name-variant-folded, stemmed.

The same analysis runs when an article is indexed, when a query is read and when a hit is
highlighted, so a query in any spelling meets every spelling, and the highlighted words are
the words as printed. One word goes through, in order:

    the tokenizer      letters and digits, dots inside a word kept: "U.S." is the word "U.S"
    lowercase          "Kyiv" -> "kyiv"
    accent folding     whoosh's accent_map, plus ß/æ/œ and combining marks: "türkiye" -> "turkiye"
    aliases            the name-variant table: "kiev" -> "kyiv", "zelenskyy" -> "zelensky"
    stemming           Porter, as whoosh's StemFilter: "talks" -> "talk"

Aliases come before stemming, so the table holds words as people write them.
`reference_analyzer()` is that chain built from whoosh's own parts; `NewsAnalyzer` is the same
chain fused into one pass with a per-word cache (several times faster to index with), and the
tests hold the two to the same output.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tomllib
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from importlib.resources import files
from typing import Any

from whoosh import formats
from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    Token,
)
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map

__all__ = [
    "ALIASES_FILE",
    "AliasFilter",
    "NewsAnalyzer",
    "Sections",
    "WeightedPositions",
    "fold",
    "load_aliases",
    "reference_analyzer",
]

ALIASES_FILE = "aliases.toml"
# Bump when the analysis changes in a way that changes indexed terms: old indexes rebuild.
ANALYSIS_VERSION = 1

_MARK = "\u0300-\u036f"  # combining accents: text in decomposed form (NFD) stays one word
WORD = re.compile(rf"[\w{_MARK}]+(?:\.[\w{_MARK}]+)*")
# Longer "words" are URLs, hashes or junk: not indexed (they still take a position).
MAX_WORD = 60
_CACHE_LIMIT = 400_000

# accent_map folds precomposed letters ("ğ" -> "g"); letters it leaves or shortens are added,
# and combining marks are dropped so decomposed text and "İ".lower() ("i̇") fold too.
FOLD_TABLE: dict[int, str | None] = {
    **accent_map,
    **{ord(c): r for c, r in {"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe"}.items()},
    **dict.fromkeys(range(0x300, 0x370)),
}


def fold(word: str) -> str:
    """A word lowercased and accent-folded: "Türkiye" -> "turkiye", "İstanbul" -> "istanbul"."""
    return word.lower().translate(FOLD_TABLE)


# ---- the alias table --------------------------------------------------------------------------


def load_aliases(extra: Mapping[str, Iterable[str]] | None = None) -> dict[str, str]:
    """variant -> canonical: the shipped table (aliases.toml), then `extra` (the user's).

    Words are folded. The user's entries win: their canonical word stands for itself even if
    the shipped table made it a variant, and their variants move to their canonical word.
    """
    shipped = tomllib.loads((files(__package__) / ALIASES_FILE).read_text(encoding="utf-8"))
    table: dict[str, str] = {}
    for layer in (shipped, extra or {}):
        for canonical, variants in layer.items():
            key = _alias_word(canonical)
            table.pop(key, None)
            for variant in variants:
                word = _alias_word(variant)
                if word and word != key:
                    table[word] = key
    # A canonical word that is itself a variant elsewhere points on to that one's canonical.
    resolved = {}
    for variant, canonical in table.items():
        seen = {variant}
        while canonical in table and canonical not in seen:
            seen.add(canonical)
            canonical = table[canonical]
        resolved[variant] = canonical
    return resolved


def _alias_word(word: str) -> str:
    # The tokenizer keeps "U.S" but drops the final dot of "U.S.".
    return fold(word.strip().rstrip("."))


def aliases_fingerprint(aliases: Mapping[str, str]) -> str:
    """A short hash of the analysis (version and alias table): an index built with another
    one must be rebuilt."""
    blob = json.dumps([ANALYSIS_VERSION, sorted(aliases.items())], ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


class AliasFilter(Filter):
    """A whoosh filter replacing each variant token by its canonical word (before stemming)."""

    def __init__(self, aliases: Mapping[str, str]) -> None:
        self.aliases = dict(aliases)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AliasFilter) and other.aliases == self.aliases

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        aliases = self.aliases
        for t in tokens:
            t.text = aliases.get(t.text, t.text)
            yield t


def reference_analyzer(aliases: Mapping[str, str], stem: bool = True) -> Analyzer:
    """The analysis as a chain of whoosh parts: what NewsAnalyzer must give, token for token."""
    chain = (
        RegexTokenizer(WORD.pattern)
        | LowercaseFilter()
        | CharsetFilter(FOLD_TABLE)
        | AliasFilter(aliases)
    )
    return chain | StemFilter() if stem else chain


# ---- the fused analyzer -----------------------------------------------------------------------


class NewsAnalyzer(Analyzer):
    """The reference chain in one pass, caching each distinct word's folded and stemmed forms.

    A whoosh analyzer (tokens with positions and character offsets, `no_morph=True` skips the
    stemmer for spelling), plus fast paths that skip Token objects: `terms`, `spans`,
    `term_positions`, `words`.
    """

    def __init__(self, aliases: Mapping[str, str], stem: bool = True) -> None:
        self.aliases = dict(aliases)
        self.stem = stem
        self._cache: dict[str, tuple[str, str] | None] = {}

    def __repr__(self) -> str:
        return f"NewsAnalyzer({len(self.aliases)} aliases, stem={self.stem})"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, NewsAnalyzer)
            and other.stem == self.stem
            and other.aliases == self.aliases
        )

    def __hash__(self) -> int:
        return hash((self.stem, len(self.aliases)))

    def __getstate__(self) -> dict[str, Any]:
        return {"aliases": self.aliases, "stem": self.stem}  # not the cache

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["aliases"], state["stem"])  # type: ignore[misc]

    def clean(self) -> None:
        self._cache.clear()

    def has_morph(self) -> bool:
        return self.stem

    def forms(self, raw: str) -> tuple[str, str] | None:
        """(folded canonical word, its index term) for one word as cut; None if not indexed."""
        cached = self._cache.get(raw, False)
        if cached is not False:
            return cached  # type: ignore[return-value]
        if len(raw) > MAX_WORD:
            result = None
        else:
            word = fold(raw)
            word = self.aliases.get(word, word)
            result = (word, porter_stem(word) if self.stem else word)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[raw] = result
        return result

    # -- fast paths --

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """(index term, start, end) of every indexed word of `text`, offsets into `text`."""
        forms = self.forms
        out = []
        for m in WORD.finditer(text):
            f = forms(m.group())
            if f is not None:
                out.append((f[1], m.start(), m.end()))
        return out

    def terms(self, text: str) -> list[str]:
        """The index terms of `text`, in order."""
        forms = self.forms
        return [f[1] for f in map(forms, WORD.findall(text)) if f is not None]

    def words(self, text: str) -> list[str]:
        """The folded canonical words of `text` (not stemmed), in order."""
        forms = self.forms
        return [f[0] for f in map(forms, WORD.findall(text)) if f is not None]

    def term_positions(self, text: str) -> dict[str, list[int]]:
        """index term -> its word positions in `text` (what a positions posting stores)."""
        forms = self.forms
        out: dict[str, list[int]] = {}
        for pos, raw in enumerate(WORD.findall(text)):
            f = forms(raw)
            if f is not None:
                poslist = out.get(f[1])
                if poslist is None:
                    out[f[1]] = [pos]
                else:
                    poslist.append(pos)
        return out

    # -- the whoosh interface --

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        no_morph = bool(kwargs.pop("no_morph", False) or kwargs.pop("nomorph", False))
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pieces = (
            ((m.group(), m.start(), m.end()) for m in WORD.finditer(value))
            if tokenize
            else iter([(value, 0, len(value))])
        )
        pos = start_pos
        for raw, start, end in pieces:
            f = self.forms(raw)
            if f is not None:
                t.text = f[0] if no_morph else f[1]
                t.boost = 1.0
                t.stopped = False
                if keeporiginal:
                    t.original = raw
                if positions:
                    t.pos = pos
                if chars:
                    t.startchar = start_char + start
                    t.endchar = start_char + end
                yield t
            pos += 1


class Sections(tuple):
    """A field value made of weighted texts, ((text, weight), ...): one field for BM25F.

    Each word's posting gets weight = sum over sections of weight x occurrences (so a word in
    a title of weight 3 counts as three in a body), its positions run on from one section to
    the next with a gap (a phrase never spans two sections), and the field length is the
    number of words.
    """

    GAP = 10
    # (analyzer, its weighted_positions), when they were worked out ahead (search._fields)
    analyzed: tuple[NewsAnalyzer, dict[str, tuple[float, list[int]]]] | None = None

    def postings(self, analyzer: NewsAnalyzer) -> dict[str, tuple[float, list[int]]]:
        """weighted_positions, worked out once per analyzer."""
        if self.analyzed is None or self.analyzed[0] is not analyzer:
            self.analyzed = (analyzer, self.weighted_positions(analyzer))
        return self.analyzed[1]

    def weighted_positions(
        self, analyzer: NewsAnalyzer, words: set[str] | None = None
    ) -> dict[str, tuple[float, list[int]]]:
        """term -> (weight, positions) over all sections; adds the folded words (the
        spelling vocabulary's form) of every section to `words` when given.

        Words are grouped as cut before they are analysed, so each distinct word of a text is
        folded and stemmed once, whatever its count."""
        out: dict[str, tuple[float, list[int]]] = {}
        forms = analyzer.forms
        known_forms = analyzer._cache.get  # forms() without the call, for words seen before
        offset = 0
        for text, weight in self:
            if not text:
                continue
            cut: defaultdict[str, list[int]] = defaultdict(list)
            tokens = WORD.findall(text)
            for pos, raw in enumerate(tokens, offset):
                cut[raw].append(pos)
            merged: dict[str, list[int]] = {}  # terms cut in two spellings in this section
            last = -1
            for raw, poslist in cut.items():
                f = known_forms(raw, False)
                if f is False:
                    f = forms(raw)
                if f is None:
                    continue
                if poslist[-1] > last:
                    last = poslist[-1]
                if words is not None:
                    words.add(f[0])
                term = f[1]
                known = out.get(term)
                if known is None:
                    out[term] = (weight * len(poslist), poslist)
                    continue
                if known[1][-1] >= offset:  # the same term in this section, spelt otherwise
                    merged[term] = known[1]
                known[1].extend(poslist)
                out[term] = (known[0] + weight * len(poslist), known[1])
            for poslist in merged.values():
                poslist.sort()
            if last >= 0:
                offset = last + 1 + self.GAP
        return out


# Positions on disk: 4-byte unsigned integers, little-endian.
U32 = next(code for code in "IL" if array(code).itemsize == 4)
LITTLE_ENDIAN = sys.byteorder == "little"


def encode_positions(positions: Iterable[int]) -> bytes:
    """Word positions as stored in a WeightedPositions posting."""
    packed = array(U32, positions)
    if not LITTLE_ENDIAN:
        packed.byteswap()
    return packed.tobytes()


def decode_positions(value: bytes) -> array:
    """The word positions of a WeightedPositions posting."""
    positions = array(U32)
    positions.frombytes(value)
    if not LITTLE_ENDIAN:
        positions.byteswap()
    return positions


def consecutive(positions: Iterable[Iterable[int]]) -> bool:
    """Whether the words stand next to each other, in order, somewhere in a document: given
    each word's positions there, a position of each word follows one of the word before."""
    words = iter(positions)
    ends = set(next(words, ()))
    for word in words:
        ends = {p for p in word if p - 1 in ends}
        if not ends:
            return False
    return True


class WeightedPositions(formats.Positions):
    """Positions whose postings carry Sections weights. A posting's value is its positions as
    little-endian 4-byte integers (its frequency is their count): written and read as array
    slices, where whoosh's own Positions pickles a list of gaps for every posting."""

    def encode(self, poslist: list[int]) -> bytes:
        return encode_positions(poslist)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return decode_positions(valuestring).tolist()

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring) // 4

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost

    def decode_position_boosts(self, valuestring: bytes) -> list[tuple[int, float]]:
        return [(pos, 1) for pos in self.decode_positions(valuestring)]

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterator[Any]:
        if not isinstance(value, Sections):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        for term, (weight, poslist) in value.postings(analyzer).items():
            yield term, len(poslist), weight, self.encode(poslist)
