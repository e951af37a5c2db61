"""The knowledge graph of real gold files: nodes, cross-report ids, exports, SPARQL, CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Graph
from typer.testing import CliRunner

from conftest import REPO
from vngov_ie.cli import app
from vngov_ie.corpus import corpus_text
from vngov_ie.graph import (
    VG,
    build_graph,
    collect_reports,
    export,
    format_for,
    iri,
    link_partial_ids,
    most_cited,
    results_under,
    summary,
)
from vngov_ie.resolve import parse_date, parse_legal_ref, with_issue_date

runner = CliRunner()
DOCS = ("kiengiang-cchc-q3-2020", "tnt-24c7124ec6b2bf61", "tnt-f069c23c942c1ec6", "tnt-a83fffe08d7aeed7")


@pytest.fixture(scope="module")
def kg():
    collected = collect_reports([REPO / "annotations" / f"{d}.json" for d in DOCS])
    assert not collected.failures
    return build_graph(collected.reports)


def test_nodes_of_every_kind(kg) -> None:
    counts = summary(kg)
    for cls in ("Report", "Task", "LegalDocument", "Organisation", "Place", "Metric", "Date", "Person"):
        assert counts.get(cls, 0) > 0, cls
    assert counts["Report"] == len(DOCS)


def test_one_legal_node_per_canonical_id_across_reports(kg) -> None:
    node = iri("legal", "quyet_dinh/7619/2025/QD-BCA")
    reports = set(kg.rdf.subjects(VG.cites, node))
    assert {str(r).rsplit("/", 1)[-1] for r in reports} == {"tnt-24c7124ec6b2bf61", "tnt-f069c23c942c1ec6"}


def test_two_documents_with_one_symbol_are_two_nodes(kg) -> None:
    ids = {str(o) for o in kg.rdf.objects(None, VG.canonicalId)}
    assert {"quyet_dinh/846/2017/QD-TTG", "quyet_dinh/846/2018/QD-TTG"} <= ids


def test_misspelt_symbol_is_a_probable_alias(kg) -> None:
    assert ("chuong_trinh/38/2018/CTR-TU", "chuong_trinh/38/2018/TR-TU") in kg.aliases
    assert (iri("legal", "chuong_trinh/38/2018/CTR-TU"), VG.probableAlias, iri("legal", "chuong_trinh/38/2018/TR-TU")) in kg.rdf


def test_task_edges_and_own_number(kg) -> None:
    task = iri("task", "kiengiang-cchc-q3-2020/K1")
    assert (iri("report", "kiengiang-cchc-q3-2020"), VG.hasTask, task) in kg.rdf
    assert (task, VG.basedOn, iri("legal", "nghi_quyet/30c/2011/NQ-CP")) in kg.rdf
    plan = iri("report", "tnt-24c7124ec6b2bf61")
    assert (plan, VG.isDocument, iri("legal", "ke_hoach/153/2025/KH-UBND")) in kg.rdf
    place = iri("place", "tinhkiengiang")
    assert str(kg.rdf.value(place, VG.afterMerger)) == "Tỉnh An Giang"


def test_year_less_reference_links_to_the_single_candidate() -> None:
    dated = with_issue_date(parse_legal_ref("Quyết định số 7619/QĐ-BCA"), parse_date("ngày 08 tháng 9 năm 2025"))
    bare = parse_legal_ref("Quyết định số 7619/QĐ-BCA")
    linked = link_partial_ids([dated, bare])
    assert linked[bare.canonical].canonical == "quyet_dinh/7619/2025/QD-BCA"
    other = with_issue_date(parse_legal_ref("Quyết định số 7619/QĐ-BCA"), parse_date("ngày 01/02/2020"))
    assert link_partial_ids([dated, other, bare])[bare.canonical].ambiguous
    law = parse_legal_ref("Luật Tổ chức chính quyền địa phương số 72/2025/QH15")
    named = parse_legal_ref("Luật Tổ chức chính quyền địa phương năm 2025")
    assert link_partial_ids([law, named])[named.canonical].canonical == "luat/72/2025/QH15"


def test_sparql_most_cited(kg) -> None:
    top = dict(most_cited(kg.rdf))
    assert top["quyet_dinh/7619/2025/QD-BCA"] == 2
    assert top["nghi_quyet/163/2024/QH15"] == 2
    assert max(top.values()) == 2


def test_sparql_results_under_a_legal_document(kg) -> None:
    rows = results_under(kg.rdf, "quyet_dinh/45/2016/QD-TTG")
    assert rows == [
        ("kiengiang-cchc-q3-2020", "1.008 TTHC", 1008.0, "TTHC"),
        ("kiengiang-cchc-q3-2020", "15 huyện, thành phố", 15.0, "huyện, thành phố"),
        ("kiengiang-cchc-q3-2020", "46 điểm", 46.0, "điểm"),
    ]


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_rdf_exports_load_back(kg, tmp_path: Path, fmt: str) -> None:
    out = export(kg, tmp_path / f"g.{fmt}", fmt)
    back = Graph().parse(out, format="turtle" if fmt == "ttl" else "json-ld")
    assert len(back) == len(kg.rdf)
    assert set(back.subjects(RDF.type, VG.Report)) == set(kg.rdf.subjects(RDF.type, VG.Report))


def test_graphml_loads_back(kg, tmp_path: Path) -> None:
    out = export(kg, tmp_path / "g.graphml", "graphml")
    g = nx.read_graphml(out)
    report = str(iri("report", "kiengiang-cchc-q3-2020"))
    assert g.nodes[report]["kind"] == "Report"
    assert g.number_of_nodes() == sum(v for k, v in summary(kg).items() if k != "edges")


def test_neo4j_import_headers(kg, tmp_path: Path) -> None:
    folder = export(kg, tmp_path / "neo4j", "neo4j")
    with (folder / "nodes.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[:2] == ["id:ID", ":LABEL"]
    with (folder / "relationships.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [":START_ID", ":END_ID", ":TYPE"]
    assert {"HAS_TASK", "BASED_ON", "CITES", "ISSUED_BY"} <= {r[2] for r in rows[1:]}


@pytest.mark.parametrize(("name", "fmt"), [("g.ttl", "ttl"), ("g.jsonld", "jsonld"), ("g.graphml", "graphml"), ("neo", "neo4j")])
def test_format_from_the_output_name(name: str, fmt: str) -> None:
    assert format_for(Path(name)) == fmt


def test_cli_graph_from_annotation_files(tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    files = [str(REPO / "annotations" / f"{d}.json") for d in DOCS[:2]]
    result = runner.invoke(app, ["graph", *files, "--out", str(out)])
    assert result.exit_code == 0, result.output
    back = Graph().parse(out, format="turtle")
    assert len(set(back.subjects(RDF.type, VG.Report))) == 2


def test_cli_extract_writes_tasks_and_the_graph(tmp_path: Path) -> None:
    doc = DOCS[0]
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / f"{doc}.txt").write_text(corpus_text(doc), encoding="utf-8")
    out, graph_file = tmp_path / "out", tmp_path / "g.jsonld"
    result = runner.invoke(app, ["extract", str(inbox), "--out", str(out), "--graph", str(graph_file)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / f"{doc}.json").read_text(encoding="utf-8"))
    assert data["tasks"] and {r["type"] for r in data["relations"]} >= {"ISSUED_ON", "BASED_ON", "RESULT"}
    back = Graph().parse(graph_file, format="json-ld")
    assert len(set(back.subjects(RDF.type, VG.Task))) == len(data["tasks"])


def test_cli_graph_reports_a_bad_input_and_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    out = tmp_path / "g.ttl"
    result = runner.invoke(app, ["graph", str(bad), str(REPO / "annotations" / f"{DOCS[0]}.json"), "--out", str(out)])
    assert result.exit_code == 1
    assert "broken.json" in result.output and out.is_file()


@pytest.mark.slow
def test_graph_of_the_whole_annotations_folder(tmp_path: Path) -> None:
    out = tmp_path / "all.ttl"
    result = runner.invoke(app, ["graph", str(REPO / "annotations"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    back = Graph().parse(out, format="turtle")
    reports = set(back.subjects(RDF.type, VG.Report))
    assert len(reports) == len(list((REPO / "annotations").glob("*.json")))
    assert dict(most_cited(back))  # the README's first query runs on it


def test_the_readme_queries_run(kg) -> None:
    """The two SPARQL queries of the README's graph section, run as written."""
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Knowledge graph", 1)[1].split("\n## ", 1)[0]
    queries = re.findall(r"```sparql\n(.*?)```", section, re.S)
    assert len(queries) == 2
    top = {str(r[0]): int(r[1]) for r in kg.rdf.query(queries[0])}
    assert top["quyet_dinh/7619/2025/QD-BCA"] == 2
    results = [(str(r[1]), float(r[2])) for r in kg.rdf.query(queries[1])]
    assert results == [("1.008 TTHC", 1008.0), ("15 huyện, thành phố", 15.0), ("46 điểm", 46.0)]
