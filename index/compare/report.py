"""A comparison as text people read: the summary lines, and a Markdown report to paste into a
document. Article text is escaped, so a headline with `*` or `|` prints as written."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .comparison import Comparison

__all__ = ["markdown", "summary_lines"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md(text: str) -> str:
    """Text as Markdown that shows it literally, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _spellings(spellings: Mapping[str, str], labels: Mapping[str, str]) -> str:
    """One name's spellings and who writes each: "Turkey (Business Standard, Eunews) /
    Türkiye (Eunews)"; an article writing it two ways has both ("Turkey / Türkiye")."""
    by_spelling: dict[str, list[str]] = {}
    for article_id, written in spellings.items():
        for spelling in written.split(" / "):
            by_spelling.setdefault(spelling, []).append(labels[article_id])
    writers = {tuple(who) for who in by_spelling.values()}
    if len(writers) == 1:  # one outlet, several ways: "A / B (both in Eunews)"
        (who,) = writers
        each = "both" if len(by_spelling) == 2 else "all"
        return f"{' / '.join(by_spelling)} ({each} in {', '.join(who)})"
    return " / ".join(f"{s} ({', '.join(who)})" for s, who in by_spelling.items())


def summary_lines(c: Comparison) -> list[str]:
    """The comparison in a few plain sentences: shared facts, what each outlet alone says,
    wire copies, spellings that differ, matched quotes."""
    labels = c.labels()
    shared = c.shared_rows()
    same = sum(1 for r in shared if r.kind == "same")
    lines = [
        f"{len(shared)} passage{'s' if len(shared) != 1 else ''} shared by two articles or "
        f"more ({same} in the same words, {len(shared) - same} reworded)."
    ]
    alone = [
        f"{labels[a.id]} {len(c.unique.get(a.id, []))} of {len(a.sentences)}" for a in c.articles
    ]
    lines.append("Sentences only one article has: " + "; ".join(alone) + ".")
    for s in c.syndication:
        names = ", ".join(labels[i] for i in s.ids)
        agency = f"one {s.agency} story" if s.agency else "one wire story (agency not credited)"
        lines.append(f"Wire copies: {names} are {agency}, {_percent(s.shared)} of the text shared.")
    if not c.syndication:
        lines.append("No wire copies among them.")
    if c.variants:
        parts = [_spellings(v.spellings, labels) for v in c.variants]
        lines.append("Spelled differently: " + "; ".join(parts) + ".")
    matched = [q for q in c.quotes if len(q.texts) > 1]
    if matched:
        lines.append(
            f"{len(matched)} quote{'s' if len(matched) != 1 else ''} in more than one article."
        )
    return lines


def markdown(c: Comparison) -> str:
    labels = c.labels()
    out: list[str] = [f"# Coverage compared: {len(c.articles)} articles", ""]
    out += ["| Outlet | Published | Author | Agency | Title | ID |", "|---|---|---|---|---|---|"]
    for a in c.articles:
        cells = [
            labels[a.id],
            a.published.isoformat() if a.published else "—",
            a.author or "—",
            a.agency or "—",
            a.title or "(untitled)",
            a.id,
        ]
        out.append("| " + " | ".join(md(x) for x in cells) + " |")
    out += ["", "## Summary", ""]
    out += [f"- {md(line)}" for line in summary_lines(c)]

    shared = c.shared_rows()
    if shared:
        out += ["", "## What they share", ""]
        for n, row in enumerate(shared, 1):
            out.append(f"{n}. **{'Same words' if row.kind == 'same' else 'Reworded'}**")
            for article_id, indexes in row.cells.items():
                text = " ".join(c.sentence(article_id, i).text for i in indexes)
                out.append(f"   - *{md(labels[article_id])}*: {md(text)}")
    matched = [q for q in c.quotes if len(q.texts) > 1]
    if matched:
        out += ["", "## Quotes in more than one article", ""]
        for q in matched:
            out.append(f"- **{md(q.speaker or 'Speaker unknown')}**")
            for article_id, text in q.texts.items():
                out.append(f"   - *{md(labels[article_id])}*: “{md(text)}”")
    for a in c.articles:
        alone = c.unique.get(a.id, [])
        if not alone:
            continue
        out += ["", f"## Only in {md(labels[a.id])}", ""]
        out += [f"- {md(a.sentences[i].text)}" for i in alone]
    if c.variants:
        out += ["", "## Names spelled differently", ""]
        out.append("| Name | " + " | ".join(md(labels[a.id]) for a in c.articles) + " |")
        out.append("|---" * (len(c.articles) + 1) + "|")
        for v in c.variants:
            cells = [md(v.spellings.get(a.id, "—")) for a in c.articles]
            out.append(f"| {md(v.entity)} | " + " | ".join(cells) + " |")
    if c.syndication:
        out += ["", "## Wire copies", ""]
        for s in c.syndication:
            names = ", ".join(md(labels[i]) for i in s.ids)
            out.append(
                f"- {names}: {md(s.agency or 'agency not credited')}, "
                f"{_percent(s.shared)} of the text shared"
            )
    return "\n".join(out) + "\n"
