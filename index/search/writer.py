"""A whoosh segment writer that keeps postings compactly and writes them in one pass.

whoosh's own SegmentWriter puts every posting (field, term, document, weight, encoded
positions) as a tuple into a pool, sorts the pool (spilling pickled runs to disk past its
memory limit), merges the runs, and then looks up each posting's field length on disk again.
Per posting that is several microseconds of Python, more than the analysis itself.

Here the postings of the text fields go into two `array`s per term instead (document number,
frequency and weight of each posting; their positions), already in document order: nothing
to sort, 4 bytes a position, and the field lengths are known when the document is added.
At flush the terms are sorted and each term's postings are written as whoosh's W3 codec
writes them (blocks of 128 postings: pickled ids, weights and values, uncompressed), the
values being WeightedPositions' (array slices of the positions). The files on disk are
ordinary whoosh segments read by ordinary whoosh readers; tests/test_search_writer.py checks
block for block.

Other fields (ids, numbers, the spelling vocabulary) and postings copied from merged segments
go through the generic path: whoosh's own field.index(), kept as tuples.

When its postings grow past `limit_bytes`, the writer finishes the segment it is writing and
starts another, all of them committed together (one TOC) at `commit()`: memory stays bounded
and a commit stays all-or-nothing.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate
from operator import sub
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC as _HEADER
from whoosh.codec.whoosh3 import (
    W3Codec,
    W3FieldWriter,
    W3PerDocReader,
    W3PerDocWriter,
    W3TermInfo,
)
from whoosh.columns import PickleColumn, VarBytesColumn
from whoosh.filedb.filetables import _lengths as _KEY_VALUE_LENGTHS
from whoosh.system import pack_int, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from ..analysis import LITTLE_ENDIAN, U32, Sections, WeightedPositions, encode_positions

__all__ = ["FastWriter", "ParallaxCodec"]

# Weights are kept as integers in the position arrays: section weights are multiples of 1/16.
_WEIGHT_SCALE = 16
# whoosh pickles blocks with protocol 2, which has no bytes: each value becomes a call to
# _codecs.encode, slow to write and to read. Its reader takes any protocol.
_PICKLE = 4


class _Postings:
    """The postings of one segment being written: compact for positional text fields, tuples
    for the rest. Also stands in for whoosh's pool (add/cleanup) so merges reach it."""

    def __init__(self) -> None:
        # field -> term -> its postings: ([docnum, freq, weight x 16] per posting, the
        # positions of every posting one after the other)
        self.positional: dict[str, dict[str, tuple[array, array]]] = {}
        # field -> docnum -> length, for the positional fields
        self.lengths: dict[str, dict[int, int]] = {}
        # field -> term bytes -> [(docnum, weight, vbytes)]
        self.generic: dict[str, dict[bytes, list[tuple[int, float, bytes]]]] = {}
        self.size = 0  # approximate bytes held
        self.fieldnames: set[str] = set()

    # whoosh's pool interface, used when segments are merged into this one
    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, btext, docnum, weight, vbytes = item
        self.add_generic(fieldname, btext, docnum, weight, vbytes or b"")

    def add_generic(
        self, fieldname: str, btext: bytes, docnum: int, weight: float, vbytes: bytes
    ) -> None:
        self.fieldnames.add(fieldname)
        self.generic.setdefault(fieldname, {}).setdefault(btext, []).append(
            (docnum, weight, vbytes)
        )
        self.size += 100 + len(btext) + len(vbytes)

    def add_positions(
        self, fieldname: str, docnum: int, postings: dict[str, tuple[float, list[int]]]
    ) -> int:
        """Add one document's term -> (weight, positions) for a field; returns the field's
        length (its number of words)."""
        self.fieldnames.add(fieldname)
        terms = self.positional.setdefault(fieldname, {})
        length = 0
        added = 0
        for term, (weight, poslist) in postings.items():
            freq = len(poslist)
            length += freq
            row = terms.get(term)
            if row is None:
                row = terms[term] = (array(U32), array(U32))
                self.size += 200 + len(term)
            row[0].extend((docnum, freq, round(weight * _WEIGHT_SCALE)))
            if freq == 1:
                row[1].append(poslist[0])
            else:
                row[1].extend(poslist)
            added += 3 + freq
        self.size += 4 * added
        if length:
            self.lengths.setdefault(fieldname, {})[docnum] = byte_to_length(length_to_byte(length))
        return length

    def cleanup(self) -> None:
        self.positional.clear()
        self.generic.clear()
        self.lengths.clear()

    def iter_postings(self) -> Any:
        raise NotImplementedError("FastWriter does not hand its postings to another writer")

    def write(self, fieldwriter: W3FieldWriter, schema: Any, lengths_reader: Any) -> None:
        """Write every posting: fields and terms in order, documents in order.

        A term whose postings are all in the compact arrays is written here, block by block,
        in whoosh's own W3 block format; terms with postings from a merged segment go through
        whoosh's postings writer."""
        blocklimit = fieldwriter._codec._blocklimit
        for fieldname in sorted(self.fieldnames):
            fieldobj = schema[fieldname]
            fast = self.positional.get(fieldname, {})
            generic = self.generic.get(fieldname, {})
            if not fast and not generic:
                continue
            by_bytes = {term.encode("utf-8"): term for term in fast}
            fieldwriter.start_field(fieldname, fieldobj)
            scorable = fieldobj.scorable
            doc_lengths = self.lengths.get(fieldname, {})
            add = fieldwriter.add
            field_key = pack_ushort(fieldwriter._fieldid)
            terms_out = _TermIndex(fieldwriter._tindex)
            postfile = _Buffered(fieldwriter._postfile)
            fixed_size = fieldobj.format.fixed_value_size()
            for btext in sorted(by_bytes.keys() | generic.keys()):
                term = by_bytes.get(btext)
                merged = generic.get(btext)
                if merged is None or term is None:
                    if merged is None:
                        terminfo = _write_postings(postfile, fast[term], doc_lengths, blocklimit)
                    else:
                        if scorable and lengths_reader is not None:
                            length = lengths_reader.doc_field_length
                            entries = [(d, w, v, length(d, fieldname, 0)) for d, w, v in merged]
                        else:
                            entries = [(d, w, v, 0) for d, w, v in merged]
                        terminfo = _write_entries(postfile, entries, fixed_size, blocklimit)
                    terms_out.add(field_key + btext, terminfo.to_bytes())
                    continue
                # Postings of both kinds: whoosh's writer, after everything buffered is out.
                postfile.flush()
                terms_out.flush()
                fieldwriter.start_term(btext)
                if term is not None:
                    for docnum, weight, vbytes in _decode_row(fast[term]):
                        add(docnum, weight, vbytes, doc_lengths.get(docnum, 0))
                for docnum, weight, vbytes in merged:
                    length = 0
                    if scorable and lengths_reader is not None:
                        length = lengths_reader.doc_field_length(docnum, fieldname, 0)
                    add(docnum, weight, vbytes, length)
                fieldwriter.finish_term()
                postfile.offset = fieldwriter._postfile.tell()
            postfile.flush()
            terms_out.flush()
            fieldwriter.finish_field()


class _Buffered:
    """A postings file written through a buffer: `tell()` without asking the file and one
    write per few MB instead of several per term."""

    LIMIT = 4 << 20

    def __init__(self, postfile: Any) -> None:
        self.file = postfile
        self.offset = postfile.tell()
        self.parts: list[bytes] = []
        self.size = 0

    def tell(self) -> int:
        return self.offset

    def write(self, data: bytes) -> None:
        self.parts.append(data)
        self.offset += len(data)
        self.size += len(data)
        if self.size >= self.LIMIT:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            self.file.write(b"".join(self.parts))
            self.parts, self.size = [], 0


class _TermIndex:
    """whoosh's term index (an OrderedHashWriter) filled a batch at a time: what its `add`
    does per term, with one write per batch."""

    BATCH = 4096

    def __init__(self, tindex: Any) -> None:
        self.tindex = tindex
        self.items: list[tuple[bytes, bytes]] = []

    def add(self, key: bytes, value: bytes) -> None:
        self.items.append((key, value))
        if len(self.items) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.items:
            return
        tindex, items, self.items = self.tindex, self.items, []
        dbfile = tindex.dbfile
        pos = dbfile.tell()
        last = tindex.lastkey
        hashfn = tindex.hashfn
        buckets = tindex.buckets
        index = tindex.index
        records = []
        for key, value in items:
            if key <= last:
                raise ValueError(f"Keys must increase: {last!r}..{key!r}")
            index.append(pos)
            h = hashfn(key)
            buckets[h & 255].append((h, pos))
            record = _KEY_VALUE_LENGTHS.pack(len(key), len(value)) + key + value
            records.append(record)
            pos += len(record)
            last = key
        dbfile.write(b"".join(records))
        tindex.lastkey = last


def _write_entries(
    postfile: Any,
    entries: list[tuple[int, float, bytes, int]],
    fixed_size: int | None,
    blocklimit: int,
) -> W3TermInfo:
    """Write one term's postings, given as (docnum, weight, value, field length) in document
    order, as W3PostingsWriter does (uncompressed), and return its term info."""
    info = W3TermInfo()
    start = postfile.tell()
    if len(entries) == 1:  # most words of the spelling vocabulary: one block of one posting
        ((docnum, weight, value, length),) = entries
        (weight32,) = array("f", [weight])
        if fixed_size is None or fixed_size < 0:
            mini_values: Any = (value,) if value else ()
        else:
            mini_values = None if fixed_size == 0 else value
        databytes = dumps(((docnum,), None if weight32 == 1.0 else weight32, mini_values), _PICKLE)
        lo = length or None
        infobytes = dumps(
            (1, docnum, max(weight, 0), 0, length_to_byte(lo), length_to_byte(length)), _PICKLE
        )
        postfile.write(
            b"".join((_HEADER, pack_int(-len(infobytes) - len(databytes)), infobytes, databytes))
        )
        info._weight = weight32
        info._df = 1
        info._minlength = lo
        info._maxlength = length
        info._maxweight = max(weight, 0.0)
        info._minid = info._maxid = docnum
        info.set_extent(start, postfile.tell() - start)
        return info
    out = [_HEADER]
    total_weight = 0.0
    max_weight = 0.0
    min_length: int | None = None
    max_length = 0
    for at in range(0, len(entries), blocklimit):
        block = entries[at : at + blocklimit]
        ids = [e[0] for e in block]
        weights = array("f", [e[1] for e in block])  # as whoosh holds them
        values = [e[2] for e in block if e[2]]
        lengths = [e[3] for e in block if e[3]]
        first_w = weights[0]
        if weights.count(1.0) == len(weights):
            mini_weights: Any = None
        elif weights.count(first_w) == len(weights):
            mini_weights = first_w
        else:
            mini_weights = tuple(weights)
        if fixed_size is None or fixed_size < 0:
            mini_values: Any = tuple(values)
        elif fixed_size == 0:
            mini_values = None
        else:
            mini_values = b"".join(values)
        block_max = max(e[1] for e in block)
        lo = min(lengths) if lengths else None
        hi = max(lengths) if lengths else 0
        mini_ids = [ids[0]]
        mini_ids.extend(b - a for a, b in zip(ids, ids[1:], strict=False))
        databytes = dumps((tuple(mini_ids), mini_weights, mini_values), _PICKLE)
        infobytes = dumps(
            (len(ids), ids[-1], max(block_max, 0), 0, length_to_byte(lo), length_to_byte(hi)),
            _PICKLE,
        )
        blocklength = len(infobytes) + len(databytes)
        last = at + blocklimit >= len(entries)
        out.append(pack_int(-blocklength if last else blocklength))
        out.append(infobytes)
        out.append(databytes)
        total_weight += sum(weights)
        max_weight = max(max_weight, block_max)
        if lo is not None:
            min_length = lo if min_length is None else min(min_length, lo)
        max_length = max(max_length, hi)
        if info._minid is None:
            info._minid = ids[0]
        info._maxid = ids[-1]
    postfile.write(b"".join(out))
    info._weight = total_weight
    info._df = len(entries)
    info._minlength = min_length
    info._maxlength = max_length
    info._maxweight = max_weight
    info.set_extent(start, postfile.tell() - start)
    return info


# The value of a posting with one position, by position: most postings are such.
_SINGLE = [encode_positions([p]) for p in range(4096)]


def _posting_values(freqs: Sequence[int], positions: array) -> list[bytes]:
    """The encoded positions (WeightedPositions) of postings with these frequencies, whose
    positions follow one another in `positions`."""
    if freqs.count(1) == len(freqs) and (not positions or max(positions) < len(_SINGLE)):
        return list(map(_SINGLE.__getitem__, positions))
    ends = list(accumulate(freqs))
    if LITTLE_ENDIAN and positions.typecode == U32:
        return [positions[a:b].tobytes() for a, b in zip([0, *ends], ends, strict=False)]
    return [encode_positions(positions[a:b]) for a, b in zip([0, *ends], ends, strict=False)]


def _decode_row(row: tuple[array, array]) -> Iterator[tuple[int, float, bytes]]:
    """(docnum, weight, encoded positions) of each posting of a term."""
    meta, positions = row
    values = _posting_values(meta[1::3], positions)
    for docnum, weight, vbytes in zip(meta[0::3], meta[2::3], values, strict=True):
        yield docnum, weight / _WEIGHT_SCALE, vbytes


def _write_postings(
    postfile: Any, row: tuple[array, array], doc_lengths: dict[int, int], blocklimit: int
) -> W3TermInfo:
    """Write one term's postings as W3PostingsWriter does (a header, then blocks of up to
    `blocklimit` postings: pickled (ids as deltas, weights, values), uncompressed) and return
    its term info. The work is done on whole slices of the arrays, not posting by posting."""
    meta, positions = row
    ids = meta[0::3]
    freqs = meta[1::3]
    scaled = meta[2::3]
    values = _posting_values(freqs, positions)
    lengths = list(map(doc_lengths.__getitem__, ids))
    scale = _WEIGHT_SCALE
    n = len(ids)
    info = W3TermInfo()
    start = postfile.tell()
    out = [_HEADER]
    for at in range(0, n, blocklimit):
        end = min(at + blocklimit, n)
        block_ids = ids[at:end]
        weights = scaled[at:end]
        first_w = weights[0]
        if weights.count(first_w) == len(weights):
            mini_weights: Any = None if first_w == scale else first_w / scale
        else:
            mini_weights = tuple(map((1 / scale).__mul__, weights))
        block_lengths = lengths[at:end]
        mini_ids = [block_ids[0], *map(sub, block_ids[1:], block_ids[:-1])]
        databytes = dumps((tuple(mini_ids), mini_weights, tuple(values[at:end])), _PICKLE)
        infobytes = dumps(
            (
                end - at,
                block_ids[-1],
                max(weights) / scale,
                0,
                length_to_byte(min(block_lengths)),
                length_to_byte(max(block_lengths)),
            ),
            _PICKLE,
        )
        blocklength = len(infobytes) + len(databytes)
        out.append(pack_int(-blocklength if end == n else blocklength))
        out.append(infobytes)
        out.append(databytes)
    postfile.write(b"".join(out))
    info._weight = sum(scaled) / scale
    info._df = n
    info._minlength = min(lengths)
    info._maxlength = max(lengths)
    info._maxweight = max(scaled) / scale
    info._minid = ids[0]
    info._maxid = ids[-1]
    info.set_extent(start, postfile.tell() - start)
    return info


# Stored fields as pickles without whoosh's zlib: the one big stored value, the body, is
# compressed already (search._fields), and compressing it again costs more than the rest.
_STORED = PickleColumn(VarBytesColumn())


class _PerDocWriter(W3PerDocWriter):
    def _create_column(self, fieldname: str, column: Any) -> None:
        super()._create_column(fieldname, _STORED if fieldname == "_stored" else column)

    def add_column_value(self, fieldname: str, column: Any, value: Any) -> None:
        super().add_column_value(fieldname, _STORED if fieldname == "_stored" else column, value)


class _PerDocReader(W3PerDocReader):
    def stored_fields(self, docnum: int) -> dict[str, Any]:
        return self._cached_reader("_stored", _STORED)[docnum] or {}


class ParallaxCodec(W3Codec):
    """whoosh's W3 codec, with postings blocks written uncompressed (FastWriter writes most
    of them itself) and stored fields not compressed again. Each segment keeps the codec it
    was written with, so segments written before this read as they always did."""

    def __init__(self, blocklimit: int = 128, compression: int = 0, inlinelimit: int = 1) -> None:
        super().__init__(blocklimit, compression, inlinelimit)

    def per_document_writer(self, storage: Any, segment: Any) -> Any:
        return _PerDocWriter(self, storage, segment)

    def per_document_reader(self, storage: Any, segment: Any) -> Any:
        return _PerDocReader(storage, segment)


class FastWriter(SegmentWriter):
    """A SegmentWriter for schemas whose text fields use the WeightedPositions format and an
    analyzer with `term_positions(text)` (NewsAnalyzer); other fields are indexed the usual
    way.

    `limit_bytes` bounds the postings held in memory: past it, the segment is finished and a
    new one begun, all committed together.
    """

    def __init__(self, ix: Any, limit_bytes: int = 128 * 1024 * 1024, **kwargs: Any) -> None:
        # Segments stay separate files: whoosh reads a compound segment's parts by copying each
        # into memory (BufferFile), which at 100k articles costs a second to open and a GB.
        kwargs.setdefault("compound", False)
        # Postings blocks are not zlib-compressed (a block says whether it is): bigger on disk,
        # and neither the writer nor every search pays for zlib.
        kwargs.setdefault("codec", ParallaxCodec())
        super().__init__(ix, **kwargs)
        self.limit_bytes = limit_bytes
        self._finished: list[Any] = []
        self.pool.cleanup()  # whoosh's sorting pool is not used
        self.pool = _Postings()
        self._fast = {
            name
            for name, field in self.schema.items()
            if isinstance(field.format, WeightedPositions)
            and hasattr(getattr(field, "analyzer", None), "term_positions")
        }

    def add_document(self, **fields: Any) -> None:
        self._check_state()
        schema = self.schema
        pool: _Postings = self.pool
        pdw = self.perdocwriter
        docnum = self.docnum
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        pdw.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    if name in self._fast and isinstance(value, Sections):
                        postings = value.postings(field.analyzer)
                        length = pool.add_positions(name, docnum, postings)
                    elif name in self._fast and isinstance(value, str):
                        boost = field.format.field_boost
                        postings = {
                            term: (boost * len(poslist), poslist)
                            for term, poslist in field.analyzer.term_positions(value).items()
                        }
                        length = pool.add_positions(name, docnum, postings)
                    else:
                        for btext, freq, weight, vbytes in field.index(value):
                            if field.scorable:
                                length += freq
                            pool.add_generic(name, btext, docnum, weight, vbytes or b"")
                stored = fields.get(f"_stored_{name}", value)
                pdw.add_field(name, field, stored if field.stored else None, length)
                if field.column_type is not None and stored is not None:
                    pdw.add_column_value(name, field.column_type, field.to_column_value(stored))
        except Exception:
            pdw.cancel_doc()
            raise
        pdw.finish_doc()
        self._added = True
        self.docnum += 1
        if pool.size >= self.limit_bytes:
            self._start_next_segment()

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        try:
            self.pool.write(self.fieldwriter, self.schema, reader)
        finally:
            if reader is not None:
                reader.close()
        self.fieldwriter.close()

    def _start_next_segment(self) -> None:
        """Finish the segment being written (its files, not yet in any TOC) and begin another."""
        self._finished.append(self._finalize_segment())
        self.newsegment = self.codec.new_segment(self.storage, self.indexname)
        self.compound = self.compound and self.newsegment.should_assemble()
        self.perdocwriter = self.codec.per_document_writer(self.storage, self.newsegment)
        self.fieldwriter = self.codec.field_writer(self.storage, self.newsegment)
        self.pool = _Postings()
        self.docnum = self.docbase = 0
        self._added = False

    def finish_segment(self) -> None:
        """Write out the segment being filled now; later documents go into a new one."""
        if self._added:
            self._start_next_segment()

    def adopt(self, segments: list[Any]) -> None:
        """Segments another writer finished (segworker.py) go into this writer's commit."""
        self._finished.extend(segments)

    def finish_segments(self) -> list[Any]:
        """Finish writing without a commit: the segments, for another writer to `adopt`."""
        self._check_state()
        segments = list(self._finished)
        if self._added:
            segments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._finish()
        return segments

    def commit(self, mergetype: Any = None, optimize: Any = None, merge: Any = None) -> None:
        self._check_state()
        segments = self._merge_segments(mergetype, optimize, merge)
        segments.extend(self._finished)
        if self._added:
            segments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(segments)
        self._finish()
