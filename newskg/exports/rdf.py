"""RDF exports of a :class:`KnowledgeGraph`: Turtle, N-Triples, JSON-LD
(union of all statements) and TriG / N-Quads (one named graph per article,
so provenance survives as graph names too).

Serialisation goes through pyoxigraph, which is an order of magnitude faster
than rdflib's serialisers on large graphs and writes strictly valid syntax.
"""
from __future__ import annotations

import os

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF

from newskg.exports.atomic import atomic_write
from newskg.graph.knowledge_graph import KnowledgeGraph
from newskg.graph.namespaces import prefixes

__all__ = ["FORMATS", "rdf_statements", "write_rdf", "to_oxigraph_quads", "to_oxigraph_triples"]

#: format name -> (file name, pyoxigraph format, keeps named graphs)
FORMATS: dict[str, tuple[str, ox.RdfFormat, bool]] = {
    "turtle": ("graph.ttl", ox.RdfFormat.TURTLE, False),
    "ntriples": ("graph.nt", ox.RdfFormat.N_TRIPLES, False),
    "jsonld": ("graph.jsonld", ox.RdfFormat.JSON_LD, False),
    "trig": ("graph.trig", ox.RdfFormat.TRIG, True),
    "nquads": ("graph.nq", ox.RdfFormat.N_QUADS, True),
}


def _term(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_oxigraph_quads(kg: KnowledgeGraph) -> list[ox.Quad]:
    """Every statement with its named graph, for a pyoxigraph store."""
    return [ox.Quad(_term(s), _term(p), _term(o), _term(g)) for s, p, o, g in kg.quads()]


def to_oxigraph_triples(kg: KnowledgeGraph) -> list[ox.Triple]:
    """The union graph: named graphs dropped, duplicates removed (one
    entity triple may be stated by several articles)."""
    union = dict.fromkeys((s, p, o) for s, p, o, _ in kg.quads())
    return [ox.Triple(_term(s), _term(p), _term(o)) for s, p, o in sorted(union, key=_subject_order)]


def _subject_order(triple) -> tuple:
    """Group by subject so Turtle writes each entity as one block."""
    return (str(triple[0]), str(triple[1]) != str(RDF.type))


def rdf_statements(kg: KnowledgeGraph, fmt: str) -> list[ox.Quad] | list[ox.Triple]:
    """What a format of :data:`FORMATS` writes: quads when it keeps named graphs, else the union."""
    return to_oxigraph_quads(kg) if FORMATS[fmt][2] else to_oxigraph_triples(kg)


def write_rdf(kg: KnowledgeGraph, path: str | os.PathLike, fmt: str = "turtle", statements: list | None = None) -> None:
    """Write ``kg`` in one of :data:`FORMATS`, atomically. ``statements``:
    :func:`rdf_statements` for this format, when the caller writes several
    formats and converts the graph once per kind."""
    with atomic_write(path, "wb") as handle:
        ox.serialize(statements if statements is not None else rdf_statements(kg, fmt), handle, FORMATS[fmt][1],
                     prefixes=prefixes(kg.base_iri))
