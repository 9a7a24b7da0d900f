"""Run a SPARQL query over a graph file or an Oxigraph store.

GRAPH is a .ttl/.nt/.trig/.nq/.jsonld file or a store directory (opened
read-only). The prefixes of the exports (nkg: rdfs: skos: owl: wd: wdt:
schema: prov: country: person: organization: city: article: ...) are
predeclared, and named graphs are queried as one union.

examples:
  newskg query out/graph.ttl 'SELECT ?c WHERE { ?c nkg:memberOf ?o . ?o rdfs:label "BRICS" }'
  newskg query out/graph.ttl --file my-query.rq --format csv
  newskg query --examples
  newskg query out/graph.ttl --example members

Output: an aligned table (SELECT), yes/no (ASK) or Turtle (CONSTRUCT,
DESCRIBE); --format csv|tsv|json|xml gives the W3C SPARQL result formats
(N-Triples / JSON-LD / RDF/XML for CONSTRUCT). Exit status 2 for a malformed query.
"""
from __future__ import annotations

import argparse
import sys

from newskg.errors import QueryError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("graph", nargs="?", metavar="GRAPH",
                        help="graph file (.ttl .nt .trig .nq .jsonld) or Oxigraph store directory")
    parser.add_argument("query", nargs="?", metavar="SPARQL", help="the query text")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--file", "-f", metavar="Q.rq", help="read the query from this file ('-' for stdin)")
    source.add_argument("--example", "-e", metavar="NAME", help="run one of the shipped example queries")
    source.add_argument("--examples", action="store_true", help="list the shipped example queries and exit")
    parser.add_argument("--format", choices=("table", "csv", "tsv", "json", "xml"), default="table",
                        help="output format (default: a readable table)")
    parser.add_argument("--max-width", type=int, default=80, metavar="N",
                        help="cut table cells longer than N characters (0: never; default 80)")


def run(args: argparse.Namespace) -> int:
    from newskg import sparql

    if args.examples:
        for item in sparql.examples().values():
            print(f"{item.name:<15} {item.title}\n{'':<15} {item.description}")
        return 0
    if args.graph is None:
        raise QueryError("give a GRAPH file or store directory (or --examples)")
    text = _query_text(args)
    store = sparql.open_graph(args.graph)
    base = sparql.graph_base(store)
    output = sparql.format_result(sparql.run_query(store, text, base), args.format, base, args.max_width)
    sys.stdout.buffer.write(output)
    sys.stdout.flush()
    return 0


def _query_text(args: argparse.Namespace) -> str:
    from newskg import sparql

    given = [bool(args.query), bool(args.file), bool(args.example)]
    if sum(given) != 1:
        raise QueryError("give exactly one query: SPARQL text, --file Q.rq or --example NAME")
    if args.example:
        return sparql.example(args.example).text
    if args.file:
        if args.file == "-":
            return sys.stdin.read()
        try:
            with open(args.file, encoding="utf-8") as handle:
                return handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read query file {args.file}: {exc}") from exc
    return args.query
