"""SPARQL over a large graph: rdflib's memory store against Oxigraph.

Builds a synthetic KnowledgeGraph in the shape of real builds (articles from
a few dozen outlets, entities of every type, facts of every relation with
statement nodes, hubs such as the SCO and Vladimir Putin that many articles
mention), writes it as N-Triples once, then in the same run:

* loads that file into rdflib's memory store, an in-memory Oxigraph store
  (what ``newskg query``/``serve`` use for a graph file) and an on-disk
  Oxigraph store (``--store``, opened read-only by query/serve), timing each;
* runs the six shipped example queries on all three, reporting the median
  and 95th-percentile latency and the rdflib/Oxigraph (memory) ratio.

rdflib is slow enough that each query gets a time budget there (at least one
run, then repeats while under --rdflib-budget seconds), and runs in a forked
process that is stopped after --rdflib-cap seconds in all (reported "> cap");
Oxigraph gets --runs.

    python benchmarks/sparql_store.py                 # ~1.1 M triples
    python benchmarks/sparql_store.py --articles 800  # a quick look
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from newskg import sparql
from newskg.exports.rdf import write_rdf
from newskg.graph.knowledge_graph import KnowledgeGraph
from newskg.graph.namespaces import entity_key
from newskg.model import Article, Entity, EntityType, Evidence, Fact, Relation

#: relation -> (subject types, object types) the generator draws from
SHAPES = {
    Relation.LEADER_OF: ((EntityType.PERSON,), (EntityType.COUNTRY, EntityType.ORGANIZATION)),
    Relation.MEMBER_OF: ((EntityType.COUNTRY,), (EntityType.ORGANIZATION,)),
    Relation.NOT_MEMBER_OF: ((EntityType.COUNTRY,), (EntityType.ORGANIZATION,)),
    Relation.JOINING: ((EntityType.COUNTRY,), (EntityType.ORGANIZATION,)),
    Relation.PARTNER_OF: ((EntityType.COUNTRY,), (EntityType.ORGANIZATION,)),
    Relation.FOUNDED_BY: ((EntityType.ORGANIZATION,), (EntityType.COUNTRY, EntityType.PERSON)),
    Relation.FOUNDED_IN: ((EntityType.ORGANIZATION,), ()),
    Relation.AFFILIATED_WITH: ((EntityType.PERSON,), (EntityType.ORGANIZATION,)),
    Relation.MET_WITH: ((EntityType.PERSON,), (EntityType.PERSON,)),
    Relation.LOCATED_IN: ((EntityType.CITY,), (EntityType.COUNTRY,)),
}
#: how often each relation occurs, roughly as in news builds
WEIGHTS = [12, 14, 2, 4, 3, 3, 2, 25, 20, 15]
SIZES = {EntityType.PERSON: 20_000, EntityType.ORGANIZATION: 3_000, EntityType.COUNTRY: 200,
         EntityType.CITY: 3_000, EntityType.LOCATION: 500}
HUBS = {EntityType.PERSON: "Vladimir Putin", EntityType.ORGANIZATION: "Shanghai Cooperation Organisation",
        EntityType.COUNTRY: "Kazakhstan"}


def synthetic_kg(articles: int, facts_per_article: int, seed: int = 7) -> KnowledgeGraph:
    rng = random.Random(seed)
    names = {t: [HUBS[t]] if t in HUBS else [] for t in SIZES}
    for entity_type, size in SIZES.items():
        names[entity_type] += [f"{entity_type.value} {i}" for i in range(size - len(names[entity_type]))]
    entities = {}
    for entity_type, labels in names.items():
        for label in labels:
            key = entity_key(entity_type, label)
            aliases = ("SCO",) if label == HUBS[EntityType.ORGANIZATION] else (label.split()[-1],)
            entities[key] = Entity(key, label, entity_type, aliases)

    def pick(entity_type):
        """Hubs get 2% of the mentions; the rest are skewed to a popular few, as in the news."""
        labels = names[entity_type]
        if entity_type in HUBS and rng.random() < 0.02:
            return entity_key(entity_type, labels[0])
        return entity_key(entity_type, labels[1 + int((len(labels) - 1) * rng.random() ** 3)])

    def leader(place: str) -> str:
        """Each country or organisation has one usual leader, sometimes another."""
        number = int(place.rsplit("-", 1)[-1]) if place[-1].isdigit() else 0
        return entity_key(EntityType.PERSON, names[EntityType.PERSON][(7 * number + rng.choice((1, 1, 1, 2))) %
                                                                      len(names[EntityType.PERSON])])

    outlets = [f"Outlet {i}" for i in range(40)]
    all_articles, facts = {}, []
    relations = list(SHAPES)
    for n in range(articles):
        article_id = f"{n:016x}"
        all_articles[article_id] = Article(article_id, f"corpus/{n}.txt", "", f"Headline {n}", rng.choice(outlets),
                                           f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}")
        for k in range(facts_per_article):
            relation = rng.choices(relations, WEIGHTS)[0]
            subject_types, object_types = SHAPES[relation]
            obj = str(rng.randint(1945, 2024)) if relation.literal_object else pick(rng.choice(object_types))
            subject = leader(obj) if relation is Relation.LEADER_OF else pick(rng.choice(subject_types))
            if subject == obj:
                continue
            place = pick(EntityType.COUNTRY)
            sentence = f"{entities[subject].label} and {obj} were in {entities[place].label} (sentence {k} of article {n})."
            places = (place,) if relation is Relation.MET_WITH else ()
            facts.append(Fact(subject, relation, obj, Evidence(article_id, sentence, 100 * k, 100 * k + len(sentence), places),
                              f"synthetic.{relation.value}.v1", round(rng.uniform(0.3, 1.0), 2)))
    return KnowledgeGraph(all_articles, entities, facts)


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def latencies(run_once, runs: int, budget: float) -> list[float]:
    """At least one run; then repeat up to ``runs`` times while within ``budget`` seconds."""
    seconds = []
    while len(seconds) < runs and (not seconds or sum(seconds) < budget):
        seconds.append(timed(run_once)[0])
    return seconds


def rdflib_latencies(graph: Graph, query: str, runs: int, budget: float, cap: float):
    """(rows, seconds per run), or None when the runs take longer than ``cap``
    in all (rdflib cannot be interrupted in-thread, so it runs in a forked child)."""
    receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)

    def work():
        prefixes = sparql.prefixes()
        try:
            rows = len(list(graph.query(query, initNs=prefixes)))
            sender.send((rows, latencies(lambda: list(graph.query(query, initNs=prefixes)), runs, budget)))
        except Exception as exc:  # an rdflib engine failure is a result to report
            sender.send((f"error: {type(exc).__name__}", []))

    child = multiprocessing.get_context("fork").Process(target=work, daemon=True)
    child.start()
    answer = receiver.recv() if receiver.poll(cap) else None
    child.kill()
    child.join()
    return answer


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=8000)
    parser.add_argument("--facts-per-article", type=int, default=12)
    parser.add_argument("--runs", type=int, default=20, help="Oxigraph runs per query (default 20)")
    parser.add_argument("--rdflib-budget", type=float, default=15.0,
                        help="seconds of repeats per query on rdflib (default 15; one run at least)")
    parser.add_argument("--rdflib-cap", type=float, default=60.0,
                        help="stop rdflib on a query after this many seconds in all (default 60)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seconds, kg = timed(lambda: synthetic_kg(args.articles, args.facts_per_article))
        graph_file = folder / "graph.nt"
        write_seconds, _ = timed(lambda: write_rdf(kg, graph_file, "ntriples"))
        print(f"synthetic graph: {len(kg.articles)} articles, {len(kg.entities)} entities, {len(kg.facts)} facts "
              f"({seconds:.1f} s to generate, {write_seconds:.1f} s to write N-Triples, "
              f"{graph_file.stat().st_size / 1e6:.0f} MB)", flush=True)
        del kg

        memory_load, memory = timed(lambda: sparql.open_graph(graph_file))
        disk_load, _ = timed(lambda: _oxigraph_disk(graph_file, folder / "store"))
        disk = ox.Store.read_only(str(folder / "store"))
        rdflib_load, graph = timed(lambda: Graph().parse(graph_file, format="nt"))
        print(f"triples: {len(memory):,} (Oxigraph) / {len(graph):,} (rdflib)")
        print(f"load: Oxigraph memory {memory_load:.1f} s, Oxigraph on-disk store {disk_load:.1f} s, "
              f"rdflib memory {rdflib_load:.1f} s (rdflib/Oxigraph memory {rdflib_load / memory_load:.0f}x)\n",
              flush=True)

        print(f"{'':<15} {'':>6} {'Oxigraph memory':>19} {'Oxigraph on disk':>19} {'rdflib memory':>21}")
        print(f"{'query':<15} {'rows':>6} {'median':>9} {'p95':>9} {'median':>9} {'p95':>9} {'median':>10} "
              f"{'p95':>10} {'ratio':>7}", flush=True)
        ratios = []
        for name, example in sparql.examples().items():
            rows = len(list(sparql.run_query(memory, example.text)))
            line = f"{name:<15} {rows:>6}"
            for store in (memory, disk):
                times = latencies(lambda: list(sparql.run_query(store, example.text)), args.runs, 60.0)
                line += f" {_ms(statistics.median(times)):>9} {_ms(p95(times)):>9}"
                if store is memory:
                    ox_median = statistics.median(times)
            answer = rdflib_latencies(graph, example.text, args.runs, args.rdflib_budget, args.rdflib_cap)
            if answer is None:
                ratios.append(args.rdflib_cap / ox_median)
                print(f"{line} {'> ' + format(args.rdflib_cap, '.0f') + ' s':>10} {'stopped':>10} "
                      f"{'>' + format(ratios[-1], '.0f') + 'x':>7}", flush=True)
                continue
            rdflib_rows, rdflib_times = answer
            if not rdflib_times:
                print(f"{line} rdflib {rdflib_rows}", flush=True)
                continue
            if rdflib_rows != rows:
                print(f"  ! {name}: Oxigraph {rows} rows, rdflib {rdflib_rows} rows", flush=True)
            ratios.append(statistics.median(rdflib_times) / ox_median)
            print(f"{line} {_ms(statistics.median(rdflib_times)):>10} {_ms(p95(rdflib_times)):>10} "
                  f"{ratios[-1]:>6.0f}x", flush=True)
        print(f"\nrdflib/Oxigraph (both in memory) median latency ratio over the six queries: "
              f"median {statistics.median(ratios):.0f}x, geometric mean {statistics.geometric_mean(ratios):.0f}x "
              "(a stopped rdflib query counts at the cap)")
    return 0


def _oxigraph_disk(graph_file: Path, directory: Path) -> None:
    store = ox.Store(str(directory))
    store.bulk_load(path=str(graph_file), format=ox.RdfFormat.N_TRIPLES)
    store.optimize()
    del store  # close the writer, so the store can be opened read-only as query/serve do


def _ms(seconds: float) -> str:
    return f"{1000 * seconds:.1f} ms" if seconds < 10 else f"{seconds:.0f} s"


if __name__ == "__main__":
    sys.exit(main())
