"""Reading raw files: what is refused (one-line errors) and how text is decoded and cleaned."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.index.textio import (
    InputError,
    _binary,
    _looks_binary,
    decode_source,
    read_source,
    sha256_of,
    strip_control_chars,
)

MB = 1024 * 1024
LIMIT = 10 * MB
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def write(tmp_path: Path, data: bytes, name: str = "page.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(path: Path, max_bytes: int = LIMIT) -> str:
    with pytest.raises(InputError) as info:
        read_source(path, max_bytes=max_bytes)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    return message


# ---- refused files --------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in refused(tmp_path / "nope.txt")


def test_directory(tmp_path: Path) -> None:
    assert "folder" in refused(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    assert "empty" in refused(write(tmp_path, b""))


def test_whitespace_only_file(tmp_path: Path) -> None:
    assert "whitespace" in refused(write(tmp_path, b" \n\t\r\n  \n"))


def test_file_over_the_limit_names_sizes_and_the_config_key(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: instant, takes no disk space
        handle.truncate(50 * MB)
    message = refused(path)
    assert "50.0 MB" in message
    assert "10 MB" in message
    assert "max_file_mb" in message


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, b"word " * 200)
    assert read_source(path, max_bytes=1000).startswith("word word")
    refused(path, max_bytes=999)


def _fifo_fed(tmp_path: Path, data: bytes) -> Path:
    """A named pipe that a thread fills with `data` in small writes: stat() gives it no size,
    and each read gets only what has come so far."""
    import threading

    path = tmp_path / "piped.txt"
    os.mkfifo(path)

    def feed() -> None:
        with path.open("wb", buffering=0) as handle:
            for start in range(0, len(data), 7000):
                try:
                    handle.write(data[start : start + 7000])
                except BrokenPipeError:  # the reader stopped at its limit
                    return

    threading.Thread(target=feed, daemon=True).start()
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_source_of_no_size_is_read_to_its_end_or_the_limit(tmp_path: Path) -> None:
    data = b"".join(b"line %06d of the piped page\n" % n for n in range(9000))  # ~250 kB
    assert read_source(_fifo_fed(tmp_path, data), max_bytes=LIMIT) == data.decode()
    (tmp_path / "piped.txt").unlink()
    message = refused(_fifo_fed(tmp_path, data), max_bytes=100_000)
    assert "over the" in message and "max_file_mb" in message


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
    assert "binary" in refused(write(tmp_path, png, "photo.txt"))


def test_binary_file_of_control_characters_without_nul(tmp_path: Path) -> None:
    data = bytes(b for b in range(1, 32) if b not in (9, 10, 13, 27)) * 200
    assert "binary" in refused(write(tmp_path, data))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"text")
    path.chmod(0)
    try:
        assert "permission denied" in refused(path)
    finally:
        path.chmod(0o644)


# ---- decoding -------------------------------------------------------------------------------


def test_utf8(tmp_path: Path) -> None:
    text = "Zelenskyy met Erdoğan in İstanbul — “talks”\n"
    assert read_source(write(tmp_path, text.encode()), max_bytes=LIMIT) == text


def test_latin1_with_accents(tmp_path: Path) -> None:
    text = "Le café de l'élève est déjà prêt à Genève.\n"
    assert read_source(write(tmp_path, text.encode("latin-1")), max_bytes=LIMIT) == text


def test_short_latin1(tmp_path: Path) -> None:
    assert read_source(write(tmp_path, "café\n".encode("latin-1")), max_bytes=LIMIT) == "café\n"


def test_cp1252_quotes_and_euro(tmp_path: Path) -> None:
    text = "“Prices rose to €5,” said Mötley’s manager – again.\n"
    assert read_source(write(tmp_path, text.encode("cp1252")), max_bytes=LIMIT) == text


def test_cyrillic_cp1251(tmp_path: Path) -> None:
    text = "Москва заявила, что переговоры продолжатся на следующей неделе в Стамбуле.\n"
    assert read_source(write(tmp_path, text.encode("cp1251")), max_bytes=LIMIT) == text


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_byte_order_marks_are_followed_and_stripped(
    tmp_path: Path, bom: bytes, encoding: str
) -> None:
    text = "Kyiv – Türkiye hosts the talks.\nSecond line é.\n"
    result = read_source(write(tmp_path, bom + text.encode(encoding)), max_bytes=LIMIT)
    assert result == text
    assert not result.startswith("\ufeff")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path: Path, encoding: str) -> None:
    text = "Russian and US diplomats met in Istanbul on Thursday. Café.\n" * 3
    assert read_source(write(tmp_path, text.encode(encoding)), max_bytes=LIMIT) == text


def test_line_ends_become_lf(tmp_path: Path) -> None:
    path = write(tmp_path, b"one\r\ntwo\rthree\n")
    assert read_source(path, max_bytes=LIMIT) == "one\ntwo\nthree\n"


# ---- control characters ---------------------------------------------------------------------


def test_escape_codes_are_removed_whole(tmp_path: Path) -> None:
    data = (
        b"\x1b[31mRed\x1b[0m headline\n"
        b"\x1b]0;evil title\x07Body \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ text\n"
        b"bell\x07 back\x08space \x1b(Bcharset\tTab\n"
    )
    result = read_source(write(tmp_path, data), max_bytes=LIMIT)
    assert result == "Red headline\nBody link text\nbell backspace charset\tTab\n"


def test_no_control_characters_survive() -> None:
    every_char = "".join(chr(c) for c in range(0x00, 0xA0)) + "end"
    cleaned = strip_control_chars(every_char)
    assert not CONTROL.search(cleaned)
    assert "\n" in cleaned and "\t" in cleaned and cleaned.endswith("end")


def test_c1_csi_sequence_is_removed() -> None:
    assert strip_control_chars("a\x9b1;31mb") == "ab"


def test_sha256_of(tmp_path: Path) -> None:
    data = os.urandom(3 * MB + 17)
    assert sha256_of(write(tmp_path, data)) == hashlib.sha256(data).hexdigest()


# ---- the shortcut for text with no control character ------------------------------------


def _decoded_the_long_way(text: str, path: Path) -> str:
    if _looks_binary(text):
        raise _binary(path)
    text = strip_control_chars(text.removeprefix("\ufeff"))
    if not text.strip():
        raise InputError(path, "empty")
    return text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["word", " ", "\n", "\r\n", "\r", "\t", "é", "\ufeff", "\x1b[1m", "\f"])
        | st.sampled_from(["\x00", "\x07", "\x85", "\u2028", "\xa0"])
        | st.text(max_size=3),
        max_size=12,
    ).map("".join)
)
def test_decoding_answers_as_the_long_way(text):
    path = Path("page.txt")
    try:
        expected: str | None = _decoded_the_long_way(text, path)
    except InputError:
        expected = None
    try:
        got: str | None = decode_source(text.encode("utf-8"), path=path)
    except InputError:
        got = None
    if text.encode("utf-8").startswith(codecs.BOM_UTF8) or "\x00" in text:
        return  # read another way (the mark's codec, NUL bytes): not the shortcut's case
    assert got == expected


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["word", "\n", "\t", "é", "\x1b", "\x7f", "\x80", "\x9f", "\xa0", "©"])
        | st.characters(max_codepoint=0x17F)
        | st.text(max_size=3),
        max_size=12,
    ).map("".join)
)
def test_control_characters_are_found_in_the_bytes_as_in_the_text(text):
    from parallax.index.textio import _no_control

    assert _no_control(text.encode("utf-8")) == (CONTROL.search(text) is None)
