"""Finding the article body among the units of a page.

A page is a sequence of units (one per paragraph-line). Prose units form runs; the body is
the strongest run, joined with further runs that are separated from it only by an insert
("Also Read" headlines, a teaser, a caption), never by the page's header or footer.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain

from .dates import find_dates
from .rules import _CACHED_WORDS, _classify, ends_sentence, prose_shape
from .text import ALL_FUNCTION_WORDS, collapse, fold, words


@dataclass(slots=True, init=False)
class Unit:
    """One paragraph-line of the page."""

    index: int
    lines: list[int]  # 0-based line numbers in the input
    raw: str  # soft-normalised (runs of spaces kept)
    text: str  # collapsed
    tokens: list[str] = field(repr=False)  # `words(text)`
    label: str | None = None  # the line rule that recognised it, if any
    prose: bool = False
    complete: bool = False
    repeated: bool = False
    key: str = field(repr=False)  # comparable form: `fold(" ".join(tokens))`
    n_words: int = field(repr=False)  # len(tokens), asked for very often

    def __init__(self, index: int, lines: list[int], raw: str, text: str, tokens: list[str]):
        # (written out: the generated one and a __post_init__ cost more on thousands of lines)
        self.index = index
        self.lines = lines
        self.raw = raw
        self.text = text
        self.tokens = tokens
        self.n_words = len(tokens)
        self.label = None
        self.prose = False
        self.complete = False
        self.repeated = False
        joined = " ".join(tokens)
        self.key = joined.lower() if joined.isascii() else fold(joined)  # (`fold`, inlined)


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
        "author_box",
    }
)
# Labels that end a run of prose (the run may be rejoined across an insert).
BREAKING = BLOCKING | {"related_block", "newsletter", "cookie_notice"}

_MAX_SOFT_GAP = 7  # units of furniture allowed inside one run of body
_MAX_SHORT_GAP = 3  # unlabelled short lines allowed inside one run
_MAX_INSERT = 30  # units an insert may span and still be jumped


def build_units(lines: list[str]) -> list[Unit]:
    """Group lines into units: one per non-blank line, or per block if the text is hard-wrapped."""
    stripped = list(map(str.strip, lines))
    if _hard_wrapped(lines, stripped):
        blocks: list[list[int]] = []
        current: list[int] = []
        for number, line in enumerate(stripped):
            if line:
                current.append(number)
            elif current:
                blocks.append(current)
                current = []
        if current:
            blocks.append(current)
        return [_unit(index, block, stripped) for index, block in enumerate(blocks)]
    # One unit per line, made as the lines go by (no list of blocks first): a line that goes
    # on with the one above (rare) makes the unit above again, with both.
    units: list[Unit] = []
    last = -2  # the last non-blank line
    for number, line in enumerate(stripped):
        if not line:
            continue
        # (a line that goes on with the last one opens with a lower-case letter)
        if last == number - 1 and line[0].islower() and _wraps(lines[last], lines[number]):
            block = units[-1].lines
            block.append(number)
            units[-1] = _unit(len(units) - 1, block, stripped)
        else:
            # Most lines hold no run of spaces: nothing to collapse.
            text = line if "  " not in line and "\t" not in line else collapse(line)
            units.append(Unit(len(units), [number], line, text, words(text)))
        last = number
    return units


def _unit(index: int, block: list[int], stripped: list[str]) -> Unit:
    """The unit of the lines `block` (numbers of `stripped`, the page's lines stripped)."""
    raw = stripped[block[0]] if len(block) == 1 else " ".join(stripped[n] for n in block)
    text = raw if "  " not in raw and "\t" not in raw else collapse(raw)
    return Unit(index, block, raw, text, words(text))


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
    # Half of the long lines wrapped (2 * wrapped >= n): the answer is known as soon as
    # enough of them are, or too many are not.
    needed = (len(long_lines) + 1) // 2
    misses_allowed = len(long_lines) - needed
    wrapped = misses = 0
    for i in long_lines:
        nxt = stripped[i + 1] if i + 1 < len(lines) else ""
        line = lines[i].rstrip()
        if nxt and 50 <= len(line) <= 100 and not ends_sentence(line):
            wrapped += 1
            if wrapped >= needed:
                return True
        else:
            misses += 1
            if misses > misses_allowed:
                return False
    return False  # (not reached: one of the two counts gets there)


def classify_units(units: list[Unit]) -> None:
    """Label each unit with its line rule and its shape (prose, complete, repeated)."""
    # (the key of a unit without words, "", is counted too: only units of 3 words or more,
    # whose keys are never "", are asked how often theirs comes)
    seen = Counter([unit.key for unit in units])
    # A page repeats its short lines (menus, buttons, share bars): each is classified once
    # for this page (`classify_line`, inlined: a page has thousands of lines).
    short_labels: dict[str, str | None] = {}
    for unit in units:
        text, n_words = unit.text, unit.n_words
        if unit.label is None:
            if n_words > _CACHED_WORDS:
                unit.label = _classify(text, n_words)
            elif text in short_labels:
                unit.label = short_labels[text]
            else:
                unit.label = short_labels[text] = _classify(text, n_words)
        unit.repeated = repeated = 3 <= n_words <= 30 and seen[unit.key] > 1
        # (prose has 8 words or more: `looks_like_prose` is not asked of shorter lines)
        if n_words >= 8 and unit.label is None and not repeated:
            unit.prose, unit.complete = prose_shape(text, unit.tokens)
        else:
            unit.prose = unit.complete = False


@dataclass
class Run:
    units: list[int]  # indexes of prose units
    start: int
    end: int  # inclusive
    teasers: bool | None = None  # `_teasers`, once worked out

    def score(self, units: list[Unit]) -> float:
        return sum(units[i].n_words * (1.0 if units[i].complete else 0.5) for i in self.units)

    def complete_count(self, units: list[Unit]) -> int:
        return sum(1 for i in self.units if units[i].complete)

    def words(self, units: list[Unit]) -> int:
        return sum(units[i].n_words for i in self.units)


def find_runs(units: list[Unit]) -> list[Run]:
    """The runs of prose: prose units, each joined to the run before it unless the units
    between them break it (a label that ends a run, more than _MAX_SOFT_GAP units, more than
    _MAX_SHORT_GAP lines no rule names)."""
    runs: list[Run] = []
    # The gap since the last prose unit, counted as the units go by (one pass over the page)
    gap = short = 0
    broken = False
    for unit in units:
        if unit.prose:
            index = unit.index
            if runs and not broken and gap <= _MAX_SOFT_GAP and short <= _MAX_SHORT_GAP:
                run = runs[-1]
                run.units.append(index)
                run.end = index
            else:
                runs.append(Run([index], index, index))
            gap = short = 0
            broken = False
        else:
            gap += 1
            label = unit.label
            if label is None:
                short += 1
            elif label in BREAKING:
                broken = True
    return runs


def _headline_shaped(unit: Unit) -> bool:
    return unit.label is None and 2 <= unit.n_words <= 25 and not ends_sentence(unit.text)


def _teaser_like(run: Run, units: list[Unit]) -> bool:
    """A list of teasers: each paragraph introduced by its own headline."""
    # The first paragraph's predecessor lies outside the run (an insert's last line): only
    # the later paragraphs tell a teaser list from a body.
    later = run.units[1:]
    introduced = sum(1 for i in later if _introduced(units[i - 1]))
    return bool(later) and introduced >= max(1, (len(later) + 1) // 2)


_STEM = 6  # letters that stand for a word when paragraphs are compared (plural, tense aside)
_COHESION = 0.35  # share of a paragraph's words the run's other paragraphs use too
_MIN_COHESIVE = 3  # paragraphs needed to tell one story from a list of teasers


def _stems(units: list[Unit], indexes) -> set[str]:
    """`_vocabulary`, each word cut to its first letters, a plural's "s" aside ("integer",
    "integers")."""
    # (`removesuffix`: the word without its last letter if that is an "s", else the word;
    # cheaper than asking `endswith` and slicing)
    return {word.removesuffix("s")[:_STEM] for word in _vocabulary(units, indexes)}


def _one_story(run: Run, units: list[Unit]) -> bool:
    """The paragraphs of the run tell one story (an article under its own subheadings), not
    a list of teasers: each paragraph, on average, shares much of its words with the others.
    Teasers of different stories share few."""
    if len(run.units) < _MIN_COHESIVE or 2 * run.complete_count(units) < len(run.units):
        return False  # teasers cut short ("…") are no article
    per_unit = [_stems(units, (i,)) for i in run.units]
    # A paragraph's words the others use too are those of its words two paragraphs or more
    # use (counted once for the run, not a union of the others for each paragraph).
    shared = {stem for stem, n in Counter(chain.from_iterable(per_unit)).items() if n > 1}
    shares = [len(own & shared) / len(own) for own in per_unit if own]
    if not shares or sum(shares) / len(shares) < _COHESION:
        return False
    # Subheadings name what their sections tell; the names over comments do not.
    told = set().union(*per_unit)
    heads = [_stems(units, (i - 1,)) for i in run.units[1:] if _introduced(units[i - 1])]
    heads = [h for h in heads if h]
    return not heads or sum(1 for h in heads if h & told) >= _HEADS_TOLD * len(heads)


_HEADS_TOLD = 0.4  # share of subheadings whose words the sections use


def _introduced(unit: Unit) -> bool:
    """A line that introduces the paragraph under it: a heading, or a line the page repeats."""
    return _headline_shaped(unit) or unit.repeated


def _joinable(run: Run, units: list[Unit]) -> bool:
    return run.complete_count(units) >= 2 and run.words(units) >= 40 and not _teasers(run, units)


def _teasers(run: Run, units: list[Unit]) -> bool:
    """Shaped like a list of teasers, and not one story told under subheadings."""
    if run.teasers is None:
        run.teasers = _teaser_like(run, units) and not _one_story(run, units)
    return run.teasers


def _same_article(run: Run, units: list[Unit], main: Run) -> bool:
    """A run of paragraphs told with the main run's own words (the rest of the article,
    beyond a long insert: a video list, a gallery)."""
    if not _joinable(run, units):
        return False
    own = _stems(units, run.units)
    return bool(own) and len(own & _stems(units, main.units)) >= _SAME_ARTICLE * len(own)


_MAX_LONG_INSERT = 80
_SAME_ARTICLE = 0.25
_BYLINED = 2.0  # a run under a byline is the article more surely than a longer one


_DATED_LIST = 4  # date lines close together: a list of dated items (teasers, a gallery)
_DATED_REACH = 40


def _bylined(run: Run, units: list[Unit]) -> bool:
    """The run opens right under a byline (the article's own header), not under one of the
    many dates of a list of teasers or pictures."""
    if not any(u.label in _BOX_LABELS for u in units[max(0, run.start - 8) : run.start]):
        return False
    nearby = units[max(0, run.start - _DATED_REACH) : run.start]
    return sum(1 for u in nearby if u.label in _BOX_LABELS) < _DATED_LIST


_MAX_BOX = 4  # units of a boxed teaser (label, headline, byline or date) inside an article
_BOX_LABELS = frozenset({"byline", "date_line"})


def _blocks(gap: list[Unit], run: Run, units: list[Unit], body: tuple[int, int]) -> bool:
    """The gap holds the page's header or footer, so `run` is not the article's.

    A byline or a date inside a short gap between paragraphs that tell the main run's
    story (`body`, the units taken so far) belongs to a boxed teaser of another story, or to a
    second byline, set inside the article, not to the page's header: the article goes on
    across it.
    """
    if not any(u.label in BLOCKING for u in gap):
        return False
    if len(gap) > _MAX_BOX or any(u.label not in _BOX_LABELS and u.label is not None for u in gap):
        return True
    if not _joinable(run, units):
        return True
    own = _stems(units, run.units)
    told = _stems(units, (i for i in range(body[0], body[1] + 1) if units[i].prose))
    return not own or len(own & told) < _SAME_ARTICLE * len(own)


# The heading of the readers' comments ("38 comments", "Leave a Reply", "Kommentare").
_COMMENTS = re.compile(
    r"^[{(\s]*\d+\s+(?:comments?|responses?|replies|thoughts?\s+on|kommentare?|comentarios?|"
    r"commenti|commentaires?)\b|"
    r"^(?:(?:reader\s+)?comments?|responses?|replies|kommentare?|comentarios?|commenti|"
    r"commentaires?)\s*(?:\(\d+\))?\s*[:.]?$|"
    r"^(?:leave|post|add|write)\s+a\s+(?:comment|reply)\b|"
    r"^join\s+the\s+(?:discussion|conversation)\b",
    re.IGNORECASE,
)


def _comments_start(units: list[Unit], runs: list[Run]) -> int:
    """The unit that opens the readers' comments below an article (len(units) if none).

    A comments heading counts only below a run that can be an article: above the article
    the same words are a link to its comments ("34 comments" beside the byline)."""
    first = next((run for run in runs if _joinable(run, units)), None)
    if first is not None:
        for unit in units[first.end + 1 :]:
            if unit.n_words <= 10 and _COMMENTS.match(unit.text):
                return unit.index
    return len(units)


def select_body(units: list[Unit]) -> tuple[int, int, list[tuple[int, int]]] | None:
    """The body's first and last unit, and the inserts inside it to drop (inclusive ranges)."""
    runs = find_runs(units)
    if not runs:
        return None
    comments = _comments_start(units, runs)
    main_index = max(
        range(len(runs)),
        key=lambda i: (
            runs[i].score(units)
            * (0.3 if _teasers(runs[i], units) or runs[i].start > comments else 1.0)
            * (_BYLINED if _bylined(runs[i], units) else 1.0),
            -i,
        ),
    )
    main_index = _first_of_its_template(units, runs, main_index, comments)
    main = runs[main_index]
    start, end = main.start, main.end
    inserts: list[tuple[int, int]] = []

    # Forward: jump inserts to further body runs.
    i = main_index + 1
    while i < len(runs):
        gap = units[end + 1 : runs[i].start]
        if _blocks(gap, runs[i], units, (start, end)) or len(gap) > _MAX_LONG_INSERT:
            break
        if end < comments < runs[i].start:
            break  # the readers' comments under the article
        if len(gap) > _MAX_INSERT and not _same_article(runs[i], units, main):
            break
        if _joinable(runs[i], units):
            inserts.append((end + 1, runs[i].start - 1))
            end = runs[i].end
        elif _closing_paragraph(units, runs[i], gap, (start, end)):
            inserts.append((end + 1, runs[i].start - 1))
            end = runs[i].end
            break
        i += 1
    # Backward: the same towards the top, never across the header's metadata.
    i = main_index - 1
    while i >= 0:
        gap = units[runs[i].end + 1 : start]
        if _blocks(gap, runs[i], units, (start, end)) or len(gap) > _MAX_LONG_INSERT:
            break
        if len(gap) > _MAX_INSERT and not _same_article(runs[i], units, main):
            break
        if _joinable(runs[i], units):
            inserts.append((runs[i].end + 1, start - 1))
            start = runs[i].start
        i -= 1

    inserts = _keep_introduced(units, inserts)
    start = _past_header(units, start, end)
    start, end = _recipe(units, runs, start, end, inserts)  # (its ingredients are no header)
    end = _continuation(units, runs, end, start, inserts)
    end = _introduced_block(units, end)
    end = _trailing_credit(units, end)
    end = _before_author_box(units, start, end)
    start = _leading_sentence(units, start)
    inserts.extend(_links_between_paragraphs(units, start, end, inserts))
    inserts.extend(_labelled_links(units, start, end))
    return start, end, sorted(inserts)


_TEMPLATE_REACH = 6  # units above a run that make its article's header
_TEMPLATE_MARKS = 2  # of them, lines a rule names or the page repeats: the template's own


def _header(units: list[Unit], run: Run) -> list[Unit]:
    return units[max(0, run.start - _TEMPLATE_REACH) : run.start]


def _same_template(header: list[Unit], other: list[Unit]) -> bool:
    """Two article headers of one template: unit for unit the same label, the same shape
    (prose or not, repeated or not), and at least one line the page repeats word for word in
    the same place (a fixed line: "Photo 1 of 3")."""
    if len(other) != len(header):
        return False
    fixed = False
    for a, b in zip(header, other, strict=True):
        if (a.label, a.prose, a.repeated) != (b.label, b.prose, b.repeated):
            return False
        fixed = fixed or (a.repeated and a.key == b.key)
    return fixed


def _first_of_its_template(
    units: list[Unit], runs: list[Run], main_index: int, comments: int
) -> int:
    """A page that holds several articles told in one template (a site that loads the next
    story under the one asked for) is the first one's: an earlier article whose header has
    the very shape of the main run's header (the same labels, the same fixed lines) wins over
    a longer one further down."""
    header = _header(units, runs[main_index])
    if len(header) < _TEMPLATE_REACH:
        return main_index
    if sum(1 for u in header if u.label is not None or u.repeated) < _TEMPLATE_MARKS:
        return main_index
    for i in range(main_index):
        run = runs[i]
        if run.start > comments or not _joinable(run, units):
            continue
        if _same_template(header, _header(units, run)):
            return i
    return main_index


_MAX_RELATED_BOX = 8  # units of a box of related links set inside the article
_CLOSING_WORDS = 20
_LINK_LABELS = frozenset({None, "navigation", "related_link", "markup_residue", "menu_run"})
_CLOSING_SHARED = 2  # words of the article the closing paragraph tells again, at least


def _closing_paragraph(units: list[Unit], run: Run, gap: list[Unit], body: tuple[int, int]) -> bool:
    """The article's last paragraph, set after a box of related links ("Related stories" and
    a few headlines): one or two whole sentences told in the article's words, and the page's
    furniture (share buttons, footer) right under them, not the next teaser."""
    if not gap or len(gap) > _MAX_RELATED_BOX or gap[0].label != "related_block":
        return False
    if any(u.prose or u.label not in _LINK_LABELS for u in gap[1:]):
        return False  # the box holds links only
    if len(run.units) > 2 or run.end - run.start + 1 != len(run.units):
        return False
    if run.complete_count(units) != len(run.units) or run.words(units) < _CLOSING_WORDS:
        return False
    after = run.end + 1
    if after < len(units) and (
        units[after].label is None or units[after].key in {u.key for u in gap}
    ):
        return False  # the next teaser, or the list going on under the paragraph
    own = _stems(units, run.units)
    told = _stems(units, (i for i in range(body[0], body[1] + 1) if units[i].prose))
    return len(own & told) >= _CLOSING_SHARED


_LINK_LABEL_WORDS = 4  # "Read also:", "Te puede interesar": a link's label alone on its line
_LINK_HEADLINE_WORDS = 25


def _labelled_links(units: list[Unit], start: int, end: int) -> list[tuple[int, int]]:
    """The headline under a link's label standing alone on its line ("Read also:" / "<the
    other story's headline>") is that link, not the article's."""
    found = []
    for k in range(start, end):
        label, link = units[k], units[k + 1]
        if (
            label.label == "related_link"
            and label.n_words <= _LINK_LABEL_WORDS
            and link.label is None
            and not link.prose
            and 0 < link.n_words <= _LINK_HEADLINE_WORDS
            and not ends_sentence(link.text)
        ):
            found.append((k + 1, k + 1))
    return found


_BULLETED = re.compile(r"^[*•·▪●►]\s")
_MAX_LINKS = 2  # bulleted lines a page sets between two paragraphs as links to other stories
_LINK_WORDS = 3  # a link names a story in a few words at least


def _links_between_paragraphs(
    units: list[Unit], start: int, end: int, inserts: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """One or two bulleted lines set between two paragraphs of the article, none of them a
    sentence and not announced by the paragraph above (no ':'), are links to other stories
    ("* Ten things to know about the storm"), not a list of the article's."""
    dropped = {i for a, b in inserts for i in range(a, b + 1)}
    found: list[tuple[int, int]] = []
    k = start
    while k <= end:
        if not _BULLETED.match(units[k].text):
            k += 1
            continue
        j = k
        while j + 1 <= end and _BULLETED.match(units[j + 1].text):
            j += 1
        group = units[k : j + 1]
        above = next((u for u in reversed(units[start:k]) if u.label is None), None)
        below = next((u for u in units[j + 1 : end + 1] if u.label is None), None)
        if (
            len(group) <= _MAX_LINKS
            and all(u.n_words >= _LINK_WORDS for u in group)
            and not any(u.prose or ends_sentence(u.text) or u.index in dropped for u in group)
            and above is not None
            and above.complete
            and not above.text.endswith(":")
            and below is not None
            and below.prose
        ):
            found.append((k, j))
        k = j + 1
    return found


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
    # A unit's key holds its words folded already.
    found = {t for i in indexes for t in units[i].key.split() if len(t) > 3}
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
            vocabulary = _stems(
                units, (i for i in range(start, end + 1) if units[i].prose and i not in dropped)
            )
        if run.words(units) < 20:
            continue  # a comment or a caption inside the block: judged with what follows
        own = _stems(units, run.units)
        if not own or len(own & vocabulary) < _MIN_SHARED * len(own):
            break
        vocabulary |= own
        end = run.end
    return end


_HEADER_REACH = 6  # units at the top of the body where the article's header may hide
# A byline or a date line run together with buttons ("By Jane Doe Updated May 6 … Share").
_HEADER_META = re.compile(r"(?i)^(?:by\s|.{0,40}\b(?:updated|published|posted)\b)")
_HEADER_LINE_WORDS = 30
_REPEATED_HEADLINE_REACH = 3  # a headline the page repeats, among the run's first units


def _past_header(units: list[Unit], start: int, end: int) -> int:
    """Start the body after the article's own header when the run swallowed it: short lines
    (a breadcrumb, the headline as a question) closed by the byline or the date."""
    for k in range(start, min(start + _HEADER_REACH, end)):
        unit = units[k]
        if unit.n_words > _HEADER_LINE_WORDS:
            return start
        repeated_headline = (
            k < start + _REPEATED_HEADLINE_REACH
            and unit.repeated
            and unit.label is None
            and not unit.prose
            and not ends_sentence(unit.text)
        )
        if (
            repeated_headline
            or unit.label in ("byline", "date_line")
            or (
                (not unit.prose and unit.label is None or unit.label == "caption")
                and _HEADER_META.match(unit.text)
                and find_dates(unit.text)
            )
        ):
            later = next((j for j in range(k + 1, end + 1) if units[j].prose), None)
            return later if later is not None else start
    return start


_MAX_INTRODUCED = 120  # lines of a list or a listing a paragraph may announce
_INTRODUCED_LABELS = frozenset({None, "template_residue", "markup_residue"})


_INGREDIENTS = re.compile(
    r"(?i)^(?:ingredients?|zutaten|ingredientes|ingrédients|ingredienti|ingrediënten)\s*:?$"
)
_METHOD = re.compile(
    r"(?i)^(?:instructions|directions|method|steps|preparation|zubereitung|preparación|"
    r"instrucciones|modo\s+de\s+preparo|préparation|procedimento|"
    r"how\s+to\s+(?:prepare|make|cook)(?:\s+it)?|cooking\s+(?:instructions|steps))\s*:?$"
)
_MAX_INGREDIENTS = 60  # lines between a recipe's ingredients and its method
_MAX_CARD_HEADER = 30  # lines of a recipe card's header (times, servings, rating) before them
_RECIPE_LINE_WORDS = 20


def _recipe(
    units: list[Unit], runs: list[Run], start: int, end: int, inserts: list[tuple[int, int]]
) -> tuple[int, int]:
    """A recipe's ingredients and method are the article's: its list of ingredients (short
    lines under an "Ingredients" heading) and the steps under the "Method" heading after it,
    whether the body found is those steps (start at the ingredients) or the story above the
    recipe card (go on over the card's header to the steps)."""
    heading = next((u.index for u in units if u.n_words == 1 and _INGREDIENTS.match(u.text)), None)
    if heading is None:
        return start, end
    method = next(
        (u.index for u in units[heading + 1 : heading + _MAX_INGREDIENTS] if _METHOD.match(u.text)),
        None,
    )
    if method is None or any(u.n_words > _RECIPE_LINE_WORDS for u in units[heading + 1 : method]):
        return start, end
    steps = next((run for run in runs if method < run.start <= method + 4), None)
    if steps is None:
        return start, end
    if start <= steps.start <= end and heading < start:
        _ingredients_are_body(units[heading:method])
        return heading, end  # the body is the steps: its ingredients open it
    if end < heading <= end + _MAX_CARD_HEADER and not any(
        u.label in ("legal_footer", "related_block", "author_box") for u in units[end + 1 : heading]
    ):
        _ingredients_are_body(units[heading:method])
        inserts.append((end + 1, heading - 1))  # the card's header: times, servings, rating
        return start, steps.end
    return start, end


def _ingredients_are_body(lines: list[Unit]) -> None:
    """A bulleted ingredient of a few words ("* 2 cups of flour") is the recipe's, not a
    menu entry."""
    for unit in lines:
        if unit.label == "navigation":
            unit.label = None


def _keep_introduced(units: list[Unit], inserts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """An insert that opens with the list, code or table the paragraph above it announces
    (ending with ':') gives those lines back to the article."""
    kept: list[tuple[int, int]] = []
    for a, b in inserts:
        if a > 0 and units[a - 1].text.rstrip().endswith(":"):
            while a <= b and units[a].label in _INTRODUCED_LABELS and not units[a].repeated:
                a += 1
        if a <= b:
            kept.append((a, b))
    return kept


def _introduced_block(units: list[Unit], end: int) -> int:
    """Extend the body over the list, code or table its last paragraph announces ("… in
    short:", "Here is the full list:"): the lines right after it, up to the first line a
    rule names as page furniture or the page repeats."""
    if not units[end].text.rstrip().endswith(":"):
        return end
    j = end + 1
    while j < len(units) and j - end <= _MAX_INTRODUCED:
        unit = units[j]
        if unit.label not in _INTRODUCED_LABELS or unit.repeated:
            break
        j += 1
    if j - end > _MAX_INTRODUCED:
        return end  # not a list the paragraph announced: the rest of the page
    return j - 1


def _leading_sentence(units: list[Unit], start: int) -> int:
    """Extend the body over a short opening sentence right above it ("This post originally
    appeared on Grist.", "When I woke up, there was nothing."): too short to be prose, but a
    sentence, not a headline."""
    for _ in range(2):
        above = start - 1
        while (
            above > 0
            and units[above].label == "markup_residue"
            and not _salutation(units[above], units[start])
        ):
            above -= 1  # a stray bullet or rule between them
        if above < 0:
            break
        unit = units[above]
        if _salutation(unit, units[start]) and not unit.repeated:
            unit.label = None  # "Dear readers,": a greeting, not a tag's residue
            start = above
            continue
        if unit.label is not None or unit.repeated:
            break
        if not 3 <= unit.n_words < 8 or not ends_sentence(unit.text) or unit.text.endswith(":"):
            break
        start = above
    return start


def _salutation(unit: Unit, first: Unit) -> bool:
    """A greeting the article's first sentence goes on from ("Dear readers," / "after seven
    years, …"): a few words ending with a comma, the next paragraph opening in lower case."""
    head = first.text[:1]
    return (
        unit.label in (None, "markup_residue")
        and 1 <= unit.n_words <= 4
        and unit.text.endswith(",")
        and head.isalpha()
        and head.islower()
    )


# The line under an author's box that links to their other posts ("Latest posts by Jane
# Doe (see all)", "More articles by Jane Doe").
_POSTS_BY = re.compile(
    r"(?i)^(?:(?:latest|recent|other|all|more)\s+(?:posts|articles|stories)\s+(?:by|from)|"
    r"(?:view|see)\s+all\s+(?:posts|articles|stories)\s+by|(?:find\s+)?more\s+(?:by|from))\s+"
    r"(?P<name>[^(|]+?)\s*(?:\(.*)?$"
)
_BOX_REACH = 3  # units between the article's end and the box's link to the author's posts
_BOX_BIO = 4  # units of the box itself: the author's name, a paragraph or two about them
_NAME_WORDS = 5


def _before_author_box(units: list[Unit], start: int, end: int) -> int:
    """End the body above an author's box at its foot: the author's name on its own line and
    a paragraph or two about them, with a link to their other posts right under it."""
    first = max(start + 1, end - _BOX_BIO - _BOX_REACH)
    for link in range(first, min(len(units), end + 1 + _BOX_REACH)):
        m = _POSTS_BY.match(units[link].text)
        if m is None:
            continue
        name = fold(m.group("name"))
        for k in range(link - 1, max(start, link - 1 - _BOX_BIO), -1):
            if units[k].n_words <= _NAME_WORDS and fold(units[k].text) == name:
                return min(end, k - 1)
    return end


_CREDIT_END = re.compile(r"[.!?)]$")


# The newsroom's credit under a wire story ("Additional reporting by …; Editing by …").
_STAFF_CREDIT = re.compile(
    r"^\(?(?:[Aa]dditional\s+)?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Rr]esearch)\s+by\s+"
    r"[A-Z][^.]{2,200}$"
)


def _trailing_credit(units: list[Unit], end: int) -> int:
    """Extend the body over a short closing line (a credit, a sign-off) that ends the article.

    Such a line follows the last paragraph directly and is itself followed by the page's
    footer furniture (tags, related links, copyright) or by the end of the text.
    """
    if end + 1 < len(units) and _STAFF_CREDIT.match(units[end + 1].text):
        return end + 1  # "Reporting by …; Editing by …": the wire's credit, whatever follows
    from .wire import credit_agency  # (wire reads units: imported here, not at the top)

    candidates = 0
    j = end + 1
    while j < len(units) and candidates < 2:
        unit = units[j]
        if candidates and unit.n_words <= 6 and credit_agency(unit.text)[0]:
            return end + candidates  # "(AP)", "— Reuters" under the closing lines: their end
        if unit.label is not None or unit.repeated:
            break
        if unit.n_words < 3 or unit.n_words > 30 or _COMMENTS.match(unit.text):
            return end
        candidates += 1
        j += 1
    if not candidates:
        return end
    if j == len(units) or units[j].label in _AFTER_ARTICLE:
        return end + candidates
    return end


# What follows an article's closing line: its footer, or the buttons to share it. (Not an
# appeal: the lines above "Donate now" are the appeal's own, "Fight for … - support us.")
_AFTER_ARTICLE = (BREAKING - {"newsletter"}) | {"ui_widget", "social_share"}
