"""Converters on real gold annotations: every format round-trips; CoNLL is exact IOB2 over real offsets."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import REPO, snippet
from vngov_ie.annotation import annotation_to_dict, read_annotation, write_annotation
from vngov_ie.cli import ConvertFormat, app
from vngov_ie.convert import (
    FORMATS,
    ConvertError,
    align_tokens,
    export_annotations,
    from_brat,
    from_doccano,
    from_labelstudio,
    import_annotations,
    import_documents,
    to_brat,
    to_conll,
)
from vngov_ie.corpus import corpus_text
from vngov_ie.labels import ENTITY_LABELS, RELATION_TYPES, TASK_STATUSES
from vngov_ie.types import Annotation, Entity, Relation, Task, sha256_text
from vngov_ie.validate import validate_annotation

runner = CliRunner()
GOLD_DIR = REPO / "annotations"
# tasks + relations, done and planned; noisy with entities across lines; many
# entities across lines; tabs in the text.
GOLD = (
    "kiengiang-cchc-q3-2020",
    "qng-bc-cctthc-thang01-2025",
    "tnt-24c7124ec6b2bf61",
    "vbai-ubnd-kh-tuyentruyen-cchc-2026",
)
TEXT_FORMATS = ("labelstudio", "doccano", "brat")


def numbered(ann: Annotation) -> Annotation:
    """`ann` with entities T1.., tasks K1.. in text order, as formats without ids give it back."""
    entities = sorted(ann.entities, key=lambda e: (e.start, e.end))
    tasks = sorted(ann.tasks, key=lambda t: (t.start, t.end))
    ids = {e.id: f"T{i}" for i, e in enumerate(entities, 1)} | {t.id: f"K{i}" for i, t in enumerate(tasks, 1)}
    return Annotation(
        ann.doc_id, ann.text_sha256,
        [Entity(ids[e.id], e.label, e.start, e.end, e.text) for e in entities],
        [Relation(r.type, ids[r.head], ids[r.tail]) for r in ann.relations],
        [Task(ids[t.id], t.start, t.end, t.status) for t in tasks],
    )


def as_read(ann: Annotation, fmt: str) -> Annotation:
    """What reading `fmt` back should give: the same, or the same renumbered where the format has no ids."""
    return numbered(ann) if fmt in ("doccano", "conll") else ann


def out_path(tmp: Path, fmt: str) -> Path:
    spec = FORMATS[fmt]
    return tmp / fmt if spec.folder else tmp / f"out{spec.suffix}"


@pytest.fixture(scope="module")
def gold() -> list[tuple[Annotation, str]]:
    pairs = []
    for doc_id in GOLD:
        ann = read_annotation(GOLD_DIR / f"{doc_id}.json")
        text = corpus_text(doc_id)
        assert validate_annotation(ann, text) == []
        pairs.append((ann, text))
    kiengiang = pairs[0][0]
    assert kiengiang.tasks and kiengiang.relations and {t.status for t in kiengiang.tasks} == set(TASK_STATUSES)
    assert any("\n" in e.text for ann, _ in pairs for e in ann.entities)
    assert "\t" in pairs[3][1]
    return pairs


@pytest.fixture(scope="module")
def conll_file(gold, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("conll") / "gold.conll"
    export_annotations(gold, "conll", path)
    return path


def conll_sentences(path: Path) -> dict[str, list[list[tuple[str, int, int, str]]]]:
    """doc_id -> sentences of (token, start, end, tag), read without the module under test."""
    docs: dict[str, list[list[tuple[str, int, int, str]]]] = {}
    current: list[list[tuple[str, int, int, str]]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if "\t" in line:  # a token row: it may start with '#'
            token, start, end, tag = line.split("\t")
            current[-1].append((token, int(start), int(end), tag))
        elif line.startswith("# doc_id = "):
            current = docs.setdefault(line.removeprefix("# doc_id = "), [[]])
        elif not line.startswith("#"):
            assert not line, line
            if current and current[-1]:
                current.append([])
    return {doc: [s for s in sents if s] for doc, sents in docs.items()}


# --- round trips on gold ---


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_gold_round_trips_exactly(gold, tmp_path: Path, fmt: str) -> None:
    target = out_path(tmp_path, fmt)
    export_annotations(gold, fmt, target)
    back = import_documents(target, fmt)
    assert [(d.annotation, d.text) for d in back] == [(as_read(a, fmt), t) for a, t in gold]  # GOLD is in file-name order


def test_every_gold_file_round_trips(tmp_path: Path) -> None:
    """The whole annotations folder through the formats that carry text (CoNLL is checked on GOLD)."""
    pairs = [(read_annotation(p), "") for p in sorted(GOLD_DIR.glob("*.json"))]
    pairs = [(a, corpus_text(a.doc_id)) for a, _ in pairs]
    assert len(pairs) >= len(GOLD)
    for fmt in TEXT_FORMATS:
        target = out_path(tmp_path, fmt)
        export_annotations(pairs, fmt, target)
        back = {d.annotation.doc_id: d.annotation for d in import_documents(target, fmt)}
        for ann, _ in pairs:
            assert back[ann.doc_id] == as_read(ann, fmt), (fmt, ann.doc_id)


def test_gold_conll_gives_back_the_entities(gold, conll_file: Path) -> None:
    back = import_annotations(conll_file, "conll")
    assert [a.doc_id for a in back] == [a.doc_id for a, _ in gold]
    for (ann, _), got in zip(gold, back):
        assert got.entities == numbered(ann).entities
        assert got.text_sha256 == ann.text_sha256
        assert got.relations == [] and got.tasks == []


def test_conll_iob2_is_well_formed(conll_file: Path) -> None:
    for doc, sentences in conll_sentences(conll_file).items():
        for sentence in sentences:
            previous = "O"
            for token, start, end, tag in sentence:
                assert tag == "O" or tag[:2] in ("B-", "I-") and tag[2:] in ENTITY_LABELS, (doc, start, tag)
                if tag.startswith("I-"):
                    assert previous[2:] == tag[2:] and previous != "O", (doc, token, start, previous, tag)
                previous = tag


def test_conll_tokens_point_into_the_original_and_tile_it(gold, conll_file: Path) -> None:
    sentences = conll_sentences(conll_file)
    for ann, text in gold:
        rows = [row for sentence in sentences[ann.doc_id] for row in sentence]
        for token, start, end, _ in rows:
            assert text[start:end] == token
            assert token.strip() == token and "\t" not in token and "\n" not in token and "  " not in token
        spans = [(s, e) for _, s, e, _ in rows]
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
        covered = {i for s, e in spans for i in range(s, e)}
        assert {i for i in covered if text[i].isspace()} <= {i for i in covered if text[i] == " "}
        assert {i for i in covered if not text[i].isspace()} == {i for i, c in enumerate(text) if not c.isspace()}


def test_conll_sentences_are_lines_unless_an_entity_runs_on(gold, conll_file: Path) -> None:
    sentences = conll_sentences(conll_file)
    for ann, text in gold:
        doc = sentences[ann.doc_id]
        for before, after in zip(doc, doc[1:]):
            assert "\n" in text[before[-1][2] : after[0][1]]
        inside = [
            (a[2], b[1]) for sentence in doc for a, b in zip(sentence, sentence[1:]) if "\n" in text[a[2] : b[1]]
        ]
        assert all(any(e.start < s and b < e.end for e in ann.entities) for s, b in inside)
    assert any("\n" in e.text for ann, _ in gold for e in ann.entities)


def test_conll_cuts_a_word_at_an_entity_boundary() -> None:
    from underthesea import word_tokenize

    doc_id = "tnt-0f98ee482389e59e"
    text = corpus_text(doc_id)
    start = text.index(snippet(doc_id, "Tham mưu Ủy ban nhân dân tỉnh")) + len("Tham mưu ")
    # the tokenizer's own word crosses the entity boundary
    assert "Tham mưu Ủy" in word_tokenize("Tham mưu Ủy ban nhân dân tỉnh")
    ann = Annotation(doc_id, sha256_text(text), [Entity("T1", "ORG", start, start + 20, text[start : start + 20])])
    rows = [line.split("\t") for line in to_conll(ann, text).split("\n") if "\t" in line]
    i = next(i for i, r in enumerate(rows) if int(r[1]) == start)
    assert [r[0] for r in rows[i - 1 : i + 1]] == ["Tham mưu", "Ủy"]
    assert [r[3] for r in rows[i - 1 : i + 2]] == ["O", "B-ORG", "I-ORG"]


# underthesea output as seen on real text: split symbols, rewritten tone
# marks, a corrected misspelling, syllables joined across a tab.
@pytest.mark.parametrize(
    ("text", "tokens", "spans"),
    [
        ("số 30c/NQ-CP", ["số", "30", "c", "/", "NQ-CP"], [(0, 2), (3, 5), (5, 6), (6, 7), (7, 12)]),
        ("văn hoá bài trừ", ["văn hóa", "bài trừ"], [(0, 7), (8, 15)]),
        ("nghành nghề trong tỉnh.", ["ngành nghề", "trong", "tỉnh", "."], [(0, 11), (12, 17), (18, 22), (22, 23)]),
        ("\t4. Tổ chức", ["4", ".", "Tổ chức"], [(1, 2), (2, 3), (4, 11)]),
        ("Ban\tchỉ đạo", ["Ban chỉ đạo"], [(0, 11)]),
        ("  ", [], []),
        ("abc", [], [(0, 3)]),
    ],
)
def test_align_tokens(text: str, tokens: list[str], spans: list[tuple[int, int]]) -> None:
    assert align_tokens(text, tokens) == spans


def test_tab_inside_a_word_is_cut_in_conll() -> None:
    text = "Ban\tchỉ đạo"
    rows = [r.split("\t") for r in to_conll(Annotation("x", sha256_text(text)), text).split("\n") if "\t" in r]
    assert all(text[int(s) : int(e)] == tok and "\t" not in tok for tok, s, e, _ in rows)


# --- property: random spans over a real text survive every format ---

PROPERTY_DOC = "vbai-ubnd-kh-tuyentruyen-cchc-2026"  # tabs, blank lines, table rows
SMALL_DOC = "tnt-b7a1f12e746ba1bb"


@st.composite
def annotations_over(draw, text: str, doc_id: str, edges_on_text: bool) -> Annotation:
    """Non-overlapping entities, non-overlapping tasks and any relations between them."""
    places = [i for i, c in enumerate(text) if not c.isspace()] if edges_on_text else list(range(len(text)))
    points = sorted(draw(st.lists(st.integers(0, len(places) - 1), unique=True, max_size=40)))
    pairs = list(zip(points[::2], points[1::2]))
    numbers = draw(st.lists(st.integers(1, 999), unique=True, min_size=len(pairs), max_size=len(pairs)))
    entities = []
    for n, (a, b) in zip(numbers, pairs):  # ids with gaps and out of order, as hand-edited files have them
        start, end = places[a], places[b] + 1 if edges_on_text else places[b]
        label = draw(st.sampled_from(ENTITY_LABELS))
        entities.append(Entity(f"T{n}", label, start, end, text[start:end]))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), unique=True, max_size=8)))
    spans = list(zip(cuts[::2], cuts[1::2]))
    numbers = draw(st.lists(st.integers(1, 99), unique=True, min_size=len(spans), max_size=len(spans)))
    tasks = [Task(f"K{n}", s, e, draw(st.sampled_from(TASK_STATUSES))) for n, (s, e) in zip(numbers, spans)]
    ids = [e.id for e in entities] + [t.id for t in tasks]
    relation = st.builds(Relation, st.sampled_from(RELATION_TYPES), st.sampled_from(ids), st.sampled_from(ids))
    relations = draw(st.lists(relation, max_size=10)) if ids else []
    return Annotation(doc_id, sha256_text(text), entities, relations, tasks)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_spans_round_trip_through_text_formats(data, tmp_path_factory) -> None:
    text = corpus_text(PROPERTY_DOC)
    ann = data.draw(annotations_over(text, PROPERTY_DOC, edges_on_text=False))
    folder = tmp_path_factory.mktemp("prop")
    for fmt in TEXT_FORMATS:
        target = out_path(folder, fmt)
        export_annotations([(ann, text)], fmt, target)
        [doc] = import_documents(target, fmt)
        assert (doc.annotation, doc.text) == (as_read(ann, fmt), text), fmt


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_spans_round_trip_through_conll(data, tmp_path_factory) -> None:
    text = corpus_text(SMALL_DOC)
    ann = data.draw(annotations_over(text, SMALL_DOC, edges_on_text=True))
    target = tmp_path_factory.mktemp("prop") / "x.conll"
    export_annotations([(ann, text)], "conll", target)
    [back] = import_annotations(target, "conll")
    assert back.entities == numbered(ann).entities


# --- readers on input written by the tools themselves ---


def test_labelstudio_keeps_our_ids_and_numbers_the_tools_ones() -> None:
    doc_id = "kiengiang-cchc-q3-2020"
    text = corpus_text(doc_id)
    ref = text.index(snippet(doc_id, "Nghị quyết số 30c/NQ-CP"))
    date = text.index("ngày 08/11/2011", ref)
    org = text.index("Chính phủ", date)
    def region(key: str, start: int, label: str, end: int) -> dict:
        return {"id": key, "type": "labels", "from_name": "label", "to_name": "text",
                "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]}}
    task = {
        "data": {"text": text, "doc_id": doc_id},
        "annotations": [{"result": [
            region("zQ1", org, "ORG", org + 9),  # added in Label Studio: its id is the tool's
            region("T7", ref, "LEGAL_REF", ref + 23),
            region("xY2", date, "DATE", date + 15),
            {"type": "relation", "from_id": "zQ1", "to_id": "T7", "direction": "left", "labels": ["ISSUED_BY"]},
            {"type": "relation", "from_id": "T7", "to_id": "xY2", "direction": "right", "labels": ["ISSUED_ON"]},
        ]}],
    }
    ann, got = from_labelstudio(task)
    assert got == text
    assert [(e.id, e.label) for e in ann.entities] == [("T7", "LEGAL_REF"), ("T8", "DATE"), ("T9", "ORG")]
    assert ann.relations == [Relation("ISSUED_BY", "T7", "T9"), Relation("ISSUED_ON", "T7", "T8")]
    assert validate_annotation(ann, text) == []


def test_brat_task_without_its_note_gets_the_next_number(gold) -> None:
    ann, text = gold[0]
    first = min(ann.tasks, key=lambda t: (t.start, t.end))
    lines = [line for line in to_brat(ann, text).split("\n") if not line.endswith(f"\t{first.id}")]
    back = from_brat("\n".join(lines), text, ann.doc_id)
    in_order = sorted(ann.tasks, key=lambda t: (t.start, t.end))
    others = [t.id for t in in_order if t is not first]
    assert [t.id for t in back.tasks] == [f"K{max(int(i[1:]) for i in others) + 1}", *others]
    assert [(t.start, t.end, t.status) for t in back.tasks] == [(t.start, t.end, t.status) for t in in_order]


def test_doccano_relationless_export_is_read() -> None:
    ann, _ = from_doccano({"doc_id": "x", "text": "Sở Y tế Kiên Giang", "label": [[0, 18, "ORG"]]})
    assert ann.entities == [Entity("T1", "ORG", 0, 18, "Sở Y tế Kiên Giang")]


def test_brat_fragments_read_as_one_span() -> None:
    text = "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP"
    ann = from_brat("T1\tORG 0 15;16 30\tỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\n#1\tAnnotatorNotes T1\tx\n", text, "x")
    assert ann.entities == [Entity("T1", "ORG", 0, 30, text)]


@pytest.mark.parametrize(
    ("reader", "bad"),
    [
        (lambda: from_brat("E1\tEvent:T1\n", "abc", "x"), "unsupported"),
        (lambda: from_brat("T1\tORG 0 x\tabc\n", "abc", "x"), "bad offsets"),
        (lambda: from_doccano({"doc_id": "../evil", "text": "a", "entities": []}), "doc_id"),
        (lambda: from_labelstudio({"data": {"text": "abc"}}), "doc_id"),
        (lambda: from_labelstudio({"data": {"text": "a", "doc_id": "x"}, "annotations": [{"result": [
            {"id": "1", "type": "labels", "value": {"start": 0, "end": 1, "labels": ["ORG", "LOC"]}}]}]}), "one label"),
    ],
)
def test_malformed_input_is_refused(reader, bad: str) -> None:
    with pytest.raises(ConvertError, match=bad):
        reader()


def test_json_of_another_shape_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"doc_id": "x", "text": "abc", "entities": ["T1"]}\n', encoding="utf-8")
    with pytest.raises(ConvertError, match="not a doccano file"):
        import_annotations(path, "doccano")


def test_conll_bad_tag_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.conll"
    path.write_text("# doc_id = kiengiang-cchc-q3-2020\nỦY\t0\t2\tX-ORG\n", encoding="utf-8")
    with pytest.raises(ConvertError, match="x.conll:2"):
        import_annotations(path, "conll")


# --- the command ---


@pytest.fixture()
def gold_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    for doc_id in GOLD[:3]:
        shutil.copy(GOLD_DIR / f"{doc_id}.json", folder)
    return folder


def test_cli_formats_are_the_module_formats() -> None:
    assert [f.value for f in ConvertFormat] == list(FORMATS)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_cli_to_and_back(gold_folder: Path, tmp_path: Path, fmt: str) -> None:
    target = out_path(tmp_path, fmt)
    result = runner.invoke(app, ["convert", str(gold_folder), "--to", fmt, "--out", str(target)])
    assert result.exit_code == 0, result.output
    back = tmp_path / "back"
    result = runner.invoke(app, ["convert", str(target), "--from", fmt, "--out", str(back)])
    assert result.exit_code == 0, result.output
    for original in sorted(gold_folder.glob("*.json")):
        got = read_annotation(back / original.name)
        want = as_read(read_annotation(original), fmt)
        if fmt == "conll":
            assert (got.entities, got.text_sha256) == (want.entities, want.text_sha256)
        elif fmt == "doccano":
            assert got == want
        else:  # ids kept: the file comes back byte for byte
            assert (back / original.name).read_text(encoding="utf-8") == original.read_text(encoding="utf-8")


def test_cli_reports_validation_problems_of_an_import(tmp_path: Path) -> None:
    doc_id = GOLD[0]
    line = {"doc_id": doc_id, "text": corpus_text(doc_id),
            "entities": [{"id": 1, "label": "ORG", "start_offset": 0, "end_offset": 3},
                         {"id": 2, "label": "NAME", "start_offset": 2, "end_offset": 9}],
            "relations": [{"id": 1, "from_id": 1, "to_id": 7, "type": "ISSUED_BY"}]}
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["convert", str(path), "--from", "doccano", "--out", str(tmp_path / "back")])
    assert result.exit_code == 1
    assert "unknown label 'NAME'" in result.output and "overlaps" in result.output
    assert "tail '7' is not an entity or task id" in result.output
    assert (tmp_path / "back" / f"{doc_id}.json").is_file()


def test_cli_refuses_an_annotation_whose_text_changed(gold_folder: Path, tmp_path: Path) -> None:
    path = next(gold_folder.glob("*.json"))
    data = annotation_to_dict(read_annotation(path))
    data["text_sha256"] = "0" * 64
    path.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["convert", str(gold_folder), "--to", "doccano", "--out", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 1
    assert "text_sha256 000000000000… does not match the text" in result.output
    assert len((tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_cli_needs_one_direction(gold_folder: Path, tmp_path: Path) -> None:
    for args in ([], ["--to", "brat", "--from", "brat"]):
        result = runner.invoke(app, ["convert", str(gold_folder), "--out", str(tmp_path / "o"), *args])
        assert result.exit_code == 2


def test_overlapping_entities_are_refused_by_conll() -> None:
    text = "Sở Y tế Kiên Giang"
    ents = [Entity("T1", "ORG", 0, 18, text), Entity("T2", "LOC", 8, 18, text[8:])]
    with pytest.raises(ConvertError, match="overlap"):
        to_conll(Annotation("x", sha256_text(text), ents), text)


def test_relation_to_nothing_is_refused_on_export(tmp_path: Path) -> None:
    text = "Sở Y tế"
    ann = Annotation("x", sha256_text(text), [Entity("T1", "ORG", 0, 7, text)], [Relation("ACTOR", "K9", "T1")])
    with pytest.raises(ConvertError, match="K9"):
        export_annotations([(ann, text)], "brat", tmp_path / "b")


def test_write_annotation_of_an_import_is_the_gold_file(gold, tmp_path: Path) -> None:
    ann, text = gold[0]
    export_annotations([(ann, text)], "labelstudio", tmp_path / "ls.json")
    [back] = import_annotations(tmp_path / "ls.json", "labelstudio")
    write_annotation(back, tmp_path / "a.json")
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == (GOLD_DIR / f"{ann.doc_id}.json").read_text(encoding="utf-8")
