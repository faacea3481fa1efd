"""Where a query matches an article's text, as printed, and a short snippet around the best match.

Matches come from running the search analyzer over the text itself with character offsets and
keeping the words whose index term the query asked for (a phrase: its terms one after the
other). So "Kiev" is marked where the article says "Kiev" even when the query said "Kyiv".
"""

from __future__ import annotations

import re

from ..analysis import NewsAnalyzer
from .query import Highlight

__all__ = ["SNIPPET_CHARS", "match_spans", "snippet"]

SNIPPET_CHARS = 200
_LEAD = 50  # characters of context kept before the first match of the snippet
_SPACE = re.compile(r"\s+")
_SENTENCE_START = re.compile(r"(?<=[.!?…”\"])\s+(?=\S)")


def match_spans(text: str, analyzer: NewsAnalyzer, highlight: Highlight) -> list[tuple[int, int]]:
    """(start, end) of every match of `highlight` in `text`, in order, never overlapping."""
    if not text or not highlight:
        return []
    spans = analyzer.spans(text)
    found: list[tuple[int, int]] = []
    terms, prefixes = highlight.terms, highlight.prefixes
    for term, start, end in spans:
        if term in terms or (prefixes and term.startswith(prefixes)):
            found.append((start, end))
    if highlight.phrases:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in highlight.phrases:
            by_first.setdefault(phrase[0], []).append(phrase)
        for i, (term, start, _) in enumerate(spans):
            for phrase in by_first.get(term, ()):
                run = spans[i : i + len(phrase)]
                if tuple(r[0] for r in run) == phrase:
                    found.append((start, run[-1][2]))
    return _merged(found)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def snippet(
    text: str, matches: list[tuple[int, int]], width: int = SNIPPET_CHARS
) -> tuple[str, list[tuple[int, int]]]:
    """About `width` characters of `text` around its best run of matches, whitespace made
    single spaces, "…" where it is cut; and the matches' spans inside that snippet."""
    if not text:
        return "", []
    start, end = _window(text, matches, width)
    inside = [(s, e) for s, e in matches if s >= start and e <= end]
    out: list[str] = []
    offsets: dict[int, int] = {}  # text offset -> snippet offset, at each match boundary
    wanted = {b for span in inside for b in span}
    length = 0
    if start > 0:
        out.append("…")
        length = 1
    last = start
    for m in _SPACE.finditer(text, start, end):
        for b in wanted:
            if last <= b <= m.start():
                offsets[b] = length + (b - last)
        out.append(text[last : m.start()])
        length += m.start() - last
        if m.start() > start and m.end() < end:
            out.append(" ")
            length += 1
        last = m.end()
    for b in wanted:
        if last <= b <= end:
            offsets[b] = length + (b - last)
    out.append(text[last:end])
    length += end - last
    if end < len(text):
        out.append("…")
    return "".join(out), [(offsets[s], offsets[e]) for s, e in inside]


def _window(text: str, matches: list[tuple[int, int]], width: int) -> tuple[int, int]:
    """The [start, end) of the text to show: the window holding the most distinct matched
    words (then the most matches, then the earliest), cut at word boundaries."""
    if len(text) <= width:
        return 0, len(text)
    anchor = 0
    if matches:
        best = (-1, -1)
        for i, (s, _) in enumerate(matches):
            words = set()
            count = 0
            for s2, e2 in matches[i:]:
                if e2 - s > width - _LEAD:
                    break
                words.add(text[s2:e2].casefold())
                count += 1
            if (len(words), count) > best:
                best, anchor = (len(words), count), s
        # Start at the sentence the match is in when it begins close enough before it.
        starts = [m.end() for m in _SENTENCE_START.finditer(text, max(0, anchor - _LEAD), anchor)]
        if starts:
            anchor = starts[0]
        elif anchor > _LEAD:
            anchor -= _LEAD
            anchor = _word_start(text, anchor)
        else:
            anchor = 0
    end = min(len(text), anchor + width)
    if end < len(text):
        cut = text.rfind(" ", anchor, end)
        if cut > anchor + width // 2:
            end = cut
    while end > anchor and text[end - 1].isspace():
        end -= 1
    return anchor, end


def _word_start(text: str, i: int) -> int:
    """`i` moved forward to the start of the next word if it falls inside one."""
    if i <= 0 or text[i - 1].isspace():
        return i
    nxt = _SPACE.search(text, i)
    return nxt.end() if nxt else i
