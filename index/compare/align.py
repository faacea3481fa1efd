"""Sentence alignment across articles: which sentences say the same thing, in rows.

For each two articles, every sentence pair is scored by its shared terms (features.py). A
pair is kept, strongest first, when neither sentence is taken yet (one partner per sentence
and article), or when it continues a kept pair of neighbours: a sentence one outlet split in
two keeps both halves, and a weaker pair is kept where the order of both articles agrees
(its neighbours are aligned too), as a translator's sentence sits where the original did.

Kinds: `same` when the words are the same up to punctuation, spelling of names and a few
words; `reworded` when the facts are shared in other words.

Rows put the sentences of all articles in reading order: each row holds, per article, the
sentences that say one thing (usually one, or none).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .features import Features, Weights, word_overlap

__all__ = ["Match", "Row", "align_pair", "build_rows", "score"]

Kind = Literal["same", "reworded"]

# Scores (0..1) for keeping a pair: on its own, beside aligned neighbours.
STRONG = 0.42
NEIGHBOUR = 0.3
SAME_WORDS = 0.85  # share of words in common for `same`
MIN_TERMS = 4  # fewer content words than this: too little to hold in a longer sentence
NAMES_ONLY = 0.2  # at most, for sentences sharing nothing but names and numbers
NAMES_BONUS = 0.25  # how far shared names lift a score above that of the other words
MIN_SHARED = 3  # content words (not names) a short sentence must share to be held in a long one


@dataclass(frozen=True, slots=True)
class Match:
    """Sentence `i` of article A and sentence `j` of article B say the same thing."""

    i: int
    j: int
    kind: Kind
    score: float


@dataclass(frozen=True)
class Row:
    """One aligned row: per article id, its sentence indexes here (often one, or none)."""

    cells: dict[str, tuple[int, ...]]
    kind: Literal["same", "reworded", "unique"]

    def first(self, article_id: str) -> int | None:
        """The first sentence of `article_id` in this row, or None."""
        cell = self.cells.get(article_id)
        return cell[0] if cell else None


def score(fa: Features, fb: Features, weights: dict[str, float]) -> float:
    """0..1: Dice of the shared terms' weight; or, between a short and a long sentence, how
    much of the short one the long one holds. Either way no more than the words other than
    names allow: two sentences naming the same people may say different things."""
    shared = fa.terms & fb.terms
    if not shared:
        return 0.0
    w = weights.get
    common = sum(w(t, 1.0) for t in shared)
    total_a = sum(w(t, 1.0) for t in fa.terms)
    total_b = sum(w(t, 1.0) for t in fb.terms)
    dice = 2 * common / (total_a + total_b)
    anchors = fa.anchors | fb.anchors  # a name opening one sentence is a name in the other
    words_a, words_b = fa.terms - anchors, fb.terms - anchors
    words_shared = words_a & words_b
    weight_a = sum(w(t, 1.0) for t in words_a)
    weight_b = sum(w(t, 1.0) for t in words_b)
    weight_shared = sum(w(t, 1.0) for t in words_shared)
    if not weight_shared:
        return min(dice, NAMES_ONLY)
    words_dice = 2 * weight_shared / (weight_a + weight_b)
    best = dice
    if min(len(words_a), len(words_b)) >= MIN_TERMS and len(words_shared) >= MIN_SHARED:
        content = weight_shared / min(weight_a, weight_b)
        words_dice = max(words_dice, content)
        best = max(dice, 0.8 * min(common / min(total_a, total_b), content + 0.15))
    return min(best, words_dice + NAMES_BONUS)


def align_pair(a: Sequence[Features], b: Sequence[Features], weights: Weights) -> list[Match]:
    """The matched sentences of two articles, in A's order."""
    w = weights.weight
    # Only pairs sharing a term are scored: an inverted index of B's terms.
    postings: dict[str, list[int]] = {}
    for j, f in enumerate(b):
        for t in f.terms:
            postings.setdefault(t, []).append(j)
    candidates: list[tuple[float, int, int]] = []
    for i, fa in enumerate(a):
        if not fa.terms:
            continue
        seen: set[int] = set()
        for t in fa.terms:
            seen.update(postings.get(t, ()))
        for j in seen:
            s = score(fa, b[j], w)
            if s >= NEIGHBOUR:
                candidates.append((s, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    taken_a: dict[int, int] = {}
    taken_b: dict[int, int] = {}
    kept: dict[tuple[int, int], float] = {}
    for s, i, j in candidates:
        if s < STRONG:
            break
        if i not in taken_a and j not in taken_b:
            taken_a[i], taken_b[j] = j, i
            kept[i, j] = s
    # A sentence split in two: the other half sits next to the first partner.
    for s, i, j in candidates:
        if s < STRONG or (i, j) in kept:
            continue
        if i in taken_a and j not in taken_b and abs(taken_a[i] - j) == 1:
            taken_b[j] = i
            kept[i, j] = s
        elif j in taken_b and i not in taken_a and abs(taken_b[j] - i) == 1:
            taken_a[i] = j
            kept[i, j] = s
    # Weaker pairs where both articles' order agrees: a neighbour pair is aligned.
    for s, i, j in candidates:
        if s >= STRONG or i in taken_a or j in taken_b:
            continue
        if (i - 1, j - 1) in kept or (i + 1, j + 1) in kept:
            taken_a[i], taken_b[j] = j, i
            kept[i, j] = s
    out = []
    for (i, j), s in sorted(kept.items()):
        kind: Kind = "same" if word_overlap(a[i].words, b[j].words) >= SAME_WORDS else "reworded"
        out.append(Match(i, j, kind, round(s, 3)))
    return out


def build_rows(
    ids: Sequence[str], counts: Sequence[int], matches: dict[tuple[int, int], list[Match]]
) -> list[Row]:
    """Rows in reading order: the first article's order; another article's unmatched
    sentences go after the row of its sentence before them (its opening ones, above its
    first shared row).

    `matches[(x, y)]` are the matches between articles `x` and `y` (x < y, indexes in `ids`).
    """
    # Sentences that say one thing form one group (union-find over the matches).
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(node: tuple[int, int]) -> tuple[int, int]:
        root = node
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(node, node) != root:
            parent[node], node = root, parent[node]
        return root

    kinds: dict[tuple[int, int], list[Kind]] = {}
    for (x, y), pair_matches in matches.items():
        for m in pair_matches:
            ra, rb = find((x, m.i)), find((y, m.j))
            if ra != rb:
                parent[rb] = ra
    for (x, _y), pair_matches in matches.items():
        for m in pair_matches:
            kinds.setdefault(find((x, m.i)), []).append(m.kind)
    members: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for x, count in enumerate(counts):
        for i in range(count):
            members.setdefault(find((x, i)), []).append((x, i))

    order: list[tuple[int, int]] = []  # group roots, in reading order
    placed: set[tuple[int, int]] = set()
    for x, count in enumerate(counts):
        cursor: int | None = None  # the row of this article's latest sentence already placed
        leading: list[tuple[int, int]] = []  # its sentences before its first shared one
        for i in range(count):
            root = find((x, i))
            if root in placed:
                if root in leading:
                    continue
                cursor = order.index(root)
                if leading:  # they go just above the first row this article shares
                    order[cursor:cursor] = leading
                    cursor += len(leading)
                    leading = []
                continue
            placed.add(root)
            if cursor is None:
                leading.append(root)
            else:
                cursor += 1
                order.insert(cursor, root)
        order.extend(leading)
    rows = []
    for root in order:
        cells: dict[str, list[int]] = {}
        for x, i in members[root]:
            cells.setdefault(ids[x], []).append(i)
        group_kinds = kinds.get(root, [])
        kind: Literal["same", "reworded", "unique"] = (
            "unique"
            if len(cells) < 2
            else "same"
            if group_kinds and all(k == "same" for k in group_kinds)
            else "reworded"
        )
        rows.append(Row({k: tuple(sorted(v)) for k, v in cells.items()}, kind))
    return rows
