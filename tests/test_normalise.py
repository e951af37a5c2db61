"""normalise(): NFC, look-alikes, line ends, zero-width; and the offset map back.

The invariant pinned here (see `Normalised.to_original`):
- ``n.text == NFC(fold(original))`` where fold turns CRLF/CR into LF,
  applies LOOK_ALIKES and drops ZERO_WIDTH;
- for every span [i, j) whose ends are cluster boundaries,
  ``normalise(original[s:e]).text == n.text[i:j]`` with
  ``(s, e) = n.to_original(i, j)``, and for i < j the slice neither starts
  nor ends on a dropped zero-width character.
"""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vngov_ie.corpus import corpus_text
from vngov_ie.normalise import (
    LOOK_ALIKES,
    STARTERS_THAT_JOIN,
    ZERO_WIDTH,
    Normalised,
    normalise,
)

DOC = "kiengiang-cchc-q3-2020"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Reference fold, written independently of normalise()'s loop."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    table = {ord(k): v for k, v in LOOK_ALIKES.items()} | {ord(z): None for z in ZERO_WIDTH}
    return text.translate(table)


def paragraphs(doc_id: str = DOC, min_len: int = 200) -> list[str]:
    return [p for p in corpus_text(doc_id).split("\n") if len(p) >= min_len]


def check_offsets(n: Normalised) -> None:
    assert len(n.offsets) == len(n.text) + 1 and len(n.ends) == len(n.text)
    assert n.offsets[-1] == len(n.original)
    assert all(a <= b for a, b in zip(n.offsets, n.offsets[1:]))
    assert all(a <= b for a, b in zip(n.ends, n.ends[1:]))
    assert all(s < e for s, e in zip(n.offsets, n.ends))


# --- tables of small cases ---------------------------------------------------

# input, normalised text, normalised span, original span it maps to
CASES = [
    ("Ho\u0300a Bi\u0300nh", "Hòa Bình", (0, 3), (0, 4)),
    ("Ho\u0300a Bi\u0300nh", "Hòa Bình", (4, 8), (5, 10)),
    ("\u00d0ô\u0300ng Tha\u0301p", "Đồng Tháp", (0, 4), (0, 5)),
    ("a\r\nb\rc", "a\nb\nc", (1, 2), (1, 3)),
    ("a\r\nb\rc", "a\nb\nc", (3, 4), (4, 5)),
    ("\ufeffNghị\u200b định", "Nghị định", (0, 4), (1, 5)),
    ("Nghị\u200b định", "Nghị định", (0, 5), (0, 6)),
    # a mark behind a zero-width joiner still composes; the span covers all three
    ("a\u200d\u0301b", "áb", (0, 1), (0, 3)),
    ("số\u00a0123/QĐ\u2009UBND", "số 123/QĐ UBND", (7, 14), (7, 14)),
    ("x\u3000y\u202fz\u2000w", "x y z w", (0, 7), (0, 7)),
    ("", "", (0, 0), (0, 0)),
]


@pytest.mark.parametrize(("given_text", "text", "span", "original_span"), CASES)
def test_cases(
    given_text: str, text: str, span: tuple[int, int], original_span: tuple[int, int]
) -> None:
    n = normalise(given_text)
    assert n.text == text
    assert n.to_original(*span) == original_span
    check_offsets(n)


@pytest.mark.parametrize(
    ("char", "replacement"),
    [("\u00d0", "Đ"), ("\u00f0", "đ"), ("\u0189", "Đ"), ("\u00a0", " "), ("\u2002", " "),
     ("\u2007", " "), ("\u200a", " "), ("\u202f", " "), ("\u3000", " "), ("\u2000", " "),
     ("\u200b", ""), ("\u200c", ""), ("\u200d", ""), ("\ufeff", "")],
)
def test_look_alike_and_zero_width_table(char: str, replacement: str) -> None:
    assert normalise(f"Ủy{char}ban").text == f"Ủy{replacement}ban"


def test_cluster_that_cannot_compose_is_not_split() -> None:
    n = normalise("q\u0301\u0323x")  # NFC reorders the marks; q has no precomposed form
    assert n.text == "q\u0323\u0301x"
    assert n.offsets == (0, 0, 0, 3, 4)
    assert [n.is_boundary(i) for i in range(5)] == [True, False, False, True, True]
    assert n.to_original(0, 1) == (0, 3)  # the whole cluster


@pytest.mark.parametrize("original", ["q\u0301x", "\rq\u0301x"])
def test_unchanged_cluster_maps_char_by_char(original: str) -> None:
    # The fast path (first) and the slow one (second) agree.
    n = normalise(original)
    assert n.text.endswith("q\u0301x")
    assert n.offsets[-4:] == tuple(range(len(original) - 3, len(original) + 1))


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 2), (0, 99)])
def test_to_original_rejects_bad_spans(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        normalise("Hà Nội").to_original(start, end)


def test_inconsistent_offsets_are_rejected() -> None:
    with pytest.raises(ValueError):
        Normalised("ab", "ab", (0, 1), (1, 2))


# --- real text ---------------------------------------------------------------


def test_nfd_paragraph_maps_every_word_back() -> None:
    para = paragraphs()[0]
    assert para == nfc(para), "corpus text is stored NFC"
    decomposed = unicodedata.normalize("NFD", para)
    assert decomposed != para
    n = normalise(decomposed)
    assert n.text == para
    check_offsets(n)
    for word in re.finditer(r"\S+", n.text):
        start, end = n.to_original(word.start(), word.end())
        assert nfc(decomposed[start:end]) == word.group()
        assert not unicodedata.combining(decomposed[start])


def test_look_alike_eth_in_real_text() -> None:
    para = next(p for p in paragraphs() if "Đ" in p)
    n = normalise(para.replace("Đ", "\u00d0"))
    assert n.text == para
    assert n.offsets == tuple(range(len(para) + 1))


def test_crlf_lines_map_back() -> None:
    lines = paragraphs(min_len=40)[:10]
    original = "\r\n".join(lines) + "\r\n"
    n = normalise(original)
    assert n.text == "\n".join(lines) + "\n"
    pos = 0
    for line in lines:
        start, end = n.to_original(pos, pos + len(line) + 1)  # the line and its '\n'
        assert original[start:end] == line + "\r\n"
        pos += len(line) + 1


def test_zero_width_in_real_text() -> None:
    para = paragraphs()[1]
    words = para.split(" ")
    original = "\ufeff" + "\u200b ".join(words[:10]) + " " + " ".join(words[10:])
    n = normalise(original)
    assert n.text == para
    for word in re.finditer(r"\S+", n.text):
        start, end = n.to_original(word.start(), word.end())
        assert original[start:end] == word.group()  # no ZWSP at either end


def test_identity_fast_path_on_corpus_text() -> None:
    text = corpus_text(DOC)
    n = normalise(text)
    assert n.text is text
    assert n.offsets == tuple(range(len(text) + 1))
    assert n.to_original(10, 20) == (10, 20)


def test_150k_decomposed_characters_with_crlf() -> None:
    text = unicodedata.normalize("NFD", corpus_text(DOC) * 7)[:150_000].replace("\n", "\r\n")
    n = normalise(text)
    assert n.text == nfc(fold(text))
    start = n.text.index("Kien Giang", 100_000)
    s, e = n.to_original(start, start + len("Kien Giang"))
    assert nfc(text[s:e]) == "Kien Giang"


# --- the tables against unicodedata --------------------------------------------


def test_starters_that_join_match_unicodedata() -> None:
    seconds = set()
    for cp in range(sys.maxunicode + 1):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<") and nfc(chr(cp)) == chr(cp):
            seconds.add(chr(int(parts[1], 16)))
    # Hangul syllables compose algorithmically, not through the decomposition table.
    seconds |= {chr(cp) for cp in [*range(0x1161, 0x1176), *range(0x11A8, 0x11C3)]}
    expected = set()
    for cp in range(sys.maxunicode + 1):
        char = chr(cp)
        first = unicodedata.normalize("NFD", char)[0]
        if not unicodedata.combining(char) and (unicodedata.combining(first) or first in seconds):
            expected.add(char)
    assert STARTERS_THAT_JOIN == expected


def test_nfc_never_produces_a_folded_character() -> None:
    # Otherwise folding before composing would leave look-alikes in the text.
    folded = set(LOOK_ALIKES) | ZERO_WIDTH | {"\r"}
    offenders = [
        hex(cp) for cp in range(sys.maxunicode + 1)
        if chr(cp) not in folded and folded & set(nfc(chr(cp)))
    ]
    assert offenders == []


# --- properties ------------------------------------------------------------------

_VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
_TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
_LETTERS = sorted({nfc(v + t) for v in _VOWELS for t in _TONES} | set("bcdđghklmnpqrstvxĐ"))
TOKENS = st.one_of(
    st.sampled_from(_LETTERS),
    st.sampled_from(_LETTERS).map(lambda c: unicodedata.normalize("NFD", c)),
    st.sampled_from(
        ["\u00d0", "\u00f0", "\r\n", "\r", "\n", " ", "\u00a0", "\u2003", "\u3000",
         "\u200b", "\u200d", "\ufeff", "\u0301", "\u0323", "q\u0301", "\u1100\u1161", "\u11a8",
         "\u0f73"]
    ),
)
TEXTS = st.lists(TOKENS, max_size=25).map("".join)


@given(TEXTS)
def test_text_is_nfc_of_folded_original(original: str) -> None:
    n = normalise(original)
    assert n.text == nfc(fold(original))
    check_offsets(n)


@given(TEXTS)
@settings(max_examples=200)
def test_every_boundary_span_renormalises_to_itself(original: str) -> None:
    n = normalise(original)
    bounds = [i for i in range(len(n.text) + 1) if n.is_boundary(i)]
    for a, i in enumerate(bounds):
        for j in bounds[a:]:
            start, end = n.to_original(i, j)
            piece = original[start:end]
            assert normalise(piece).text == n.text[i:j]
            if i < j:
                assert piece[0] not in ZERO_WIDTH and piece[-1] not in ZERO_WIDTH


@given(TEXTS)
def test_normalising_twice_changes_nothing(original: str) -> None:
    once = normalise(original).text
    again = normalise(once)
    assert again.text == once
    assert again.offsets == tuple(range(len(once) + 1))
