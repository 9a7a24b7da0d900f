"""The merged knowledge graph, and the one place its RDF and NetworkX forms
are derived from the facts (so the two can never drift apart).

RDF layout (see ``newskg/data/ontology.ttl``):

* each fact once as a plain triple ``<s> nkg:memberOf <o>``, so simple
  SPARQL stays simple;
* its provenance on a statement node (``rdf:Statement`` with
  ``prov:wasDerivedFrom`` the article, ``nkg:evidence``, offsets,
  confidence, extractor, and for a meeting the ``nkg:place`` its sentence
  names): one per stating sentence;
* as quads, every article's facts and statement nodes in a named graph whose
  name is the article IRI, and entity descriptions in ``<base>graph/entities``.
  A store can then replace one changed article by dropping its graph; Turtle
  exports are the union.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from newskg.graph.namespaces import (
    DEFAULT_BASE_IRI,
    NKG,
    PREFIXES,
    SCHEMA,
    WD,
    relation_property,
)
from newskg.model import Article, ArticleProblem, Entity, Fact

Quad = tuple[URIRef, URIRef, object, URIRef]


@dataclass
class KnowledgeGraph:
    """Articles, entities and facts of one build, with their graph views.

    ``min_confidence`` splits facts: those below it stay in the graph as
    statement nodes marked ``nkg:lowConfidence true`` without the plain
    triple, and are left out of the NetworkX view and ``triples.csv``.
    """

    articles: dict[str, Article]
    entities: dict[str, Entity]
    facts: list[Fact]
    base_iri: str = DEFAULT_BASE_IRI
    min_confidence: float = 0.5
    problems: list[ArticleProblem] = field(default_factory=list)
    written_names: dict[tuple[str, str], str] = field(default_factory=dict)  # (article id, key) -> name as written
    already_stored: int = 0  # articles skipped because a store holds them unchanged
    seconds: float = 0.0  # how long the build took

    def name_in_article(self, key: str, article_id: str) -> str:
        """How the article wrote an entity, else its canonical label."""
        return self.written_names.get((article_id, key)) or self.entities[key].label

    # ---- IRIs -----------------------------------------------------------
    def entity_iri(self, key: str) -> URIRef:
        return URIRef(f"{self.base_iri}entity/{key}")

    def article_iri(self, article_id: str) -> URIRef:
        return URIRef(f"{self.base_iri}article/{article_id}")

    def fact_iri(self, fact: Fact) -> URIRef:
        s, r, o = fact.triple
        ident = f"{s}|{r.value}|{o}|{fact.evidence.article_id}|{fact.evidence.start}"
        return URIRef(f"{self.base_iri}fact/{hashlib.sha1(ident.encode()).hexdigest()[:16]}")

    @property
    def entities_graph_iri(self) -> URIRef:
        return URIRef(f"{self.base_iri}graph/entities")

    # ---- views of the facts --------------------------------------------
    @cached_property
    def confident_facts(self) -> list[Fact]:
        return [f for f in self.facts if f.confidence >= self.min_confidence]

    @cached_property
    def facts_by_triple(self) -> dict[tuple, list[Fact]]:
        """Confident facts grouped by what they state, evidence in order."""
        grouped: dict[tuple, list[Fact]] = defaultdict(list)
        for fact in self.confident_facts:
            grouped[fact.triple].append(fact)
        return dict(grouped)

    def mention_counts(self) -> Counter:
        """How many confident facts touch each entity (for node size)."""
        counts: Counter = Counter()
        for fact in self.confident_facts:
            counts[fact.subject] += 1
            if not fact.relation.literal_object:
                counts[fact.object] += 1
        return counts

    # ---- RDF --------------------------------------------------------------
    def quads(self) -> Iterator[Quad]:
        """Every statement of the graph, each in its named graph."""
        entities_g = self.entities_graph_iri
        for entity in self.entities.values():
            iri = self.entity_iri(entity.key)
            yield iri, RDF.type, NKG[entity.type.value], entities_g
            yield iri, RDFS.label, Literal(entity.label), entities_g
            for alias in entity.aliases:
                if alias != entity.label:
                    yield iri, SKOS.altLabel, Literal(alias), entities_g
            if entity.qid:
                yield iri, OWL.sameAs, WD[entity.qid], entities_g
        for article in self.articles.values():
            yield from self._article_quads(article)
        for fact in self.facts:
            yield from self._fact_quads(fact)

    def _article_quads(self, article: Article) -> Iterator[Quad]:
        iri = self.article_iri(article.id)
        yield iri, RDF.type, SCHEMA.NewsArticle, iri
        yield iri, NKG.sourceFile, Literal(article.path), iri
        if article.title:
            yield iri, SCHEMA.headline, Literal(article.title), iri
        if article.published:
            yield iri, SCHEMA.datePublished, Literal(article.published, datatype=XSD.date), iri
        if article.outlet:
            yield iri, SCHEMA.publisher, Literal(article.outlet), iri
        if article.url:
            yield iri, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI), iri

    def _fact_quads(self, fact: Fact) -> Iterator[Quad]:
        graph = self.article_iri(fact.evidence.article_id)
        s, relation, o = fact.triple  # "A met B" and "B met A" are one triple
        subject, prop = self.entity_iri(s), URIRef(relation_property(relation))
        obj = Literal(o, datatype=XSD.gYear) if relation.literal_object else self.entity_iri(o)
        confident = fact.confidence >= self.min_confidence
        if confident:
            yield subject, prop, obj, graph
        node = self.fact_iri(fact)
        yield node, RDF.type, RDF.Statement, graph
        yield node, RDF.subject, subject, graph
        yield node, RDF.predicate, prop, graph
        yield node, RDF.object, obj, graph
        yield node, PROV.wasDerivedFrom, graph, graph
        yield node, NKG.evidence, Literal(fact.evidence.sentence), graph
        yield node, NKG.charStart, Literal(fact.evidence.start), graph
        yield node, NKG.charEnd, Literal(fact.evidence.end), graph
        yield node, NKG.confidence, Literal(round(fact.confidence, 3), datatype=XSD.decimal), graph
        yield node, NKG.extractor, Literal(fact.extractor), graph
        for place in fact.evidence.places:
            yield node, NKG.place, self.entity_iri(place), graph
        if not confident:
            yield node, NKG.lowConfidence, Literal(True), graph

    @cached_property
    def rdf(self) -> Graph:
        """The union of all named graphs, as one rdflib graph."""
        graph = Graph()
        _bind(graph)
        for s, p, o, _ in self.quads():
            graph.add((s, p, o))
        return graph

    # ---- NetworkX -------------------------------------------------------
    @cached_property
    def nx(self) -> nx.MultiDiGraph:
        """Entities as nodes, one edge per (subject, relation, object).

        Edge ``evidence`` lists every supporting sentence (article id,
        sentence, offsets, confidence, extractor); literal facts (a founding
        year) become node attributes named after the relation.
        """
        graph = nx.MultiDiGraph(base_iri=self.base_iri)
        counts = self.mention_counts()
        for entity in self.entities.values():
            graph.add_node(
                entity.key,
                label=entity.label,
                type=entity.type.value,
                aliases=list(entity.aliases),
                qid=entity.qid or "",
                iri=str(self.entity_iri(entity.key)),
                facts=counts.get(entity.key, 0),
            )
        for (subject, relation, obj), facts in self.facts_by_triple.items():
            evidence = [
                {
                    "article_id": f.evidence.article_id,
                    "sentence": f.evidence.sentence,
                    "start": f.evidence.start,
                    "end": f.evidence.end,
                    "confidence": f.confidence,
                    "extractor": f.extractor,
                }
                for f in facts
            ]
            if relation.literal_object:
                graph.nodes[subject].setdefault(relation.value, obj)
                continue
            graph.add_edge(
                subject,
                obj,
                key=relation.value,
                relation=relation.value,
                confidence=max(f.confidence for f in facts),
                articles=sorted({f.evidence.article_id for f in facts}),
                evidence=evidence,
            )
        return graph

    # ---- summaries ------------------------------------------------------
    def entity_type_counts(self) -> Counter:
        return Counter(e.type.value for e in self.entities.values())

    def relation_counts(self) -> Counter:
        return Counter(triple[1].value for triple in self.facts_by_triple)


def _bind(graph: Graph) -> None:
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
