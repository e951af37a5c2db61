"""The stages wired together: document -> normalised text -> spans -> annotation."""

from __future__ import annotations

from pathlib import Path

from vngov_ie.annotation import new_annotation
from vngov_ie.link import link_relations
from vngov_ie.normalise import normalise
from vngov_ie.tag import Tagger
from vngov_ie.tag.tidy import tidy_spans
from vngov_ie.tasks import find_tasks
from vngov_ie.types import Annotation, Document, Span

TAGGERS: tuple[str, ...] = ("model", "rules", "rules+model", "crf")
DEFAULT_TAGGER = "crf"  # the shipped model folder's CRF (stacked on the rules): the best tagger on dev


def get_tagger(name: str = DEFAULT_TAGGER, model_dir: Path | None = None) -> Tagger:
    """The tagger called `name` (the shipped model unless `model_dir` names another)."""
    if name not in TAGGERS:
        raise ValueError(f"unknown tagger '{name}' (choose from {', '.join(TAGGERS)})")
    from vngov_ie.rules import RuleTagger

    if name == "rules":
        if model_dir is not None:
            raise ValueError(f"a model folder ({model_dir}) needs a model tagger, not 'rules'")
        return RuleTagger()
    if name == "crf":
        from vngov_ie.model.default import default_model_dir
        from vngov_ie.model.features import folder_crf

        return folder_crf(model_dir if model_dir is not None else default_model_dir(), RuleTagger())
    from vngov_ie.tag.model import load_model_tagger

    if "+" not in name:
        return load_model_tagger(model_dir)
    from vngov_ie.tag.merged import LastTextCache, MergedTagger

    rules = LastTextCache(RuleTagger())  # the model's rule features and the merge share one pass
    model = load_model_tagger(model_dir, rules=rules)
    return MergedTagger(rules, model, name=name)


def clear_text_caches() -> None:
    """Forget what the stages cached about texts already seen (a document's layout, the parts of speech
    of its units' openings, its sentences' shapes, word splits of its lines), so that a timed pass over
    documents another tagger has just read starts as cold as on new ones. Loaded models stay."""
    from vngov_ie import convert, task_filter, task_split, tasks

    for cached in (tasks.layout, task_filter._pos_tags, task_split._sentence_shape, convert._line_words):
        cached.cache_clear()


def clean_span(text: str, span: Span) -> Span | None:
    """Trim whitespace at the edges; drop a span that crosses a table cell `|`."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start or "|" in text[start:end]:
        return None
    return Span(start, end, span.label)


def tag_document(doc: Document, tagger: Tagger) -> list[Span]:
    """Spans with offsets into `doc.text` as given (tagging runs on normalised text); the spec's table
    and list rules are applied to every tagger's spans (`tag.tidy`)."""
    norm = normalise(doc.text)
    spans = []
    for span in tidy_spans(norm.text, tagger.tag(norm.text)):
        start, end = norm.to_original(span.start, span.end)
        cleaned = clean_span(doc.text, Span(start, end, span.label))
        if cleaned is not None:
            spans.append(cleaned)
    return spans


def extract(doc: Document, tagger: Tagger) -> Annotation:
    """Entities, relations and tasks of one document in the annotation format."""
    ann = new_annotation(doc.doc_id, doc.text, tag_document(doc, tagger))
    ann.relations = link_relations(ann.entities, doc.text)
    found = find_tasks(doc.text, ann.entities)
    ann.tasks = found.tasks
    ann.relations += found.relations
    return ann
