"""Reading the user's files (txt, docx, pdf, or stdin) into `Document`s.

The text is returned as decoded or extracted, not normalised: offsets the
user sees point into this text, and `vngov_ie.normalise` maps back to it.
Every failure is an `IngestError` with one line naming the file and the
fault, so a command line can print it and go on with the next file.
"""

from __future__ import annotations

import io
import re
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from vngov_ie.types import Document

if TYPE_CHECKING:
    from lxml.etree import _Element

STDIN = "-"


class IngestError(Exception):
    """A file that cannot be read as text; `str()` is one line for the user."""

    def __init__(self, source: str | Path, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = str(source)
        self.reason = reason


class _Unreadable(Exception):
    """Raised by a reader, which does not know the file's name; becomes an IngestError."""


# --- plain text -------------------------------------------------------------

# Byte-order marks that say the file is not UTF-8; UTF-32 first because the
# UTF-32-LE mark begins with the UTF-16-LE one.
_FOREIGN_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_UTF8_BOM = b"\xef\xbb\xbf"
_SAMPLE = 8192
# C0 controls that text files do not contain (tab, LF, VT, FF, CR, ESC allowed).
_CONTROL_BYTES = frozenset(range(0x20)) - frozenset(b"\t\n\x0b\x0c\r\x1b") | {0x7F}


def _looks_utf16(sample: bytes) -> bool:
    """UTF-16 text without a BOM: NULs in (nearly) every other byte, on one side only.

    Latin-script text, Vietnamese included, is mostly ASCII letters and
    spaces, whose UTF-16 code units have a zero high byte.
    """
    half = max(len(sample) // 2, 1)
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) >= 0.3 * half and min(even, odd) <= 0.02 * half


def _is_binary(sample: bytes) -> bool:
    # Random bytes hold ~10% C0 controls; text, in any 8-bit code page, ~0%.
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    return controls > 0.05 * len(sample)


def _decode_given(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except LookupError:
        raise _Unreadable(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as err:
        raise _Unreadable(
            f"not {encoding} (byte 0x{data[err.start]:02x} at offset {err.start})"
        ) from None
    # A BOM is not text; "utf-8" (unlike "utf-8-sig" or "utf-16") keeps it.
    return text.removeprefix("\ufeff")


def _decode_guessed(data: bytes) -> str:
    if not data:
        raise _Unreadable("empty file")
    for bom, name in _FOREIGN_BOMS:
        if data.startswith(bom):
            hint = f"pass --encoding {name}"
            raise _Unreadable(f"looks like {name.upper()} (byte-order mark); {hint}")
    sample = data[:_SAMPLE]
    if 0 in sample:
        if _looks_utf16(sample):
            raise _Unreadable(
                "looks like UTF-16 (NUL bytes between letters); pass --encoding utf-16"
            )
        raise _Unreadable("binary file, not text")
    try:
        return data.removeprefix(_UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError as err:
        if _is_binary(sample):
            raise _Unreadable("binary file, not text") from None
        offset = err.start + (len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0)
        raise _Unreadable(
            f"not UTF-8 (byte 0x{data[offset]:02x} at offset {offset}); "
            "pass --encoding, e.g. --encoding cp1258"
        ) from None


def read_text_bytes(data: bytes, encoding: str | None = None) -> str:
    """Decode a text file: with `encoding` if given, else UTF-8 (BOM allowed) or a clear error."""
    return _decode_given(data, encoding) if encoding else _decode_guessed(data)


# --- docx -------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx_bytes(data: bytes, encoding: str | None = None) -> str:
    """Body paragraphs and tables in document order; a table row is one line, cells joined by ' | '.

    Headers, footers, footnotes and text boxes are left out.
    """
    import docx  # imported here: a slow import that .txt users never need

    try:
        document = docx.Document(io.BytesIO(data))
    # python-docx lets zip, XML and package errors of many kinds through
    # (BadZipFile, KeyError, PackageNotFoundError, lxml's XMLSyntaxError...).
    except Exception as err:
        raise _Unreadable(f"corrupt or truncated .docx: {type(err).__name__}: {err}") from None
    return "\n".join(_docx_blocks(document.element.body))


def _docx_blocks(parent: _Element | None) -> list[str]:
    """One line per paragraph or table row among `parent`'s children, in order."""
    lines: list[str] = []
    for child in parent if parent is not None else ():
        read = _DOCX_BLOCK_READERS.get(child.tag)
        if read is not None:
            lines.extend(read(child))
    return lines


def _docx_table_rows(tbl: _Element) -> list[str]:
    """Each `w:tc` once: a cell spanning columns is not repeated, nor one spanning rows."""
    rows = []
    for tr in tbl.iterchildren(f"{_W}tr"):
        # A cell's paragraphs and line breaks are joined by spaces to keep its row one line.
        cells = [" ".join(_docx_blocks(tc)).replace("\n", " ") for tc in tr.iterchildren(f"{_W}tc")]
        rows.append(" | ".join(cells))
    return rows


# Body element tag -> its lines. python-docx parses `w:p` into a CT_P whose
# `.text` includes runs and hyperlinks, tabs and breaks.
_DOCX_BLOCK_READERS: dict[str, Callable[[_Element], list[str]]] = {
    f"{_W}p": lambda p: [p.text],
    f"{_W}tbl": _docx_table_rows,
    # A content control (e.g. a form field) wraps ordinary body content.
    f"{_W}sdt": lambda sdt: _docx_blocks(sdt.find(f"{_W}sdtContent")),
}


# --- pdf --------------------------------------------------------------------


def read_pdf_bytes(data: bytes, encoding: str | None = None) -> str:
    """Each page's text layer, pages joined by a blank line."""
    import pymupdf  # imported here: a slow import that .txt users never need

    try:
        with pymupdf.open(stream=data, filetype="pdf") as pdf:
            if pdf.needs_pass:
                raise _Unreadable("PDF is password-protected")
            pages = [page.get_text() for page in pdf]
            repaired = pdf.is_repaired
    except (RuntimeError, ValueError) as err:  # pymupdf.FileDataError is a RuntimeError
        raise _Unreadable(f"corrupt or truncated .pdf: {err}") from None
    # MuPDF opens a truncated file by rebuilding its cross-reference table
    # and reads what is left, so a cut file would lose pages silently. A
    # complete file ends with %%EOF (readers look in the last 1024 bytes).
    if repaired and b"%%EOF" not in data[-1024:]:
        raise _Unreadable("corrupt or truncated .pdf: it ends early (no %%EOF marker)")
    text = "\n\n".join(pages)
    if text.strip():
        return text
    if repaired or not pages:
        raise _Unreadable("corrupt or truncated .pdf: no readable pages")
    raise _Unreadable("PDF has no text layer (scanned image?): it needs OCR first")


# --- files and folders ------------------------------------------------------

Reader = Callable[[bytes, str | None], str]

# Suffix -> reader; any other suffix (or none) is read as text.
SUPPORTED_SUFFIXES: dict[str, Reader] = {
    ".txt": read_text_bytes,
    ".docx": read_docx_bytes,
    ".pdf": read_pdf_bytes,
}


# Letters that NFD does not split into an ASCII letter and a mark.
_NO_DECOMPOSITION = str.maketrans("đĐðÐƉ", "dDdDD")


def doc_id_for(path: Path | str) -> str:
    """`[a-z0-9][a-z0-9_-]*` from the file name's stem.

    'Báo cáo Đợt 2.txt' -> 'bao-cao-dot-2'; each other character becomes one '-'.
    """
    if str(path) == STDIN:
        return "stdin"
    stem = Path(path).stem.translate(_NO_DECOMPOSITION)
    decomposed = unicodedata.normalize("NFD", stem)
    ascii_stem = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9_-]", "-", ascii_stem.lower())
    slug = re.sub(r"^[^a-z0-9]+", "", slug)
    return slug or "doc"  # a stem with no letter or digit we can keep


def read_document(
    path: Path | str, encoding: str | None = None, stdin_text: str | None = None
) -> Document:
    """Read one input (`-` for stdin: `stdin_text` if given, else the process's stdin).

    `encoding` applies to text files and stdin bytes; .docx and .pdf say their own.
    Raises IngestError for a file that is missing, unreadable, corrupt, or holds no text.
    """
    source = str(path)
    if source == STDIN:
        text = stdin_text if stdin_text is not None else _read_stdin(encoding)
    else:
        data = _read_bytes(Path(path))
        reader = SUPPORTED_SUFFIXES.get(Path(path).suffix.lower(), read_text_bytes)
        try:
            if not data:
                raise _Unreadable("empty file")
            text = reader(data, encoding)
        except _Unreadable as err:
            raise IngestError(source, str(err)) from None
    if not text.strip():
        raise IngestError(source, "no text")
    return Document(doc_id_for(path), text, source)


def _read_stdin(encoding: str | None) -> str:
    try:
        return read_text_bytes(sys.stdin.buffer.read(), encoding)
    except _Unreadable as err:
        raise IngestError(STDIN, str(err)) from None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except IsADirectoryError:
        raise IngestError(path, "is a folder; pass its files (or use iter_input_paths)") from None
    except PermissionError:
        raise IngestError(path, "cannot read: permission denied") from None
    except OSError as err:
        raise IngestError(path, f"cannot read: {err.strerror or err}") from None


def _is_candidate(path: Path, root: Path) -> bool:
    # Hidden files and Word's '~$' lock files sit beside real documents
    # and would only fail to read.
    parts = path.relative_to(root).parts
    return (
        path.suffix.lower() in SUPPORTED_SUFFIXES
        and not any(part.startswith(".") for part in parts)
        and not path.name.startswith("~$")
        and path.is_file()
    )


def iter_input_paths(paths: Iterable[str | Path]) -> list[Path | str]:
    """Folders become their .txt/.docx/.pdf files (recursive, sorted); '-' and other paths stay.

    A path that does not exist is kept so that `read_document` reports it.
    """
    found: list[Path | str] = []
    for item in paths:
        if str(item) == STDIN:
            found.append(STDIN)
        elif Path(item).is_dir():
            root = Path(item)
            found.extend(sorted(p for p in root.rglob("*") if _is_candidate(p, root)))
        else:
            found.append(Path(item))
    return found
