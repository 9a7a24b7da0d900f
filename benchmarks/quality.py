"""Extraction quality on the seeds, DWIE dev and DWIE test, written to
benchmarks/RESULTS.md (and printed).

    /work/venv/bin/python benchmarks/quality.py [--out benchmarks/RESULTS.md]

Each suite is built with ``newskg.build`` and scored with ``newskg.evaluate``
(the same figures as ``newskg eval`` and the evaluation kit's score.py);
DWIE per article. Build time is set against a baseline measured in the same
run: the bare spaCy pass over the same article texts, so the ratio is what
extraction and entity resolution add to parsing. For the seeds the report
also counts entities and lists duplicates: two entities sharing a name once
names are normalised. A suite whose data is absent is skipped and says so.
"""
from __future__ import annotations

import argparse
import datetime
import inspect
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import newskg
from newskg.evaluate import EvalResult, evaluate, load_gold, normalise_name, predictions_from_graph
from newskg.extractors.nlp import DEFAULT_MODEL, load_nlp
from newskg.graph.knowledge_graph import KnowledgeGraph

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DWIE = SHARED / "benchmarks" / "dwie"
#: The issue's bar for a relation with enough gold facts to judge it.
MIN_GOLD_FACTS, MIN_RELATION_F1 = 10, 0.40


@dataclass(frozen=True)
class Suite:
    name: str
    articles: Path
    gold: Path
    per_source: bool


SUITES = (
    Suite("seeds", REPO / "seeds", SHARED / "eval" / "gold", per_source=False),
    Suite("DWIE dev", DWIE / "dev" / "articles", DWIE / "dev", per_source=True),
    Suite("DWIE test", DWIE / "test" / "articles", DWIE / "test", per_source=True),
)


@dataclass(frozen=True)
class SuiteRun:
    suite: Suite
    kg: KnowledgeGraph
    result: EvalResult
    build_seconds: float  # wall clock
    build_cpu: float  # CPU seconds of this process: steadier on a shared machine
    parse_cpu: float  # the baseline: CPU seconds of nlp.pipe alone over the same texts

    @property
    def ratio(self) -> float:
        return self.build_cpu / self.parse_cpu


def run_suite(suite: Suite, repeat: int) -> SuiteRun:
    """Build and parse ``repeat`` times each, keeping the fastest (the least disturbed)."""
    batch_size = inspect.signature(newskg.build).parameters["batch_size"].default  # parse as the build does
    builds, parses = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        kg = newskg.build([suite.articles])
        builds.append((time.process_time() - cpu_started, time.perf_counter() - started))
        cpu_started = time.process_time()
        for _ in load_nlp(DEFAULT_MODEL).pipe((a.text for a in kg.articles.values()), batch_size=batch_size):
            pass
        parses.append(time.process_time() - cpu_started)
    build_cpu, build_seconds = min(builds)
    result = evaluate(load_gold(suite.gold), predictions_from_graph(kg), per_source=suite.per_source)
    return SuiteRun(suite, kg, result, build_seconds, build_cpu, min(parses))


def duplicate_entities(kg: KnowledgeGraph) -> dict[str, list[str]]:
    """Normalised names that more than one entity goes by -> those entities."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in kg.entities.values():
        for name in (entity.label, *entity.aliases):
            owners[normalise_name(name)].add(entity.key)
    return {name: sorted(keys) for name, keys in sorted(owners.items()) if len(keys) > 1}


def relation_table(result: EvalResult) -> list[str]:
    lines = ["| relation | gold | tp | fp | fn | P | R | F1 |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for relation, s in result.relations.items():
        gold = s.tp + s.fn
        weak = " ⚠" if gold >= MIN_GOLD_FACTS and s.f1 < MIN_RELATION_F1 else ""
        lines.append(f"| {relation.value}{weak} | {gold} | {s.tp} | {s.fp} | {s.fn} | "
                     f"{s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |")
    m = result.micro
    lines.append(f"| **micro** | {m.tp + m.fn} | {m.tp} | {m.fp} | {m.fn} | "
                 f"**{m.precision:.3f}** | **{m.recall:.3f}** | **{m.f1:.3f}** |")
    return lines


def entity_section(kg: KnowledgeGraph) -> list[str]:
    counts = ", ".join(f"{kind} {n}" for kind, n in sorted(kg.entity_type_counts().items()))
    lines = [f"Entities: **{len(kg.entities)}** ({counts}).", ""]
    duplicates = duplicate_entities(kg)
    if not duplicates:
        return lines + ["Duplicate entities (two entities sharing a normalised name or alias): none.", ""]
    lines.append(f"Duplicate entities (two entities sharing a normalised name or alias): {len(duplicates)}")
    lines.append("")
    for name, keys in duplicates.items():
        labels = ", ".join(f"`{key}` ({kg.entities[key].label})" for key in keys)
        lines.append(f"- \"{name}\": {labels}")
    return lines + [""]


def report(runs: list[SuiteRun], skipped: list[str], model: str, repeat: int, total_seconds: float) -> str:
    lines = [
        "# Extraction quality",
        "",
        f"Written by `benchmarks/quality.py` on {datetime.date.today().isoformat()} at commit {git_commit()}; "
        f"spaCy model {model}; Python {sys.version.split()[0]}; {total_seconds:.0f} s in all.",
        "",
        "End to end: newskg finds the entities itself (no gold mentions) and is not trained on these texts.",
        "Figures are those of `newskg eval` (equal to the evaluation kit's `score.py`); DWIE is scored per",
        "article (`--per-source`). Build CPU time is set against the CPU time of the bare spaCy pass over the",
        f"same texts in the same run (CPU, not wall clock, as other work shares the machine; fastest of {repeat}",
        f"runs each). ⚠ marks a relation with {MIN_GOLD_FACTS}+ gold facts and F1 below {MIN_RELATION_F1:.2f}.",
        "",
        "| suite | articles | micro P | micro R | micro F1 | forbidden produced | build s | build CPU s | spaCy pass CPU s | build / spaCy |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        m = run.result.micro
        lines.append(f"| {run.suite.name} | {len(run.kg.articles)} | {m.precision:.3f} | {m.recall:.3f} | "
                     f"**{m.f1:.3f}** | {run.result.forbidden_produced} | {run.build_seconds:.1f} | "
                     f"{run.build_cpu:.1f} | {run.parse_cpu:.1f} | {run.ratio:.2f}× |")
    lines.extend(f"| {reason} | | | | | | | | | |" for reason in skipped)
    for run in runs:
        suite = run.suite
        mode = "per article" if suite.per_source else "one merged graph"
        lines += ["", f"## {suite.name}", "",
                  f"`newskg eval {display(suite.gold)} {display(suite.articles)}{' --per-source' if suite.per_source else ''}`"
                  f" — {mode}; facts below confidence {run.kg.min_confidence} are not scored.", ""]
        lines += relation_table(run.result)
        lines += [""]
        if suite.name == "seeds":
            lines += entity_section(run.kg)
    return "\n".join(lines).rstrip() + "\n"


def display(path: Path) -> str:
    """A path as a reader in the repo would type it."""
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return "../" + str(path.relative_to(REPO.parent))


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "(unknown)"
    return f"`{out}`"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "RESULTS.md")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs per suite; the fastest counts")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    import spacy

    nlp = load_nlp(DEFAULT_MODEL)  # loaded once, outside every timed build
    model = f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']} (package `{DEFAULT_MODEL}`, spaCy {spacy.__version__})"
    runs, skipped = [], []
    for suite in SUITES:
        absent = [str(p) for p in (suite.articles, suite.gold) if not p.is_dir()]
        if absent:
            reason = f"{suite.name}: skipped, data absent ({', '.join(absent)})"
            print(reason, file=sys.stderr)
            skipped.append(reason)
            continue
        print(f"{suite.name}: building {display(suite.articles)} ...", file=sys.stderr)
        run = run_suite(suite, args.repeat)
        m = run.result.micro
        print(f"{suite.name}: micro P={m.precision:.3f} R={m.recall:.3f} F1={m.f1:.3f} "
              f"forbidden produced: {run.result.forbidden_produced}; build {run.build_seconds:.1f} s "
              f"(CPU {run.ratio:.2f}x the bare spaCy pass)", file=sys.stderr)
        runs.append(run)
    text = report(runs, skipped, model, args.repeat, time.perf_counter() - started)
    from newskg.exports.atomic import atomic_write

    with atomic_write(args.out) as handle:
        handle.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
