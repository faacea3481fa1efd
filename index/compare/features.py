"""What a sentence says, as comparable terms: content words folded, stemmed and grouped.

One word goes through the search analysis (lowercase, accent folding, the name-variant table:
"Kiev" -> "kyiv", "Sergey" -> "sergei"), then British spellings become American
("normalising" -> "normalizing"), function words are dropped, the rest is Porter-stemmed, and
a stem in the shipped paraphrase table (paraphrases.toml) becomes its group's first word:
"illicit" and "unlawful" are one term. Names and numbers are anchors and weigh more.

Two sentences are compared by the weight of the terms they share: `Dice` (shared against
both) and containment (shared against the shorter one, so a sentence that a longer one
contains still matches: translations split and join sentences).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from whoosh.lang.porter import stem as porter_stem

from ..analysis import WORD, fold, load_aliases

__all__ = ["Features", "Vocabulary", "Weights", "word_overlap"]

PARAPHRASES_FILE = "paraphrases.toml"

# Function words carry no fact; "not" and "no" stay (they flip one).
STOPWORDS = frozenset(
    """a an the and or but nor so yet for of to in on at by with from into onto upon about as
    than then that this these those there here it its it's he him his she her hers they them
    their theirs we us our ours you your yours i me my mine who whom whose which what when
    where why how is are was were be been being am do does did done doing have has had having
    will would shall should can could may might must also just only even still very too
    more most much many some any all both each every other another such own same again ever
    over under after before during while since until because if though although whether
    however meanwhile moreover thus hence therefore instead already now today yesterday
    tomorrow said says say told tells according certain s t there's that's""".split()
)
_BRITISH = (
    (re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})our$"), "or"),  # "labour" -> "labor"
    (re.compile(r"(?<=[a-z]{3})tre$"), "ter"),  # "centre" -> "center"
)
_NUMBER = re.compile(r"\d")
_ACRONYM = re.compile(r"[A-Z]\.?[A-Z]")
_PREFIX_HYPHEN = re.compile(
    r"\b(co|re|pre|non|anti|post|multi|inter|semi|counter|over|under)-(?=[a-z])", re.I
)
_PERCENT = re.compile(r"(?<=\d)\s*%")


@lru_cache(maxsize=1)
def load_paraphrases() -> dict[str, str]:
    """stem -> its group's first stem, from the shipped paraphrases.toml."""
    data = tomllib.loads((files(__package__) / PARAPHRASES_FILE).read_text(encoding="utf-8"))
    table: dict[str, str] = {}
    for group in data.get("groups", []):
        stems = [porter_stem(_american(fold(w))) for w in group]
        for stem in stems[1:]:
            if stem != stems[0]:
                table.setdefault(stem, stems[0])
    return table


def _american(word: str) -> str:
    for pattern, replacement in _BRITISH:
        word = pattern.sub(replacement, word)
    return word


@dataclass(frozen=True, slots=True)
class Features:
    """A sentence's content terms, its anchors (names, numbers) and its plain words."""

    terms: frozenset[str]
    anchors: frozenset[str]
    words: tuple[str, ...]  # every word folded and name-folded, function words too: for `same`


class Vocabulary:
    """Turns words into terms; caches each distinct word (one per comparison or longer)."""

    def __init__(self, aliases: Mapping[str, str] | None = None) -> None:
        self.aliases = dict(aliases) if aliases is not None else load_aliases()
        self.paraphrases = load_paraphrases()
        self._cache: dict[str, tuple[str, str | None]] = {}

    def word(self, raw: str) -> tuple[str, str | None]:
        """(the word folded and name-folded, its term or None for a function word)."""
        cached = self._cache.get(raw)
        if cached is not None:
            return cached
        word = fold(raw).replace(".", "")  # "U.S" -> "us" (capitals decide it is no pronoun)
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        word = self.aliases.get(word, word)
        if _ACRONYM.match(raw):
            term = word.upper()  # "US", "U.S.": neither the pronoun nor the stem of "useful"
        elif word in STOPWORDS:
            term = None
        else:
            stem = porter_stem(_american(word))
            term = self.paraphrases.get(stem, stem)
        result = (word, term)
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[raw] = result
        return result

    def features(self, text: str) -> Features:
        if "-" in text or "%" in text:
            # "co-operation" is "cooperation"; "4%" is "4 percent"
            text = _PERCENT.sub(" percent", _PREFIX_HYPHEN.sub(r"\1", text))
        terms: set[str] = set()
        anchors: set[str] = set()
        words: list[str] = []
        opening: str | None = None  # the first word's term, a name if a capital follows
        for n, m in enumerate(WORD.finditer(text)):
            raw = m.group()
            word, term = self.word(raw)
            words.append(word)
            if n == 1 and opening is not None and raw[0].isupper():
                anchors.add(opening)  # "Donald Trump said": the opening word is a name too
            if term is not None:
                terms.add(term)
                if _NUMBER.search(raw) or (raw[0].isupper() and n > 0):
                    anchors.add(term)
                elif n == 0 and raw[0].isupper():
                    opening = term
        return Features(frozenset(terms), frozenset(anchors), tuple(words))


class Weights:
    """How much a shared term says, over the sentences being compared: names and numbers
    weigh more, terms found in many of the sentences (the story's own topic words) less."""

    def __init__(self, sentences: Sequence[Features]) -> None:
        df: Counter[str] = Counter()
        anchors: set[str] = set()
        for f in sentences:
            df.update(f.terms)
            anchors |= f.anchors
        n = max(len(sentences), 1)
        self.weight: dict[str, float] = {}
        for term, count in df.items():
            # 1.0 for a term in one sentence in twenty or fewer, down to 0.3 for one in every.
            spread = min(1.0, max(0.3, 1.0 - 0.7 * math.log(count) / math.log(max(n, 20))))
            self.weight[term] = spread * (1.5 if term in anchors else 1.0)

    def total(self, terms: frozenset[str]) -> float:
        weight = self.weight
        return sum(weight.get(t, 1.0) for t in terms)


def word_overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """The share of words two sentences have in common, against the longer one (1.0: the
    same words, perhaps punctuated or ordered a little differently)."""
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    return common / max(len(a), len(b))
