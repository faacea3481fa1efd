"""Reading raw source files: size and sanity checks, encoding detection, normalisation.

Whatever comes out of here is plain text: LF line ends, no byte-order mark, no control
characters except newline and tab, so no terminal escape code ever reaches the screen.
"""

from __future__ import annotations

import codecs
import gc
import hashlib
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "InputError",
    "collector_paused",
    "decode_source",
    "os_error_reason",
    "read_bytes",
    "read_source",
    "sha256_of",
    "strip_control_chars",
]

_MB = 1024 * 1024


@contextmanager
def collector_paused() -> Iterator[None]:
    """The garbage collector off meanwhile: for reading a file of tens of thousands of records
    that will all live on (it would walk the whole heap several times as they are made, for
    nothing; a reader's other threads wait while it does)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# ESC-introduced sequences are removed whole, so "\x1b[31m" leaves nothing behind (not "[31m").
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?      # OSC: ESC ] ... BEL or ST (titles, hyperlinks)
    | \x1b[P^_X][^\x1b]*(?:\x1b\\)?         # DCS, PM, APC, SOS strings ... ST
    | \x1b\[[0-?]*[ -/]*[@-~]               # CSI: colours, cursor movement
    | \x9b[0-?]*[ -/]*[@-~]                 # the one-byte C1 form of CSI
    | \x1b[ -/]*[0-~]                       # two-character escapes (ESC c, ESC ( B ...)
    | \x1b                                  # a lone ESC
    """,
    re.VERBOSE,
)
# Form feed and vertical tab are line breaks in spirit: keeping the break keeps words apart.
_BREAKS = str.maketrans({"\f": "\n", "\v": "\n"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Control characters other than whitespace and ESC: their share tells text from binary.
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# Encodings nobody serves web pages in; charset-normalizer otherwise picks them for short
# Latin text (e.g. cp775 for "Mötley Crüe").
_UNLIKELY_ENCODINGS = [
    "cp037", "cp273", "cp424", "cp437", "cp500", "cp720", "cp737", "cp775", "cp850", "cp852",
    "cp855", "cp856", "cp857", "cp858", "cp860", "cp861", "cp862", "cp863", "cp864", "cp865",
    "cp869", "cp875", "cp1006", "cp1026", "cp1125", "cp1140", "hp_roman8", "mac_arabic",
    "mac_croatian", "mac_cyrillic", "mac_farsi", "mac_greek", "mac_iceland", "mac_latin2",
    "mac_roman", "mac_romanian", "mac_turkish",
]  # fmt: skip


class InputError(Exception):
    """A source file that cannot be read as text. `str()` is one line: what, where, why, remedy."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot read {path}: {reason}")
        self.path = path
        # Why, and what to do, without the path: for lists that already name the file.
        self.reason = reason


_CHUNK = 1 << 16  # under the size from which malloc maps memory of its own (128 KiB)


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The raw bytes of `path`, or InputError if it is missing, a folder, unreadable or too big."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise InputError(path, "no such file; check the path") from None
    except OSError as err:
        raise InputError(path, os_error_reason(err)) from None
    size = status.st_size
    if stat.S_ISDIR(status.st_mode):
        raise InputError(
            path, "it is a folder, not a file; give a file (`parallax add` takes folders)"
        )
    if size > max_bytes:
        raise InputError(
            path,
            f"it is {size / _MB:.1f} MB, over the {max_bytes / _MB:g} MB limit; "
            "raise max_file_mb in config.toml to read it",
        )
    try:
        # Unbuffered: the bytes go straight into `data`, not through a buffer first.
        with path.open("rb", buffering=0) as handle:
            # Read one byte past the limit: the file may have grown since stat(). Asking for
            # the size stat() gave first spares allocating the limit's worth on each file.
            data = handle.read(size + 1)
            # (an unbuffered read may give less than asked: read on to the end or the limit,
            # a chunk at a time: a read allocates all it asks for first, and asking for the
            # limit's worth to learn that the end is reached made a raised limit (32 MB and
            # over, past malloc's largest heap block) cost a map and an unmap of that much
            # memory on every file: 10 ms a pass over 201 pages at 50 MB, against 1 ms)
            while len(data) <= max_bytes:
                more = handle.read(min(_CHUNK, max_bytes + 1 - len(data)))
                if not more:
                    break
                data += more
    except OSError as err:
        raise InputError(path, os_error_reason(err)) from None
    if len(data) > max_bytes:
        raise InputError(
            path,
            f"it is over the {max_bytes / _MB:g} MB limit; "
            "raise max_file_mb in config.toml to read it",
        )
    return data


def decode_source(data: bytes, *, path: Path) -> str:
    """`data` decoded and normalised (see module docstring), or InputError if binary or empty.

    `path` only names the file in messages.
    """
    text, utf8 = _decode(data, path)
    if (_CONTROL.search(text) is None) if utf8 is None else _no_control(utf8):
        # No control character (so none of a binary file's, and no CR, form feed or escape
        # sequence to strip): the text is already as `strip_control_chars` would leave it.
        text = text.removeprefix("\ufeff")
    elif _looks_binary(text):
        raise _binary(path)
    else:
        text = strip_control_chars(text.removeprefix("\ufeff"))
    if not text or text.isspace():
        what = "the file is empty" if not data else "the file holds only whitespace"
        raise InputError(path, f"{what}; nothing to clean")
    return text


def read_source(path: Path, *, max_bytes: int) -> str:
    """The text of `path`, decoded and normalised; InputError (one line) if it is not text."""
    return decode_source(read_bytes(path, max_bytes=max_bytes), path=path)


def sha256_of(path: Path) -> str:
    """The SHA-256 of the file's bytes, as 64 hex digits."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_MB), b""):
            digest.update(chunk)
    return digest.hexdigest()


def strip_control_chars(text: str) -> str:
    """`text` with LF line ends, escape sequences removed whole, and no C0/C1 control
    characters left except newline and tab."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text or "\v" in text:  # str.translate is slow on big pages: only when needed
        text = text.translate(_BREAKS)
    if _CONTROL.search(text) is None:
        return text  # no control character, so no escape sequence (each opens with one)
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROL.sub("", text)


def _decode(data: bytes, path: Path) -> tuple[str, bytes | None]:
    """The text of `data`, and the bytes it is the UTF-8 of (None if read otherwise)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError:
                raise _binary(path) from None
    if b"\x00" in data:
        # Text never holds NUL bytes, except as the zero halves of UTF-16/32 code units.
        encoding = _utf16_or_32_without_bom(data)
        if encoding is None and data.count(0) * 1000 > len(data):
            raise _binary(path)
        if encoding is not None:
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError:
                raise _binary(path) from None
        data = data.replace(b"\x00", b"")  # a few stray NUL bytes in a text file (saved pages)
    try:
        return data.decode("utf-8"), data
    except UnicodeDecodeError:
        pass
    guess = _guess_encoding(data)
    if guess is not None:
        return guess, None
    try:
        return data.decode("cp1252"), None
    except UnicodeDecodeError:
        return data.decode("latin-1"), None


# Every byte but those of the C0 control characters (and DEL) that `_CONTROL` names.
_NOT_C0_CONTROL = bytes(b for b in range(256) if not (b <= 8 or 11 <= b <= 31 or b == 127))
# A C1 control character (U+0080-U+009F) in UTF-8.
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def _no_control(data: bytes) -> bool:
    """`_CONTROL.search(data.decode("utf-8")) is None`, read from the bytes (five times
    faster than a search of the decoded text): in UTF-8 a byte below 0x80 is always the
    character of that code, and U+0080-U+009F are always the two bytes C2 80-C2 9F (C2 opens
    a character, it is never inside one)."""
    return not data.translate(None, _NOT_C0_CONTROL) and (
        b"\xc2" not in data or _C1_UTF8.search(data) is None
    )


def _utf16_or_32_without_bom(data: bytes) -> str | None:
    """The UTF-16/32 variant whose pattern of NUL bytes `data` shows, if any."""
    sample = data[:65536]
    sample = sample[: len(sample) - len(sample) % 4]
    if not sample:
        return None
    units = len(sample) // 4
    # Mostly-Latin text in UTF-32 LE is "X\0\0\0": three zero bytes per four.
    if sum(1 for i in range(0, len(sample), 4) if sample[i + 1 : i + 4] == b"\0\0\0") > 0.6 * units:
        return "utf-32-le"
    if sum(1 for i in range(0, len(sample), 4) if sample[i : i + 3] == b"\0\0\0") > 0.6 * units:
        return "utf-32-be"
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zeros > 0.3 * half and even_zeros < 0.05 * half:
        return "utf-16-le"
    if even_zeros > 0.3 * half and odd_zeros < 0.05 * half:
        return "utf-16-be"
    return None


def _guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's best decoding, preferring cp1252 when it scores as well.

    cp1252 is what browsers assume for undeclared 8-bit pages, and short Latin text gives the
    detector too little evidence to tell it from cp1250 ("crème" vs "crčme").
    """
    from charset_normalizer import from_bytes  # imported here: only odd files need it

    matches = from_bytes(data, cp_exclusion=_UNLIKELY_ENCODINGS)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if (
            match.chaos <= best.chaos + 0.01
            and match.coherence >= best.coherence - 0.01
            and "cp1252" in match.could_be_from_charset
        ):
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                break
    return str(best)


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    return len(_BINARY_CONTROL.findall(sample)) > max(8, len(sample) // 100)


def _binary(path: Path) -> InputError:
    return InputError(
        path, "it looks like a binary file, not text; give a text, Markdown or HTML file"
    )


def os_error_reason(err: OSError) -> str:
    """Why an OS error happened and what to do, for the end of a one-line message."""
    if isinstance(err, FileNotFoundError):
        return "no such file; check the path"
    if isinstance(err, PermissionError):
        return "permission denied; check the file's permissions"
    reason = err.strerror or type(err).__name__
    return f"{reason.lower()}; check the path and that the file is readable"
