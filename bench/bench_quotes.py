"""Benchmark "who said it" on real coverage: the quotes annotated in ../shared/realdata/basil.

    python bench/bench_quotes.py [--data ../shared/realdata/basil] [--show 15] [--check]

`quotes.json` lists quoted spans, each with the file it is in and its speaker. The speakers
are people ("Rick Perry"), stances ("other anti") and groups ("Democratic lawmakers"); only
the spans whose speaker is a named person are scored, decided by a general rule: two to four
capitalised words ("Jr."/"Sr." aside), the last one (the surname) never written in lower case
in the span's article (that would make it a common word: "Now", "lawmakers") and not the
plural of a word the collection uses ("Republicans", "Lawmakers"). The count is printed.

Each article is read as `parallax add` takes it (`clean_markdown`), and its quotes extracted
as `parallax show ID --json` gives them (`article_quotes`). For each scored span:

- found: the article's quotes cover at least 80% of the span's letters (the span located in
  the body, quotation marks and spacing aside);
- named: of the found, the quote covering most of the span has a speaker whose surname is the
  annotated speaker's (folded: "Trump" for "Donald Trump Jr." too).

Targets: found ≥ 85%, named ≥ 85% of the found. `--check` exits 1 when one is missed. It
prints the misses by kind, with the worst examples (file, the span's start, what was got).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from parallax.index.analysis import fold, load_aliases
from parallax.index.cleaner import clean_markdown
from parallax.index.compare.quotes import article_quotes

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the repo root (a worktree under /work/wt/NAME looks two levels up too).
DEFAULT = next(
    (
        base / "shared" / "realdata" / "basil"
        for base in (ROOT.parent, ROOT.parent.parent)
        if (base / "shared" / "realdata" / "basil").is_dir()
    ),
    ROOT.parent / "shared" / "realdata" / "basil",
)
FOUND_TARGET = NAMED_TARGET = 0.85
COVERED = 0.8
_MARKS = "\"“”‘’'«»„ \n\t"
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii"}


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'’-]*", text)


def surname(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in _SUFFIXES]
    return fold(words[-1]).replace(".", "") if words else ""


def named_person(speaker: str, body: str, collection_words: set[str]) -> bool:
    """A general rule for "this speaker is a named person", never a list of names."""
    words = [w for w in speaker.split() if w.lower() not in _SUFFIXES]
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    last = words[-1]
    if re.search(rf"\b{re.escape(last.lower())}\b", body):
        return False  # a common word ("Now", "lawmakers")
    return not (last.endswith("s") and last[:-1].lower() in collection_words)


def _letters(body: str) -> tuple[str, list[int]]:
    """The body's letters and digits only, with their offsets: spans are located in this."""
    keep = [(i, c.lower()) for i, c in enumerate(body) if c.isalnum()]
    return "".join(c for _, c in keep), [i for i, _ in keep]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT, help="the basil folder")
    parser.add_argument("--show", type=int, default=12, help="examples per kind of miss")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    truth_file = args.data / "quotes.json"
    if not truth_file.is_file():
        print(f"no real data at {args.data} (quotes.json): nothing measured")
        return 0
    spans = json.loads(truth_file.read_text(encoding="utf-8"))
    aliases = load_aliases()

    bodies: dict[str, str] = {}
    for name in sorted({s["file"] for s in spans}):
        text = (args.data / name).read_text(encoding="utf-8")
        bodies[name] = clean_markdown(text, name=Path(name).name).article.body
    collection_words = {w.lower() for body in bodies.values() for w in _words(body)}

    started = time.perf_counter()
    quotes = {name: article_quotes(body, aliases) for name, body in bodies.items()}
    elapsed = time.perf_counter() - started
    letters = {name: _letters(body) for name, body in bodies.items()}

    scored = found = named = 0
    misses: dict[str, list[str]] = defaultdict(list)
    kinds: Counter[str] = Counter()
    for span in spans:
        name, speaker = span["file"], span["speaker"]
        body = bodies[name]
        if not named_person(speaker, body, collection_words):
            continue
        scored += 1
        flat, offsets = letters[name]
        needle = "".join(c.lower() for c in span["text"] if c.isalnum())
        at = flat.find(needle) if needle else -1
        if at < 0:
            kinds["span not in the body"] += 1
            misses["span not in the body"].append(f"{name}: {span['text'][:70]!r}")
            continue
        positions = offsets[at : at + len(needle)]
        best, best_cover, covered = None, 0, 0
        for q in quotes[name]:
            inside = sum(1 for p in positions if q.start <= p < q.end)
            covered += inside
            if inside > best_cover:
                best, best_cover = q, inside
        excerpt = f"{name}: {span['text'].strip(_MARKS)[:70]!r}"
        if covered < COVERED * len(positions) or best is None:
            marks = body[max(0, positions[0] - 2) : positions[-1] + 3]
            quoted = any(m in marks for m in '"“”')
            kind = "quote not found" if quoted else "quote not found (no marks around the span)"
            if covered:
                kind = "quote found in part"
            kinds[kind] += 1
            misses[kind].append(excerpt)
            continue
        found += 1
        if best.speaker and surname(best.speaker) == surname(speaker):
            named += 1
            continue
        kind = "no speaker" if not best.speaker else "another speaker"
        kinds[kind] += 1
        misses[kind].append(f"{excerpt} -> {best.speaker!r}, wanted {speaker!r}")

    total_quotes = sum(len(q) for q in quotes.values())
    print(f"articles: {len(bodies)}, quotes extracted: {total_quotes} in {elapsed * 1000:.0f} ms")
    print(f"annotated spans: {len(spans)}, of a named person (scored): {scored}")
    if not scored:
        return 0
    found_rate = found / scored
    named_rate = named / found if found else 0.0
    print(f"quote found:           {found}/{scored} = {found_rate:.1%}  (target ≥ 85%)")
    print(f"speaker named (found): {named}/{found} = {named_rate:.1%}  (target ≥ 85%)")
    print(f"both:                  {named}/{scored} = {named / scored:.1%}")
    for kind, count in kinds.most_common():
        print(f"\n{kind}: {count}")
        for line in misses[kind][: args.show]:
            print(f"  {line}")
    ok = found_rate >= FOUND_TARGET and named_rate >= NAMED_TARGET
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
