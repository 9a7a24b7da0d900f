"""Score extracted facts against facts you annotated: precision, recall, F1 per relation.

  newskg eval GOLD_DIR --pred out/triples.csv [--per-source] [--verbose] [--json]
  newskg eval GOLD_DIR ARTICLE... (builds the articles, then scores the result)

GOLD_DIR holds two tab-separated files:
  entities.tsv  canonical name, type, aliases separated by |, [article stem]
  triples.tsv   header, then subject, relation, object, required, source, evidence
                (required: 1 must be found, 0 acceptable, -1 forbidden)

Names are compared without case, accents, a possessive 's, a leading "the" or
punctuation, through the aliases; a name that matches none counts against
precision. Relations outside newskg's vocabulary are not scored.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", metavar="GOLD_DIR", type=Path,
                        help="folder with entities.tsv and triples.tsv")
    facts = parser.add_mutually_exclusive_group(required=True)
    facts.add_argument("articles", metavar="ARTICLE", nargs="*", default=[],
                       help="article files or folders to build and score")
    facts.add_argument("--pred", metavar="CSV", type=Path,
                       help="facts to score: triples.csv from `newskg build`, or any CSV/TSV "
                            "with subject, relation and object columns")
    parser.add_argument("--per-source", action="store_true",
                        help="score each fact inside its own article (gold `source` = article file stem)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list every forbidden fact, false positive and miss with its evidence sentence")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace) -> int:
    from newskg import evaluate

    gold = evaluate.load_gold(args.gold)  # before a build, so a bad gold fails fast
    if args.pred is not None:
        predictions = evaluate.read_predictions(args.pred, per_source=args.per_source)
    else:
        import newskg

        predictions = evaluate.predictions_from_graph(newskg.build(args.articles))
    result = evaluate.evaluate(gold, predictions, per_source=args.per_source)
    print(json.dumps(result.to_dict(), indent=1) if args.json else evaluate.format_report(result, args.verbose))
    return 0
