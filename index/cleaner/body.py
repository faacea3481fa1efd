"""Finding the article body among the units of a page.

A page is a sequence of units (one per paragraph-line). Prose units form runs; the body is
the strongest run, joined with further runs that are separated from it only by an insert
("Also Read" headlines, a teaser, a caption), never by the page's header or footer.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .rules import classify_line, ends_sentence, looks_like_prose
from .text import ALL_FUNCTION_WORDS, collapse, fold, words


@dataclass(slots=True)
class Unit:
    """One paragraph-line of the page."""

    index: int
    lines: list[int]  # 0-based line numbers in the input
    raw: str  # soft-normalised (runs of spaces kept)
    text: str  # collapsed
    tokens: list[str] = field(default_factory=list, repr=False)
    label: str | None = None  # the line rule that recognised it, if any
    prose: bool = False
    complete: bool = False
    repeated: bool = False
    key: str = field(default="", repr=False)  # comparable form
    n_words: int = field(init=False, repr=False)  # len(tokens), asked for very often

    def __post_init__(self) -> None:
        self.n_words = len(self.tokens)


@dataclass
class Found:
    """A metadata value, the unit that said it, the rule, and the words that gave it."""

    value: object
    unit: int | None = None
    rule: str = ""
    said: str = ""


# Labels that belong to a page's header or footer: body runs never reach across them.
BLOCKING = frozenset(
    {
        "tags",
        "legal_footer",
        "syndication_note",
        "byline",
        "date_line",
        "breadcrumb",
        "reading_widget",
        "capture_header",
    }
)
# Labels that end a run of prose (the run may be rejoined across an insert).
BREAKING = BLOCKING | {"related_block", "newsletter", "cookie_notice"}

_MAX_SOFT_GAP = 7  # units of furniture allowed inside one run of body
_MAX_SHORT_GAP = 3  # unlabelled short lines allowed inside one run
_MAX_INSERT = 30  # units an insert may span and still be jumped


def build_units(lines: list[str]) -> list[Unit]:
    """Group lines into units: one per non-blank line, or per block if the text is hard-wrapped."""
    stripped = [line.strip() for line in lines]
    blocks: list[list[int]] = []
    if _hard_wrapped(lines, stripped):
        current: list[int] = []
        for number, line in enumerate(stripped):
            if line:
                current.append(number)
            elif current:
                blocks.append(current)
                current = []
        if current:
            blocks.append(current)
    else:
        blocks = []
        last = -2  # the last non-blank line
        for number, line in enumerate(stripped):
            if not line:
                continue
            if last == number - 1 and _wraps(lines[last], lines[number]):
                blocks[-1].append(number)
            else:
                blocks.append([number])
            last = number
    units = []
    for block in blocks:
        raw = stripped[block[0]] if len(block) == 1 else " ".join(stripped[n] for n in block)
        # Most lines hold no run of spaces: nothing to collapse.
        text = raw if "  " not in raw and "\t" not in raw else collapse(raw)
        units.append(Unit(len(units), block, raw, text, tokens=words(text)))
    return units


def _wraps(line: str, nxt: str) -> bool:
    """`nxt` goes on with the sentence that `line` broke at the text's width: a long line
    cut without closing its sentence, and a next line that opens in lower case."""
    head = nxt[:1]
    if head.isspace():
        head = nxt.lstrip()[:1]
    return (
        head.isalpha()
        and head.islower()
        and 45 <= len(line.strip()) <= 100
        and len(line.split()) >= 7  # words, not a line of code
        and not ends_sentence(line.rstrip())
        and not line.rstrip().endswith((":", ",", "(", "{", "[", "\\"))
    )


def _hard_wrapped(lines: list[str], stripped: list[str] | None = None) -> bool:
    """True when long lines are broken at a fixed width inside paragraphs."""
    if stripped is None:
        stripped = [line.strip() for line in lines]
    long_lines = [i for i, line in enumerate(stripped) if len(line) >= 40]
    if len(long_lines) < 6:
        return False
    wrapped = 0
    for i in long_lines:
        nxt = stripped[i + 1] if i + 1 < len(lines) else ""
        if nxt and 50 <= len(lines[i].rstrip()) <= 100 and not ends_sentence(lines[i].rstrip()):
            wrapped += 1
    return wrapped / len(long_lines) >= 0.5


def classify_units(units: list[Unit]) -> None:
    """Label each unit with its line rule and its shape (prose, complete, repeated)."""
    for unit in units:
        unit.key = fold(" ".join(unit.tokens))
    seen = Counter(unit.key for unit in units if unit.key)
    for unit in units:
        if unit.label is None:
            unit.label = classify_line(unit.text, unit.n_words)
        unit.repeated = seen.get(unit.key, 0) > 1 and 3 <= unit.n_words <= 30
        unit.prose = (
            unit.label is None and not unit.repeated and looks_like_prose(unit.text, unit.tokens)
        )
        unit.complete = unit.prose and ends_sentence(unit.text)


@dataclass
class Run:
    units: list[int]  # indexes of prose units
    start: int
    end: int  # inclusive

    def score(self, units: list[Unit]) -> float:
        return sum(units[i].n_words * (1.0 if units[i].complete else 0.5) for i in self.units)

    def complete_count(self, units: list[Unit]) -> int:
        return sum(1 for i in self.units if units[i].complete)

    def words(self, units: list[Unit]) -> int:
        return sum(units[i].n_words for i in self.units)


def _breaks(gap: list[Unit]) -> bool:
    if any(u.label in BREAKING for u in gap):
        return True
    if len(gap) > _MAX_SOFT_GAP:
        return True
    short = sum(1 for u in gap if u.label is None)
    return short > _MAX_SHORT_GAP


def find_runs(units: list[Unit]) -> list[Run]:
    prose = [u.index for u in units if u.prose]
    runs: list[Run] = []
    for index in prose:
        if runs and not _breaks(units[runs[-1].end + 1 : index]):
            runs[-1].units.append(index)
            runs[-1].end = index
        else:
            runs.append(Run([index], index, index))
    return runs


def _headline_shaped(unit: Unit) -> bool:
    return unit.label is None and 2 <= unit.n_words <= 25 and not ends_sentence(unit.text)


def _teaser_like(run: Run, units: list[Unit]) -> bool:
    """A list of teasers: each paragraph introduced by its own headline."""
    # The first paragraph's predecessor lies outside the run (an insert's last line): only
    # the later paragraphs tell a teaser list from a body.
    later = run.units[1:]
    introduced = sum(1 for i in later if _headline_shaped(units[i - 1]) or units[i - 1].repeated)
    return bool(later) and introduced >= max(1, (len(later) + 1) // 2)


def _joinable(run: Run, units: list[Unit]) -> bool:
    return (
        run.complete_count(units) >= 2 and run.words(units) >= 40 and not _teaser_like(run, units)
    )


def _same_article(run: Run, units: list[Unit], main: Run) -> bool:
    """A run of paragraphs told with the main run's own words (the rest of the article,
    beyond a long insert: a video list, a gallery)."""
    if not _joinable(run, units):
        return False
    own = _vocabulary(units, run.units)
    return bool(own) and len(own & _vocabulary(units, main.units)) >= _SAME_ARTICLE * len(own)


_MAX_LONG_INSERT = 80
_SAME_ARTICLE = 0.25
_BYLINED = 2.0  # a run under a byline is the article more surely than a longer one


def _bylined(run: Run, units: list[Unit]) -> bool:
    """The run opens right under a byline (the article's own header)."""
    return any(u.label in ("byline", "date_line") for u in units[max(0, run.start - 8) : run.start])


def select_body(units: list[Unit]) -> tuple[int, int, list[tuple[int, int]]] | None:
    """The body's first and last unit, and the inserts inside it to drop (inclusive ranges)."""
    runs = find_runs(units)
    if not runs:
        return None
    main_index = max(
        range(len(runs)),
        key=lambda i: (
            runs[i].score(units)
            * (0.3 if _teaser_like(runs[i], units) else 1.0)
            * (_BYLINED if _bylined(runs[i], units) else 1.0),
            -i,
        ),
    )
    main = runs[main_index]
    start, end = main.start, main.end
    inserts: list[tuple[int, int]] = []

    # Forward: jump inserts to further body runs.
    i = main_index + 1
    while i < len(runs):
        gap = units[end + 1 : runs[i].start]
        if any(u.label in BLOCKING for u in gap) or len(gap) > _MAX_LONG_INSERT:
            break
        if len(gap) > _MAX_INSERT and not _same_article(runs[i], units, main):
            break
        if _joinable(runs[i], units):
            inserts.append((end + 1, runs[i].start - 1))
            end = runs[i].end
        i += 1
    # Backward: the same towards the top, never across the header's metadata.
    i = main_index - 1
    while i >= 0:
        gap = units[runs[i].end + 1 : start]
        if any(u.label in BLOCKING for u in gap) or len(gap) > _MAX_LONG_INSERT:
            break
        if len(gap) > _MAX_INSERT and not _same_article(runs[i], units, main):
            break
        if _joinable(runs[i], units):
            inserts.append((runs[i].end + 1, start - 1))
            start = runs[i].start
        i -= 1

    end = _continuation(units, runs, end, start, inserts)
    end = _trailing_credit(units, end)
    start = _leading_sentence(units, start)
    return start, end, sorted(inserts)


_MAX_BLOCK = 60  # units of a code block, table or list the article may carry
_CONTENT_LABELS = frozenset({None, "template_residue", "markup_residue", "navigation"})
# A line of code, a table row or a list item: symbols, figures or a list marker.
_BLOCK_LINE = re.compile(r"[\d=(){}\[\]<>;_/\\#@|$%]|^\s*(?:[*•·+>-]|\d+[.)])\s")
_BLOCK_SHARE = 0.3


def _in_block(unit: Unit) -> bool:
    """A line of code, a table row, a list item, or a short sentence between them."""
    return bool(_BLOCK_LINE.search(unit.text)) or (
        ends_sentence(unit.text) and not unit.text.endswith(":")
    )


_MIN_SHARED = 0.2  # share of a continuation's words already in the article


def _vocabulary(units: list[Unit], indexes) -> set[str]:
    """The words that say what paragraphs are about (no function words, no short words)."""
    found = {fold(t) for i in indexes for t in units[i].tokens if len(t) > 3}
    return found - ALL_FUNCTION_WORDS


def _continuation(
    units: list[Unit], runs: list[Run], end: int, start: int, inserts: list[tuple[int, int]]
) -> int:
    """Extend the body over a block that is not prose (code, a table, a list) and the prose
    after it, when that prose goes on with the article's own words.

    The block is kept (it is the article's); it may hold no header or footer furniture, and
    mostly lines no rule names.
    """
    dropped = {i for a, b in inserts for i in range(a, b + 1)}
    vocabulary: set[str] | None = None
    for run in runs:
        if run.start <= end:
            continue
        gap = units[end + 1 : run.start]
        if len(gap) > _MAX_BLOCK or any(u.label in BREAKING for u in gap):
            break
        if sum(1 for u in gap if u.label in _CONTENT_LABELS and not u.repeated) < 0.8 * len(gap):
            break
        if sum(1 for u in gap if _in_block(u)) < _BLOCK_SHARE * len(gap):
            break  # short lines of words (tags, links, a credit): the page's, not a block
        if vocabulary is None:
            vocabulary = _vocabulary(
                units, (i for i in range(start, end + 1) if units[i].prose and i not in dropped)
            )
        if run.words(units) < 20:
            continue  # a comment or a caption inside the block: judged with what follows
        own = _vocabulary(units, run.units)
        if not own or len(own & vocabulary) < _MIN_SHARED * len(own):
            break
        vocabulary |= own
        end = run.end
    return end


def _leading_sentence(units: list[Unit], start: int) -> int:
    """Extend the body over a short opening sentence right above it ("This post originally
    appeared on Grist.", "When I woke up, there was nothing."): too short to be prose, but a
    sentence, not a headline."""
    for _ in range(2):
        if start == 0:
            break
        unit = units[start - 1]
        if (
            unit.label is not None
            or unit.repeated
            or not 3 <= unit.n_words < 8
            or not ends_sentence(unit.text)
            or unit.text.endswith(":")
        ):
            break
        start -= 1
    return start


_CREDIT_END = re.compile(r"[.!?)]$")


def _trailing_credit(units: list[Unit], end: int) -> int:
    """Extend the body over a short closing line (a credit, a sign-off) that ends the article.

    Such a line follows the last paragraph directly and is itself followed by the page's
    footer furniture (tags, related links, copyright) or by the end of the text.
    """
    candidates = 0
    j = end + 1
    while j < len(units) and candidates < 2:
        unit = units[j]
        if unit.label is not None or unit.repeated:
            break
        if unit.n_words < 3 or unit.n_words > 30:
            return end
        candidates += 1
        j += 1
    if not candidates:
        return end
    if j == len(units) or units[j].label in BREAKING:
        return end + candidates
    return end
