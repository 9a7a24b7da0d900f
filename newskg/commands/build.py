"""Build a knowledge graph from news articles (files or folders).

Reads .txt, .md, .html and .json/.jsonl articles, extracts who leads what,
who is a member of what, who founded, met or works for whom, and writes into
--out: graph.ttl (Turtle), triples.csv (one row per fact per article, with
its evidence sentence), graph.html (interactive, works offline) and
ontology.ttl; more with --format. Unreadable inputs are listed at the end
and make the exit status 1, but the readable ones are still built.

example:
  newskg build seeds/ --out out/
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

DEFAULT_FORMATS = ("turtle", "csv", "html")
ALL_FORMATS = ("turtle", "csv", "html", "ntriples", "jsonld", "trig", "nquads", "graphml")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="PATH", help="article files or folders (searched recursively)")
    parser.add_argument("--out", "-o", default="out", metavar="DIR", help="output folder (default: %(default)s)")
    parser.add_argument("--format", "-f", dest="formats", default=",".join(DEFAULT_FORMATS), metavar="LIST",
                        help=f"comma-separated outputs among {', '.join(ALL_FORMATS)}, or 'all' (default: %(default)s)")
    parser.add_argument("--base-iri", default=None, metavar="IRI",
                        help="namespace for entity, article and fact IRIs (default: https://newskg.example/)")
    parser.add_argument("--min-confidence", type=float, default=0.5, metavar="X",
                        help="facts below this confidence stay in the RDF as nkg:lowConfidence statements but are "
                             "left out of triples.csv, the plain triples and the page (default: %(default)s)")
    parser.add_argument("--model", default=None, help="spaCy model package or path (default: the pinned en_core_web_sm)")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                        help="spaCy worker processes (default: %(default)s; 2 pays off past ~50 articles)")
    parser.add_argument("--html-max-nodes", type=int, default=None, metavar="N",
                        help="show only the N most connected entities in graph.html (the page says so)")
    parser.add_argument("--store", metavar="DIR", default=None,
                        help="also add the graph to an on-disk Oxigraph store; unchanged articles already in it "
                             "are not parsed again, changed ones replace their own facts")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")


def run(args: argparse.Namespace) -> int:
    from newskg.errors import UsageError
    from newskg.graph.namespaces import DEFAULT_BASE_IRI
    from newskg.pipeline import build

    formats = _formats(args.formats)
    if not 0.0 <= args.min_confidence <= 1.0:
        raise UsageError("--min-confidence must be between 0 and 1")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        from newskg.errors import OutputError

        raise OutputError(f"--out {out} exists and is not a folder")
    store = None
    if args.store:
        from newskg.store import GraphStore

        store = GraphStore(args.store)
    kg = build(
        args.inputs,
        base_iri=args.base_iri or DEFAULT_BASE_IRI,
        min_confidence=args.min_confidence,
        model=args.model,
        n_process=max(1, args.jobs),
        skip_ids=store.article_ids() if store else frozenset(),
        progress=None if args.quiet else _progress_bar,
    )
    if kg.articles or store is None:
        written = _write(kg, out, formats, args.html_max_nodes)
    else:
        written = [f"nothing new for {out}: every article is already in the store unchanged; files left as they were"]
    if store is not None:
        update = store.update(kg)
        written.append(f"{args.store} (store: {len(update.added)} added, {len(update.replaced)} replaced, "
                       f"{len(update.unchanged)} unchanged)")
    if not args.quiet:
        _summary(kg, written)
    for problem in kg.problems:
        print(f"newskg: skipped {problem.path}: {problem.reason}", file=sys.stderr)
    return 1 if kg.problems else 0


def _formats(value: str) -> list[str]:
    from newskg.errors import UsageError

    names = list(ALL_FORMATS) if value.strip() == "all" else [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in ALL_FORMATS]
    if unknown or not names:
        raise UsageError(f"unknown --format {', '.join(unknown) or value!r}; choose among {', '.join(ALL_FORMATS)}")
    return names


def _write(kg, out: Path, formats: list[str], html_max_nodes: int | None) -> list[str]:
    from newskg.exports.rdf import FORMATS as RDF_FORMATS, rdf_statements, write_rdf

    written = []
    statements: dict[bool, list] = {}  # named graphs kept or not -> the converted graph, once each
    for name in formats:
        if name in RDF_FORMATS:
            path = out / RDF_FORMATS[name][0]
            named = RDF_FORMATS[name][2]
            if named not in statements:
                statements[named] = rdf_statements(kg, name)
            write_rdf(kg, path, name, statements[named])
        elif name == "csv":
            from newskg.exports.csv import write_csv

            path = out / "triples.csv"
            write_csv(kg, path)
        elif name == "graphml":
            from newskg.exports.graphml import write_graphml

            path = out / "graph.graphml"
            write_graphml(kg, path)
        else:
            from newskg.exports.html import write_html

            path = out / "graph.html"
            write_html(kg, path, max_nodes=html_max_nodes)
        written.append(str(path))
    if any(name in RDF_FORMATS for name in formats):
        from newskg.validate import ontology_path

        shutil.copyfile(ontology_path(), out / "ontology.ttl")
        written.append(str(out / "ontology.ttl"))
    return written


def _progress_bar(total: int):
    """A progress bar on stderr when there is enough work to wait for."""
    if total < 5 or not sys.stderr.isatty():
        return lambda n: None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="article", file=sys.stderr, leave=False)
    return bar.update


def _summary(kg, written: list[str]) -> None:
    types = ", ".join(f"{n} {t}" for t, n in sorted(kg.entity_type_counts().items())) or "none"
    counts = kg.relation_counts()
    relations = ", ".join(f"{n} {r}" for r, n in counts.most_common()) or "none"
    low = len(kg.facts) - len(kg.confident_facts)
    notes = [f"{len(kg.problems)} unreadable"] if kg.problems else []
    if kg.already_stored:
        notes.append(f"{kg.already_stored} already in the store unchanged, not parsed again")
    print(f"articles read: {len(kg.articles)}" + (f" ({'; '.join(notes)})" if notes else ""))
    print(f"entities: {len(kg.entities)} ({types})")
    print(f"facts: {sum(counts.values())} ({relations})"
          + (f"; {low} below --min-confidence kept as low-confidence statements" if low else ""))
    print(f"seconds: {kg.seconds:.1f}")
    for line in written:
        print(line if line.startswith("nothing new") else f"wrote {line}")
