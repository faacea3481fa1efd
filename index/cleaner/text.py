"""Text primitives the rules share: normalising lines, words, function words, language."""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from itertools import product

# Spaces a scrape carries that mean nothing more than a space.
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters dropped outright (zero-width space, word joiner, BOM, soft hyphen).
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
# C0/C1 control characters other than tab and newline: never let them reach a terminal.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# ANSI escape sequences (CSI/OSC), removed whole before the control characters.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# HTML tags left over from a careless flattening: <a href="...">, </a>, <br/>.
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s+[^<>]*)?/?>")
_HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_SPACES = re.compile(r"[ \t]+")

WORD = re.compile(r"[^\W_]++(?:['’.\-][^\W_]++)*+", re.UNICODE)
# The same on ASCII text, where a letter or digit is one of these (found a little faster),
# and without going back over a word's letters once they are read (possessive: a letter run
# is always taken whole, so the words found are the same).
_ASCII_WORD = re.compile(r"[A-Za-z0-9]++(?:['’.\-][A-Za-z0-9]++)*+")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters (tab and newline stay)."""
    return _CONTROL.sub("", _ANSI.sub("", text))


def soft_normalise(line: str) -> str:
    """Odd spaces to plain spaces, invisible and control characters removed.

    Runs of spaces are kept: a double space can be the only trace of a lost line break.
    """
    if line.isprintable():
        # No control, invisible or odd space character (none of them is printable).
        return line.rstrip() if line.isascii() else unicodedata.normalize("NFC", line).rstrip()
    line = strip_controls(line)
    line = _INVISIBLE.sub("", line)
    line = _ODD_SPACES.sub(" ", line)
    return unicodedata.normalize("NFC", line.replace("\t", " ")).rstrip()


def strip_html_residue(line: str) -> str:
    """Remove HTML tags and decode entities left in flattened text."""
    if "<" in line:
        line = _HTML_TAG.sub(" ", line)
    if "&" in line:
        line = _HTML_ENTITY.sub(lambda m: html.unescape(m.group(0)), line)
    return line


def collapse(line: str) -> str:
    """Single spaces, no leading or trailing space."""
    return _SPACES.sub(" ", line).strip()


# On text without "_", a word character (\w) is a letter or a digit: found faster than
# [^\W_] outside ASCII.
_WORD_NO_UNDERSCORE = re.compile(r"\w++(?:['’.\-]\w++)*+")


def words(text: str) -> list[str]:
    """The words of a text, as printed (letters and digits, inner apostrophes/dots/hyphens)."""
    if text.isascii():
        return _ASCII_WORD.findall(text)
    return (WORD if "_" in text else _WORD_NO_UNDERSCORE).findall(text)


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case without accents, for comparing strings that differ only in form."""
    if text.isascii():
        return text.lower()
    if text.replace("’", "").isascii():
        # Only the curly apostrophe of "don’t" outside ASCII, as in most English words: it
        # has no case, no decomposition and is no combining mark, and an ASCII character
        # folds to its lower case, so the long way below gives the same.
        return text.lower()
    folded = unicodedata.normalize("NFKD", text.casefold())
    return folded if folded.isascii() else _COMBINING.sub("", folded)


def comparable(text: str) -> str:
    """Folded words joined by single spaces: equal for texts differing only in punctuation."""
    return fold(" ".join(words(text)))


# Function words of the languages Parallax meets most. They tell prose from lists of
# names or headlines, and which language an article is in.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "a",
            "an",
            "of",
            "to",
            "in",
            "and",
            "or",
            "but",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "has",
            "have",
            "had",
            "that",
            "this",
            "these",
            "those",
            "it",
            "its",
            "with",
            "for",
            "on",
            "at",
            "by",
            "from",
            "as",
            "not",
            "no",
            "will",
            "would",
            "could",
            "should",
            "can",
            "said",
            "says",
            "he",
            "she",
            "they",
            "we",
            "his",
            "her",
            "their",
            "our",
            "who",
            "which",
            "what",
            "when",
            "where",
            "than",
            "then",
            "there",
            "after",
            "before",
            "about",
            "into",
            "over",
            "under",
            "also",
            "more",
            "most",
            "some",
            "any",
            "all",
            "one",
            "two",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "lo",
            "la",
            "i",
            "gli",
            "le",
            "un",
            "una",
            "uno",
            "di",
            "a",
            "da",
            "in",
            "con",
            "su",
            "per",
            "tra",
            "fra",
            "e",
            "o",
            "ma",
            "che",
            "non",
            "è",
            "sono",
            "del",
            "della",
            "dei",
            "delle",
            "degli",
            "al",
            "alla",
            "ai",
            "alle",
            "nel",
            "nella",
            "nei",
            "dello",
            "si",
            "come",
            "anche",
            "più",
            "questo",
            "questa",
            "ha",
            "hanno",
            "era",
            "essere",
            "stato",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "un",
            "une",
            "des",
            "du",
            "de",
            "à",
            "au",
            "aux",
            "en",
            "et",
            "ou",
            "mais",
            "que",
            "qui",
            "ne",
            "pas",
            "est",
            "sont",
            "était",
            "dans",
            "sur",
            "pour",
            "par",
            "avec",
            "ce",
            "cette",
            "ces",
            "il",
            "elle",
            "ils",
            "nous",
            "vous",
            "a",
            "ont",
            "été",
            "plus",
            "se",
            "son",
            "sa",
            "ses",
            "leur",
            "comme",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "den",
            "dem",
            "des",
            "ein",
            "eine",
            "einen",
            "einem",
            "und",
            "oder",
            "aber",
            "nicht",
            "ist",
            "sind",
            "war",
            "waren",
            "zu",
            "in",
            "im",
            "mit",
            "auf",
            "für",
            "von",
            "vom",
            "bei",
            "aus",
            "nach",
            "über",
            "als",
            "auch",
            "sich",
            "es",
            "er",
            "sie",
            "wir",
            "hat",
            "haben",
            "wird",
            "werden",
            "dass",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "un",
            "una",
            "unos",
            "unas",
            "de",
            "del",
            "al",
            "a",
            "en",
            "y",
            "o",
            "pero",
            "que",
            "no",
            "es",
            "son",
            "era",
            "fue",
            "con",
            "por",
            "para",
            "sobre",
            "entre",
            "como",
            "más",
            "se",
            "su",
            "sus",
            "lo",
            "le",
            "les",
            "ha",
            "han",
            "este",
            "esta",
            "ser",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "a",
            "os",
            "as",
            "um",
            "uma",
            "de",
            "do",
            "da",
            "dos",
            "das",
            "em",
            "no",
            "na",
            "nos",
            "nas",
            "e",
            "ou",
            "mas",
            "que",
            "não",
            "é",
            "são",
            "era",
            "foi",
            "com",
            "por",
            "para",
            "sobre",
            "como",
            "mais",
            "se",
            "seu",
            "sua",
            "ao",
            "aos",
            "à",
            "ser",
            "tem",
            "está",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "of",
            "maar",
            "niet",
            "is",
            "zijn",
            "was",
            "waren",
            "te",
            "in",
            "op",
            "met",
            "voor",
            "van",
            "aan",
            "bij",
            "uit",
            "naar",
            "over",
            "als",
            "ook",
            "zich",
            "er",
            "hij",
            "zij",
            "wij",
            "heeft",
            "hebben",
            "wordt",
            "dat",
            "die",
            "dit",
        ]
    ),
    "tr": frozenset(
        [
            "ve",
            "ile",
            "bir",
            "bu",
            "da",
            "de",
            "için",
            "ama",
            "ancak",
            "gibi",
            "daha",
            "çok",
            "olan",
            "olarak",
            "ise",
            "ki",
            "ne",
            "en",
            "her",
            "sonra",
            "önce",
            "kadar",
            "göre",
            "değil",
            "var",
            "yok",
            "şu",
            "o",
        ]
    ),
}
ALL_FUNCTION_WORDS: frozenset[str] = frozenset().union(*FUNCTION_WORDS.values())
# Each function word -> the languages it is one of.
_LANGUAGES_OF = {
    word: tuple(code for code, vocab in FUNCTION_WORDS.items() if word in vocab)
    for word in ALL_FUNCTION_WORDS
}


# Every ASCII spelling of a function word in any case ("the", "The", "THE", "tHe"): an ASCII
# token is one of these exactly when its lower case is a function word (lower-casing ASCII
# turns each letter alone into its one lower-case letter), so they are counted without
# lower-casing each token. (A function word outside ASCII is never an ASCII token's lower case.)
_ASCII_FUNCTION_WORDS_ANY_CASE: frozenset[str] = frozenset(
    "".join(spelling)
    for word in ALL_FUNCTION_WORDS
    if word.isascii()
    for spelling in product(*({char, char.upper()} for char in word))
)


def count_function_words(tokens: list[str], ascii: bool = False) -> int:
    """How many of `tokens` are function words in any known language (in any case).
    `ascii`: the tokens are all ASCII (the words of an ASCII line)."""
    if ascii:
        return sum(map(_ASCII_FUNCTION_WORDS_ANY_CASE.__contains__, tokens))
    return sum(map(ALL_FUNCTION_WORDS.__contains__, map(str.lower, tokens)))


def function_word_ratio(tokens: list[str]) -> float:
    """Share of tokens that are function words in any known language."""
    if not tokens:
        return 0.0
    return sum(map(ALL_FUNCTION_WORDS.__contains__, map(str.lower, tokens))) / len(tokens)


def detect_language(
    text: str, tokens: list[str] | None = None, *, lowered: list[str] | None = None
) -> str | None:
    """ISO 639-1 code of the language with the most function words, or None if unsure.

    `tokens`, if given, are the words of `text` already split; `lowered`, if given, are
    those words in lower case.
    """
    if lowered is not None:
        tokens = lowered[:500]
    else:
        # A few hundred words settle the language; reading more only costs time.
        tokens = tokens[:500] if tokens is not None else words(text[:3000])
        # (words hold no space: lowering them joined is lowering each, in one call)
        tokens = " ".join(tokens).lower().split()
    if len(tokens) < 8:
        return None
    # Each language's function words among them, counted once for all languages.
    hits_of = dict.fromkeys(FUNCTION_WORDS, 0)
    for word, count in Counter(filter(ALL_FUNCTION_WORDS.__contains__, tokens)).items():
        for code in _LANGUAGES_OF[word]:
            hits_of[code] += count
    best, best_hits, second = None, 0, 0
    for code, hits in hits_of.items():
        if hits > best_hits:
            best, best_hits, second = code, hits, best_hits
        elif hits > second:
            second = hits
    if best_hits < 4 or best_hits / len(tokens) < 0.08 or best_hits < second * 1.3:
        return None
    return best
