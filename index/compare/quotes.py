"""Direct quotes and who said them.

Quotes are the words between quotation marks (“…”, "…"), one paragraph at most; a mark left
open runs to the end of its paragraph and a lone closing mark starts at the paragraph's
start, since scrapes lose marks. Quotes of fewer than three words are scare quotes
(“table”), not speech.

The speaker comes from the sentence around the quote, in this order:

    after the quote   “…,” Putin said / “…,” said Lavrov / “…,” the Kremlin leader warned
    "according to"    According to Putin, “…”
    before the quote  Lavrov himself, during a visit to Qatar, explained that … “…”

A surname alone is the full name met earlier in the article ("Lavrov" -> "Sergei Lavrov");
"he"/"she" and "the <title>" are the latest person made a subject ("the Kremlin leader" is
whoever a title like "Kremlin leader" was given to, else the last subject); "a spokesman
for X" stays as written. Sentences that report speech without marks ("…, Putin said") are
remembered too, so a quote can be matched in an outlet that lost or dropped the marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..sentences import Sentence
from .features import STOPWORDS
from .people import PRONOUNS, TITLE_WORDS, PersonIndex, find_mentions, person_key

__all__ = ["Quote", "Speech", "find_speech"]

SPEECH_VERBS = (
    "said says say told tells added adds warned warns wrote writes explained explains stated "
    "states stressed stresses noted notes insisted insists declared declares asked asks argued "
    "argues claimed claims announced announces urged urges hailed hails accused accuses "
    "tweeted posted continued remarked replied commented emphasised emphasized underlined "
    "underscored recalled acknowledged admitted confirmed suggested predicted vowed pledged "
    "promised cautioned complained conceded countered observed reiterated concluded "
    "believes believed thinks thought reported reports"
).split()
_VERB = r"(?:" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True)) + r")"
_PHRASE = r"[\w.'’-]+(?:\s+[\w.'’-]+){0,6}?"
_LEAD = r"^[\s,.;:!?…–—\"”»'’-]*"
_AFTER_SUBJECT_VERB = re.compile(rf"{_LEAD}(?P<subj>{_PHRASE})\s+(?:\w+ly\s+)?{_VERB}\b")
_AFTER_VERB_SUBJECT = re.compile(
    rf"{_LEAD}{_VERB}\s+(?P<subj>(?:the\s+|a\s+|an\s+)?[\w.'’-]+(?:\s+[\w.'’-]+){{0,5}})"
)
_ACCORDING = re.compile(r"\baccording to\s+(?P<subj>[\w.'’-]+(?:\s+[\w.'’-]+){0,5})", re.I)
_VERB_ANYWHERE = re.compile(rf"\b{_VERB}\b")
_SAID_THAT = re.compile(rf"\b{_VERB}(?:\s+that\b|\s*:)\s*")
_DEFINITE = frozenset({"the", "his", "her", "its", "their"})
_ROLE_WORDS = TITLE_WORDS | {
    "official", "officials", "diplomat", "spokesman", "source", "sources", "statement",
    "minister", "ministry", "leader", "president", "envoy", "negotiator", "aide",
}  # fmt: skip
MIN_QUOTE_WORDS = 3

_OPEN_MARKS = "“«„"
_CLOSE_MARKS = "”»"


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted words: `text` is body[start:end] (without the marks)."""

    start: int
    end: int
    text: str
    sentence: int  # index of the sentence where the quote starts
    speaker: str | None  # as this article names them: the full name when it gave one
    speaker_key: str | None  # the surname, folded: the same person across outlets


@dataclass
class Speech:
    """An article's quotes, and the sentences that report someone's words (with or
    without marks): sentence index -> (speaker key, speaker name)."""

    quotes: list[Quote] = field(default_factory=list)
    reported: dict[int, tuple[str, str]] = field(default_factory=dict)


def quote_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside quotation marks, paragraph by paragraph."""
    spans: list[tuple[int, int]] = []
    for par in re.finditer(r"[^\n]+", body):
        p_start, p_end = par.span()
        open_at: int | None = None
        for m in re.finditer(r"[“”«»„\"]", par.group()):
            at = p_start + m.start()
            mark = m.group()
            if mark == '"':
                before = body[at - 1] if at > p_start else " "
                after = body[at + 1] if at + 1 < p_end else " "
                opening = (before.isspace() or before in "([—–-/") and not after.isspace()
                if open_at is not None and not opening:
                    opening = False
                elif open_at is None and not opening and at == p_start:
                    opening = True
            else:
                opening = mark in _OPEN_MARKS
            if opening:
                if open_at is None:
                    open_at = at + 1
                continue
            spans.append(
                (open_at if open_at is not None else _lone_close_start(body, p_start, at), at)
            )
            open_at = None
        if open_at is not None:
            spans.append((open_at, p_end))
    out = []
    for start, end in spans:
        text = body[start:end]
        stripped = text.strip().rstrip(",")
        if len(stripped.split()) >= MIN_QUOTE_WORDS:
            lead = len(text) - len(text.lstrip())
            out.append((start + lead, start + lead + len(stripped)))
    return out


def _lone_close_start(body: str, p_start: int, at: int) -> int:
    """Where a quote closed without opening starts: after "said that" / "said:" if the
    paragraph has one before the mark, else at the paragraph's start."""
    start = p_start
    for m in _SAID_THAT.finditer(body, p_start, at):
        start = m.end()
    return start


def find_speech(
    body: str,
    sentences: Sequence[Sentence],
    aliases: Mapping[str, str],
    known: Iterable[str] = (),
) -> Speech:
    """The quotes of an article with their speakers, and its sentences of reported speech.
    `known` are full names other articles gave, so a bare surname here is a person too."""
    people = PersonIndex(aliases, known)
    spans = quote_spans(body)
    speech = Speech()
    q = 0
    for index, sentence in enumerate(sentences):
        inside = []
        while q < len(spans) and spans[q][0] < sentence.end:
            inside.append(spans[q])
            q += 1
        carried = [span for span in spans[:q] if span not in inside and span[1] > sentence.start]
        # The sentence with its quotes blanked out: whom it names, outside what is quoted.
        chars = list(sentence.text)
        for start, end in inside + carried:
            for k in range(max(start, sentence.start), min(end, sentence.end)):
                chars[k - sentence.start] = " "
        outside = "".join(chars)
        previous = people.last
        mentions = people.see(outside)
        speaker = _attribute(body, sentence, outside, inside, mentions, previous, people)
        if speaker is None and inside and speech.quotes:
            last = speech.quotes[-1]  # a quote that goes on from the one before
            if last.sentence >= index - 1 and last.speaker_key:
                speaker = (last.speaker_key, last.speaker or last.speaker_key)
        if speaker is not None and speaker[0]:
            speech.reported[index] = speaker
        for start, end in inside:
            while start < end and body[start].isspace():
                start += 1
            while end > start and body[end - 1].isspace():
                end -= 1
            if start == end:
                continue
            speech.quotes.append(
                Quote(
                    start,
                    end,
                    body[start:end],
                    index,
                    speaker[1] if speaker else None,
                    (speaker[0] or None) if speaker else None,
                )
            )
        if mentions:
            people.last = mentions[0][1]
        elif speaker is not None and speaker[0] in people.full:
            people.last = speaker[0]
    return speech


def _attribute(
    body: str,
    sentence: Sentence,
    outside: str,
    quotes: list[tuple[int, int]],
    mentions: list,
    previous: str | None,
    people: PersonIndex,
) -> tuple[str, str] | None:
    """(key, name) of who speaks in this sentence, or None."""
    candidates: list[str] = []
    for _start, end in quotes:
        # What follows the closing mark, in this sentence or the one the quote ends in.
        after = body[end : end + 160].split("\n", 1)[0]
        m = _AFTER_SUBJECT_VERB.match(after) or _AFTER_VERB_SUBJECT.match(after)
        if m:
            candidates.append(m.group("subj"))
    m = _ACCORDING.search(outside)
    if m:
        candidates.append(m.group("subj"))
    for phrase in candidates:
        found = _resolve(phrase, mentions, previous, people)
        if found:
            return found
    for verb in _VERB_ANYWHERE.finditer(outside):
        before = outside[: verb.start()]
        tail = before.split()[-6:]
        if tail and tail[-1].lower().strip(",") in PRONOUNS:
            found = _resolve(tail[-1], mentions, previous, people, before_pos=verb.start())
            if found:
                return found
        near = [(mention, key) for mention, key in mentions if mention.end <= verb.start()]
        gap = _descriptor(before[near[-1][0].end :]) if near else ""
        if near and not {w.lower().strip("’'s") for w in gap.split()} & _ROLE_WORDS:
            return near[-1][1], people.name(near[-1][1])
        if tail:
            found = _resolve(_descriptor(" ".join(tail)), mentions, previous, people)
            if found:
                return found
    return None


def _descriptor(text: str) -> str:
    """The noun phrase right before a verb: "… on Thursday, a US official" -> "a US official"."""
    parts = re.split(r"[,;:—–()]", text)
    return parts[-1].strip()


def _resolve(
    phrase: str,
    mentions: list,
    previous: str | None,
    people: PersonIndex,
    before_pos: int | None = None,
) -> tuple[str, str] | None:
    phrase = phrase.strip(" ,.;:")
    if not phrase:
        return None
    words = phrase.split()
    first = words[0].lower()
    if first in PRONOUNS and len(words) == 1:
        earlier = [key for m, key in mentions if before_pos is not None and m.end <= before_pos]
        key = earlier[0] if earlier else previous
        return (key, people.name(key)) if key else None
    found = find_mentions(phrase, people.surnames)
    if found:
        key = person_key(found[-1].name, people.aliases)
        if key not in people.full and len(found[-1].name.split()) >= 2:
            people.full[key] = found[-1].name
        return key, people.name(key)
    lowered = {w.lower().strip(",.") for w in words}
    capitalised = len(words) <= 3 and all(w[:1].isupper() for w in words)
    if capitalised and not lowered & _ROLE_WORDS and first not in STOPWORDS:
        return person_key(phrase, people.aliases), phrase  # "Macron said": first met here
    if not lowered & _ROLE_WORDS:
        return None
    if first in _DEFINITE:
        key = people.by_title(" ".join(words[1:])) or previous
        return (key, people.name(key)) if key else None
    if first in {"a", "an"} or first[:1].isalpha():
        return "", phrase  # "a spokesman for the US State Department": said as written
    return None
