#!/usr/bin/env python3
"""Articles per second for ``newskg build`` against bare spaCy on the same texts.

    python benchmarks/build_speed.py [ARTICLES_DIR] [--jobs N]

Default corpus: the DWIE dev articles in ../shared (skipped with a message
when absent). Three figures, measured in one run on the same texts:

* bare: ``spacy.load(model).pipe(texts)`` — the model as shipped;
* newskg NLP: our configured pipeline alone (gazetteer ruler, paragraph
  breaks, lemmatizer off);
* newskg build: reading, NLP, extraction, resolution, and writing
  graph.ttl + triples.csv + graph.html.

The overhead the product adds on top of spaCy is build / bare - 1.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", nargs="?", default=str(SHARED / "benchmarks/dwie/dev/articles"))
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    folder = Path(args.articles)
    if not folder.is_dir():
        print(f"skipped: {folder} not found (the DWIE articles live in ../shared beside the repo)")
        return 0

    import spacy

    from newskg.articles import read_articles
    from newskg.commands.build import _write
    from newskg.extractors.nlp import DEFAULT_MODEL, load_nlp
    from newskg.pipeline import build

    articles, _ = read_articles([folder])
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    bare = spacy.load(DEFAULT_MODEL)
    ours = load_nlp()
    for nlp in (bare, ours):  # warm up: first batch pays for lazy initialisation
        list(nlp.pipe(texts[:4]))

    def timed(fn) -> float:
        started = time.perf_counter()
        fn()
        return time.perf_counter() - started

    t_bare = timed(lambda: list(bare.pipe(texts, batch_size=16, n_process=args.jobs)))
    t_ours = timed(lambda: list(ours.pipe(texts, batch_size=16, n_process=args.jobs)))
    with tempfile.TemporaryDirectory() as out:
        t_build = timed(lambda: _write(build([folder], n_process=args.jobs), Path(out), ["turtle", "csv", "html"], None))

    n = len(texts)
    print(f"corpus: {n} articles, {words} words ({folder}); jobs={args.jobs}")
    for name, seconds in (("bare spaCy nlp.pipe", t_bare), ("newskg NLP pipeline", t_ours), ("newskg build (all stages + writing)", t_build)):
        print(f"{name:38} {seconds:7.2f} s  {n / seconds:6.1f} articles/s  {words / seconds:7.0f} words/s")
    print(f"build / bare spaCy = {t_build / t_bare:.2f}  (overhead {100 * (t_build / t_bare - 1):+.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
