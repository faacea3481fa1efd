"""Direct quotes and who said them.

Quotes are the words between quotation marks (“…”, "…"; quotes nested in them, ‘…’ or '…',
stay inside). A mark left open runs to the end of its paragraph and a lone closing mark
starts at the paragraph's start (or after "said that" / "said:"), since scrapes lose marks;
a quote left open at the end of a paragraph and taken up in the next is one speaker's. Quotes
of fewer than three words are scare quotes (“table”) unless a verb of saying or calling sits
right by them (called it “phony”, tweeted “finally”): then they are quotes too.

The speaker of each quote comes from, in this order:

    after the quote     “…,” Putin said / “…,” said Lavrov / “…,” Smith, the senator, said
    before it           According to Putin, “…” / Lavrov told reporters that “…” /
                        In a statement, Smith said: “…” / Smith, who wrote “…”
                        Smith defended the plan, saying “…” (the sentence's subject)
    around it           a verb of saying anywhere in the sentence, with its subject
    the quote before    “…,” Smith said. “…” (the next quote goes on) / a quote that ran
                        to the end of the paragraph before and goes on in this one
    the sentence before Smith tweeted:  (a quote right after a sentence ending in ":")
    the sentence after  “…” ¶ … That, Smith said, is the point. (a sentence that is all quote)

A subject is resolved to a person: a surname alone or with a title ("Mr. Trump", "Sen.
Cruz") is the full name met in the article ("Donald J. Trump"); "he"/"she" the latest subject
of that gender (known from "Mr."/"Ms." or the pronouns used of them), or failing that the
latest subject; "the governor", "the Kremlin leader" whoever was given that title or
descriptor, else the latest subject; "who" the person just before it. When no person is named
an organisation can be the speaker ("the White House said" -> "White House"); "a spokesman
for X" stays as written. Sentences that report speech without marks ("…, Putin said") are
remembered too, so a quote can be matched in an outlet that lost or dropped the marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice

from ..sentences import Sentence
from .features import STOPWORDS
from .people import (
    _NOT_PEOPLE,
    PRONOUNS,
    TITLE_WORDS,
    Mention,
    PersonIndex,
    find_mentions,
    has_given_name,
    person_key,
)

__all__ = ["MIN_QUOTE_WORDS", "Quote", "Speech", "article_quotes", "find_speech", "quote_spans"]

SPEECH_VERBS = (
    "said says say told tells added adds warned warns wrote writes explained explains stated "
    "states stressed stresses noted notes insisted insists declared declares asked asks argued "
    "argues claimed claims announced announces urged urges hailed hails accused accuses "
    "tweeted tweets posted continued continues remarked replied replies commented emphasised "
    "emphasized underlined underscored recalled acknowledged admitted confirmed suggested "
    "predicted vowed pledged promised cautioned complained conceded countered observed "
    "reiterated concluded believes believed thinks thought reported reports responded "
    "responds retorted answered quipped joked charged boasted shouted yelled wondered "
    "testified mused griped pleaded pleads"
).split()
# Verbs that frame a few quoted words: called it “phony”.
CALL_VERBS = (
    "called calls call calling dubbed labeled labelled branded termed describes described "
    "criticized criticised slammed dismissed praised denounced condemned mocked referred "
    "referring"
).split()
# A participle whose subject is the sentence's: Smith defended it, saying “…”.
PARTICIPLES = (
    "saying adding telling writing noting arguing insisting declaring asking accusing "
    "describing claiming warning calling tweeting posting explaining stressing vowing urging "
    "responding replying answering charging"
).split()
_ALL_VERBS = SPEECH_VERBS + CALL_VERBS + PARTICIPLES
_VERB = r"(?:" + "|".join(sorted(set(SPEECH_VERBS), key=len, reverse=True)) + r")"
_ANY_VERB = r"(?:" + "|".join(sorted(set(_ALL_VERBS), key=len, reverse=True)) + r")"
_PHRASE = r"[\w.'’-]+(?:\s+[\w.'’-]+){0,6}?"
_LEAD = r"^[\s,.;:!?…–—\"”»'’-]*"
_ADVERB = r"(?:\s+(?:\w+ly|also|then|later|again|once|had|has|have|simply))?"
_AFTER_SUBJECT_VERB = re.compile(rf"{_LEAD}(?P<subj>{_PHRASE}){_ADVERB}\s+{_VERB}\b")
_AFTER_APPOSITIVE = re.compile(
    rf"{_LEAD}(?P<subj>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}),\s+(?P<desc>[^,\"“”]{{2,120}}),"
    rf"{_ADVERB}\s+{_VERB}\b"
)
_AFTER_VERB_SUBJECT = re.compile(
    rf"{_LEAD}{_VERB}\s+(?P<subj>(?:the\s+|a\s+|an\s+)?[\w.'’-]+(?:\s+[\w.'’-]+){{0,5}})"
)
_ACCORDING = re.compile(r"\baccording to\s+(?P<subj>[\w.'’-]+(?:\s+[\w.'’-]+){0,5})", re.I)
_VERB_ANYWHERE = re.compile(rf"\b{_VERB}\b")
_ANY_VERB_ANYWHERE = re.compile(rf"\b{_ANY_VERB}\b")
_SAID_THAT = re.compile(rf"\b{_VERB}(?:\s+that\b|\s*:)\s*")
_DEFINITE = frozenset({"the", "his", "her", "its", "their"})
_ROLE_WORDS = TITLE_WORDS | {
    "official", "officials", "diplomat", "spokesman", "source", "sources", "statement",
    "minister", "ministry", "leader", "president", "envoy", "negotiator", "aide", "attorney",
    "lawyer", "nominee", "candidate", "congressman", "congresswoman", "senator", "justice",
    "judge", "governor", "mayor", "billionaire", "businessman", "host", "sheriff", "campaign",
    "spokeswoman", "spokesperson", "representative", "lawmaker", "hopeful", "frontrunner",
    "front-runner", "speaker", "chairman", "chairwoman", "secretary", "office", "son",
    "daughter", "wife", "husband", "father", "mother", "brother", "sister", "friend", "ally",
}  # fmt: skip
# Roles that are someone else's: "Stone's attorney said", "the spokesperson said" is not
# the person last named.
_OTHER_ROLES = frozenset(
    """spokesman spokeswoman spokesperson aide aides deputy attorney attorneys lawyer lawyers
    adviser advisor advisers official officials source sources office campaign son daughter
    wife husband father mother brother sister friend ally allies counterpart staff""".split()
)
_SKIP_WORDS = frozenset("and but so then also later still yet however meanwhile".split())
MIN_QUOTE_WORDS = 3
WINDOW = 400  # characters of a sentence looked at around a quote or a verb
MAX_VERBS = 8  # verbs of saying looked at in one sentence (a run-on one has no end)
NEAR_WORDS = 4  # a short quote is one when its verb is at most this many words away
CALL_NEAR_WORDS = 12  # or this many for "called X “…”", "referred to X as “…”"

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


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    par_start: int
    opened: bool  # it had its opening mark
    closed: bool  # it had its closing mark
    by: str | None = None  # the name that signs it (a post quoted without marks)

    def words(self, body: str) -> int:
        return len(body[self.start : self.end].split())


def quote_spans(body: str, min_words: int = MIN_QUOTE_WORDS) -> list[tuple[int, int]]:
    """(start, end) of the words inside quotation marks, paragraph by paragraph, of
    `min_words` words or more."""
    return [(s.start, s.end) for s in _spans(body) if s.words(body) >= min_words]


def _spans(body: str, blocks: bool = False) -> list[_Span]:
    """Quotes in marks, and with `blocks` those printed without (`_blocks`), in order."""
    spans: list[_Span] = []
    paragraphs = [par.span() for par in re.finditer(r"[^\n]+", body)]
    if blocks:
        spans.extend(_blocks(body, paragraphs))
    for p_start, p_end in paragraphs:
        par = body[p_start:p_end]
        open_at: int | None = None
        floor = p_start  # after the last quote closed in this paragraph
        for m in re.finditer(r"[“”«»„\"]", par):
            at = p_start + m.start()
            mark = m.group()
            if mark == '"':
                before = body[at - 1] if at > p_start else " "
                after = body[at + 1] if at + 1 < p_end else " "
                opening = (before.isspace() or before in "([—–-/") and not after.isspace()
                if open_at is None and not opening and at == p_start:
                    opening = True
            else:
                opening = mark in _OPEN_MARKS
            if opening:
                if open_at is None:
                    open_at = at + 1
                continue
            if open_at is not None:
                spans.append(_Span(open_at, at, p_start, True, True))
            else:
                spans.append(_Span(_lone_close_start(body, floor, at), at, p_start, False, True))
            open_at = None
            floor = at + 1
        if open_at is not None:
            spans.append(_Span(open_at, p_end, p_start, True, False))
    out = []
    for span in sorted(spans, key=lambda s: s.start):
        text = body[span.start : span.end]
        stripped = text.strip().rstrip(",").rstrip()
        if stripped:
            lead = len(text) - len(text.lstrip())
            start = span.start + lead
            end = start + len(stripped)
            out.append(_Span(start, end, span.par_start, span.opened, span.closed, span.by))
    return out


_SIGNATURE = re.compile(
    r"[–—-]\s*(?P<name>[^()\n“”\"]{2,60}?)\s*\(@\w{1,30}\)\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*"
)
POST_CHARS = 300  # a post (a tweet) is this long at most
BLOCK_CHARS = 600  # a paragraph quoted without marks after "X said:" is this long at most


def _blocks(body: str, paragraphs: list[tuple[int, int]]) -> list[_Span]:
    """Quotes printed without marks: a post signed "— Name (@handle) date" on the line after
    it (the paragraphs before the signature, up to a post's length), and a paragraph alone
    after one that ends "X said:" / "saying:"."""
    out: list[_Span] = []
    marked = [any(c in body[a:b] for c in '“”"«»') for a, b in paragraphs]
    covered: set[int] = set()  # paragraphs of a post or its signature
    for n, (start, end) in enumerate(paragraphs):
        m = _SIGNATURE.fullmatch(body, start, end)
        signer = m.group("name").split() if m else []
        if not signer:
            continue
        covered.add(n)
        first = n
        while first > 0 and not marked[first - 1] and first - 1 not in covered:
            text = body[paragraphs[first - 1][0] : paragraphs[first - 1][1]]
            if start - paragraphs[first - 1][0] > POST_CHARS or text.endswith(":"):
                break
            if re.search(rf"\b{re.escape(signer[-1])}\b", text):
                break  # the writer's own words about the one who posted
            first -= 1
        if first < n:
            a, b = paragraphs[first][0], paragraphs[n - 1][1]
            out.append(_Span(a, b, a, False, False, " ".join(signer)))
            covered.update(range(first, n))
    for n, (start, end) in enumerate(paragraphs):
        if n == 0 or n in covered or marked[n] or end - start > BLOCK_CHARS:
            continue
        before = body[paragraphs[n - 1][0] : paragraphs[n - 1][1]]
        if before.endswith(":") and _ANY_VERB_ANYWHERE.search(before[-120:]):
            out.append(_Span(start, end, start, False, False))
    return out


def _lone_close_start(body: str, p_start: int, at: int) -> int:
    """Where a quote closed without opening starts: after "said that" / "said:" if the
    paragraph has one before the mark (after the quote before it), else at the paragraph's
    start (or where the quote before it closed)."""
    start = p_start
    for m in _SAID_THAT.finditer(body, p_start, at):
        start = m.end()
    return start


def article_quotes(body: str, aliases: Mapping[str, str]) -> list[Quote]:
    """Every quote of one article, short ones included when someone is said to have said
    them: what `parallax show ID --json` lists."""
    from ..sentences import split_sentences

    return find_speech(body, split_sentences(body), aliases, min_words=1).quotes


@dataclass(frozen=True, slots=True)
class _Found:
    key: str  # "" for a speaker that is not a person ("a spokesman for X", an organisation)
    name: str
    near: bool  # the verb sits right by the quote (a short quote is then a quote)


def find_speech(
    body: str,
    sentences: Sequence[Sentence],
    aliases: Mapping[str, str],
    known: Iterable[str] = (),
    min_words: int = MIN_QUOTE_WORDS,
) -> Speech:
    """The quotes of an article with their speakers, and its sentences of reported speech.
    `known` are full names other articles gave, so a bare surname here is a person too.
    Quotes shorter than `min_words` are kept only when a verb of saying frames them."""
    people = PersonIndex(aliases, known)
    spans = _spans(body, blocks=True)
    speech = Speech()
    last: tuple[_Span, _Found | None, int] | None = None  # the latest quote kept
    intro: tuple[_Found, int] | None = None  # a sentence ending in ":" and its speaker
    q = 0
    for index, sentence in enumerate(sentences):
        inside: list[_Span] = []
        while q < len(spans) and spans[q].start < sentence.end:
            inside.append(spans[q])
            q += 1
        # Spans do not overlap: only the one before this sentence's can run into it.
        earlier = spans[max(0, q - len(inside) - 2) : q - len(inside)]
        carried = [s for s in earlier if s.end > sentence.start]
        # The sentence with its quotes blanked out: whom it names, outside what is quoted.
        chars = list(sentence.text)
        for span in inside + carried:
            for k in range(max(span.start, sentence.start), min(span.end, sentence.end)):
                chars[k - sentence.start] = " "
        outside = "".join(chars)
        mentions = people.see(outside)
        subject = _subject(outside, len(outside), mentions, people)
        said: _Found | None = None
        kept: list[tuple[_Span, _Found | None, bool]] = []
        for span in inside:
            if span.by is not None:  # a post signed "— Name (@handle) date"
                found = _resolve(span.by, mentions, people, near=True)
            else:
                found = _attribute_quote(body, sentence, outside, span, mentions, people, subject)
            short = span.words(body) < MIN_QUOTE_WORDS
            if found is None and not short:
                found = _carried(body, span, last, intro, index, sentences, people)
            if span.words(body) < min_words:
                continue
            if short and (found is None or not found.near):
                continue  # scare quotes
            if _title_case(body, span):
                continue  # the title of a show or a work: on “Face the Nation”
            kept.append((span, found, short))
        # Quotes of one sentence without a speaker of their own share the one it names:
        # “…” and “…,” the Kremlin leader warned.
        sibling = next((f for _s, f, _short in kept if f is not None), None)
        for span, found, short in kept:
            found = found or sibling
            said = said or found
            speech.quotes.append(
                Quote(
                    span.start,
                    span.end,
                    body[span.start : span.end],
                    index,
                    found.name if found else None,
                    (found.key or None) if found else None,
                )
            )
            if not short:
                last = (span, found, index)
        if said is None:
            said = _reported(outside, mentions, people)
        if said is not None and said.key:
            speech.reported[index] = (said.key, said.name)
        ends_intro = outside.rstrip().endswith(":") and not any(
            s.start > sentence.start + len(outside.rstrip()) - 1 for s in inside
        )
        intro = ((said or subject), index) if ends_intro and (said or subject) else None
        if intro is None and said is None and not inside and not carried:
            last = None  # a sentence of the writer's own between: the quote is over
        # Who this sentence was about: its speaker, else the first person it names.
        lead = said.key if said is not None and said.key in people.full else None
        if lead is None and said is not None and said.key and said.key in people.known:
            lead = said.key
        if lead is None and mentions:
            lead = mentions[0][1]
        if lead is None and subject is not None and subject.key:
            lead = subject.key
        if lead:
            people.subjects.append(lead)
        keys = {key for _m, key in mentions}
        if len(keys) == 1:
            people.vote_gender(next(iter(keys)), outside)
    # Names in full as the article gives them anywhere ("Obama" before "Barack Obama").
    speech.quotes = [
        replace(q, speaker=people.name(q.speaker_key))
        if q.speaker_key and q.speaker and _surname_only(q.speaker)
        else q
        for q in speech.quotes
    ]
    speech.reported = {
        i: (key, people.name(key) if _surname_only(name) else name)
        for i, (key, name) in speech.reported.items()
    }
    return speech


_SMALL_WORDS = frozenset("the of and a an in on at for to with by or".split())


def _title_case(body: str, span: _Span) -> bool:
    """ "Meet the Press", "Face the Nation": the title of a show or a work, not words said."""
    words = [w for w in body[span.start : span.end].split() if w[:1].isalpha()]
    return (
        2 <= len(words) <= 6
        and words[0][0].isupper()
        and words[-1][0].isupper()
        and all(w[0].isupper() or w in _SMALL_WORDS for w in words)
    )


def _carried(
    body: str,
    span: _Span,
    last: tuple[_Span, _Found | None, int] | None,
    intro: tuple[_Found, int] | None,
    index: int,
    sentences: Sequence[Sentence],
    people: PersonIndex,
) -> _Found | None:
    """The speaker of a quote its own sentence does not attribute: the quote it goes on
    from, a sentence ending in ":" just before, or the sentence right after."""
    if last is not None and last[1] is not None:
        prev, found, at = last
        same_paragraph = prev.par_start == span.par_start and at >= index - 2
        goes_on = (
            not prev.closed
            and span.par_start > prev.start
            and (not span.opened or span.start - 1 == span.par_start)
        )
        next_paragraph = (
            span.start - 1 == span.par_start
            and at >= index - 1
            and body[prev.end : span.par_start].count("\n") <= 2
        )
        if same_paragraph or goes_on or next_paragraph:
            return _Found(found.key, found.name, False)
    if intro is not None and intro[1] >= index - 1:
        return _Found(intro[0].key, intro[0].name, False)
    if index + 1 < len(sentences):
        sentence = sentences[index]
        rest = body[span.end : sentence.end].strip(" ,.;:!?…”»\"'’")
        nxt = sentences[index + 1]
        if (
            not rest
            and "\n\n" not in body[sentence.end : nxt.start]
            and not any(c in nxt.text for c in '“”"')
        ):
            m = _AFTER_SUBJECT_VERB.match(nxt.text) or _AFTER_VERB_SUBJECT.match(nxt.text)
            if m and len(nxt.text.split()) <= 12:
                return _resolve(m.group("subj"), [], people, near=False)
    return None


def _attribute_quote(
    body: str,
    sentence: Sentence,
    outside: str,
    span: _Span,
    mentions: list,
    people: PersonIndex,
    subject: _Found | None,
) -> _Found | None:
    """Who says one quote, from its own sentence."""
    # After the closing mark: “…,” Putin said / said Lavrov / Smith, the senator, said.
    after = body[span.end : span.end + 160].split("\n", 1)[0]
    m = _AFTER_APPOSITIVE.match(after)
    if m:
        found = _resolve(m.group("subj"), mentions, people, near=True)
        if found and found.key:
            people.describe(found.key, m.group("desc"))
            return found
    m = _AFTER_SUBJECT_VERB.match(after) or _AFTER_VERB_SUBJECT.match(after)
    if m:
        found = _resolve(m.group("subj"), mentions, people, near=True)
        if found:
            return found
    at = max(0, span.start - sentence.start)
    low = max(0, at - WINDOW)  # long sentences are looked at near the quote only
    m = _ACCORDING.search(outside, low, at + WINDOW)
    if m:
        found = _resolve(m.group("subj"), mentions, people, near=True)
        if found:
            return found
    # Before the quote: the last verb of saying, with its subject.
    verbs = list(_ANY_VERB_ANYWHERE.finditer(outside, low, at))
    if verbs:
        verb = verbs[-1]
        gap = len(re.findall(r"[\w’'-]+", outside[verb.end() : at]))
        near = gap <= (CALL_NEAR_WORDS if verb.group().lower() in CALL_VERBS else NEAR_WORDS)
        found = _verb_subject(outside, verb, mentions, people, subject)
        if found:
            return _Found(found.key, found.name, near)
    if outside[low:at].rstrip(" \"“«„'").endswith(":") and subject is not None:
        return _Found(subject.key, subject.name, True)
    # A verb anywhere else in the sentence: “…” is what, Smith said, … / “…” than that,
    # said Smith.
    for verb in islice(_VERB_ANYWHERE.finditer(outside, at, at + WINDOW), MAX_VERBS):
        found = _verb_subject(outside, verb, mentions, people, subject)
        if found:
            return _Found(found.key, found.name, False)
        m = _AFTER_VERB_SUBJECT.match(outside[verb.start() : verb.start() + 200])
        found = _resolve(m.group("subj"), mentions, people, near=False) if m else None
        if found:
            return found
    return None


def _verb_subject(
    text: str, verb: re.Match, mentions: list, people: PersonIndex, subject: _Found | None
) -> _Found | None:
    """The subject of a verb of saying in `text` (the sentence, quotes blanked)."""
    word = verb.group().lower()
    low = max(0, verb.start() - WINDOW)
    before = text[low : verb.start()]
    if word in PARTICIPLES:
        return _subject(text, verb.start(), mentions, people)
    tail = [w.strip(",;:") for w in before[-200:].split()[-6:]]
    while tail and (tail[-1].lower() in _SKIP_WORDS or tail[-1].lower().endswith("ly")):
        tail.pop()  # "he also said", "Smith then said"
    while tail and tail[-1].lower() in {"had", "has", "have", "was", "is", "would", "will"}:
        tail.pop()
    if not tail:
        return None
    last = tail[-1].lower()
    earlier = [(m, key) for m, key in mentions if m.end <= verb.start()]
    if last in PRONOUNS:
        key = people.pronoun(last, [key for _m, key in earlier[:1]])
        return _Found(key, people.name(key), True) if key else None
    near = [(m, key) for m, key in earlier if m.start >= low]
    if last == "who":
        return _Found(near[-1][1], _named(near[-1], people), True) if near else None
    if near:
        mention, key = near[-1]
        gap = text[mention.end : verb.start()]
        appositive = gap.strip().startswith(",") and gap.rstrip().endswith(",")
        descriptor = _descriptor(gap)
        if appositive:
            people.describe(key, gap)
        plain = not {w.lower().strip("’'s") for w in descriptor.split()} & _OTHER_ROLES
        if (appositive and len(gap.split()) <= 30) or (plain and len(gap.split()) <= 12):
            return _Found(key, _named(near[-1], people), True)
    phrase = " ".join(_descriptor(" ".join(before[-300:].split()[-8:])).split()[-6:])
    words = phrase.split()
    while words and words[0].lower() in {"which", "that", "who", "whom", "as", "while"}:
        words.pop(0)
    for aux in ("had", "has", "have", "was", "is", "would", "will"):
        if words and words[-1].lower() == aux:
            words.pop()
    return _resolve(" ".join(words), mentions, people, near=True)


def _named(mention: tuple, people: PersonIndex) -> str:
    """A mention's name: as written when it is a full name ("Seth Hutchinson", not the
    "Asa Hutchinson" met before), else the full name of that surname."""
    m, key = mention
    return people.name(key) if _surname_only(m.name) else m.name


def _surname_only(name: str) -> bool:
    """ "Doyle", "Doyle Jr.": no given name."""
    return not has_given_name(name)


def _subject(text: str, limit: int, mentions: list, people: PersonIndex) -> _Found | None:
    """The subject of the clause before `limit`: the first person named, pronoun or
    descriptor ("the senator") in it, whichever comes first."""
    head = text[: min(limit, WINDOW)]  # a subject opens its sentence
    best: tuple[int, _Found] | None = None
    for m, key in mentions:
        if m.start < limit:
            best = (m.start, _Found(key, _named((m, key), people), False))
            break
    for m in re.finditer(r"\b(?:[Hh]e|[Ss]he)\b", head):
        if best is None or m.start() < best[0]:
            key = people.pronoun(m.group(), [])
            if key:
                best = (m.start(), _Found(key, people.name(key), False))
        break
    for m in re.finditer(r"\b[Tt]he\s+((?:[\w’'-]+\s+){0,3}[\w’'-]+)", head):
        if best is not None and m.start() > best[0]:
            break
        found = _role(m.group(1).split(), people)
        if found is not None:
            best = (m.start(), found)
            break
    return best[1] if best else None


def _reported(outside: str, mentions: list, people: PersonIndex) -> _Found | None:
    """Who speaks in a sentence without quotes: “… , Putin said.” printed without marks."""
    found = None
    for verb in islice(_VERB_ANYWHERE.finditer(outside), MAX_VERBS):
        found = _verb_subject(outside, verb, mentions, people, None)
        if found:
            break
    m = _ACCORDING.search(outside)
    if found is None and m:
        found = _resolve(m.group("subj"), mentions, people, near=False)
    # Without marks, only someone named as a person reports speech ("Turkey has reiterated").
    return found if found is not None and found.key in people.seen else None


def _descriptor(text: str) -> str:
    """The noun phrase right before a verb: "… on Thursday, a US official" -> "a US official"."""
    parts = re.split(r"[,;:—–()]", text)
    return parts[-1].strip()


def _role(words: list[str], people: PersonIndex) -> _Found | None:
    """ "the governor", "the presumptive Republican nominee": whoever was given that title
    or descriptor, else the latest subject; None if the words hold no role."""
    heads = [i for i, w in enumerate(words) if w.lower().strip(",.’'") in _ROLE_WORDS]
    if not heads:
        return None
    # The role is the head of the phrase: "the Republican nominee", "the senator also took".
    words = words[: heads[0] + 1]
    key = people.by_title(" ".join(words)) or people.by_title(words[-1])
    if key is None and words[-1].lower() in _OTHER_ROLES:
        return _Found("", "the " + " ".join(words), False)  # "the spokesperson": as written
    key = key or people.last
    return _Found(key, people.name(key), False) if key else None


def _holder_speaks(phrase: str, mention: Mention) -> bool:
    """The phrase names someone else's role and the person only as whose it is: "Grimm's
    lawyer", "the Smiths' spokesman", "a lawyer for Mr. Grimm". Its holder speaks, not the
    person named ("spokesman John Kirby" is Kirby)."""
    before = phrase[: mention.start].split()
    after = phrase[mention.end :].split()
    if after and after[0] in ("'s", "’s", "'", "’"):  # (a possessive is cut off the name)
        return bool({w.lower().strip(",.") for w in after[1:]} & _OTHER_ROLES)
    return (
        len(before) >= 2
        and before[-1].lower() in {"for", "of", "to"}
        and bool({w.lower().strip(",.") for w in before[:-1]} & _OTHER_ROLES)
    )


def _resolve(phrase: str, mentions: list, people: PersonIndex, near: bool) -> _Found | None:
    phrase = phrase.strip(" ,.;:")
    words = phrase.split()
    while words and words[0].lower() in _SKIP_WORDS:
        words.pop(0)
    if not words:
        return None
    phrase = " ".join(words)
    first = words[0].lower()
    if first in PRONOUNS and len(words) == 1:
        key = people.pronoun(first, [])
        return _Found(key, people.name(key), near) if key else None
    found = find_mentions(phrase, people.surnames)
    if found and _holder_speaks(phrase, found[-1]):
        return _Found("", phrase, near)  # "Grimm's lawyer said": as written, not Grimm
    if found:
        key = person_key(found[-1].name, people.aliases)
        if key not in people.full and len(found[-1].name.split()) >= 2:
            people.full[key] = found[-1].name
        return _Found(key, _named((found[-1], key), people), near)
    lowered = {w.lower().strip(",.") for w in words}
    capitalised = len(words) <= 3 and all(w[:1].isupper() for w in words)
    if capitalised and not lowered & (_ROLE_WORDS | _NOT_PEOPLE) and first not in STOPWORDS:
        return _Found(person_key(phrase, people.aliases), phrase, near)  # "Macron said"
    if first in _DEFINITE or first in {"a", "an"}:
        rest = words[1:]
        institution = lowered & (_NOT_PEOPLE | {"ministry", "kremlin", "campaign", "office"})
        if (
            rest
            and all(w[:1].isupper() for w in rest)
            and (institution or not lowered & _ROLE_WORDS)
        ):
            return _Found("", " ".join(rest), near)  # "the White House said": an organisation
    if not lowered & _ROLE_WORDS:
        if capitalised and lowered & _NOT_PEOPLE:
            return _Found("", phrase, near)  # "State Department officials"? no: "Congress"
        return None
    if first in _DEFINITE:
        role = _role(words[1:], people)
        return _Found(role.key, role.name, near) if role else None
    if first in {"a", "an"} or first[:1].isalpha():
        return _Found("", phrase, near)  # "a spokesman for the US State Department": as written
    return None
