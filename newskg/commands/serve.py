"""Serve a graph file or store as a read-only SPARQL endpoint.

The SPARQL 1.1 Protocol at http://HOST:PORT/sparql (GET ?query=, POST
application/sparql-query or form-encoded query=), results as JSON, XML, CSV
or TSV by the Accept header (Turtle, N-Triples, JSON-LD for CONSTRUCT), and a
page to type queries at http://HOST:PORT/ that needs no network.

Updates are refused (403); a query over 100 kB gets 413, one running past
--timeout seconds is stopped and gets 503. Queries run in --workers worker
processes, each holding the graph in memory (a store directory is opened
read-only instead).

example:
  newskg serve out/graph.ttl
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT ?c WHERE { ?c nkg:memberOf ?o }' http://127.0.0.1:7878/sparql
"""
from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("graph", metavar="GRAPH_OR_STORE", help="graph file (.ttl .nt .trig .nq .jsonld) or store directory")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    parser.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                        help="stop a query after this long and answer 503 (default 30)")
    parser.add_argument("--workers", type=int, default=2, metavar="N",
                        help="queries answered at once, one process each (default 2)")


def run(args: argparse.Namespace) -> int:
    from newskg.serve import make_server

    server = make_server(args.graph, args.host, args.port, args.workers, args.timeout)
    print(f"newskg: serving {args.graph}: query page {server.url}, SPARQL endpoint {server.url}sparql "
          "(Ctrl-C stops)", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
