"""The search query language, read into a whoosh query. Reading never raises.

    putin lavrov            any of the words: articles with all of them first, then those
                            missing some, the rarer the missing words the lower (AnyWords)
    +putin lavrov           a leading + requires a word
    "western elites"        a phrase: the words next to each other
    a AND b                 both required
    kiev OR kyiv, NOT x     OR binds tighter than AND, as in web search: `kiev OR kyiv
                            talks` is (kiev OR kyiv), talks ranking; brackets group
    -word, -"a phrase"      leave out articles that have it
    negoti*                 words starting with "negoti"
    outlet:eunews           field filters: outlet, author, agency, dateline, title; a
    outlet:"business standard"   quoted value is a phrase inside that field
    date:2025-02            dates: a year, month or day; >, >=, <, <= before one;
    date:2025-02-01..2025-02-28  a range (either end may be left out); today, yesterday,
    date:"last week"        "last week" (7 days up to today), "last month" (30 days),
                            "last year", "this week|month|year", "last N days"

The grammar is forgiving: an unclosed quote or bracket is closed at the end, a stray operator
or bracket is left out, control characters are spaces, a very long query is cut. Whatever is
left out is said in `ParsedQuery.messages`.

Quoted phrases, -not, OR, brackets and filters keep their strict meaning: an article must
match them. The free words of the top level are the ones any of which will do; when nothing
else in the query has words (only filters, dates, -not), an article needs at least one of them.

Free words are searched in the index's `text` field: title, standfirst, body and byline
(outlet, author, agency, dateline) in one, each weighted by where the word is (documents.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from whoosh import matching
from whoosh import query as wq
from whoosh.matching import NullMatcherClass
from whoosh.matching.wrappers import ConstantScoreWrapperMatcher

from ..analysis import WORD, NewsAnalyzer, WeightedPositions, consecutive, decode_positions

__all__ = [
    "FREE_TEXT",
    "AnyWords",
    "FILTER_FIELDS",
    "Filter",
    "Highlight",
    "ParsedQuery",
    "date_range",
    "parse",
]

# Where free words are looked for (field -> query boost): one field holding every section.
FREE_TEXT: dict[str, float] = {"text": 1.0}
FILTER_FIELDS = ("outlet", "author", "agency", "dateline", "title", "date", "story")
# story: values are resolved by the caller (index/stories): a story id or label -> article ids,
# or None for no such story.
StoryResolver = Callable[[str], "Iterable[str] | None"]
MAX_QUERY_CHARS = 1000
MAX_ATOMS = 64
MIN_PREFIX = 2
MAX_DEPTH = 16  # brackets nested deeper than this are read flat

_QUOTES = '"“”„'
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069]")
_FIELD = re.compile(r"^([A-Za-z]+):(.*)$", re.S)
_OPERATORS = {"AND": "AND", "OR": "OR", "NOT": "NOT", "&&": "AND", "||": "OR"}


@dataclass(frozen=True)
class Highlight:
    """What to mark in a body: index terms, term prefixes, and phrases (runs of terms)."""

    terms: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms or self.prefixes or self.phrases)


@dataclass(frozen=True)
class Word:
    """A free word of the query as typed, where it is in `ParsedQuery.text`, its forms."""

    start: int
    end: int
    raw: str
    folded: str  # lowercased, accent- and alias-folded, not stemmed
    term: str  # the index term


@dataclass
class ParsedQuery:
    """A query read: the whoosh query (None: nothing to search), what to highlight, the free
    words (for "did you mean"), and one line per thing that was left out or changed."""

    text: str
    query: wq.Query | None
    highlight: Highlight = field(default_factory=Highlight)
    words: list[Word] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    has_text: bool = False  # False when only filters: relevance means nothing, sort by date


# ---- lexing -------------------------------------------------------------------------------------


@dataclass
class _Tok:
    kind: str  # "(", ")", "op", "word", "quoted", "field"
    text: str = ""
    start: int = 0
    end: int = 0
    negated: bool = False
    name: str = ""  # field name
    quoted: bool = False  # a field value in quotes
    required: bool = False  # a leading +


def _lex(s: str, messages: list[str]) -> Iterator[_Tok]:
    i, n = 0, len(s)
    negate = plus = False
    unclosed = False
    while i < n:
        c = s[i]
        if c.isspace():
            i += 1
            negate = plus = False
            continue
        if c in "-+" and i + 1 < n and not s[i + 1].isspace() and s[i + 1] not in "-+)":
            negate, plus = c == "-", c == "+"
            i += 1
            continue
        if c == "(" or c == ")":
            yield _Tok(c, c, i, i + 1, negated=negate)
            negate = plus = False
            i += 1
            continue
        if c in _QUOTES:
            j = _closing_quote(s, i + 1)
            unclosed |= j == n
            yield _Tok("quoted", s[i + 1 : j], i + 1, j, negated=negate)
            negate = plus = False
            i = j + 1
            continue
        j = i
        while j < n and not s[j].isspace() and s[j] not in "()" + _QUOTES:
            j += 1
        run = s[i:j]
        m = _FIELD.match(run)
        if run in _OPERATORS and not negate:
            yield _Tok("op", _OPERATORS[run], i, j)
        elif m and m.group(1).lower() in FILTER_FIELDS:
            name, value = m.group(1).lower(), m.group(2)
            if not value and j < n and s[j] in _QUOTES:
                k = _closing_quote(s, j + 1)
                unclosed |= k == n
                yield _Tok("field", s[j + 1 : k], j + 1, k, negate, name, quoted=True)
                j = k + 1
            else:
                yield _Tok("field", value, i + len(name) + 1, i + len(run), negate, name)
        else:
            yield _Tok("word", run, i, j, negated=negate, required=plus)
        negate = plus = False
        i = j
    if unclosed:
        messages.append("a quote was not closed; it is closed at the end of the query")


def _closing_quote(s: str, i: int) -> int:
    while i < len(s) and s[i] not in _QUOTES:
        i += 1
    return i


# ---- parsing into a small tree ------------------------------------------------------------------


@dataclass
class _Node:
    kind: str  # "and", "or", "not", "atom"
    children: list[_Node] = field(default_factory=list)
    tok: _Tok | None = None


class _Parser:
    """Recursive descent over the tokens; anything out of place is skipped, never an error."""

    def __init__(self, toks: list[_Tok], messages: list[str]) -> None:
        self.toks = toks
        self.i = 0
        self.depth = 0
        self.messages = messages
        self.skipped: list[str] = []

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def parse(self) -> _Node:
        node = self.and_expr()
        while self.peek() is not None:  # a stray ")" at the top level
            self.skipped.append(self.toks[self.i].text)
            self.i += 1
            node.children.extend(self.and_expr().children)
        if self.skipped:
            shown = ", ".join(dict.fromkeys(self.skipped))
            self.messages.append(f"left out what could not be read in place: {shown}")
        return node

    def and_expr(self) -> _Node:
        parts = []
        while True:
            tok = self.peek()
            if tok is None or tok.kind == ")":
                break
            if tok.kind == "op" and tok.text == "AND" and parts:
                # `a AND b`: both required, however a plain query ranks its words
                self.i += 1
                nxt = self.peek()
                if nxt is None or nxt.kind == ")" or (nxt.kind == "op" and nxt.text != "NOT"):
                    self.skipped.append("AND")
                    continue
                node = self.or_expr()
                if node is not None:
                    last = parts.pop()
                    both = last.children if last.kind == "and" and last.tok is None else [last]
                    parts.append(_Node("and", [*both, node]))
                continue
            if tok.kind == "op" and tok.text in ("AND", "OR"):
                self.skipped.append(tok.text)  # a stray AND or OR
                self.i += 1
                continue
            node = self.or_expr()
            if node is not None:
                parts.append(node)
        return _Node("and", parts)

    def or_expr(self) -> _Node | None:
        first = self.unary()
        options = [first] if first is not None else []
        while True:
            tok = self.peek()
            if tok is None or tok.kind != "op" or tok.text != "OR":
                break
            self.i += 1
            nxt = self.peek()
            if nxt is None or nxt.kind == ")" or (nxt.kind == "op" and nxt.text != "NOT"):
                self.skipped.append("OR")
                break
            node = self.unary()
            if node is not None:
                options.append(node)
        if not options:
            return None
        return options[0] if len(options) == 1 else _Node("or", options)

    def unary(self) -> _Node | None:
        tok = self.peek()
        if tok is None:
            return None
        if tok.kind == "op":
            self.i += 1
            if tok.text != "NOT":
                self.skipped.append(tok.text)
                return None
            negations = 1  # NOT NOT x is x; counted in a loop, so no NOT chain recurses
            while (nxt := self.peek()) is not None and nxt.kind == "op" and nxt.text == "NOT":
                self.i += 1
                negations += 1
            inner = self.unary()
            if inner is None:
                self.skipped.append("NOT")
                return None
            return _Node("not", [inner]) if negations % 2 else inner
        self.i += 1
        if tok.kind == "(" and self.depth >= MAX_DEPTH:
            self.skipped.append("(")
            return None
        if tok.kind == "(":
            self.depth += 1
            inner = self.and_expr()
            if self.peek() is not None and self.peek().kind == ")":  # type: ignore[union-attr]
                self.i += 1
            else:
                self.messages.append("a bracket was not closed; it is closed at the end")
            self.depth -= 1
            node = inner
        elif tok.kind == ")":
            self.skipped.append(")")
            return None
        else:
            node = _Node("atom", tok=tok)
        return _Node("not", [node]) if tok.negated else node


# ---- building the whoosh query ------------------------------------------------------------------


class _Builder:
    def __init__(
        self,
        text_analyzer: NewsAnalyzer,
        name_analyzer: NewsAnalyzer,
        today: date,
        stories: StoryResolver | None = None,
    ) -> None:
        self.stories = stories
        self.text = text_analyzer
        self.names = name_analyzer
        self.today = today
        self.messages: list[str] = []
        self.terms: set[str] = set()
        self.prefixes: list[str] = []
        self.phrases: list[tuple[str, ...]] = []
        self.words: list[Word] = []
        self.atoms = 0
        self.has_text = False

    def build_top(self, node: _Node) -> wq.Query | None:
        """The whole query: its top-level free words become an AnyWords (any of them will
        do), everything else stays strict."""
        if node.kind != "and":
            return self.build(node)
        soft = [c for c in node.children if _is_soft(c)]
        if not soft:
            return self.build(node)
        others: list[wq.Query] = []
        required_text = False  # whether what is required has words of its own
        for child in node.children:
            if _is_soft(child):
                continue
            text_before, self.has_text = self.has_text, False
            q = self.build(child)
            if q is not None:
                others.append(q)
                required_text |= (
                    self.has_text and not isinstance(q, wq.Not) and not _is_filter(child)
                )
            self.has_text |= text_before
        words = [q for q in (self.build(c) for c in soft) if q is not None]
        if not words or (len(words) == 1 and not required_text):
            subs = [*others, *words]
            return _conjunction(subs) if subs else None
        positives = [q for q in others if not isinstance(q, wq.Not)]
        negatives = [q.query for q in others if isinstance(q, wq.Not)]
        return AnyWords(
            words,
            required=(
                None if not positives
                else positives[0] if len(positives) == 1 else wq.And(positives)
            ),
            excluded=(
                None if not negatives
                else negatives[0] if len(negatives) == 1 else wq.Or(negatives)
            ),
            required_text=required_text,
        )  # fmt: skip

    def build(self, node: _Node, positive: bool = True) -> wq.Query | None:
        if node.kind == "atom":
            assert node.tok is not None
            return self.atom(node.tok, positive)
        if node.kind == "not":
            inner = self.build(node.children[0], not positive)
            return None if inner is None else wq.Not(inner)
        subs = [q for q in (self.build(c, positive) for c in node.children) if q is not None]
        if not subs:
            return None
        if node.kind == "or":
            return subs[0] if len(subs) == 1 else wq.Or(subs)
        return _conjunction(subs)

    def atom(self, tok: _Tok, positive: bool) -> wq.Query | None:
        self.atoms += 1
        if self.atoms > MAX_ATOMS:
            if self.atoms == MAX_ATOMS + 1:
                self.messages.append(f"only the first {MAX_ATOMS} words and filters are searched")
            return None
        if tok.kind == "field":
            return self.field_filter(tok)
        if tok.kind == "quoted":
            return self.free_text(tok, list(_words_in(tok)), phrase=True, positive=positive)
        return self.free_text(tok, list(_words_in(tok)), phrase=False, positive=positive)

    # -- free text --

    def free_text(
        self,
        tok: _Tok,
        raws: list[tuple[str, int, int]],
        *,
        phrase: bool,
        positive: bool,
        fields: dict[str, float] = FREE_TEXT,
    ) -> wq.Query | None:
        prefix = not phrase and tok.text.endswith("*")
        forms = [(f, s, e) for f, s, e in ((self.text.forms(r), s, e) for r, s, e in raws) if f]
        if not forms:
            return None
        if prefix:
            *rest, (last, s, e) = forms
            if len(last[0]) >= MIN_PREFIX:
                return self.prefix_query(rest, last, fields, positive)
        terms = [f[1] for f, _, _ in forms]
        self.has_text = True
        if positive:
            for (folded, term), s, e in forms:
                self.words.append(Word(s, e, tok.text[s - tok.start : e - tok.start], folded, term))
            if len(terms) == 1:
                self.terms.add(terms[0])
            else:
                self.phrases.append(tuple(terms))
        if len(terms) == 1:
            return _any_field(fields, lambda f, b: wq.Term(f, terms[0], boost=b))
        # A quoted phrase, or one typed word the analyzer cuts in several ("Trump-Putin").
        return _any_field(fields, lambda f, b: Phrase(f, terms, boost=b))

    def prefix_query(
        self,
        rest: list[tuple[tuple[str, str], int, int]],
        last: tuple[str, str],
        fields: dict[str, float],
        positive: bool,
    ) -> wq.Query:
        self.has_text = True
        # Index terms are stemmed: "elite*" must also reach "elit" (elites), so the prefix is
        # tried as typed (folded) and stemmed.
        stems = tuple(dict.fromkeys((last[0], last[1])))
        if positive:
            self.prefixes.extend(stems)
            self.terms.update(f[1] for f, _, _ in rest)
        q = _any_field(
            fields,
            lambda f, b: (
                wq.Or([wq.Prefix(f, p, boost=b) for p in stems])
                if len(stems) > 1
                else wq.Prefix(f, stems[0], boost=b)
            ),
        )
        if not rest:
            return q
        before = [
            _any_field(fields, lambda f, b, t=t: wq.Term(f, t[1], boost=b)) for t, _, _ in rest
        ]
        return wq.And([*before, q])

    # -- filters --

    def field_filter(self, tok: _Tok) -> wq.Query | None:
        value = tok.text.strip()
        if not value:
            self.messages.append(f"{tok.name}: needs a value, like {_EXAMPLES[tok.name]}")
            return None
        if tok.name == "date":
            try:
                start, end = date_range(value, self.today)
            except ValueError as err:
                self.messages.append(f"{err}; searched without it")
                return None
            # `published` holds day numbers (date.toordinal()), so undated articles sort last.
            return Filter(
                wq.NumericRange(
                    "published",
                    start.toordinal() if start else 1,
                    end.toordinal() if end else date.max.toordinal() + 1,
                    endexcl=True,
                )
            )
        if tok.name == "story":
            ids = self.stories(value) if self.stories is not None else None
            if ids is None:
                self.messages.append(f"no story {value!r}; searched without it")
                return None
            return Filter(wq.Or([wq.Term("id", i) for i in ids]) if ids else wq.NullQuery)
        if tok.name == "title":
            raws = list(_words_in(tok))
            return self.free_text(
                tok, raws, phrase=tok.quoted, positive=False, fields={"title": 1.0}
            )
        words = self.names.terms(value.rstrip("*"))
        if not words:
            self.messages.append(f"{tok.name}:{value} has no words to find; searched without it")
            return None
        if value.endswith("*") and len(words[-1]) >= MIN_PREFIX:
            last = wq.Prefix(tok.name, words[-1])
            q: wq.Query = (
                last if len(words) == 1
                else wq.And([Phrase(tok.name, words[:-1]), last])
            )  # fmt: skip
        elif len(words) == 1:
            q = wq.Term(tok.name, words[0])
        else:
            q = Phrase(tok.name, words)
        return Filter(q)


_EXAMPLES = {
    "outlet": 'outlet:eunews or outlet:"business standard"',
    "author": 'author:"simone de la feld"',
    "agency": "agency:ap",
    "dateline": "dateline:istanbul",
    "title": "title:summit",
    "date": 'date:2025-02, date:>2025-02-20 or date:"last week"',
    "story": "story:russia-us-talks-istanbul-2025-02-27",
}


def _is_soft(node: _Node) -> bool:
    """A free word typed on its own at the top level (not quoted, not -, not +)."""
    tok = node.tok
    return (
        node.kind == "atom" and tok is not None and tok.kind == "word"
        and not tok.negated and not tok.required
    )  # fmt: skip


def _is_filter(node: _Node) -> bool:
    """A field filter (title: too, though it ranks) on its own."""
    return node.kind == "atom" and node.tok is not None and node.tok.kind == "field"


def _words_in(tok: _Tok) -> Iterator[tuple[str, int, int]]:
    for m in WORD.finditer(tok.text):
        yield m.group(), tok.start + m.start(), tok.start + m.end()


def _any_field(fields: dict[str, float], make) -> wq.Query:  # type: ignore[no-untyped-def]
    subs = [make(f, b) for f, b in fields.items()]
    return subs[0] if len(subs) == 1 else wq.Or(subs)


def _conjunction(subs: list[wq.Query]) -> wq.Query:
    positives = [q for q in subs if not isinstance(q, wq.Not)]
    negatives = [q.query for q in subs if isinstance(q, wq.Not)]
    if not negatives:
        return positives[0] if len(positives) == 1 else wq.And(positives)
    base = (
        wq.Every() if not positives else positives[0] if len(positives) == 1 else wq.And(positives)
    )
    return wq.AndNot(base, negatives[0] if len(negatives) == 1 else wq.Or(negatives))


class AnyWords(wq.Query):
    """Free words of which an article needs any: what a plain query means. It must match
    `required` (phrases, +words, OR groups, filters), and not `excluded` (-not); with words in
    `required` (`required_text`) the free words are optional, else it needs one of them.
    Evaluated in tiers (evaluate.py): the articles with every word first, then by how much
    of the query they cover (each word weighted by its rarity), then by score, the sum of the
    BM25F scores of what they match. `plain()` is the same match and score as whoosh's own
    query, for whoosh's matcher and for tests."""

    def __init__(
        self,
        words: list[wq.Query],
        required: wq.Query | None = None,
        excluded: wq.Query | None = None,
        required_text: bool = False,
    ) -> None:
        self.words = list(words)
        self.required = required
        self.excluded = excluded
        self.required_text = required_text
        self.boost = 1.0

    def plain(self) -> wq.Query:
        core = self.words[0] if len(self.words) == 1 else wq.Or(self.words)
        if self.required is None:
            q: wq.Query = core
        elif self.required_text:
            q = wq.AndMaybe(self.required, core)
        else:
            q = wq.And([self.required, core])
        return q if self.excluded is None else wq.AndNot(q, self.excluded)

    def children(self) -> Iterator[wq.Query]:
        yield from self.words
        if self.required is not None:
            yield self.required
        if self.excluded is not None:
            yield self.excluded

    def normalize(self) -> wq.Query:
        return AnyWords(
            [w.normalize() for w in self.words],
            None if self.required is None else self.required.normalize(),
            None if self.excluded is None else self.excluded.normalize(),
            self.required_text,
        )

    def apply(self, fn: Any) -> wq.Query:
        return AnyWords(
            [fn(w) for w in self.words],
            None if self.required is None else fn(self.required),
            None if self.excluded is None else fn(self.excluded),
            self.required_text,
        )

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return self.plain().matcher(searcher, context)

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is AnyWords
            and self.words == other.words
            and self.required == other.required
            and self.excluded == other.excluded
            and self.required_text == other.required_text
        )

    def __hash__(self) -> int:
        return hash((tuple(self.words), self.required, self.excluded, self.required_text))

    def __repr__(self) -> str:
        return (
            f"AnyWords({self.words!r}, required={self.required!r}, "
            f"excluded={self.excluded!r}, required_text={self.required_text})"
        )


class Filter(wq.WrappingQuery):
    """Matches what its child matches and adds nothing to the score: filters do not rank."""

    boost = 1.0  # whoosh's normalize() multiplies boosts through nested groups

    def _rewrap(self, child: wq.Query) -> Filter:
        return Filter(child)

    def with_boost(self, boost: float) -> Filter:
        return self

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        m = self.child.matcher(searcher, context)
        if isinstance(m, NullMatcherClass):
            return m
        return ConstantScoreWrapperMatcher(m, 0.0)


# ---- dates ------------------------------------------------------------------------------------

_PERIOD = re.compile(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?$")
_LAST_N = re.compile(r"^(?:last|past)\s+(\d{1,4})\s+days?$")
_DATE_HELP = 'try 2025-02, 2025-02-27, >2025-02-20, 2025-02-01..2025-02-28 or "last week"'


def date_range(value: str, today: date) -> tuple[date | None, date | None]:
    """The days `value` means, as (first day, the day after the last); None is open.

    ValueError (one line, naming the value and what would work) if it means nothing.
    """
    text = " ".join(value.strip().lower().split())
    relative = _relative(text, today)
    if relative is not None:
        return relative
    try:
        for op in (">=", "<=", ">", "<"):
            if text.startswith(op):
                first, after = _period(text[len(op) :].strip())
                return {
                    ">=": (first, None), ">": (after, None),
                    "<=": (None, after), "<": (None, first),
                }[op]  # fmt: skip
        if ".." in text:
            left, right = (part.strip() for part in text.split("..", 1))
            if not left and not right:
                raise ValueError
            return (
                _period(left)[0] if left else None,
                _period(right)[1] if right else None,
            )
        return _period(text)
    except ValueError:
        raise ValueError(f"date:{value} is not a date I can read ({_DATE_HELP})") from None


def _relative(text: str, today: date) -> tuple[date, date] | None:
    tomorrow = today + timedelta(days=1)
    fixed = {
        "today": (today, tomorrow),
        "yesterday": (today - timedelta(days=1), today),
        "last week": (today - timedelta(days=6), tomorrow),
        "past week": (today - timedelta(days=6), tomorrow),
        "last month": (today - timedelta(days=29), tomorrow),
        "past month": (today - timedelta(days=29), tomorrow),
        "last year": (today - timedelta(days=364), tomorrow),
        "past year": (today - timedelta(days=364), tomorrow),
        "this week": (today - timedelta(days=today.weekday()), tomorrow),
        "this month": (today.replace(day=1), tomorrow),
        "this year": (today.replace(month=1, day=1), tomorrow),
    }
    if text in fixed:
        return fixed[text]
    m = _LAST_N.match(text)
    if m and int(m.group(1)) > 0:
        return today - timedelta(days=int(m.group(1)) - 1), tomorrow
    return None


def _period(text: str) -> tuple[date, date]:
    """A year, month or day as (its first day, the day after it); ValueError if not one."""
    m = _PERIOD.match(text)
    if not m:
        raise ValueError(text)
    year = int(m.group(1))
    if m.group(3):
        first = date(year, int(m.group(2)), int(m.group(3)))
        return first, first + timedelta(days=1)
    if m.group(2):
        month = int(m.group(2))
        first = date(year, month, 1)
        return first, date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date(year, 1, 1), date(year + 1, 1, 1)


# ---- the entry point --------------------------------------------------------------------------


def parse(
    text: str,
    text_analyzer: NewsAnalyzer,
    name_analyzer: NewsAnalyzer,
    *,
    today: date | None = None,
    stories: StoryResolver | None = None,
) -> ParsedQuery:
    """The query `text` read into a whoosh query; never raises. `stories` resolves `story:`.

    `query` is None when nothing is left to search for; `messages` then says why.
    """
    messages: list[str] = []
    try:
        cleaned = _CONTROL.sub(" ", text)
        if len(cleaned) > MAX_QUERY_CHARS:
            messages.append(
                f"the query is {len(cleaned):,} characters long; "
                f"its first {MAX_QUERY_CHARS:,} were searched"
            )
            cleaned = cleaned[:MAX_QUERY_CHARS]
        toks = list(_lex(cleaned, messages))
        tree = _Parser(toks, messages).parse()
        builder = _Builder(text_analyzer, name_analyzer, today or date.today(), stories)
        q = builder.build_top(tree)
        messages.extend(builder.messages)
        if q is None and not any("searched without" in m for m in messages):
            messages.append(
                'nothing to search for: type words, "a phrase", or a filter like outlet:eunews'
            )
        return ParsedQuery(
            text=cleaned,
            query=q if q is None else q.normalize(),
            highlight=Highlight(
                frozenset(builder.terms),
                tuple(dict.fromkeys(builder.prefixes)),
                tuple(dict.fromkeys(builder.phrases)),
            ),
            words=builder.words,
            messages=list(dict.fromkeys(messages)),
            has_text=builder.has_text,
        )
    except Exception as err:  # the promise is "never raises": a parser bug must not crash search
        return ParsedQuery(
            text=text,
            query=None,
            messages=[f"could not read the query ({type(err).__name__}); please report this"],
        )


# ---- phrases -----------------------------------------------------------------------------------


class Phrase(wq.Phrase):
    """Words next to each other, in order. Whoosh's own phrase builds span objects for every
    candidate article; this one intersects the words' postings and checks their positions
    as integer sets: the same matches, several times faster on common words."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        if self.slop != 1 or self.char_ranges or len(self.words) < 2:
            return super().matcher(searcher, context)
        fieldname = self.fieldname
        if fieldname not in searcher.schema:
            return matching.NullMatcher()
        field = searcher.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            return super().matcher(searcher, context)
        reader = searcher.reader()
        leaves = []
        for word in self.words:
            try:
                btext = field.to_bytes(word)
            except ValueError:
                return matching.NullMatcher()
            if (fieldname, btext) not in reader:
                return matching.NullMatcher()
            weighting = context.weighting if context is not None else None
            scorer = None
            if weighting is not None:
                scorer = weighting.scorer(searcher, fieldname, btext)
            leaves.append(reader.postings(fieldname, btext, scorer=scorer))
        plain = isinstance(field.format, WeightedPositions)
        return _PhraseMatcher(leaves, self.boost, plain)


class _PhraseMatcher(matching.WrappingMatcher):
    """The documents where `leaves` (one term matcher per word) sit at consecutive positions;
    scored as the sum of the words' scores."""

    def __init__(self, leaves: list[Any], boost: float = 1.0, plain: bool = False) -> None:
        both = leaves[0]
        for leaf in leaves[1:]:
            both = matching.IntersectionMatcher(both, leaf)
        super().__init__(both, boost=boost)
        self._leaves = leaves
        self._plain = plain
        self._find()

    def _positions(self, leaf: Any) -> Iterable[int]:
        if self._plain:  # the positions, as 4-byte integers
            return decode_positions(leaf.value())
        return leaf.value_as("positions")

    def _holds(self) -> bool:
        return consecutive(self._positions(leaf) for leaf in self._leaves)

    def _find(self) -> None:
        child = self.child
        while child.is_active() and not self._holds():
            child.next()

    def next(self) -> bool:
        self.child.next()
        self._find()
        return False

    def skip_to(self, docid: int) -> bool:
        self.child.skip_to(docid)
        self._find()
        return False

    def replace(self, minquality: float = 0) -> Any:
        return self if self.is_active() else matching.NullMatcher()

    def copy(self) -> Any:
        return _PhraseMatcher([leaf.copy() for leaf in self._leaves], self.boost, self._plain)

    def supports_block_quality(self) -> bool:
        return False

    def all_ids(self) -> Iterator[int]:
        while self.is_active():
            yield self.id()
            self.next()
