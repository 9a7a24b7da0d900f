"""Check a graph against the newskg SHACL shapes and list what is wrong.

GRAPH is a .ttl/.nt/.trig/.nq/.jsonld file or an Oxigraph store directory.
Each violation is one line: the node, the property, and what the shape
expects (an entity needs exactly one rdfs:label; a statement needs its
article, evidence sentence and a confidence from 0 to 1; nkg:leaderOf goes
from a Person to a Country or Organization; ...). The shapes file is
newskg/data/shapes.ttl.

Exit status: 0 when the graph conforms, 1 when it does not (or cannot be read).
"""
from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("graph", metavar="GRAPH", help="graph file or Oxigraph store directory")
    parser.add_argument("--limit", type=int, default=50, metavar="N",
                        help="show at most N violations (0: all; default 50)")


def run(args: argparse.Namespace) -> int:
    from newskg.validate import validate

    report = validate(args.graph)
    sys.stdout.write(report.text(args.limit))
    return 0 if report.conforms else 1
