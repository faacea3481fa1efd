"""Meetings: who met whom, where and when, as each article tells it; and which articles speak
of the same meeting.

    found = extract(article, gazetteer)        # ArticleMeetings: the article's events
    meetings = group({id: found, ...}, gazetteer, outlets, overrides)   # list[Meeting]

Reading one article (no parsing, no model: word lists and a gazetteer):

    sentences   the title, the standfirst and the body, cut by index/sentences.py
    anchors     words that say a meeting happens ("met", "talks", "summit"), words that say
                something else does ("call", "visit") and speech verbs ("said", "told")
    clauses     a sentence is cut where a clause of its own opens ("as…", "after…", "amid…"):
                names there belong to that clause
    attaching   each name (country, demonym, capital, official), place ("in Istanbul", "the
                Riyadh talks", "at the White House") and date in a clause goes to the nearest
                anchor; only what lands on a meeting word makes a mention of a meeting:
                "Lavrov said the talks in Istanbul…" gives Istanbul to the talks, not Lavrov
    officials   "Russian Foreign Minister Sergei Lavrov", "his Russian counterpart, Sergey
                Lavrov", "Kremlin spokesman Dmitry Peskov": a person and the country the text
                gives them; later "Lavrov" alone is the same person
    events      the article's mentions merge into events when nothing in them disagrees (place,
                date, who, planned or held, leaders or officials); the heaviest event named in
                the heading (title, standfirst) is the article's main meeting, the others are
                mentions
    dates       read against the published date (index/stories/datespans.py), the meeting's tense
                deciding between the last Thursday and the next

Grouping compares events across articles, main ones first: the same meeting needs two pieces
of agreeing evidence among two shared parties, the same place (Riyadh is in Saudi Arabia),
overlapping dates and two shared people, and nothing that disagrees. The same city is not
enough, nor the same pair of countries; an undated event is held to its article's own date.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Literal, Protocol, TypeVar

from ..analysis import fold
from ..model import Article
from ..sentences import split_sentences
from ..store import slugify
from .datespans import DateSpan, find_dates
from .gazetteer import Entry, Gazetteer, Token, tokenize

__all__ = [
    "MEETING_FIELD",
    "ArticleMeetings",
    "Event",
    "Meeting",
    "MeetingArticle",
    "Person",
    "UnknownMeetingError",
    "extract",
    "find_meeting",
    "group",
]

# The front matter field a user sets to put an article in a meeting: `meeting: <id or label>`.
MEETING_FIELD = "meeting"

# Bump when extraction changes what it finds: cached results are then found again.
EXTRACTOR_VERSION = 3

Role = Literal["main", "mention"]
Field = Literal["title", "standfirst", "body"]
Level = Literal["leaders", "officials"]

# How much a mention weighs by where it stands: the title says what an article is about.
TITLE_WEIGHT = 6.0
STANDFIRST_WEIGHT = 3.0
LEAD_WEIGHTS = (2.0, 1.5)  # the first two paragraphs
BODY_WEIGHT = 1.0
# A main meeting is in the heading (title or standfirst; the first paragraphs when there are
# none) at this weight at least, or is told at MAIN_BODY_SCORE anywhere.
MAIN_MIN_SCORE = 2.0
MAIN_BODY_SCORE = 4.0
# A party is one of the meeting's own when it weighs this share of the heaviest one.
CORE_SHARE = 0.4
# How far (in days) around its article an undated meeting can be.
HELD_BEFORE_DAYS = 10
PLANNED_AFTER_DAYS = 120

_LOCATIVE = frozenset("in at near outside inside from".split())
_TOPIC_BEFORE_IN = frozenset(
    """war peace conflict crisis fighting invasion situation troops forces election elections
    elsewhere ceasefire truce offensive attack attacks operations security interests
    investment investments presence role""".split()
)
_NEGATION = frozenset("no not without nor excluding absent".split())
_LINKING = frozenset("between with among involving of".split())
_VENUE_WORDS = frozenset("embassy embassies consulate consulates mission missions".split())
_PAST_TRIGGERS = frozenset("met held took".split())
_HOST_VERBS = frozenset("host hosts hosted hosting".split())
_OFFERS = frozenset("readiness ready offer offered offers willing willingness proposed".split())
# Capitalised words that are not names of people.
_NOT_NAMES = frozenset(
    """the a an he she it they we i you his her its their our this that these those there
    here in on at by for from to of and or but with as after before during while when where
    what who why how if then than so not no yes mr mrs ms dr sir madam lord lady also
    however meanwhile moreover still yet already now today tomorrow yesterday earlier later
    both all some many most more several each every other another such according""".split()
)
_ORG_WORDS = frozenset(
    """service services press council ministry department agency agencies party union palace
    house times news post street university bank group company corporation forces army navy
    office committee commission parliament court assembly association organization
    organisation institute foundation fund network television radio channel daily weekly
    journal review security federal national state republic kingdom square hall hotel centre war
    center airport station district region province county city island islands sea ocean
    river mountains gulf strait coast media world international global general general's
    consulate embassy reuters ap afp""".split()
)
_MONTHS_AND_DAYS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday""".split()
)


# ---- what one article says ----------------------------------------------------------------


@dataclass
class Person:
    """A person an article names: full name as first written, the country the text gives."""

    name: str
    country: str | None = None
    leader: bool = False
    official: bool = False  # named with a title below a leader's ("Foreign Minister")


@dataclass
class Event:
    """A meeting as one article tells it (its mentions merged)."""

    parties: dict[str, float] = field(default_factory=dict)  # country or body -> weight
    people: dict[str, float] = field(default_factory=dict)  # person key (surname) -> weight
    city: str | None = None  # folded city key (gazetteer)
    country_place: str | None = None  # the country it is in, when known
    date: DateSpan | None = None
    planned: bool = False
    tense_known: bool = False  # something said whether it took place or is to come
    level: Level | None = None
    kind: str = "meeting"
    score: float = 0.0
    main: bool = False
    # (field, start, end) of the sentences that speak of it.
    spans: list[tuple[Field, int, int]] = field(default_factory=list)
    in_lead: bool = False  # named in the heading (title, standfirst), see MAIN_MIN_SCORE

    @property
    def bare(self) -> bool:
        """Nothing but a meeting word ("the talks")."""
        return not (self.parties or self.people or self.city or self.country_place or self.date)

    def to_json(self) -> dict[str, Any]:
        return {
            "parties": self.parties,
            "people": self.people,
            "city": self.city,
            "country_place": self.country_place,
            "date": self.date.to_json() if self.date else None,
            "planned": self.planned,
            "tense_known": self.tense_known,
            "level": self.level,
            "kind": self.kind,
            "score": self.score,
            "main": self.main,
            "spans": [list(s) for s in self.spans],
            "in_lead": self.in_lead,
        }

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Event:
        return cls(
            parties={str(k): float(v) for k, v in value["parties"].items()},
            people={str(k): float(v) for k, v in value["people"].items()},
            city=value["city"],
            country_place=value["country_place"],
            date=DateSpan.from_json(value["date"]) if value["date"] else None,
            planned=bool(value["planned"]),
            tense_known=bool(value["tense_known"]),
            level=value["level"],
            kind=str(value["kind"]),
            score=float(value["score"]),
            main=bool(value["main"]),
            spans=[(str(f), int(a), int(b)) for f, a, b in value["spans"]],  # type: ignore[misc]
            in_lead=bool(value["in_lead"]),
        )


@dataclass
class ArticleMeetings:
    """What one article says about meetings: its events (main first) and the people it names."""

    published: date | None
    events: list[Event] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)

    @property
    def main(self) -> Event | None:
        return next((e for e in self.events if e.main), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "published": self.published.isoformat() if self.published else None,
            "events": [e.to_json() for e in self.events],
            "people": {
                k: [p.name, p.country, p.leader, p.official] for k, p in self.people.items()
            },
        }

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> ArticleMeetings:
        published = value["published"]
        return cls(
            published=date.fromisoformat(published) if published else None,
            events=[Event.from_json(e) for e in value["events"]],
            people={
                str(k): Person(str(n), c if c is None else str(c), bool(lead), bool(official))
                for k, (n, c, lead, official) in value["people"].items()
            },
        )


@dataclass
class _Mention:
    parties: dict[str, float]
    people: dict[str, float]
    city: str | None
    country_place: str | None
    date: DateSpan | None
    planned: bool | None
    level: Level | None
    kind: str
    weight: float
    span: tuple[Field, int, int]
    in_lead: bool


@dataclass
class _Entity:
    start: int  # token index
    end: int
    kind: str  # party, person, city, country_place, level, date
    value: Any


def extract(article: Article, gazetteer: Gazetteer) -> ArticleMeetings:
    """The meetings `article` speaks of. Never raises on any text."""
    published = article.published
    blocks: list[tuple[Field, str, float, bool]] = []
    if article.title:
        blocks.append(("title", article.title, TITLE_WEIGHT, True))
    if article.standfirst:
        blocks.append(("standfirst", article.standfirst, STANDFIRST_WEIGHT, True))
    body = article.body
    sentences: list[tuple[Field, int, int, str, float, bool]] = []
    for name, text, weight, lead in blocks:
        for s in split_sentences(text):
            for start, end, piece in _pieces(s.start, s.text):
                sentences.append((name, start, end, piece, weight, lead))
    paragraph_starts = [m.start() for m in re.finditer(r"(?:^|\n\n)(?=\S)", body)]
    headless = not blocks  # no title or standfirst: the lead paragraphs are the heading
    for s in split_sentences(body):
        index = _paragraph_of(paragraph_starts, s.start)
        lead = index < len(LEAD_WEIGHTS)
        weight = LEAD_WEIGHTS[index] if lead else BODY_WEIGHT
        for start, end, piece in _pieces(s.start, s.text):
            sentences.append(("body", start, end, piece, weight, lead and headless))
    # Only sentences with a meeting word or a name (two capitalised words in a row, "Mr. X")
    # can matter: the rest are not even cut into words.
    worth = gazetteer.worth_reading
    tokenised = [(s, tokenize(s[3], gazetteer.aliases)) for s in sentences if worth(s[3])]
    people: dict[str, Person] = {}
    for (where, *_), tokens in tokenised:
        if where != "title":  # headlines in title case are not names ("Resume Peace Talks")
            _find_people(tokens, gazetteer, people, learn=True)
    mentions: list[_Mention] = []
    triggers = gazetteer.first_words["triggers"]
    for (where, start, end, text, weight, lead), tokens in tokenised:
        if not any(t.key in triggers for t in tokens):
            continue
        mentions.extend(
            _mentions(text, tokens, gazetteer, people, published, weight, (where, start, end), lead)
        )
    events = _merge_mentions(mentions)
    _choose_main(events)
    events.sort(key=lambda e: (not e.main, -e.score))
    return ArticleMeetings(published, events, people)


# A "sentence" longer than this (a list or a table flattened without stops) is read in pieces
# of about this size, so reading stays linear in the length of any text.
MAX_SENTENCE_CHARS = 1500


def _pieces(start: int, text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of `text` (which starts at offset `start`), cut at spaces into
    pieces of at most MAX_SENTENCE_CHARS."""
    out = []
    at = 0
    while len(text) - at > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", at + 1, at + MAX_SENTENCE_CHARS)
        if cut <= at:
            cut = at + MAX_SENTENCE_CHARS
        out.append((start + at, start + cut, text[at:cut]))
        at = cut
        while at < len(text) and text[at] == " ":
            at += 1
    if at < len(text):
        out.append((start + at, start + len(text), text[at:]))
    return out


def _paragraph_of(starts: list[int], pos: int) -> int:
    """The index of the paragraph (by its start offset) that holds offset `pos`."""
    return max(0, bisect_right(starts, pos) - 1)


# ---- people ---------------------------------------------------------------------------------


def _is_name_token(t: Token, g: Gazetteer) -> bool:
    return (
        t.capitalised
        and len(t.text) >= 2
        and not t.all_caps
        and t.key not in _NOT_NAMES
        and t.key not in _MONTHS_AND_DAYS
        and t.key not in _ORG_WORDS
        and not t.text[0].isdigit()
    )


def _entity_at(tokens: list[Token], i: int, g: Gazetteer) -> tuple[int, Entry] | None:
    return g.match(tokens, i) if tokens[i].capitalised else None


def _country_before(tokens: list[Token], i: int, g: Gazetteer) -> str | None:
    """The country named just before a title at `i`: "Russian", "U.S.", "Russia's", "Kremlin"."""
    for back in range(max(0, i - 4), i):
        hit = _entity_at(tokens, back, g)
        if hit and hit[1].kind in ("country", "demonym", "institution"):
            n, entry = hit
            if back + n <= i:
                between = tokens[back + n : i]
                if all(t.word or t.text in ("'", "’", ".") for t in between) and len(between) <= 3:
                    return entry.country
    return None


def _find_people(
    tokens: list[Token], g: Gazetteer, people: dict[str, Person], *, learn: bool
) -> list[tuple[int, int, str]]:
    """The people named in a sentence, as (first token, end token, person key). With `learn`,
    full names add to `people`; a known surname alone is found either way."""
    found: list[tuple[int, int, str]] = []
    n = len(tokens)
    title_words = g.first_words["titles"]
    i = 0
    while i < n:
        t = tokens[i]
        title_len = g.word_at("titles", tokens, i) if t.key in title_words else 0
        if title_len:
            j = i + title_len
            while j < n and g.word_at("titles", tokens, j):  # "Deputy Foreign Minister"
                j += g.word_at("titles", tokens, j)
            if j < n and tokens[j].text == ",":
                j += 1
            names = _name_run(tokens, j, g)
            if names:
                country = _country_before(tokens, i, g)
                leader = g.word_at("leaders", tokens, i) > 0
                official = not leader and any(
                    g.word_at("officials", tokens, x) for x in range(i, j)
                )
                key = _add_person(
                    tokens, j, j + names, people, country, leader, learn, official=official
                )
                if key:
                    found.append((i, j + names, key))
                i = j + names
                # "Foreign Ministers Marco Rubio and Sergei Lavrov"
                while i + 1 < n and tokens[i].key == "and":
                    more = _name_run(tokens, i + 1, g)
                    if not more:
                        break
                    key = _add_person(
                        tokens, i + 1, i + 1 + more, people, None, leader, learn, official=official
                    )
                    if key:
                        found.append((i + 1, i + 1 + more, key))
                    i += 1 + more
                continue
            i = j
            continue
        hit = _entity_at(tokens, i, g)
        if hit is not None:
            # "Russia's Lavrov": a name right after a country's possessive is that country's.
            end = i + hit[0]
            if (
                learn
                and hit[1].kind in ("country", "demonym", "institution")
                and _possessive(tokens, end)
            ):
                run = _name_run(tokens, end + 2, g)
                if run:
                    key = _add_person(tokens, end + 2, end + 2 + run, people, hit[1].country,
                                      False, learn)  # fmt: skip
                    if key:
                        found.append((end + 2, end + 2 + run, key))
                    i = end + 2 + run
                    continue
            i = end
            continue
        if t.word and _is_name_token(t, g):
            run = _name_run(tokens, i, g)
            if run >= 2:
                country = _country_after(tokens, i + run, g) if learn else None
                key = _add_person(tokens, i, i + run, people, country, False, learn)
                if key:
                    found.append((i, i + run, key))
                i += run
                continue
            if t.key in people:
                found.append((i, i + 1, t.key))
        i += 1
    return found


def _possessive(tokens: list[Token], end: int) -> bool:
    """Whether tokens at `end` are "'s" ("Russia's")."""
    return (
        end + 1 < len(tokens)
        and tokens[end].text in ("'", "’")
        and tokens[end + 1].key == "s"
        and tokens[end].start == tokens[end - 1].end
    )


def _country_after(tokens: list[Token], end: int, g: Gazetteer) -> str | None:
    """The country an apposition gives a name: "Sergey Lavrov, Russia's foreign minister",
    "Lavrov, the Russian foreign minister"."""
    k = end
    if k >= len(tokens) or tokens[k].text != ",":
        return None
    k += 1
    if k < len(tokens) and tokens[k].key == "the":
        k += 1
    hit = _entity_at(tokens, k, g) if k < len(tokens) else None
    if hit is None or hit[1].kind not in ("country", "demonym", "institution"):
        return None
    k += hit[0]
    if k < len(tokens) and tokens[k].text == ".":  # "the U.S. secretary of state"
        k += 1
    if _possessive(tokens, k):
        k += 2
    while k < len(tokens) and tokens[k].word and not g.word_at("titles", tokens, k):
        k += 1  # "Russia's top diplomat": words before the title
        if k - end > 6:
            return None
    return hit[1].country if k < len(tokens) and g.word_at("titles", tokens, k) else None


def _name_run(tokens: list[Token], j: int, g: Gazetteer) -> int:
    run = 0
    while j + run < len(tokens) and run < 4:
        t = tokens[j + run]
        if not (t.word and _is_name_token(t, g)):
            break
        if _entity_at(tokens, j + run, g) or g.word_at("titles", tokens, j + run):
            break
        if g.word_at("triggers", tokens, j + run):
            break
        run += 1
    return run


def _add_person(
    tokens: list[Token],
    start: int,
    end: int,
    people: dict[str, Person],
    country: str | None,
    leader: bool,
    learn: bool,
    *,
    official: bool = False,
) -> str | None:
    words = [t for t in tokens[start:end] if t.word]
    if not words:
        return None
    key = words[-1].key
    known = people.get(key)
    if known is None:
        if not learn:
            return None
        people[key] = Person(" ".join(t.text for t in words), country, leader, official)
    else:
        if known.country is None and country:
            known.country = country
        known.leader = known.leader or leader
        known.official = (known.official or official) and not known.leader
        if len(words) > len(known.name.split()):
            known.name = " ".join(t.text for t in words)
    return key


# ---- mentions -------------------------------------------------------------------------------


def _segments(tokens: list[Token], g: Gazetteer) -> list[int]:
    """A clause number for each token: a clause of its own opens at words like "as", "after",
    "amid" (running to the next comma) and at dashes and semicolons."""
    seg = [0] * len(tokens)
    current = 0
    closes_at_comma = False
    openers = g.words["clause_openers"]
    for i, t in enumerate(tokens):
        if not t.word:
            spaced_hyphen = (
                t.text == "-"
                and 0 < i < len(tokens) - 1
                and tokens[i - 1].end < t.start
                and tokens[i + 1].start > t.end
            )
            if (
                t.text in (";", "—", "–", "--", ":")
                or spaced_hyphen
                or (t.text == "," and closes_at_comma)
            ):
                current += 1
                closes_at_comma = False
            seg[i] = current
            continue
        if (t.key,) in openers:
            after_break = i == 0 or (not tokens[i - 1].word and tokens[i - 1].text in ",;—–(")
            always = t.key not in ("as", "when", "if", "where", "who", "which")
            if always or after_break:
                current += 1
                closes_at_comma = True
        seg[i] = current
    return seg


def _mentions(
    text: str,
    tokens: list[Token],
    g: Gazetteer,
    people: dict[str, Person],
    published: date | None,
    weight: float,
    span: tuple[Field, int, int],
    lead: bool,
) -> list[_Mention]:
    n = len(tokens)
    if not n:
        return []
    # Anchors: (token index, end, kind) with kind trigger / other.
    anchors: list[tuple[int, int, str]] = []
    anchor_words = g.first_words["anchors"]
    i = 0
    while i < n:
        if tokens[i].key in anchor_words:
            for kind, words in (("trigger", "triggers"), ("other", "not_meetings"),
                                ("other", "speech_verbs")):  # fmt: skip
                length = g.word_at(words, tokens, i)
                if length:
                    anchors.append((i, i + length, kind))
                    i += length - 1
                    break
        i += 1
    if not any(kind == "trigger" for _, _, kind in anchors):
        return []
    seg = _segments(tokens, g)
    entities = _entities(text, tokens, g, people, title=span[0] == "title")
    # Triggers next to each other ("round of talks", "talks … meeting" 2 words apart) are one.
    triggers: list[list[int]] = []
    for a_start, a_end, kind in anchors:
        if kind != "trigger":
            continue
        if triggers and seg[triggers[-1][1] - 1] == seg[a_start] and a_start - triggers[-1][1] <= 2:
            triggers[-1][1] = a_end
        else:
            triggers.append([a_start, a_end])
    all_anchors = [(s, e, "trigger") for s, e in triggers] + [
        (s, e, k) for s, e, k in anchors if k != "trigger"
    ]
    all_anchors.sort()
    owned: dict[int, list[_Entity]] = defaultdict(list)
    for ent in entities:
        best = _nearest_anchor(ent, all_anchors, tokens, seg)
        if best is not None and all_anchors[best][2] == "trigger":
            owned[all_anchors[best][0]].append(ent)
    out: list[_Mention] = []
    for t_start, t_end in triggers:
        if _session_of_body(tokens, t_start, t_end, g):
            continue
        ents = owned.get(t_start, [])
        mention = _mention(
            tokens, seg, t_start, t_end, ents, g, people, published, weight, span, lead
        )
        # "X met Y on the sidelines of the G20 summit in Rio": where and when the summit is,
        # the meeting is.
        if out and _SIDELINES & {_word_before(tokens, t_start, n) for n in (1, 2, 3, 4)}:
            host = out[-1]
            host.city = host.city or mention.city
            host.country_place = host.country_place or mention.country_place
            host.date = host.date or mention.date
        out.append(mention)
    return out


_SIDELINES = frozenset("sidelines margins sideline margin".split())


def _session_of_body(tokens: list[Token], t_start: int, t_end: int, g: Gazetteer) -> bool:
    """A body's own session, not a meeting between parties: "a meeting of the Federal Security
    Service", "a Security Council (FSB) meeting"."""
    after = tokens[t_end : t_end + 3]
    if (
        len(after) == 3
        and after[0].key == "of"
        and after[1].key == "the"
        and after[2].capitalised
        and not g.match(tokens, t_end + 2)
    ):
        return True
    k = t_start - 1
    if k >= 0 and tokens[k].text == ")":
        k -= 1
    if k >= 0 and tokens[k].word and not _ends_name(tokens, k, g):
        t = tokens[k]
        return t.key in _ORG_WORDS or t.all_caps
    return False


def _ends_name(tokens: list[Token], k: int, g: Gazetteer) -> bool:
    """Whether token `k` is the last word of a gazetteer name ("Mexico City", "US")."""
    for start in range(max(0, k - g.longest - 1), k + 1):
        hit = _entity_at(tokens, start, g)
        if hit is not None and start + hit[0] == k + 1:
            return True
    return False


def _nearest_anchor(
    ent: _Entity, anchors: list[tuple[int, int, str]], tokens: list[Token], seg: list[int]
) -> int | None:
    # Only the nearest anchor on each side can own a name: another anchor between them
    # stands in the way.
    left = max((k for k, a in enumerate(anchors) if a[1] <= ent.start), default=None)
    right = min((k for k, a in enumerate(anchors) if a[0] >= ent.end), default=None)
    inside = [k for k, a in enumerate(anchors) if a[0] < ent.end and ent.start < a[1]]
    best, best_distance = None, 1 << 30
    for k in [*inside, left, right]:
        if k is None:
            continue
        a_start, a_end, _ = anchors[k]
        if seg[a_start] != seg[min(ent.start, len(seg) - 1)]:
            continue
        if ent.start >= a_end:
            distance = ent.start - a_end
            # "Ryabkov added that U.S. and Russian envoys could meet": what is said is not
            # the speaker.
            if anchors[k][2] != "trigger" and any(
                t.key == "that" for t in tokens[a_end : ent.start]
            ):
                continue
            # "the meeting between X and Y", "talks with X": the words after belong to it.
            if a_end < len(tokens) and tokens[a_end].key in _LINKING:
                distance = distance // 3
        elif ent.end <= a_start:
            distance = a_start - ent.end
            # "…met in Doha on Friday, officials said": a speech verb or a call owns only the
            # words right before it (its subject), not those across a comma.
            if anchors[k][2] != "trigger" and any(
                not t.word and t.text in (",", ";", ":") for t in tokens[ent.end : a_start]
            ):
                continue
        else:
            distance = 0
        if distance < best_distance:
            best, best_distance = k, distance
    if best_distance > 25:
        return None
    return best


def _is_kicker(tokens: list[Token]) -> bool:
    """A headline opening on a label: one word, a comma or colon, then a lower-case word."""
    return (
        len(tokens) > 3
        and tokens[1].text in (",", ":")
        and tokens[2].word
        and tokens[2].text[:1].islower()
    )


def _entities(
    text: str, tokens: list[Token], g: Gazetteer, people: dict[str, Person], *, title: bool
) -> list[_Entity]:
    out: list[_Entity] = []
    n = len(tokens)
    covered = [False] * n
    kicker = _is_kicker(tokens) if title else False
    level_words = g.first_words["leaders"] | g.first_words["officials"]
    for start, end, key in _find_people(tokens, g, people, learn=False):
        for k in range(start, end):
            covered[k] = True
        out.append(_Entity(start, end, "person", key))
    i = 0
    while i < n:
        if covered[i] or not tokens[i].word:
            i += 1
            continue
        hit = g.match(tokens, i) if tokens[i].capitalised else None
        if hit is None:
            if tokens[i].key not in level_words:
                i += 1
                continue
            length = g.word_at("leaders", tokens, i)
            if length:
                out.append(_Entity(i, i + length, "level", "leaders"))
                i += length
                continue
            length = g.word_at("officials", tokens, i)
            if length:
                out.append(_Entity(i, i + length, "level", "officials"))
                i += length
                continue
            i += 1
            continue
        length, entry = hit
        end = i + length
        if _negated(tokens, i) or _is_dateline(tokens, i, end):
            i = end
            continue
        before = _word_before(tokens, i)
        after = tokens[end].key if end < n and tokens[end].word else ""
        if after in _VENUE_WORDS:  # "the U.S. Consulate General in Istanbul": a venue
            i = end
            continue
        key = " ".join(t.key for t in tokens[i:end] if t.word)
        if before in ("the", "a"):  # "at the Kremlin", "in the United States"
            before = _word_before(tokens, i, 2)
        if _topic(tokens, i):
            i = end
            continue
        locative = before in _LOCATIVE or (
            before == "by" and i >= 2 and tokens[i - 2].key in _HOST_VERBS
        )
        hosts = _hosts(tokens, end)
        if hosts is None:  # "Turkey has offered to host the talks": neither party nor place
            i = end
            continue
        if entry.kind in ("capital", "city"):
            city_country = g.city_country.get(key)
            place_like = (
                locative
                or hosts
                or _before_trigger(tokens, end, g)
                or _after_city_comma(tokens, i, g)
            )
            if place_like:
                out.append(_Entity(i, end, "city", (key, city_country)))
            elif entry.kind == "capital" and not entry.body:
                out.append(_Entity(i, end, "party", entry.country))
        elif entry.kind == "institution":
            if locative:  # "at the White House": in Washington
                out.append(_Entity(i, end, "city", (g.institution_city.get(key), entry.country)))
            else:
                out.append(_Entity(i, end, "party", entry.country))
        else:  # a country, a body, or a people
            soil = after == "soil"
            if locative and _word_before(tokens, i, 2) in _TOPIC_BEFORE_IN:
                pass  # "peace in Ukraine": what it is about, not who or where
            elif kicker and i == 0:
                pass  # "Ukraine, second round of talks…": the headline's topic label
            elif entry.body:
                out.append(_Entity(i, end, "party", entry.country))
            elif (
                soil
                or hosts
                or (
                    locative
                    and before != "from"
                    and _word_before(tokens, i, 2) not in _TOPIC_BEFORE_IN
                    and entry.kind == "country"
                )
            ):
                out.append(_Entity(i, end, "country_place", entry.country))
            elif (
                entry.kind == "demonym"
                and _before_trigger(tokens, end, g)
                and not _is_list(tokens, i)
                and _word_before(tokens, i) in ("the", "a", "an")
            ):
                out.append(_Entity(i, end, "country_place", entry.country))  # "the Saudi meeting"
            else:
                out.append(_Entity(i, end, "party", entry.country))
        i = end
    for expr in find_dates(text):
        at = next((k for k, t in enumerate(tokens) if t.start >= expr.start), n - 1)
        last = next((k for k in range(n - 1, -1, -1) if tokens[k].end <= expr.end), at)
        out.append(_Entity(at, max(at, last) + 1, "date", expr))
    return out


_TOPIC_PREPOSITIONS = frozenset(
    "on about over regarding concerning for discuss discussed discussing".split()
)


def _topic(tokens: list[Token], i: int) -> bool:
    """Whether the name at `i` is what a meeting is about, not who meets: "talks on Ukraine",
    "talks on energy and Ukraine", "aid for Ukraine" ("on Saudi soil" is a place)."""
    k = i - 1
    words = 0
    while k >= 0 and words < 5:
        t = tokens[k]
        if not t.word:
            if t.text != ",":
                return False
        elif t.key in _TOPIC_PREPOSITIONS:
            return not (
                t.key == "on" and i + 1 < len(tokens) and _word_after(tokens, i + 1) == "soil"
            )
        elif t.capitalised or t.key not in ("and", "or", "the", "a", "an") and words >= 2:
            return False
        else:
            words += 1
        k -= 1
    return False


def _word_after(tokens: list[Token], i: int) -> str:
    return tokens[i].key if i < len(tokens) and tokens[i].word else ""


def _is_dateline(tokens: list[Token], i: int, end: int) -> bool:
    """ "BRUSSELS (Reuters) -", "MOSCOW, Feb 23 -": where the story was filed, not a party."""
    return (
        i == 0
        and end < len(tokens)
        and all(t.all_caps for t in tokens[i:end] if t.word)
        and sum(len(t.text) for t in tokens[i:end]) > 2
        and tokens[end].text in ("(", ",", "-", "–", "—")
    )


def _word_before(tokens: list[Token], i: int, skip: int = 1) -> str:
    k = i - 1
    seen = 0
    while k >= 0:
        if tokens[k].word:
            seen += 1
            if seen == skip:
                return tokens[k].key
        elif tokens[k].text not in ("'", "’", "“", '"'):
            return ""
        k -= 1
    return ""


def _hosts(tokens: list[Token], end: int) -> bool | None:
    """Whether the name ending at `end` is the subject of "host": "Turkey hosted", "Turkey will
    host"; None for an offer to host ("its readiness to host"), which makes no place."""
    words = 0
    offer = False
    for t in tokens[end : end + 10]:
        if not t.word:
            if t.text in (",", ";", "—", "–", ":"):
                return False
            continue
        if t.key in _HOST_VERBS:
            return None if offer else True
        offer = offer or t.key in _OFFERS
        words += 1
        if words > 6 or t.capitalised:
            return False
    return False


def _negated(tokens: list[Token], i: int) -> bool:
    return _word_before(tokens, i) in _NEGATION or _word_before(tokens, i, 2) in _NEGATION


def _before_trigger(tokens: list[Token], end: int, g: Gazetteer) -> bool:
    """Whether a meeting word follows at once: "the Istanbul talks", "the Riyadh meeting"."""
    return end < len(tokens) and tokens[end].word and g.word_at("triggers", tokens, end) > 0


def _after_city_comma(tokens: list[Token], i: int, g: Gazetteer) -> bool:
    """ "in Istanbul, Turkey": a country right after a place is that place's country."""
    return i >= 2 and tokens[i - 1].text == "," and _word_before(tokens, i - 1) in _LOCATIVE


def _is_list(tokens: list[Token], i: int) -> bool:
    """Whether a name at `i` stands in a list of names ("Russian and US", "US-Russia")."""
    prev = tokens[i - 1].text if i > 0 else ""
    return prev in ("-", "–", ",") or _word_before(tokens, i) in ("and", "or")


def _mention(
    tokens: list[Token],
    seg: list[int],
    t_start: int,
    t_end: int,
    ents: list[_Entity],
    g: Gazetteer,
    people: dict[str, Person],
    published: date | None,
    weight: float,
    span: tuple[Field, int, int],
    lead: bool,
) -> _Mention:
    trigger_words = {t.key for t in tokens[t_start:t_end] if t.word}
    planned = _is_planned(tokens, seg, t_start, t_end, g)
    parties: dict[str, float] = {}
    persons: dict[str, float] = {}
    city = country_place = None
    dates: list[DateSpan] = []
    levels: Counter[str] = Counter()
    for ent in ents:
        if ent.kind == "party":
            parties[ent.value] = parties.get(ent.value, 0.0) + weight
        elif ent.kind == "person":
            persons[ent.value] = persons.get(ent.value, 0.0) + weight
            person = people.get(ent.value)
            if person is not None and person.leader:
                levels["leaders"] += 1
            elif person is not None and person.official:
                levels["officials"] += 1
        elif ent.kind == "city":
            key, country = ent.value
            if key is not None and city is None:
                city = key
            country_place = country_place or country
        elif ent.kind == "country_place":
            country_place = country_place or ent.value
        elif ent.kind == "level":
            levels[ent.value] += 1
        elif ent.kind == "date":
            resolved = ent.value.resolve(published, future=bool(planned))
            if resolved is not None:
                dates.append(resolved)
    # The trigger word itself says the level ("summit") or the kind.
    for phrase in g.words["leaders"]:
        if phrase[0] in trigger_words and len(phrase) == 1:
            levels["leaders"] += 2
    level: Level | None = None
    if levels:
        (top, count), *rest = levels.most_common(2) + [("", 0)]
        if not rest or rest[0][1] < count:
            level = top  # type: ignore[assignment]
        elif "summit" in trigger_words or "summits" in trigger_words:
            level = "leaders"
    kind = "meeting"
    if trigger_words & {"summit", "summits"}:
        kind = "summit"
    elif trigger_words & {"talks", "negotiations", "negotiation", "round", "consultations"}:
        kind = "talks"
    date_span = None
    for d in sorted(dates, key=lambda d: d.days):
        date_span = d if date_span is None else (date_span.intersect(d) or date_span)
    if planned is None and date_span is not None and published is not None:
        planned = date_span.start > published  # a date says it, when no verb does
    return _Mention(
        parties, persons, city, country_place, date_span, planned, level, kind, weight, span, lead
    )


def _is_planned(
    tokens: list[Token], seg: list[int], t_start: int, t_end: int, g: Gazetteer
) -> bool | None:
    """Whether the meeting at the trigger is still to come: a future word shortly before it
    in its clause ("will meet", "set to meet", "preparations for a summit") or right after
    ("the meeting planned for…"). "met" is always past. None when nothing says ("Talks in
    Doha")."""
    if any(t.key in _PAST_TRIGGERS for t in tokens[t_start:t_end]):
        return False
    s = seg[t_start]
    lo = t_start
    words = 0
    while lo > 0 and seg[lo - 1] == s and words < 6:
        lo -= 1
        words += tokens[lo].word
    for k in range(lo, min(len(tokens), t_end + 3)):
        if seg[k] != s or not tokens[k].word:
            continue
        if k >= t_start and k < t_end:
            continue
        if g.word_at("future", tokens, k):
            return True
        if k < t_start and _infinitive(tokens, k):
            return True  # "to hold talks", "EU leaders to discuss aid at summit"
        if tokens[k].key in ("was", "were", "began", "ended", "concluded", "took", "held", "had"):
            return False
    return None


_NOT_INFINITIVE = frozenset(
    """according due prior close next thanks compared relative addition similar
    referring""".split()
)
_NOT_VERBS = frozenset("the a an their his her its our this that these those be".split())


def _infinitive(tokens: list[Token], k: int) -> bool:
    """Whether "to" at `k` opens an infinitive ("to hold", "to discuss"), not a place or a
    person ("to Istanbul", "according to diplomats", "to reporters" are not)."""
    if tokens[k].key != "to" or k + 1 >= len(tokens) or not tokens[k + 1].word:
        return False
    verb = tokens[k + 1]
    if not verb.text[:1].islower() or verb.key in _NOT_VERBS:
        return False
    if _word_before(tokens, k) in _NOT_INFINITIVE:
        return False
    # Plural nouns and past participles are not infinitives ("to reporters", "to talks").
    return not verb.key.endswith(("s", "ed")) or verb.key.endswith("ss")


# ---- events within one article ------------------------------------------------------------


def _merge_mentions(mentions: list[_Mention]) -> list[Event]:
    """The article's events: each mention joins the event it shares most with (place, date,
    parties, people) and disagrees with in nothing. A mention that names nobody and no place
    ("the talks", "last week's meeting") joins the last compatible event spoken of, as a
    reader would take it; so does one in the sentence right after that event's."""
    events: list[Event] = []
    last: Event | None = None
    last_span: tuple[Field, int, int] | None = None
    for m in mentions:
        compatible = [e for e in events if _compatible_in_article(e, m)]
        anonymous = not (m.parties or m.people or m.city or m.country_place)
        target = None
        if compatible:
            best = max(compatible, key=lambda e: (_overlap(e, m), e.score))
            if _overlap(best, m) > 0 or best.bare:
                target = best
            elif last in compatible and (anonymous or _follows(last_span, m.span)):
                target = last
            elif anonymous and m.span[0] == "body":
                target = max(
                    compatible, key=lambda e: (e.spans[-1] if e.spans else m.span, e.score)
                )
        if target is None and anonymous and not m.date and events:
            continue  # "the talks" with nothing to tie it to
        if target is None:
            target = Event()
            events.append(target)
        _absorb(target, m)
        last, last_span = target, m.span
    return events


def _follows(previous: tuple[Field, int, int] | None, span: tuple[Field, int, int]) -> bool:
    """Whether `span` is the sentence that comes right after (or is) `previous`."""
    if previous is None or previous[0] != span[0]:
        return False
    return previous == span or 0 <= span[1] - previous[2] <= 3


def _compatible_in_article(e: Event, m: _Mention) -> bool:
    # One article tells a meeting to come and one that took place apart, unless they share a
    # city ("the talks in Istanbul would seek…", said before the Istanbul talks took place).
    same_parties = len(m.parties) >= 2 and set(m.parties) == set(e.parties)
    if (
        e.tense_known
        and m.planned is not None
        and e.planned != m.planned
        and not (e.city and e.city == m.city)
        and not same_parties
    ):
        return False
    # Leaders and officials apart, when both say who met ("Hanoi summit ends" alone may be
    # told as "delegations held talks in Hanoi").
    named = (e.parties or e.people) and (m.parties or m.people)
    if named and e.level and m.level and e.level != m.level:
        return False
    if not _places_agree(e.city, e.country_place, m.city, m.country_place):
        return False
    if e.date and m.date and not e.date.overlaps(m.date):
        return False
    if e.people and m.people and not _similar(set(e.people), set(m.people)):
        return False
    return not (e.parties and m.parties and not _similar(set(e.parties), set(m.parties)))


def _similar(a: set[str], b: set[str]) -> bool:
    """Two sets of parties or people that may be one meeting's: they share one, and when both
    name two or more, at least half of all of them."""
    shared = len(a & b)
    if not shared:
        return False
    if len(a) >= 2 and len(b) >= 2:
        return shared / len(a | b) >= 0.5
    return True


def _places_agree(
    city_a: str | None, country_a: str | None, city_b: str | None, country_b: str | None
) -> bool:
    if city_a and city_b and city_a != city_b:
        return False
    return not (country_a and country_b and country_a != country_b)


def _overlap(e: Event, m: _Mention) -> float:
    score = 0.0
    if e.city and e.city == m.city:
        score += 2
    elif e.country_place and e.country_place == m.country_place:
        score += 1
    if e.date and m.date and e.date.overlaps(m.date):
        score += 1
    score += len(set(e.parties) & set(m.parties)) * 0.5
    score += len(set(e.people) & set(m.people))
    return score


def _absorb(e: Event, m: _Mention) -> None:
    for k, v in m.parties.items():
        e.parties[k] = e.parties.get(k, 0.0) + v
    for k, v in m.people.items():
        e.people[k] = e.people.get(k, 0.0) + v
    e.city = e.city or m.city
    e.country_place = e.country_place or m.country_place
    if m.date:
        e.date = m.date if e.date is None else (e.date.intersect(m.date) or e.date)
    # "The talks" alone says little about which meeting it means: it does not decide whether
    # the event took place.
    named = m.parties or m.people or m.city or m.country_place or m.date
    if m.planned is not None and named and not e.tense_known:
        e.planned, e.tense_known = m.planned, True
    e.level = e.level or m.level
    rank = {"meeting": 0, "talks": 1, "summit": 2}
    if rank[m.kind] > rank[e.kind]:
        e.kind = m.kind
    e.score += m.weight
    e.in_lead = e.in_lead or m.in_lead
    if m.span not in e.spans:
        e.spans.append(m.span)


def _choose_main(events: list[Event]) -> None:
    candidates = [
        e
        for e in events
        if not e.bare
        and (e.parties or e.people or e.city)
        and ((e.in_lead and e.score >= MAIN_MIN_SCORE) or e.score >= MAIN_BODY_SCORE)
    ]
    if candidates:
        max(candidates, key=lambda e: (e.score, e.in_lead)).main = True


# ---- meetings across articles ---------------------------------------------------------------


@dataclass(frozen=True)
class MeetingArticle:
    """An article's part in a meeting: `main` (what it is about) or `mention` (in passing), and
    where it speaks of it: (field, start, end) of those sentences in its title/standfirst/body."""

    id: str
    outlet: str | None
    role: Role
    spans: tuple[tuple[Field, int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "outlet": self.outlet, "role": self.role}


@dataclass
class Meeting:
    """One meeting and the articles that speak of it."""

    id: str
    label: str
    place: str | None
    date: DateSpan | None
    parties: list[str]
    kind: str = "meeting"
    planned: bool = False
    people: list[str] = field(default_factory=list)
    articles: list[MeetingArticle] = field(default_factory=list)
    # Set when a user's `meeting:` front matter made or named it.
    by_user: bool = False

    @property
    def main_ids(self) -> list[str]:
        return self.article_ids("main")

    def article_ids(self, role: Role | None = None) -> list[str]:
        """The ids of its articles (main ones first), or only those of one role."""
        return [a.id for a in self.articles if role is None or a.role == role]

    def to_cache(self) -> dict[str, Any]:
        """Everything, for the cache of grouped meetings (`from_cache` reads it back)."""
        return {
            **{k: getattr(self, k) for k in ("id", "label", "place", "parties", "kind")},
            **{k: getattr(self, k) for k in ("planned", "people", "by_user")},
            "date": self.date.to_json() if self.date else None,
            "articles": [
                [a.id, a.outlet, a.role, [list(s) for s in a.spans]] for a in self.articles
            ],
        }

    @classmethod
    def from_cache(cls, value: Mapping[str, Any]) -> Meeting:
        return cls(
            id=str(value["id"]),
            label=str(value["label"]),
            place=value["place"],
            date=DateSpan.from_json(value["date"]) if value["date"] else None,
            parties=[str(p) for p in value["parties"]],
            kind=str(value["kind"]),
            planned=bool(value["planned"]),
            people=[str(p) for p in value["people"]],
            by_user=bool(value["by_user"]),
            articles=[
                MeetingArticle(str(i), o, r, tuple((str(f), int(a), int(b)) for f, a, b in spans))  # type: ignore[misc]
                for i, o, r, spans in value["articles"]
            ],
        )

    def to_json(self) -> dict[str, Any]:
        """The `parallax meetings --json` contract."""
        return {
            "id": self.id,
            "label": self.label,
            "place": self.place,
            "date": self.date.iso() if self.date else None,
            "parties": list(self.parties),
            "articles": [a.to_json() for a in self.articles],
        }


@dataclass
class _Candidate:
    article_id: str
    event: Event
    role: Role
    core: frozenset[str]
    people: frozenset[str]
    city: str | None
    country: str | None
    date: DateSpan | None  # said in the text
    around: DateSpan | None  # the article's own date, for an undated meeting
    level: Level | None


@dataclass
class _Cluster:
    members: list[_Candidate] = field(default_factory=list)
    parties: Counter[str] = field(default_factory=Counter)
    people: Counter[str] = field(default_factory=Counter)
    city: str | None = None
    country: str | None = None
    date: DateSpan | None = None
    around: DateSpan | None = None
    level: Level | None = None

    @property
    def core(self) -> frozenset[str]:
        return _top(self.parties)

    @property
    def principals(self) -> frozenset[str]:
        return _top(self.people)

    def add(self, c: _Candidate) -> None:
        self.members.append(c)
        self.parties.update(c.core)
        self.people.update(c.people)
        self.city = self.city or c.city
        self.country = self.country or c.country
        if c.date:
            self.date = c.date if self.date is None else (self.date.intersect(c.date) or self.date)
        if c.around:
            self.around = (
                c.around
                if self.around is None
                else (self.around.intersect(c.around) or self.around)
            )
        self.level = self.level or c.level

    def when(self) -> DateSpan | None:
        return self.date or self.around


def _top(counts: Counter[str]) -> frozenset[str]:
    if not counts:
        return frozenset()
    most = max(counts.values())
    return frozenset(k for k, v in counts.items() if v >= most / 2)


def group(
    found: Mapping[str, ArticleMeetings],
    gazetteer: Gazetteer,
    outlets: Mapping[str, str | None] | None = None,
    overrides: Mapping[str, str] | None = None,
) -> list[Meeting]:
    """The meetings of a corpus: `found` maps article ids to what extract() found in them,
    `outlets` ids to outlet names, `overrides` ids to the user's `meeting:` value (an id or a
    label of a meeting, or a name of their own), which decides that article's main meeting."""
    outlets = outlets or {}
    overrides = {k: v.strip() for k, v in (overrides or {}).items() if v and v.strip()}
    countries = _people_countries(found)

    def meetings(skip_main: Iterable[str]) -> list[Meeting]:
        skip = set(skip_main)
        candidates = []
        for article_id in sorted(found):
            for event in found[article_id].events:
                if event.main and article_id in skip:
                    continue
                c = _candidate(article_id, found[article_id], event, countries, gazetteer.bodies)
                if c is not None:
                    candidates.append(c)
        out = []
        for cluster in _cluster(candidates):
            mains = {c.article_id for c in cluster.members if c.role == "main"}
            if not mains and len({c.article_id for c in cluster.members}) < 2:
                continue  # one article's passing mention: not enough to list
            out.append(_meeting(cluster, found, gazetteer, outlets, countries))
        _assign_ids(out)
        return out

    # An overridden article's own main event takes no part in grouping; the meetings as they
    # were with it are looked at only when its `meeting:` names one of those.
    result = _apply_overrides(meetings(overrides), overrides, found, outlets, lambda: meetings(()))
    result.sort(
        key=lambda m: (-(m.date.middle.toordinal() if m.date else _seen(m, found)), m.label)
    )
    _assign_ids(result)
    return result


def _seen(m: Meeting, found: Mapping[str, ArticleMeetings]) -> int:
    dates = [found[a.id].published for a in m.articles if a.id in found and found[a.id].published]
    return max(dates).toordinal() if dates else 0


def _people_countries(found: Mapping[str, ArticleMeetings]) -> dict[str, str]:
    """person key -> the country most articles give them ("Lavrov" -> Russia)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for meetings in found.values():
        for key, person in meetings.people.items():
            if person.country:
                votes[key][person.country] += 1
    return {k: v.most_common(1)[0][0] for k, v in votes.items()}


def _candidate(
    article_id: str,
    meetings: ArticleMeetings,
    event: Event,
    countries: Mapping[str, str],
    bodies: frozenset[str] | set[str] = frozenset(),
) -> _Candidate | None:
    parties = dict(event.parties)
    for key, weight in event.people.items():
        person = meetings.people.get(key)
        country = (person.country if person else None) or countries.get(key)
        if country:
            parties[country] = parties.get(country, 0.0) + weight
    core = set()
    if parties:
        most = max(parties.values())
        core = {k for k, v in parties.items() if v >= CORE_SHARE * most}
    people = frozenset(
        k for k, v in event.people.items() if v >= CORE_SHARE * max(event.people.values())
    )
    who = len(core) >= 2 or len(people) >= 2
    where_when = bool(event.city or event.country_place or event.date)
    if event.main:
        # "Russia rejects talks" names no meeting one could find again; "G7 summit" does.
        place = event.city or event.country_place
        if not (who or place or core & set(bodies)):
            return None
    elif not (who and (where_when or len(people) >= 2)):
        return None  # a passing "the talks" or "Russia and the US" alone: not one meeting
    around = None
    if event.date is None and meetings.published is not None:
        p = meetings.published
        if event.planned:
            around = DateSpan(p, p + timedelta(days=PLANNED_AFTER_DAYS), "range")
        else:
            around = DateSpan(p - timedelta(days=HELD_BEFORE_DAYS), p + timedelta(days=1), "range")
    return _Candidate(
        article_id,
        event,
        "main" if event.main else "mention",
        frozenset(core),
        people,
        event.city,
        event.country_place,
        event.date,
        around,
        event.level,
    )


def _keys(core: frozenset[str], people: frozenset[str], city: str | None) -> set[tuple[str, ...]]:
    keys: set[tuple[str, ...]] = set()
    for prefix, names in (("p", sorted(core)), ("h", sorted(people))):
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                keys.add((prefix, a, b))
    if city:
        keys.add(("c", city))
    return keys


def _cluster(candidates: list[_Candidate]) -> list[_Cluster]:
    """Greedy grouping: main events first (the heaviest first), each joining the cluster it
    has most evidence with and no disagreement, else starting one."""
    candidates = sorted(candidates, key=lambda c: (c.role != "main", -c.event.score, c.article_id))
    clusters: list[_Cluster] = []
    by_key: dict[tuple[Any, ...], set[int]] = defaultdict(set)
    for c in candidates:
        months = _months(c.date or c.around)
        seen: set[int] = set()
        best, best_evidence = None, 0.0
        for key in _keys(c.core, c.people, c.city):
            ids: Iterable[int]
            if months is None:  # no date at all: any time will do
                ids = [i for k2, lst in by_key.items() if k2[:-1] == key for i in lst]
            else:
                buckets = [None, *range(months[0] - 1, months[-1] + 2)]
                ids = (i for b in buckets for i in by_key.get((*key, b), ()))
            for index in ids:
                if index in seen:
                    continue
                seen.add(index)
                evidence = _evidence(clusters[index], c)
                if evidence > best_evidence:
                    best, best_evidence = index, evidence
        if best is None or best_evidence < 2:
            clusters.append(_Cluster())
            best = len(clusters) - 1
        cluster = clusters[best]
        before = _keys(cluster.core, cluster.principals, cluster.city)
        cluster.add(c)
        for bucket in _months(cluster.when()) or [None]:
            for key in _keys(cluster.core, cluster.principals, cluster.city) | before:
                by_key[(*key, bucket)].add(best)
    return clusters


def _months(span: DateSpan | None) -> list[int] | None:
    """The months (year * 12 + month) a stretch of days touches."""
    if span is None:
        return None
    first = span.start.year * 12 + span.start.month
    last = span.end.year * 12 + span.end.month
    return list(range(first, last + 1))


def _evidence(k: _Cluster, c: _Candidate) -> float:
    """How strongly `c` is the meeting of cluster `k`: 0 when anything disagrees, else one
    point each for two shared parties, the same place, overlapping dates, shared people."""
    if k.city and c.city and k.city != c.city:
        return 0.0
    if k.country and c.country and k.country != c.country:
        return 0.0
    for mine, theirs in (
        (k.date, c.date),
        (k.date, c.around),
        (k.around, c.date),
        (k.around, c.around),
    ):
        if mine and theirs and not mine.overlaps(theirs, slack=1):
            return 0.0
    core = k.core
    if core and c.core and not _similar(set(core), set(c.core)):
        return 0.0
    principals = k.principals
    if len(principals) >= 2 and len(c.people) >= 2 and not _similar(set(principals), set(c.people)):
        return 0.0
    evidence = 0.0
    if len(core & c.core) >= 2:
        evidence += 1
    if len(principals & c.people) >= 2:
        evidence += 1
    if k.city and k.city == c.city:
        evidence += 1
    elif k.country and k.country == c.country:
        evidence += 0.5
    if k.date and c.date:
        # A day or a week says when; "next month" or "within two weeks" only roughly.
        evidence += 1 if max(k.date.days, c.date.days) <= 7 else 0.5
    return evidence


def _meeting(
    cluster: _Cluster,
    found: Mapping[str, ArticleMeetings],
    g: Gazetteer,
    outlets: Mapping[str, str | None],
    countries: Mapping[str, str],
) -> Meeting:
    roles: dict[str, Role] = {}
    spans: dict[str, list[tuple[Field, int, int]]] = defaultdict(list)
    for c in cluster.members:
        if roles.get(c.article_id) != "main":
            roles[c.article_id] = c.role
        spans[c.article_id].extend(s for s in c.event.spans if s not in spans[c.article_id])
    kinds = Counter(c.event.kind for c in cluster.members)
    kind = "summit" if kinds["summit"] else "talks" if kinds["talks"] else "meeting"
    planned = all(c.event.planned for c in cluster.members)
    people_names = []
    for key in sorted(cluster.principals, key=lambda k: (-cluster.people[k], k)):
        name = next((found[c.article_id].people[key].name for c in cluster.members
                     if key in found[c.article_id].people), key)  # fmt: skip
        people_names.append(name)
    # The party the articles say most about first ("US–Russia talks"), then alphabetically.
    weight: Counter[str] = Counter()
    for c in cluster.members:
        weight.update({p: w for p, w in c.event.parties.items() if p in cluster.core})
    parties = sorted(cluster.core, key=lambda p: (-weight[p], p.casefold()))
    place = None
    if cluster.city:
        place = g.display.get(cluster.city, cluster.city.title())
    elif cluster.country:
        place = cluster.country
    articles = sorted(
        (MeetingArticle(i, outlets.get(i), r, tuple(spans[i])) for i, r in roles.items()),
        key=lambda a: (a.role != "main", (a.outlet or "").casefold(), a.id),
    )
    meeting = Meeting(
        id="",
        label="",
        place=place,
        date=cluster.date,
        parties=parties or [n.split()[-1] for n in people_names],
        kind=kind,
        planned=planned,
        people=people_names,
        articles=articles,
    )
    meeting.label = _label(meeting, cluster, found)
    return meeting


def _label(m: Meeting, cluster: _Cluster, found: Mapping[str, ArticleMeetings]) -> str:
    """ "Russia–US talks · Istanbul · 27 Feb 2025", "Putin–Trump summit (planned) · reported 23
    Feb 2025": who, what, where, when."""
    if len(m.people) >= 2 and (cluster.level == "leaders" or len(m.parties) < 2):
        who = "–".join(sorted(n.split()[-1] for n in m.people))
    else:
        who = "–".join(m.parties) if m.parties else "–".join(n.split()[-1] for n in m.people)
    what = f"{who} {m.kind}".strip() if who else m.kind.capitalize()
    if m.planned:
        what += " (planned)"
    parts = [what]
    if m.place:
        parts.append(m.place)
    if m.date:
        parts.append(m.date.label())
    else:
        seen = [
            found[a.id].published for a in m.articles if a.id in found and found[a.id].published
        ]
        if seen:
            parts.append(f"reported {DateSpan.day(min(seen)).label()}")
    return " · ".join(parts)


def _assign_ids(meetings: list[Meeting]) -> None:
    """Ids from what the meeting is, so they stay put as articles come and go:
    `russia-us-talks-istanbul-2025-02-27`; a second one alike gets `-2`."""
    taken: set[str] = set()
    for m in sorted(meetings, key=lambda m: (m.by_user, m.article_ids())):
        if m.by_user and m.id:
            base = m.id
        else:
            words = [*sorted(m.parties, key=str.casefold), m.kind, m.place or ""]
            if m.date:
                words.append(m.date.iso())
            elif m.planned:
                words.append("planned")
            base = slugify(" ".join(words))[:64].strip("-") or "meeting"
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        m.id = candidate


def _apply_overrides(
    meetings: list[Meeting],
    overrides: Mapping[str, str],
    found: Mapping[str, ArticleMeetings],
    outlets: Mapping[str, str | None],
    with_overridden: Callable[[], list[Meeting]],
) -> list[Meeting]:
    """Each overridden article becomes a main article of the meeting its `meeting:` names
    (by id or label, case, accents and word order aside), or of a meeting of that name of its
    own. A name of a meeting that only exists with the article in it (`with_overridden`) keeps
    that meeting: "pin this article where it is"."""
    if not overrides:
        return meetings
    named_meetings = by_name(meetings)
    before: dict[str, Meeting] | None = None
    for article_id in sorted(overrides):
        wanted = overrides[article_id]
        target = named_meetings.get(fold(wanted)) or named_meetings.get(fold_label(wanted))
        if target is None:
            if before is None:
                before = by_name(with_overridden())
            earlier = before.get(fold(wanted)) or before.get(fold_label(wanted))
            others = set(earlier.main_ids) - {article_id} if earlier is not None else set()
            # The meeting it names, as it is now without the article, if its other articles
            # are still together: that one (under its name of now).
            now = max(meetings, key=lambda m: len(others & set(m.main_ids)), default=None)
            if now is not None and others & set(now.main_ids):
                target = now
            elif earlier is not None:
                target = replace(
                    earlier, articles=[a for a in earlier.articles if a.id != article_id]
                )
            else:
                target = Meeting(
                    id=slugify(wanted)[:64] or "meeting",
                    label=wanted,
                    place=None,
                    date=None,
                    parties=[],
                    by_user=True,
                )
            if target not in meetings:
                meetings.append(target)
            named_meetings.update({key: target for key in (fold(wanted), fold_label(wanted))})
        for m in meetings:  # the article leaves any other meeting it was found in as main
            m.articles = [a for a in m.articles if not (a.id == article_id and a.role == "main")]
        main_event = found[article_id].main if article_id in found else None
        spans = tuple(main_event.spans) if main_event else ()
        target.articles = [a for a in target.articles if a.id != article_id]
        target.articles.insert(
            0, MeetingArticle(article_id, outlets.get(article_id), "main", spans)
        )
    return [m for m in meetings if m.articles]


class _Named(Protocol):
    id: str
    label: str


Named = TypeVar("Named", bound=_Named)


def by_name(items: Iterable[Named]) -> dict[str, Named]:
    """Folded id and folded label -> item (meetings, stories): the first of each wins."""
    found: dict[str, Named] = {}
    for item in items:
        found.setdefault(fold(item.id), item)
        found.setdefault(fold_label(item.label), item)
    return found


def fold_label(label: str) -> str:
    """A label's words, folded and in any order: "US–Russia talks" finds "Russia–US talks"."""
    return " ".join(sorted(re.findall(r"\w+", fold(label))))


def find_named(
    items: Sequence[Named], id_or_label: str, error: type[KeyError], what: str, listed_by: str
) -> Named:
    """The item with this id or label (case and accents aside), or the only one whose id
    starts with it; otherwise `error` (one line, suggesting close ids or where they are
    listed)."""
    wanted = id_or_label.strip()
    for item in items:
        if item.id == wanted:
            return item
    folded = fold_label(wanted)
    for item in items:
        if fold(item.id) == fold(wanted) or (folded and fold_label(item.label) == folded):
            return item
    starts = [item for item in items if wanted and item.id.startswith(fold(wanted))]
    if len(starts) == 1:
        return starts[0]
    import difflib

    if len(starts) > 1:
        close = [item.id for item in starts[:3]]
    else:
        close = difflib.get_close_matches(wanted, [item.id for item in items], n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; see `{listed_by}`"
    raise error(f"no {what} {wanted!r}{hint}")


class UnknownMeetingError(KeyError):
    """No meeting has this id or label. `str()` is one line, suggesting close ids."""

    def __str__(self) -> str:
        return str(self.args[0])


def find_meeting(meetings: Sequence[Meeting], id_or_label: str) -> Meeting:
    """The meeting with this id or label, or the only one whose id starts with it;
    UnknownMeetingError otherwise."""
    return find_named(meetings, id_or_label, UnknownMeetingError, "meeting", "parallax meetings")
