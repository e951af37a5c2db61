"""The span-list format annotators write, compiled against real corpus text."""

from __future__ import annotations

import pytest

from vngov_ie.authoring import AuthoringError, compile_spanlist, decompile
from vngov_ie.corpus import corpus_text
from vngov_ie.validate import validate_annotation

DOC = "kiengiang-cchc-q3-2020"

SPANLIST = "\n".join(
    [
        "# header",
        "T1\tLOC\tKiên Giang",
        "T2\tDATE\tngày 14 tháng 9 năm 2020",
        "T3\tLEGAL_REF\tNghị quyết số 30c/NQ-CP",
        "T4\tDATE\tngày 08/11/2011",
        "T5\tORG\tChính phủ",
        "R\tISSUED_ON\tT3\tT4",
        "R\tISSUED_BY\tT3\tT5",
        "K1\tdone\tTiếp tục quán triệt và tổ chức\ttrên địa bàn tỉnh Kien Giang.",
        "R\tBASED_ON\tK1\tT3",
    ]
)


def test_offsets_match_the_spec_example() -> None:
    text = corpus_text(DOC)
    ann = compile_spanlist(SPANLIST, text, DOC)
    spans = {e.id: (e.start, e.end) for e in ann.entities}
    assert spans["T3"] == (552, 575) and spans["T4"] == (576, 591) and spans["T5"] == (596, 605)
    assert validate_annotation(ann, text) == []
    assert (ann.tasks[0].start, ann.tasks[0].end) == (511, 964)


def test_whitespace_matches_line_breaks_and_context_skips() -> None:
    doc = "tnt-83652dd19c6fef24"
    text = corpus_text(doc)
    ann = compile_spanlist("T1\tLEGAL_REF\tNghị định số 78/2025/NĐ-CP\nT2\tORG\tChính phủ\tctx:ngày 01/4/2025 của", text, doc)
    first, second = ann.entities
    assert first.text == "Nghị định số\n78/2025/NĐ-CP"
    assert text[second.start - 20 : second.start].endswith("ngày 01/4/2025 của ")


def test_decompile_round_trip() -> None:
    text = corpus_text(DOC)
    ann = compile_spanlist(SPANLIST, text, DOC)
    again = compile_spanlist(decompile(ann, text), text, DOC)
    assert again.entities == ann.entities and again.tasks == ann.tasks


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("T1\tORG\tKhông có trong văn bản này", "not found"),
        ("X1\tORG\tChính phủ", "starts with"),
        ("R\tISSUED_ON\tT1", "4 columns"),
        ("K1\tdone\tTiếp tục quán triệt", "4 columns"),
    ],
)
def test_errors_name_the_line(line: str, message: str) -> None:
    with pytest.raises(AuthoringError, match=message) as info:
        compile_spanlist("# c\n" + line, corpus_text(DOC), DOC)
    assert "line 2" in str(info.value)
