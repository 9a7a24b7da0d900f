"""``triples.csv``: one row per fact per article that states it, with the
evidence sentence — the table a spreadsheet user or the scorer reads.

Names are written as that article writes them ("US" in one row, "United
States" in another), so each row quotes its source; ``subject_id`` and
``object_id`` are the entity keys (the IRI paths), which are the same
across articles and join rows about one entity.
"""
from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import astuple, dataclass, fields

from newskg.exports.atomic import atomic_write
from newskg.graph.knowledge_graph import KnowledgeGraph

__all__ = ["FactRow", "fact_rows", "write_csv"]


@dataclass(frozen=True)
class FactRow:
    subject: str
    relation: str
    object: str
    subject_type: str
    object_type: str
    source: str  # the article's file path
    evidence: str
    confidence: float
    extractor: str
    subject_id: str
    object_id: str


def fact_rows(kg: KnowledgeGraph) -> Iterator[FactRow]:
    """Confident facts as rows, names not keys: one row per fact per
    article, with the sentence that states it most clearly."""
    entities = kg.entities
    for fact in _one_per_article(kg.confident_facts):
        article = fact.evidence.article_id
        if fact.relation.literal_object:
            obj_name, obj_type, obj_id = fact.object, "Year", ""
        else:
            obj_name, obj_type, obj_id = kg.name_in_article(fact.object, article), entities[fact.object].type.value, fact.object
        yield FactRow(kg.name_in_article(fact.subject, article), fact.relation.value, obj_name,
                      entities[fact.subject].type.value, obj_type, kg.articles[article].path,
                      fact.evidence.sentence, round(fact.confidence, 3), fact.extractor, fact.subject, obj_id)


def _one_per_article(facts) -> list:
    """For each fact and article, the most confident (then earliest)
    sentence that states it; in article order, then text order."""
    best = {}
    for fact in sorted(facts, key=lambda f: (-f.confidence, f.evidence.start)):
        best.setdefault((fact.triple, fact.evidence.article_id), fact)
    return sorted(best.values(), key=lambda f: (f.evidence.article_id, f.evidence.start))


def write_csv(kg: KnowledgeGraph, path: str | os.PathLike) -> int:
    """Write ``triples.csv`` atomically; returns the number of rows."""
    count = 0
    with atomic_write(path, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f.name for f in fields(FactRow)])
        for row in fact_rows(kg):
            writer.writerow(astuple(row))
            count += 1
    return count
