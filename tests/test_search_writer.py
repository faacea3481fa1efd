"""The fast segment writer writes what whoosh's own SegmentWriter writes, posting for posting."""

from __future__ import annotations

import hashlib
import io
import pickle
import random
import struct
from array import array
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as windex
from whoosh.codec.whoosh3 import W3PostingsWriter, W3TermInfo
from whoosh.filedb.structfile import StructFile
from whoosh.formats import Existence, Frequency, Positions
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from parallax.index.analysis import U32, WeightedPositions
from parallax.index.search import IndexDoc, SearchIndex
from parallax.index.search.documents import _fields, _Spelling
from parallax.index.search.spelling import Vocabulary
from parallax.index.search.writer import _WEIGHT_SCALE, FastWriter, _write_entries, _write_postings

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


# -- the postings blocks, as a reader reads them ----------------------------------------------------------

_postings = st.lists(
    st.tuples(
        st.integers(1, 40),  # gap to the previous document number
        st.lists(st.integers(0, 5000), min_size=1, max_size=8, unique=True),  # positions
        st.sampled_from([0.5, 1.0, 2.0, 4.0]),  # section weight
        st.integers(1, 200_000),  # field length
    ),
    min_size=1,
    max_size=300,
)


def _blocks(data: bytes) -> list[tuple[int, Any, Any]]:
    """A term's postings as a reader sees them: (last?, info, data) per block. (Byte counts
    may differ: a value repeated in a block is pickled once here, once per posting by whoosh.)"""
    assert data[2:6] == b"W3Bl"
    at, out = 6, []
    while True:
        (length,) = struct.unpack("!i", data[at : at + 4])
        stream = io.BytesIO(data[at + 4 : at + 4 + abs(length)])
        out.append((length < 0, pickle.load(stream), pickle.load(stream)))
        at += 4 + abs(length)
        if length < 0:
            assert at == len(data)
            return out


def _whoosh_writes(format_: Any, entries: list[tuple[int, float, bytes, int]]) -> tuple:
    postfile = StructFile(io.BytesIO())
    postfile.write(b"xx")  # a term's postings rarely start at 0
    writer = W3PostingsWriter(postfile, 128, compression=0)
    writer.start_postings(format_, W3TermInfo())
    for docnum, weight, vbytes, length in entries:
        writer.add_posting(docnum, weight, vbytes, length)
    info = writer.finish_postings()
    return _blocks(postfile.file.getvalue()), _stats(info)


def _stats(info: W3TermInfo) -> tuple:
    read = W3TermInfo.from_bytes(info.to_bytes())
    return (read.weight(), read.doc_frequency(), read.min_length(), read.max_length()) + (
        read.max_weight(),
        read.min_id(),
        read.max_id(),
        read.extent()[0],
    )


@settings(max_examples=150, deadline=None)
@given(_postings)
def test_positions_blocks_are_whooshs_own(postings: list) -> None:
    meta: array = array(U32)
    at: array = array(U32)
    lengths: dict[int, int] = {}
    entries = []
    docnum = 0
    for gap, positions, weight, length in postings:
        docnum += gap
        positions.sort()
        meta.extend([docnum, len(positions), round(weight * len(positions) * _WEIGHT_SCALE)])
        at.extend(positions)
        quantized = byte_to_length(length_to_byte(length))
        lengths[docnum] = quantized
        vbytes = WeightedPositions().encode(positions)
        assert WeightedPositions().decode_positions(vbytes) == positions
        entries.append((docnum, weight * len(positions), vbytes, quantized))
    postfile = StructFile(io.BytesIO())
    postfile.write(b"xx")
    info = _write_postings(postfile, (meta, at), lengths, 128)
    assert (_blocks(postfile.file.getvalue()), _stats(info)) == _whoosh_writes(
        WeightedPositions(), entries
    )


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from([Existence(), Frequency(), Positions()]),
    st.lists(st.tuples(st.integers(1, 40), st.integers(0, 300)), min_size=1, max_size=300),
    st.floats(0.25, 3.0),
)
def test_other_blocks_are_whooshs_own(format_: Any, postings: list, boost: float) -> None:
    entries = []
    docnum = 0
    for gap, length in postings:
        docnum += gap
        freq = 1 + length % 3
        if isinstance(format_, Positions):
            vbytes = format_.encode(list(range(freq)))
        elif isinstance(format_, Frequency):
            vbytes = pack_uint(freq)
        else:
            vbytes = b""
        entries.append((docnum, boost * freq, vbytes, length))
    postfile = StructFile(io.BytesIO())
    postfile.write(b"xx")
    info = _write_entries(postfile, entries, format_.fixed_value_size(), 128)
    assert (_blocks(postfile.file.getvalue()), _stats(info)) == _whoosh_writes(format_, entries)


# -- "did you mean": the words in memory are the words on disk --------------------------------------


@pytest.fixture(scope="module")
def spelling_index(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """An index of several segments (small ones are written, then more are added)."""
    docs = make_docs(90)
    folder = tmp_path_factory.mktemp("spelling")
    ix = build(folder, FastWriter, [docs[:45], docs[45:]], limit_bytes=20_000)
    assert len(ix._read_toc().segments) > 1
    return ix


def test_close_words_are_found_in_memory(spelling_index: Any) -> None:
    with spelling_index.reader() as reader:
        vocabulary = Vocabulary()
        assert vocabulary.within(reader, "talkz", 1) == {"talks"}
        assert vocabulary.within(reader, "negotiatons", 2) >= {"negotiations"}
        assert vocabulary.within(reader, "xalks", 1) == set()  # the first letter is kept


@settings(max_examples=60, deadline=None)
@given(
    typed=st.text(alphabet="aeiknorstuvzlgm", min_size=3, max_size=9),
    maxdist=st.integers(1, 2),
)
def test_the_words_in_memory_are_the_words_whoosh_finds_on_disk(
    spelling_index: Any, typed: str, maxdist: int
) -> None:
    with spelling_index.reader() as reader:
        on_disk: set[str] = set()
        for leaf, _ in reader.leaf_readers():
            on_disk.update(leaf.terms_within("spell", typed, maxdist, prefix=1))
        vocabulary = Vocabulary()
        assert vocabulary.within(reader, typed, maxdist) == on_disk
        assert vocabulary.within(reader, typed, maxdist) == on_disk  # and from its cache
