"""Check a graph against the project's SHACL shapes (``newskg/data/shapes.ttl``)
and say what is wrong in words: which node, which property, and why.

Also the one place that locates the shipped ontology and shapes files, so
the build can copy the ontology next to ``graph.ttl``.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from newskg import sparql


def ontology_path() -> Path:
    """The shipped ontology (``newskg/data/ontology.ttl``)."""
    return _data_file("ontology.ttl")


def shapes_path() -> Path:
    """The shipped SHACL shapes (``newskg/data/shapes.ttl``)."""
    return _data_file("shapes.ttl")


def _data_file(name: str) -> Path:
    return Path(str(resources.files("newskg").joinpath("data", name)))


@dataclass(frozen=True)
class Violation:
    """One failed constraint, with terms shortened to prefixed names."""

    focus: str
    path: str
    message: str
    value: str = ""

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}".strip()
        value = f" (value: {self.value})" if self.value else ""
        return f"{where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    source: str
    violations: tuple[Violation, ...]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def text(self, limit: int = 50) -> str:
        """The report for a person: a verdict line, then one line per violation."""
        if self.conforms:
            return f"{self.source} conforms to the newskg shapes\n"
        count = len(self.violations)
        lines = [f"{self.source} does not conform: {count} violation{'s' if count != 1 else ''}"]
        lines += [f"  {v}" for v in self.violations[: limit or None]]
        if limit and count > limit:
            lines.append(f"  … and {count - limit} more (--limit 0 shows all)")
        return "\n".join(lines) + "\n"


def validate(source: str | Path) -> ValidationReport:
    """Validate a graph file or store (the union of its named graphs)."""
    import pyoxigraph as ox
    import pyshacl
    from rdflib import Graph

    store = sparql.open_graph(source)
    known = sparql.prefixes(sparql.graph_base(store))
    union = sparql.run_query(store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    data = Graph().parse(data=ox.serialize(union, format=ox.RdfFormat.N_TRIPLES) or b"", format="nt")
    shapes = Graph().parse(shapes_path(), format="turtle")
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False)
    return ValidationReport(str(source), _violations(results, known))


def _violations(results, known: dict[str, str]) -> tuple[Violation, ...]:
    from rdflib.namespace import RDF, SH

    def short(term) -> str:
        return _short(term, known) if term is not None else ""

    found = {
        Violation(
            focus=short(results.value(result, SH.focusNode)),
            path=short(results.value(result, SH.resultPath)),
            message=str(results.value(result, SH.resultMessage) or "constraint violated"),
            value=short(results.value(result, SH.value)),
        )
        for result in results.subjects(RDF.type, SH.ValidationResult)
    }
    return tuple(sorted(found, key=lambda v: (v.focus, v.path, v.message)))


def _short(term, known: dict[str, str]) -> str:
    """An rdflib term shortened like the query table shortens pyoxigraph's."""
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return sparql.short_name(ox.NamedNode(str(term)), known)
    if isinstance(term, Literal):
        return f'"{term}"'
    return "[]"  # a blank node: e.g. an alternative property path, which the message names
