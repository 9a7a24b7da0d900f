"""Shared fixtures: the real pipeline on short texts, and the seed build once
per session (spaCy loads in a second or more and the seeds take seconds to
build, so no test pays for either twice).
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"

Triple = tuple[str, str, str]


class SeedRun(NamedTuple):
    out: Path
    process: subprocess.CompletedProcess
    html_problem: str | None  # why graph.html could not be written, if the page exporter failed


def labelled_triples(kg, *, confident: bool = True) -> set[Triple]:
    """``(subject label, relation, object label)`` for the graph's facts.

    Labels are the merged entities' labels (the year itself for
    ``founded_in``). ``met_with`` is symmetric, so it is listed both ways
    round and a test can ask ``("A", "met_with", "B")`` in either order.
    """
    out = set()
    for fact in kg.confident_facts if confident else kg.facts:
        subject = kg.entities[fact.subject].label
        obj = fact.object if fact.relation.literal_object else kg.entities[fact.object].label
        out.add((subject, fact.relation.value, obj))
        if fact.relation.symmetric:
            out.add((obj, fact.relation.value, subject))
    return out


@pytest.fixture(scope="session")
def build_texts(tmp_path_factory) -> Callable:
    """``build_texts("text one", "text two", ...)`` -> the KnowledgeGraph that
    ``newskg.build`` makes of those texts saved as .txt articles, as a user's
    files would be read (article reader, spaCy, extractors, cross-article
    resolution)."""
    import newskg

    folder = tmp_path_factory.mktemp("articles")

    def build(*texts: str, **options):
        paths = []
        for text in texts:
            path = folder / f"{hashlib.sha1(text.encode()).hexdigest()[:16]}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        return newskg.build(paths, **options)

    return build


@pytest.fixture(scope="session")
def extract_text(build_texts) -> Callable[..., set[Triple]]:
    """``extract_text("Kazakh President ... met ...")`` -> the set of confident
    ``(subject label, relation, object label)`` facts the pipeline finds in
    that one article (pass ``confident=False`` to include low-confidence ones)."""

    def extract(text: str, *, confident: bool = True) -> set[Triple]:
        return labelled_triples(build_texts(text), confident=confident)

    return extract


@pytest.fixture(scope="session")
def seeds_kg():
    """The seed articles built once through ``newskg.build``."""
    import newskg

    return newskg.build([SEEDS])


@pytest.fixture(scope="session")
def seeds_cli_run(tmp_path_factory) -> SeedRun:
    """``python -m newskg build seeds --out DIR`` run once, as a user runs it.

    The HTML export is being finished separately: when the build fails in
    ``newskg/exports/html.py`` it is run again without the page, so the other
    outputs are still tested and only the page test skips.
    """
    out = tmp_path_factory.mktemp("seeds_out") / "out"
    command = [sys.executable, "-m", "newskg", "build", "seeds", "--out", str(out)]
    process = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    html_problem = None
    if process.returncode != 0 and "exports/html.py" in process.stderr.replace("\\", "/"):
        html_problem = process.stderr.strip().splitlines()[-1]
        process = subprocess.run(command + ["--format", "turtle,csv"], cwd=REPO, capture_output=True, text=True,
                                 timeout=300)
    return SeedRun(out, process, html_problem)


@pytest.fixture(scope="session")
def seeds_out(seeds_cli_run) -> Path:
    """The output folder of the seed build; fails loudly if the build did."""
    assert seeds_cli_run.process.returncode == 0, seeds_cli_run.process.stderr
    return seeds_cli_run.out


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` beside the repo (evaluation gold); skips when absent."""
    if not (SHARED / "eval" / "gold" / "triples.tsv").is_file():
        pytest.skip(f"shared evaluation material not found at {SHARED}")
    return SHARED
