"""The knowledge graph of a set of reports: tasks, legal bases, bodies, places and results.

Vocabulary (namespace ``vg:`` = ``https://vngov-ie.example/ns#``; resources are
``https://vngov-ie.example/id/<kind>/<id>``):

Classes
    ``vg:Report``         one input document (a report, plan, decision ...), id = doc_id
    ``vg:Task``           a task of a report (``vg:status`` done / planned)
    ``vg:LegalDocument``  a cited document, one node per canonical id across all reports
                          (``vg:canonicalId`` ``nghi_dinh/61/2018/ND-CP``)
    ``vg:Organisation``   a body, by its normalised name (``Ủy ban nhân dân tỉnh Lâm Đồng``)
    ``vg:Place``          an administrative unit (``vg:beforeMerger`` / ``vg:afterMerger`` 1 July 2025)
    ``vg:Person``         a person, by name
    ``vg:Metric``         one reported quantity (``vg:value``, ``vg:unit``, ``vg:total``)
    ``vg:Date``           a date or period, by its ISO 8601 form (``vg:iso``)

Relations (object properties)
    ``vg:hasTask``     Report -> Task              ``vg:cites``       Report -> LegalDocument
    ``vg:mentions``    Report -> Organisation, Place, Person, Date, Metric
    ``vg:isDocument``  Report -> LegalDocument (the report's own number)
    ``vg:issuedOn``    LegalDocument -> Date       ``vg:issuedBy``    LegalDocument -> Organisation
    ``vg:amends``      LegalDocument -> LegalDocument
    ``vg:implements``  LegalDocument -> LegalDocument
    ``vg:basedOn``     Task -> LegalDocument       ``vg:result``      Task -> Metric
    ``vg:actor``       Task -> Organisation        ``vg:time``        Task -> Date
    ``vg:probableAlias`` LegalDocument -> LegalDocument (misspelt symbols, never merged)

Literals: ``rdfs:label`` on every node; ``vg:docType``, ``vg:number``, ``vg:year``,
``vg:symbol``, ``vg:issuerCode``, ``vg:ambiguous`` on legal documents; ``vg:text``,
``vg:start``, ``vg:end``, ``vg:status`` on tasks; ``vg:value``, ``vg:unit``, ``vg:total``
on metrics; ``vg:iso``, ``vg:startDate``, ``vg:endDate``, ``vg:precision`` on dates;
``vg:level``, ``vg:beforeMerger``, ``vg:afterMerger`` on places; ``vg:docId``,
``vg:date``, ``vg:province`` on reports.

A reference without a year (or cited by a bare number or a name) is linked to the one
legal document of the whole graph it can be (same type, number and symbol, or same
name); with several candidates it stays a node of its own marked ``vg:ambiguous``.

Exports: Turtle and JSON-LD (rdflib), GraphML (networkx), and a Neo4j import folder
(``nodes.csv`` and ``relationships.csv`` with ``neo4j-admin`` headers).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

from vngov_ie.annotation import atomic_write_text
from vngov_ie.resolve import LegalId, Resolution, probable_aliases, resolve_document, slug
from vngov_ie.types import Annotation, Entity

VG = Namespace("https://vngov-ie.example/ns#")
BASE = "https://vngov-ie.example/id/"
FORMATS: tuple[str, ...] = ("ttl", "jsonld", "graphml", "neo4j")
SUFFIX_FORMATS: dict[str, str] = {".ttl": "ttl", ".jsonld": "jsonld", ".json": "jsonld", ".graphml": "graphml"}

# Spec relation type -> graph property (entity relations, then task relations).
RELATION_PROPERTIES: dict[str, URIRef] = {
    "ISSUED_ON": VG.issuedOn, "ISSUED_BY": VG.issuedBy, "AMENDS": VG.amends, "IMPLEMENTS": VG.implements,
    "BASED_ON": VG.basedOn, "RESULT": VG.result, "ACTOR": VG.actor, "TIME": VG.time,
}
LABEL_CLASSES: dict[str, URIRef] = {
    "LEGAL_REF": VG.LegalDocument, "ORG": VG.Organisation, "LOC": VG.Place, "PER": VG.Person,
    "DATE": VG.Date, "METRIC": VG.Metric,
}

# The two questions of the README, as SPARQL.
MOST_CITED = """
PREFIX vg: <https://vngov-ie.example/ns#>
SELECT ?id (COUNT(DISTINCT ?report) AS ?reports)
WHERE { ?report a vg:Report ; vg:cites ?doc . ?doc vg:canonicalId ?id . }
GROUP BY ?id
ORDER BY DESC(?reports) ?id
LIMIT 10
"""
RESULTS_UNDER = """
PREFIX vg: <https://vngov-ie.example/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?report ?metric ?value ?unit
WHERE {
  ?doc vg:canonicalId ?id .
  ?task vg:basedOn ?doc ; vg:result ?m .
  ?report vg:hasTask ?task .
  ?m rdfs:label ?metric ; vg:unit ?unit .
  OPTIONAL { ?m vg:value ?value }
}
ORDER BY ?report ?metric
"""


@dataclass
class KnowledgeGraph:
    rdf: Graph
    aliases: list[tuple[str, str]] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)


def iri(kind: str, key: str) -> URIRef:
    return URIRef(BASE + kind + "/" + quote(key, safe="/@-_.~"))


def build_graph(reports: Iterable[tuple[Annotation, str]]) -> KnowledgeGraph:
    """One graph for all reports: `(annotation, text)` pairs, gold or predicted."""
    resolved = [(ann, text, resolve_document(ann, text)) for ann, text in reports]
    canonical = link_partial_ids([legal for _, _, res in resolved for legal in res.legal.values()])
    g = Graph()
    g.bind("vg", VG)
    g.bind("rdfs", RDFS)
    for ann, text, res in resolved:
        _add_report(g, ann, text, res, canonical)
    full_ids = {legal.canonical: legal for legal in canonical.values()}
    aliases = probable_aliases(full_ids.values())
    for a, b in aliases:
        g.add((iri("legal", a), VG.probableAlias, iri("legal", b)))
    ambiguous = sorted({legal.canonical for legal in canonical.values() if legal.ambiguous})
    return KnowledgeGraph(g, aliases, ambiguous)


def link_partial_ids(ids: Iterable[LegalId]) -> dict[str, LegalId]:
    """canonical id as resolved in its document -> the id it has in the graph. A year-less id
    (or a bare number, or a name) links to the single full id that matches it."""
    ids = list(ids)
    full = [i for i in ids if i.year and (i.symbol or i.name)]
    out: dict[str, LegalId] = {}
    numbered_names = [i for i in ids if i.symbol and i.name and i.year]
    for legal in ids:
        out[legal.canonical] = legal
        if legal.name and not legal.symbol:
            named = {f.canonical: f for f in numbered_names
                     if f.name == legal.name and f.doc_type == legal.doc_type and (not legal.year or f.year == legal.year)}
            if len(named) == 1:
                out[legal.canonical] = replace(next(iter(named.values())), date=None, ambiguous=False)
                continue
        if legal.year and (legal.symbol or legal.name):
            continue
        if legal.symbol:
            matches = {f.canonical: f for f in full if f.key == legal.key}
        elif legal.number:
            matches = {f.canonical: f for f in full if (f.doc_type, f.number) == (legal.doc_type, legal.number)}
        elif legal.name:
            matches = {f.canonical: f for f in full + numbered_names if f.name == legal.name and f.doc_type == legal.doc_type}
        else:
            matches = {}
        if len(matches) == 1:
            out[legal.canonical] = replace(next(iter(matches.values())), date=None, ambiguous=False)
        elif len(matches) > 1:
            out[legal.canonical] = replace(legal, ambiguous=True)
    return out


def _add_report(g: Graph, ann: Annotation, text: str, res: Resolution, canonical: dict[str, LegalId]) -> None:
    report = iri("report", ann.doc_id)
    g.add((report, RDF.type, VG.Report))
    g.add((report, RDFS.label, Literal(ann.doc_id)))
    g.add((report, VG.docId, Literal(ann.doc_id)))
    if res.doc_date is not None:
        g.add((report, VG.date, Literal(res.doc_date.iso)))
    if res.province is not None:
        g.add((report, VG.province, Literal(res.province.name)))
    nodes: dict[str, URIRef] = {}
    for e in ann.entities:
        node = _add_entity(g, ann.doc_id, e, res, canonical)
        if node is None:
            continue
        nodes[e.id] = node
        if e.label == "LEGAL_REF":
            g.add((report, VG.isDocument if e.id == res.own_number else VG.cites, node))
        else:
            g.add((report, VG.mentions, node))
    for task in ann.tasks:
        node = iri("task", f"{ann.doc_id}/{task.id}")
        nodes[task.id] = node
        g.add((report, VG.hasTask, node))
        g.add((node, RDF.type, VG.Task))
        flat = " ".join(text[task.start : task.end].split())
        g.add((node, RDFS.label, Literal(flat[:120])))
        g.add((node, VG.text, Literal(flat)))
        g.add((node, VG.status, Literal(task.status)))
        g.add((node, VG.start, Literal(task.start)))
        g.add((node, VG.end, Literal(task.end)))
    for r in ann.relations:
        prop = RELATION_PROPERTIES.get(r.type)
        if prop is not None and r.head in nodes and r.tail in nodes and nodes[r.head] != nodes[r.tail]:
            g.add((nodes[r.head], prop, nodes[r.tail]))


def _add_entity(g: Graph, doc_id: str, e: Entity, res: Resolution, canonical: dict[str, LegalId]) -> URIRef | None:
    label = " ".join(e.text.split())
    if e.label == "LEGAL_REF" and e.id in res.legal:
        legal = canonical.get(res.legal[e.id].canonical, res.legal[e.id])
        node = iri("legal", legal.canonical)
        _literals(g, node, VG.LegalDocument, label, canonicalId=legal.canonical, docType=legal.doc_type,
                  number=legal.number, year=legal.year, symbol=legal.symbol, issuerCode=legal.issuer_code,
                  name=legal.name, ambiguous=legal.ambiguous or None)
        return node
    if e.label == "DATE":
        value = res.dates.get(e.id)
        if value is None:
            return None
        node = iri("date", value.iso)
        _literals(g, node, VG.Date, value.iso, iso=value.iso, precision=value.precision,
                  startDate=value.start, endDate=value.end)
        return node
    if e.label == "METRIC":
        metric = res.metrics.get(e.id)
        node = iri("metric", f"{doc_id}/{e.id}")
        _literals(g, node, VG.Metric, label, value=metric.value if metric else None, unit=metric.unit if metric else "",
                  total=metric.total if metric else None, upper=metric.upper if metric else None)
        return node
    if e.label == "LOC":
        place = res.places.get(e.id)
        if place is None:
            return None
        node = iri("place", place.key)
        _literals(g, node, VG.Place, place.name, level=place.level, beforeMerger=place.before,
                  afterMerger=place.after, provinceBefore=place.province_before, provinceAfter=place.province_after)
        return node
    if e.label == "ORG":
        org = res.orgs.get(e.id)
        if org is None or not org.key:
            return None
        node = iri("org", org.key)
        _literals(g, node, VG.Organisation, org.name)
        return node
    if e.label == "PER":
        node = iri("person", slug(label))
        _literals(g, node, VG.Person, label)
        return node
    return None


def _literals(g: Graph, node: URIRef, cls: URIRef, label: str, **values: object) -> None:
    g.add((node, RDF.type, cls))
    if (node, RDFS.label, None) not in g:
        g.add((node, RDFS.label, Literal(label)))
    for name, value in values.items():
        if value is None or value == "" or (node, VG[name], None) in g:
            continue
        if isinstance(value, bool):
            lit = Literal(value)
        elif isinstance(value, float):
            lit = Literal(value, datatype=XSD.double)
        elif hasattr(value, "isoformat"):
            lit = Literal(value.isoformat(), datatype=XSD.date)
        else:
            lit = Literal(value)
        g.add((node, VG[name], lit))


# --- queries -------------------------------------------------------------------------------------


def most_cited(g: Graph) -> list[tuple[str, int]]:
    """Legal documents cited by the most reports: (canonical id, number of reports)."""
    return [(str(row[0]), int(row[1])) for row in g.query(MOST_CITED)]


def results_under(g: Graph, canonical_id: str) -> list[tuple[str, str, float | None, str]]:
    """Results (metrics) of the tasks based on one legal document: (report, metric, value, unit)."""
    rows = g.query(RESULTS_UNDER, initBindings={"id": Literal(canonical_id)})
    return [(str(r[0]).rsplit("/", 1)[-1], str(r[1]), float(r[2]) if r[2] is not None else None, str(r[3])) for r in rows]


# --- exports -------------------------------------------------------------------------------------


def export(kg: KnowledgeGraph, out: Path, fmt: str) -> Path:
    """Write the graph as Turtle, JSON-LD, GraphML or a Neo4j import folder."""
    out = Path(out)
    if fmt == "ttl":
        atomic_write_text(out, kg.rdf.serialize(format="turtle"))
    elif fmt == "jsonld":
        atomic_write_text(out, kg.rdf.serialize(format="json-ld", context={"vg": str(VG), "rdfs": str(RDFS)}, indent=1))
    elif fmt == "graphml":
        write_graphml(kg.rdf, out)
    elif fmt == "neo4j":
        write_neo4j(kg.rdf, out)
    else:
        raise ValueError(f"unknown graph format '{fmt}' (choose from {', '.join(FORMATS)})")
    return out


def format_for(path: Path, fmt: str | None = None) -> str:
    """The export format: given, else from the file suffix, else Neo4j for a folder."""
    if fmt:
        return fmt
    return SUFFIX_FORMATS.get(Path(path).suffix.lower(), "neo4j" if not Path(path).suffix else "ttl")


@dataclass
class PropertyGraph:
    nodes: dict[str, dict[str, str]]  # iri -> properties (":LABEL" and literals)
    edges: list[tuple[str, str, str]]  # (start iri, end iri, type)


def property_graph(g: Graph) -> PropertyGraph:
    """The RDF graph as nodes with properties and typed edges (for GraphML and Neo4j)."""
    nodes: dict[str, dict[str, str]] = {}
    edges: list[tuple[str, str, str]] = []
    for s, cls in g.subject_objects(RDF.type):
        nodes.setdefault(str(s), {})[":LABEL"] = str(cls).rsplit("#", 1)[-1]
    for s, p, o in g:
        if p == RDF.type:
            continue
        name = "label" if p == RDFS.label else str(p).rsplit("#", 1)[-1]
        if isinstance(o, Literal):
            nodes.setdefault(str(s), {})[name] = str(o)
        elif str(o) in nodes or (o, RDF.type, None) in g:
            edges.append((str(s), str(o), name))
    return PropertyGraph(nodes, sorted(edges))


def write_graphml(g: Graph, out: Path) -> None:
    import networkx as nx

    pg = property_graph(g)
    nxg = nx.MultiDiGraph()
    for node, props in pg.nodes.items():
        nxg.add_node(node, **{("kind" if k == ":LABEL" else k): v for k, v in props.items()})
    for start, end, kind in pg.edges:
        nxg.add_edge(start, end, type=kind)
    out.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(nxg, out)


NEO4J_IMPORT = "neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j\n"


def write_neo4j(g: Graph, folder: Path) -> None:
    """`nodes.csv` (`id:ID`, `:LABEL`, properties) and `relationships.csv` (`:START_ID`, `:END_ID`, `:TYPE`,
    types in Neo4j's upper snake case: `HAS_TASK`, `BASED_ON`)."""
    pg = property_graph(g)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    keys = sorted({k for props in pg.nodes.values() for k in props if k != ":LABEL"})
    with (folder / "nodes.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id:ID", ":LABEL", *keys])
        for node, props in sorted(pg.nodes.items()):
            writer.writerow([node, props.get(":LABEL", "Resource"), *(props.get(k, "") for k in keys)])
    with (folder / "relationships.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([":START_ID", ":END_ID", ":TYPE"])
        for start, end, kind in pg.edges:
            writer.writerow([start, end, re.sub(r"(?<!^)(?=[A-Z])", "_", kind).upper()])
    atomic_write_text(folder / "import.sh", "#!/bin/sh\n# Load into an empty Neo4j database:\n" + NEO4J_IMPORT)


def summary(kg: KnowledgeGraph) -> dict[str, int]:
    """Node counts per class and the number of edges."""
    counts: dict[str, int] = {}
    for _, cls in kg.rdf.subject_objects(RDF.type):
        name = str(cls).rsplit("#", 1)[-1]
        counts[name] = counts.get(name, 0) + 1
    counts["edges"] = len(property_graph(kg.rdf).edges)
    return counts


def dumps_summary(kg: KnowledgeGraph) -> str:
    return json.dumps(summary(kg), ensure_ascii=False, sort_keys=True)


class CachingTagger:
    """A tagger that remembers its spans per text, so a second pass (the graph of `extract --graph`)
    does not tag the same report twice."""

    def __init__(self, tagger: object) -> None:
        self.inner = tagger
        self.name = getattr(tagger, "name", "tagger")
        self._cache: dict[str, list] = {}

    def tag(self, text: str) -> list:
        if text not in self._cache:
            self._cache[text] = self.inner.tag(text)  # type: ignore[attr-defined]
        return self._cache[text]


# --- inputs --------------------------------------------------------------------------------------


@dataclass
class GraphInputs:
    reports: list[tuple[Annotation, str]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def collect_reports(inputs: Iterable[str | Path], tagger: object | None = None, encoding: str | None = None,
                    corpus: Path | None = None) -> GraphInputs:
    """Annotation / prediction JSON files (text from the corpus, or a `<doc_id>.txt` beside the file)
    and reports (.txt, .docx, .pdf: extracted with `tagger`); folders give both kinds of file.
    A file that cannot be used is recorded and the rest go on."""
    from vngov_ie.annotation import AnnotationFormatError, read_annotation
    from vngov_ie.ingest import IngestError, iter_input_paths, read_document
    from vngov_ie.pipeline import extract, get_tagger

    result = GraphInputs()
    json_files, report_files = _split_inputs(inputs)
    for path in json_files:
        try:
            ann = read_annotation(path)
            result.reports.append((ann, _text_for(ann, path, corpus)))
        except (AnnotationFormatError, OSError, ValueError) as exc:
            result.failures.append(f"{path}: {exc}")
    if report_files:
        chosen = tagger if tagger is not None else get_tagger("rules")
        for path in iter_input_paths(report_files):
            try:
                doc = read_document(path, encoding)
                result.reports.append((extract(doc, chosen), doc.text))  # type: ignore[arg-type]
            except IngestError as exc:
                result.failures.append(str(exc))
    seen: set[str] = set()
    unique = []
    for ann, text in result.reports:
        if ann.doc_id in seen:
            result.failures.append(f"{ann.doc_id}: given twice, the first one is used")
            continue
        seen.add(ann.doc_id)
        unique.append((ann, text))
    result.reports = unique
    return result


def _split_inputs(inputs: Iterable[str | Path]) -> tuple[list[Path], list[str | Path]]:
    json_files: list[Path] = []
    reports: list[str | Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            json_files += sorted(p for p in path.rglob("*.json") if not p.name.startswith("."))
            if any(p.suffix.lower() in (".txt", ".docx", ".pdf") and not _has_json_twin(p) for p in path.rglob("*")):
                reports.append(path)
        elif path.suffix.lower() == ".json":
            json_files.append(path)
        else:
            reports.append(item)
    return json_files, reports


def _has_json_twin(path: Path) -> bool:
    """A `<doc_id>.txt` beside its `<doc_id>.json` is the JSON's text, not a report of its own."""
    return path.suffix.lower() == ".txt" and path.with_suffix(".json").is_file()


def _text_for(ann: Annotation, path: Path, corpus: Path | None) -> str:
    from vngov_ie.corpus import corpus_text
    from vngov_ie.types import sha256_text

    candidates = [Path(path).with_name(f"{ann.doc_id}.txt")]
    try:
        text = corpus_text(ann.doc_id, corpus)
    except OSError:
        text = None
    for candidate in candidates:
        if (text is None or sha256_text(text) != ann.text_sha256) and candidate.is_file():
            text = candidate.read_text(encoding="utf-8")
    if text is None:
        raise ValueError(f"no text for '{ann.doc_id}' in the corpus or beside the file")
    if sha256_text(text) != ann.text_sha256:
        raise ValueError(f"the text found for '{ann.doc_id}' does not match its text_sha256")
    return text
