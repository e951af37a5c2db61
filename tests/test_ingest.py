"""read_document(): txt/docx/pdf/stdin into a Document, and a one-line IngestError otherwise.

Every file is built at test time in tmp_path from corpus text.
"""

from __future__ import annotations

import io
import os
import random
import re
import sys
import unicodedata
from pathlib import Path

import docx
import pymupdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vngov_ie.corpus import corpus_text
from vngov_ie.ingest import (
    SUPPORTED_SUFFIXES,
    IngestError,
    doc_id_for,
    iter_input_paths,
    read_document,
)
from vngov_ie.normalise import normalise

DOC = "kiengiang-cchc-q3-2020"
OTHER_DOC = "vbai-ubnd-kh-kiemtra-cchc-2026"
VIETNAMESE = "ĐđơưạặễộỦữ"


def lines(doc_id: str = DOC, count: int = 12, max_len: int = 70) -> list[str]:
    """Short non-empty lines of a corpus document (short enough for one PDF line)."""
    found = [s for s in corpus_text(doc_id).split("\n") if 10 <= len(s.strip()) <= max_len]
    return [s.strip() for s in found[:count]]


def squash(text: str) -> str:
    return " ".join(text.split())


def fails(path: Path | str, pattern: str, **kwargs: object) -> IngestError:
    with pytest.raises(IngestError) as caught:
        read_document(path, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message
    assert re.search(pattern, caught.value.reason), message
    return caught.value


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- text ----------------------------------------------------------------------


def test_utf8_text_comes_back_exactly(tmp_path: Path) -> None:
    text = corpus_text(DOC)
    document = read_document(write(tmp_path / "KienGiang Q3.txt", text.encode("utf-8")))
    assert document.text == text
    assert document.doc_id == "kiengiang-q3"
    assert document.source == str(tmp_path / "KienGiang Q3.txt")


def test_utf8_bom_is_dropped_and_crlf_kept(tmp_path: Path) -> None:
    text = "\r\n".join(lines())
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert read_document(path).text == text


def test_other_suffixes_are_read_as_text(tmp_path: Path) -> None:
    text = "\n".join(lines(OTHER_DOC))
    for name in ("notes.md", "README"):
        assert read_document(write(tmp_path / name, text.encode())).text == text


NOISE_WITHOUT_NUL = bytes(b for b in random.Random(0).randbytes(4000) if b)


@pytest.mark.parametrize(
    ("name", "data", "pattern"),
    [
        ("empty.txt", b"", r"^empty file$"),
        ("empty.docx", b"", r"^empty file$"),
        ("empty.pdf", b"", r"^empty file$"),
        ("blank.txt", b" \n\t\r\n ", r"^no text$"),
        ("nul.txt", bytes(range(256)) * 20, r"^binary file, not text$"),
        ("noise.bin", NOISE_WITHOUT_NUL, r"^binary file, not text$"),
        ("bom32.txt", "Hà Nội".encode("utf-32"), r"UTF-32.*--encoding utf-32"),
    ],
)
def test_unreadable_text(tmp_path: Path, name: str, data: bytes, pattern: str) -> None:
    fails(write(tmp_path / name, data), pattern)


@pytest.mark.parametrize(
    ("codec", "hint"), [("utf-16", "byte-order mark"), ("utf-16-le", "NUL bytes")]
)
def test_utf16_needs_encoding(tmp_path: Path, codec: str, hint: str) -> None:
    text = corpus_text(DOC)
    path = write(tmp_path / "u16.txt", text.encode(codec))
    error = fails(path, r"looks like UTF-16.*pass --encoding utf-16")
    assert hint in error.reason
    assert read_document(path, encoding=codec).text == text


def cp1258_form(text: str) -> str:
    """Vietnamese as Windows-1258 spells it: precomposed base letters plus combining tone marks."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out)


def test_cp1258_needs_encoding_and_then_normalises_to_the_corpus(tmp_path: Path) -> None:
    text = corpus_text(OTHER_DOC)
    data = cp1258_form(text).encode("cp1258")  # strict: every character is encodable
    path = write(tmp_path / "cp1258.txt", data)
    first_high = next(i for i, b in enumerate(data) if b >= 0x80)
    error = fails(
        path,
        r"^not UTF-8 \(byte 0x[0-9a-f]{2} at offset \d+\); "
        r"pass --encoding, e.g. --encoding cp1258$",
    )
    assert f"0x{data[first_high]:02x} at offset {first_high})" in error.reason
    document = read_document(path, encoding="cp1258")
    assert document.text == data.decode("cp1258")
    assert normalise(document.text).text == text


def test_nfd_cp1258_with_replacement_decodes_as_encoded(tmp_path: Path) -> None:
    # Fully decomposed text loses horn/circumflex/breve in cp1258 (they become '?').
    data = unicodedata.normalize("NFD", corpus_text(DOC)).encode("cp1258", errors="replace")
    path = write(tmp_path / "nfd.txt", data)
    fails(path, r"^not UTF-8")
    assert read_document(path, encoding="cp1258").text == data.decode("cp1258")


@pytest.mark.parametrize(
    ("encoding", "pattern"),
    [("no-such-codec", r"unknown encoding"), ("ascii", r"^not ascii \(byte 0x")],
)
def test_bad_explicit_encoding(tmp_path: Path, encoding: str, pattern: str) -> None:
    path = write(tmp_path / "a.txt", corpus_text(DOC).encode("utf-8"))
    fails(path, pattern, encoding=encoding)


# --- docx ------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_in_body_order(tmp_path: Path) -> None:
    before, cells, after = lines()[:4], [s.split() for s in lines(OTHER_DOC, 3)], lines()[4:8]
    document = docx.Document()
    for line in before:
        document.add_paragraph(line)
    table = document.add_table(rows=3, cols=3)
    for r, words in enumerate(cells):
        for c in range(3):
            table.cell(r, c).text = " ".join(words[c::3])
    for line in after:
        document.add_paragraph(line)
    path = tmp_path / "Kế hoạch.docx"
    document.save(str(path))

    rows = [" | ".join(" ".join(words[c::3]) for c in range(3)) for words in cells]
    got = read_document(path)
    assert got.text == "\n".join([*before, *rows, *after])
    assert got.doc_id == "ke-hoach"


def test_docx_merged_cells_are_read_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "Đơn vị"
    table.cell(0, 1).text = "Kết quả"
    table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(1, 0).text = "Sở Nội vụ"
    table.cell(1, 1).text = "Đạt"
    table.cell(1, 2).text = "95%"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert read_document(path).text == "Đơn vị | Kết quả\nSở Nội vụ | Đạt | 95%"


def test_docx_without_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    fails(path, r"^no text$")


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_truncated_docx(tmp_path: Path, keep: float) -> None:
    document = docx.Document()
    document.add_paragraph("\n".join(lines()))
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    cut = write(tmp_path / "cut.docx", data[: int(len(data) * keep)])
    fails(cut, r"^corrupt or truncated \.docx: ")


# --- pdf --------------------------------------------------------------------------

FONT_DIRS = [
    Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
    Path("/Library/Fonts"), Path("C:/Windows/Fonts"),
]
FONT_NAMES = ["DejaVuSans.ttf", "NotoSans-Regular.ttf", "LiberationSans-Regular.ttf", "Arial.ttf"]


def vietnamese_font() -> Path:
    """A TrueType font with Vietnamese glyphs (the PDF base-14 fonts have none)."""
    for name in FONT_NAMES:
        for root in FONT_DIRS:
            for path in sorted(root.rglob(name)) if root.is_dir() else []:
                font = pymupdf.Font(fontfile=str(path))
                if all(font.has_glyph(ord(c)) for c in VIETNAMESE):
                    return path
    pytest.skip("no font with Vietnamese glyphs on this machine")


def make_pdf(pages: list[list[str]]) -> bytes:
    font = vietnamese_font()
    pdf = pymupdf.open()
    for page_lines in pages:
        page = pdf.new_page()
        text = "\n".join(page_lines)
        page.insert_text((50, 72), text, fontname="viet", fontfile=str(font), fontsize=9)
    return pdf.tobytes()


def test_pdf_pages_come_back(tmp_path: Path) -> None:
    first, second = lines()[:6], lines(OTHER_DOC)[:6]
    assert any(c in "".join(first) for c in VIETNAMESE)
    path = write(tmp_path / "Báo cáo.pdf", make_pdf([first, second]))
    document = read_document(path)
    page_texts = document.text.split("\n\n")
    assert [squash(t) for t in page_texts] == [squash(" ".join(first)), squash(" ".join(second))]
    assert document.doc_id == "bao-cao"


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    pdf = pymupdf.open()
    page = pdf.new_page()
    page.draw_rect(pymupdf.Rect(72, 72, 300, 300), color=(0, 0, 0), fill=(0.5, 0.5, 0.5))
    path = write(tmp_path / "scan.pdf", pdf.tobytes())
    fails(path, r"^PDF has no text layer \(scanned image\?\): it needs OCR first$")


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
@pytest.mark.parametrize("font", ["embedded", "base-14"])
def test_truncated_pdf(tmp_path: Path, keep: float, font: str) -> None:
    # MuPDF repairs a cut file and reads what is left; that must not pass for the document.
    pages = [lines()[:6], lines()[6:12]]
    if font == "embedded":
        data = make_pdf(pages)
    else:  # a small file without a font program, where the page text sits near the end
        pdf = pymupdf.open()
        for page_lines in pages:
            ascii_text = squash(" ".join(page_lines)).encode("ascii", "replace").decode()
            pdf.new_page().insert_text((50, 72), ascii_text)
        data = pdf.tobytes()
    cut = write(tmp_path / "cut.pdf", data[: int(len(data) * keep)])
    fails(cut, r"^corrupt or truncated \.pdf: ")


def test_not_a_pdf_at_all(tmp_path: Path) -> None:
    fails(write(tmp_path / "fake.pdf", corpus_text(DOC).encode()), r"^corrupt or truncated \.pdf: ")


def test_password_protected_pdf(tmp_path: Path) -> None:
    pdf = pymupdf.open()
    pdf.new_page().insert_text((72, 72), "secret")
    data = pdf.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    fails(write(tmp_path / "locked.pdf", data), r"password")


# --- paths --------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    fails(tmp_path / "nowhere.txt", r"^no such file$")


def test_folder_is_not_a_document(tmp_path: Path) -> None:
    fails(tmp_path, r"folder")


def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", corpus_text(DOC).encode())
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("permissions are not enforced (running as root?)")
        fails(path, r"^cannot read: permission denied$")
    finally:
        path.chmod(0o600)


def test_permission_error_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same branch as above, reached as root too.
    path = write(tmp_path / "secret.txt", b"x")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    fails(path, r"^cannot read: permission denied$")


def test_stdin_text() -> None:
    document = read_document("-", stdin_text=corpus_text(DOC))
    assert (document.doc_id, document.source, document.text) == ("stdin", "-", corpus_text(DOC))


def test_stdin_bytes_follow_the_text_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    text = corpus_text(OTHER_DOC)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-16"))))
    fails("-", r"UTF-16")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-16"))))
    assert read_document("-", encoding="utf-16").text == text


def test_iter_input_paths(tmp_path: Path) -> None:
    names = ["b.txt", "a.pdf", "sub/c.docx", "sub/deep/d.TXT"]
    names += ["notes.md", ".hidden/e.txt", "~$f.docx"]  # skipped in folders
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    missing = tmp_path / "missing.txt"
    got = iter_input_paths(["-", tmp_path, str(missing), tmp_path / "notes.md"])
    expected_files = [tmp_path / n for n in ["a.pdf", "b.txt", "sub/c.docx", "sub/deep/d.TXT"]]
    assert got == ["-", *expected_files, missing, tmp_path / "notes.md"]


def test_suffix_table() -> None:
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".docx", ".pdf"}


# --- doc ids --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "doc_id"),
    [
        ("kiengiang-cchc-q3-2020.txt", "kiengiang-cchc-q3-2020"),
        ("Báo cáo Đợt 2.txt", "bao-cao-dot-2"),
        ("/data/in/KH_Kiểm tra CCHC 2026.docx", "kh_kiem-tra-cchc-2026"),
        ("\u00d0à Nẵng.pdf", "da-nang"),  # U+00D0 eth, a look-alike of Đ
        (unicodedata.normalize("NFD", "Hòa Bình.txt"), "hoa-binh"),  # macOS file names are NFD
        ("__(nháp) v2.final.txt", "nhap--v2-final"),
        ("2020.txt", "2020"),
        ("报告.txt", "doc"),
        ("-", "stdin"),
    ],
)
def test_doc_id(path: str, doc_id: str) -> None:
    assert doc_id_for(path) == doc_id


@given(st.text(min_size=1, max_size=30).filter(lambda s: "/" not in s and "\x00" not in s))
def test_doc_id_always_fits_the_pattern(stem: str) -> None:
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", doc_id_for(stem + ".txt"))
