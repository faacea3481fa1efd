"""The fast segment writer writes what whoosh's own SegmentWriter writes, posting for posting."""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as windex
from whoosh.writing import SegmentWriter

from parallax.index.search import IndexDoc, SearchIndex, _fields, _Spelling
from parallax.index.writer import FastWriter

WORDS = (
    "talks envoy summit ceasefire minister Ukraine Russia sanctions border deal grain Kyiv Kiev "
    "Zelensky Zelenskiy Lavrov Moscow Istanbul peace trade energy Türkiye Turkey U.S. the a of "
    "negotiations negotiators elites Western"
).split()


def make_docs(n: int, seed: int = 1) -> list[IndexDoc]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        body = "\n\n".join(
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 60))) + "."
            for _ in range(rng.randint(1, 4))
        )
        out.append(
            IndexDoc(
                id=f"d{i}",
                title=" ".join(rng.choice(WORDS) for _ in range(6)),
                standfirst=rng.choice([None, "Ankara hosts the talks again"]),
                body=body,
                outlet=rng.choice(["Eunews", "Hürriyet Daily News", None]),
                author=rng.choice([None, "Jane Doe"]),
                agency=rng.choice([None, "AP"]),
                dateline=rng.choice([None, "ISTANBUL"]),
                published=rng.choice([None, date(2025, 1, 1) + timedelta(days=i)]),
                digest=hashlib.sha1(body.encode()).hexdigest(),
            )
        )
    return out


def dump(reader: Any, schema: Any) -> dict[str, Any]:
    """Everything a search can read: postings with positions, term statistics, stored fields,
    field lengths and columns, per live document (by id, as document numbers may differ)."""
    ids = reader.column_reader("id")
    out: dict[str, Any] = {"terms": {}, "docs": {}}
    for fieldname, term in reader.all_terms():
        matcher = reader.postings(fieldname, term)
        if schema[fieldname].format.supports("positions"):
            items = [(ids[d], p) for d, p in matcher.items_as("positions")]
        else:
            items = [(ids[d], None) for d in matcher.all_ids()]
        live = sorted(i for i in items if not reader.is_deleted(_docnum(reader, i[0])))
        if live:
            out["terms"][(fieldname, term)] = live
    for docnum in reader.all_doc_ids():
        lengths = {f: reader.doc_field_length(docnum, f) or 0 for f in schema.names()}
        out["docs"][ids[docnum]] = (reader.stored_fields(docnum), lengths)
    return out


def _docnum(reader: Any, article_id: str) -> int:
    return reader.first_id("id", article_id)


def build(path: Path, writer_class: type, batches: list[list[IndexDoc]], **kwargs: Any) -> Any:
    index = SearchIndex.open(path)
    index._create()
    ix = windex.open_dir(str(path / "index"), schema=index._schema)
    for batch in batches:
        writer = writer_class(ix, **kwargs)
        spelling = _Spelling(index.text_analyzer)
        for doc in batch:
            writer.update_document(**_fields(doc, spelling))
        writer.commit()  # whoosh's MERGE_SMALL: small segments are merged into the new one
    return ix


@pytest.mark.parametrize("limit_bytes", [128 << 20, 20_000], ids=["one-segment", "rolling"])
def test_fast_writer_writes_what_whoosh_writes(tmp_path: Path, limit_bytes: int) -> None:
    docs = make_docs(150)
    changed = make_docs(20, seed=2)  # the same ids d0..d19, new contents: updates
    batches = [docs[:50], docs[50:], changed, docs[140:145]]
    ours = build(tmp_path / "ours", FastWriter, batches, limit_bytes=limit_bytes)
    theirs = build(tmp_path / "theirs", SegmentWriter, batches)
    with ours.reader() as a, theirs.reader() as b:
        assert a.doc_count() == b.doc_count() == 150
        assert dump(a, ours.schema) == dump(b, theirs.schema)
    if limit_bytes == 20_000:
        assert len(ours._read_toc().segments) > len(theirs._read_toc().segments)


def test_a_rolling_writer_commits_all_its_segments_or_none(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path)
    index._create()
    ix = windex.open_dir(str(tmp_path / "index"), schema=index._schema)
    writer = FastWriter(ix, limit_bytes=10_000)
    spelling = _Spelling(index.text_analyzer)
    for doc in make_docs(60):
        writer.add_document(**_fields(doc, spelling))
    assert len(writer._finished) > 1  # segments written, not yet committed
    writer.cancel()
    assert ix.doc_count() == 0
    writer = FastWriter(ix, limit_bytes=10_000)
    for doc in make_docs(60):
        writer.add_document(**_fields(doc, spelling))
    writer.commit(merge=False)
    assert ix.doc_count() == 60 and len(ix._read_toc().segments) > 1
