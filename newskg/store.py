"""An on-disk Oxigraph store that grows build after build.

Each article's facts and statement nodes live in a named graph whose name is
the article IRI, and an article's id is a hash of its text. So a build that
meets an article again can tell, without re-reading it, whether it is

* unchanged (its graph is already there): nothing to do;
* changed (its file was stored before under another id): drop the old
  graph, add the new one, so only that article's facts are replaced;
* new: add its graph.

Entity descriptions (``<base>graph/entities``) are merged: an entity keeps
the label and type it was first stored with, and later spellings become
``skos:altLabel``. Entities that no article mentions any more are kept.

The lead's build uses it as::

    store = GraphStore(directory)
    kg = build(paths, skip_ids=store.article_ids())
    store.update(kg)

An update interrupted between dropping a changed article and adding its new
version leaves that article out; the next build sees it as new and adds it.
"""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.namespace import RDF, RDFS, SKOS

from newskg.errors import GraphFileError
from newskg.exports.rdf import to_oxigraph_quads
from newskg.graph.knowledge_graph import KnowledgeGraph
from newskg.graph.namespaces import NKG, SCHEMA

RDF_TYPE, RDFS_LABEL, SKOS_ALT_LABEL = (ox.NamedNode(str(term)) for term in (RDF.type, RDFS.label, SKOS.altLabel))

STORED_ARTICLES = f"""
SELECT ?article ?path WHERE {{
  GRAPH ?article {{ ?article a <{SCHEMA.NewsArticle}> ; <{NKG.sourceFile}> ?path }}
}}"""


@dataclass(frozen=True)
class StoreUpdate:
    """Article ids by what :meth:`GraphStore.update` did with them."""

    added: tuple[str, ...]
    replaced: tuple[str, ...]  # new ids of articles whose file was stored before with other text
    unchanged: tuple[str, ...]


class GraphStore:
    """A read-write Oxigraph store in ``directory`` (created if missing)."""

    def __init__(self, directory: str | os.PathLike):
        self.directory = os.fspath(directory)
        try:
            self.oxigraph = ox.Store(self.directory)
        except OSError as exc:
            raise GraphFileError(f"cannot open the store {self.directory}: {' '.join(str(exc).split())}") from exc

    def __len__(self) -> int:
        """The number of quads stored."""
        return len(self.oxigraph)

    def article_ids(self) -> set[str]:
        """Ids of every stored article (pass them to ``build(skip_ids=…)``)."""
        return set(self._stored_articles())

    def _stored_articles(self) -> dict[str, tuple[ox.NamedNode, str]]:
        """article id -> (graph name, source file path)."""
        return {
            row["article"].value.rsplit("/", 1)[-1]: (row["article"], row["path"].value)
            for row in self.oxigraph.query(STORED_ARTICLES)
        }

    def update(self, kg: KnowledgeGraph) -> StoreUpdate:
        """Add ``kg``'s new articles, replace changed ones, merge entities."""
        stored = self._stored_articles()
        stored_by_path = {path: graph for _, (graph, path) in stored.items()}
        by_graph: dict[str, list[ox.Quad]] = defaultdict(list)
        for quad in to_oxigraph_quads(kg):
            by_graph[quad.graph_name.value].append(quad)

        added, replaced, unchanged, new_quads = [], [], [], []
        for article in kg.articles.values():
            if article.id in stored:
                unchanged.append(article.id)
                continue
            previous = stored_by_path.get(article.path)
            if previous is not None:
                self.oxigraph.remove_graph(previous)
                replaced.append(article.id)
            else:
                added.append(article.id)
            new_quads += by_graph[str(kg.article_iri(article.id))]
        new_quads += self._merged_entity_quads(by_graph[str(kg.entities_graph_iri)])
        self.oxigraph.extend(new_quads)
        self.oxigraph.flush()
        return StoreUpdate(tuple(added), tuple(replaced), tuple(unchanged))

    def _merged_entity_quads(self, quads: list[ox.Quad]) -> list[ox.Quad]:
        """Entity quads to add: all of a new entity's; for a stored one, its
        new spellings as alternative labels (one label per entity, always)."""
        merged = []
        labels: dict[ox.NamedNode, set] = {}  # per entity, looked up once
        for quad in quads:
            if quad.subject not in labels:
                labels[quad.subject] = {q.object for q in self.oxigraph.quads_for_pattern(quad.subject, RDFS_LABEL, None)}
            stored_labels = labels[quad.subject]
            if not stored_labels:
                merged.append(quad)
            elif quad.predicate == RDFS_LABEL:
                if quad.object not in stored_labels:
                    merged.append(ox.Quad(quad.subject, SKOS_ALT_LABEL, quad.object, quad.graph_name))
            elif quad.predicate != RDF_TYPE:
                merged.append(quad)
        return merged
