"""SPARQL over a graph file or an Oxigraph store: open it, run a query with
the project's prefixes predeclared, and format the answer for people
(an aligned table) or machines (the W3C result formats).

One engine (pyoxigraph) serves ``newskg query``, ``newskg serve`` and the
notebook, so a query gives the same answer everywhere. Named graphs (one per
article) are queried as their union, so a query never needs ``GRAPH``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from newskg.errors import GraphFileError, QueryError
from newskg.graph.namespaces import DEFAULT_BASE_IRI, SCHEMA, prefixes

#: ``--format`` name -> result format for SELECT/ASK and RDF format for
#: CONSTRUCT/DESCRIBE (``table`` is for people: aligned text, or Turtle).
RESULT_FORMATS: dict[str, tuple[ox.QueryResultsFormat | None, ox.RdfFormat]] = {
    "table": (None, ox.RdfFormat.TURTLE),
    "csv": (ox.QueryResultsFormat.CSV, ox.RdfFormat.N_TRIPLES),
    "tsv": (ox.QueryResultsFormat.TSV, ox.RdfFormat.N_TRIPLES),
    "json": (ox.QueryResultsFormat.JSON, ox.RdfFormat.JSON_LD),
    "xml": (ox.QueryResultsFormat.XML, ox.RdfFormat.RDF_XML),
}

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


def open_graph(source: str | Path) -> ox.Store:
    """A store for ``source``: an Oxigraph store directory (opened
    read-only, so a query can never change it) or a graph file loaded into
    memory, its format taken from the extension (.ttl .nt .trig .nq .jsonld).
    """
    path = Path(source)
    if path.is_dir():
        try:
            return ox.Store.read_only(str(path))
        except OSError as exc:
            raise GraphFileError(f"{path} is not a readable Oxigraph store: {_one_line(exc)}") from exc
    if not path.is_file():
        raise GraphFileError(f"{path}: no such graph file or store directory")
    rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower())
    if rdf_format is None:
        raise GraphFileError(
            f"{path}: unknown graph format {path.suffix!r} (use .ttl, .nt, .trig, .nq or .jsonld)")
    store = ox.Store()
    try:
        store.load(path=str(path), format=rdf_format)
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphFileError(f"{path} is not valid {rdf_format.name}: {_one_line(exc)}") from exc
    return store


def from_knowledge_graph(kg) -> ox.Store:
    """An in-memory store of a :class:`KnowledgeGraph` just built (the
    notebook's way to query without writing a file)."""
    from newskg.exports.rdf import to_oxigraph_quads

    store = ox.Store()
    store.extend(to_oxigraph_quads(kg))
    return store


def graph_base(store: ox.Store) -> str:
    """The base IRI the graph was built with, read off an article IRI
    (``<base>article/<id>``), so instance prefixes match a custom base."""
    for solution in store.query(f"SELECT ?a WHERE {{ ?a a <{SCHEMA.NewsArticle}> }} LIMIT 1",
                                use_default_graph_as_union=True):
        iri = solution["a"].value
        if "/article/" in iri:
            return iri[: iri.rindex("article/")]
    return DEFAULT_BASE_IRI


def run_query(store: ox.Store, query: str, base: str = DEFAULT_BASE_IRI, **options) -> QueryResult:
    """Evaluate ``query`` over the union of the store's graphs.

    The project's prefixes are predeclared; a ``PREFIX`` in the query wins.
    (They are passed to the parser rather than pasted in front of the text,
    so the parser's line and column numbers point into the user's query.)
    """
    options.setdefault("use_default_graph_as_union", not options.get("default_graph"))
    try:
        return store.query(query, prefixes=prefixes(base), **options)
    except SyntaxError as exc:
        raise QueryError(f"malformed SPARQL: {_one_line(exc)}") from exc
    except (OSError, ValueError) as exc:
        raise QueryError(f"query failed: {_one_line(exc)}") from exc


def format_result(result: QueryResult, fmt: str = "table", base: str = DEFAULT_BASE_IRI,
                  max_width: int = 80) -> bytes:
    """``result`` as bytes in ``fmt`` (a key of :data:`RESULT_FORMATS`).

    ``table``: SELECT as aligned columns with IRIs shortened to prefixed
    names (cells cut at ``max_width``; 0 keeps them whole), ASK as yes/no,
    CONSTRUCT/DESCRIBE as Turtle.
    """
    results_format, rdf_format = RESULT_FORMATS[fmt]
    known = prefixes(base)
    if isinstance(result, ox.QueryTriples):
        return serialize_graph(result, rdf_format, base)
    if results_format is not None:
        return result.serialize(format=results_format)
    if isinstance(result, ox.QueryBoolean):
        return b"yes\n" if bool(result) else b"no\n"
    return table(result, known, max_width).encode()


def serialize_graph(result: ox.QueryTriples, rdf_format: ox.RdfFormat, base: str = DEFAULT_BASE_IRI) -> bytes:
    """A CONSTRUCT/DESCRIBE result in ``rdf_format``, with the project's prefixes."""
    return ox.serialize(result, format=rdf_format, prefixes=prefixes(base)) or b""


def table(solutions: ox.QuerySolutions, known: dict[str, str], max_width: int = 80) -> str:
    """Aligned text columns, one row per solution, and a row count."""
    header = [v.value for v in solutions.variables]
    rows = [[_cell(solution[i], known, max_width) for i in range(len(header))] for solution in solutions]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(),
        "  ".join("-" * w for w in widths),
        *("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows),
        f"({len(rows)} row{'s' if len(rows) != 1 else ''})",
    ]
    return "\n".join(lines) + "\n"


def short_name(term, known: dict[str, str]) -> str:
    """A term as a person reads it: ``country:kazakhstan`` for an IRI under
    a known namespace (else ``<iri>``), a literal's text, ``_:b0``."""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        best = max((ns for ns in known.values() if iri.startswith(ns)), key=len, default=None)
        local = iri[len(best):] if best else ""
        if best and re.fullmatch(r"[\w.-]*", local) and not local.endswith("."):
            prefix = next(p for p, ns in known.items() if ns == best)
            return f"{prefix}:{local}"
        return f"<{iri}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _cell(term, known: dict[str, str], max_width: int) -> str:
    text = "" if term is None else " ".join(short_name(term, known).split())
    return text if not max_width or len(text) <= max_width else text[: max_width - 1] + "…"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# ---- shipped example queries ---------------------------------------------

@dataclass(frozen=True)
class Example:
    """One query file of ``newskg/queries``, named after the file."""

    name: str
    title: str
    description: str
    text: str


def examples() -> dict[str, Example]:
    """The example queries, by name, read from their ``# title:`` and
    ``# description:`` header comments."""
    found = {}
    for entry in sorted(resources.files("newskg").joinpath("queries").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        header = dict(re.findall(r"^#\s*(title|description):\s*(.+?)\s*$", text, flags=re.MULTILINE))
        name = entry.name[: -len(".rq")]
        found[name] = Example(name, header.get("title", name), header.get("description", ""), text)
    return found


def example(name: str) -> Example:
    known = examples()
    if name not in known:
        raise QueryError(f"no example query named {name!r} (newskg query --examples lists {', '.join(known)})")
    return known[name]
