"""``graph.html``: one self-contained page to read and explore the graph.

Everything the page needs (vis-network, its style, its script and the graph
itself) is inlined, so it opens from ``file://`` with no network; a
Content-Security-Policy forbids any fetch so that stays true. The graph goes
in as JSON inside ``<script type="application/json">`` and the page builds
every text node with ``textContent``, so evidence sentences full of quotes,
``<`` and ``&`` are shown as written and never run.

Small graphs are laid out in the browser by vis-network's physics, which
stops after a bounded stabilisation; past :data:`PHYSICS_MAX_NODES` the
layout is computed here (:func:`spread_layout`) and physics stays off, so a
few thousand entities open in seconds and pan smoothly.
"""
from __future__ import annotations

import datetime
import functools
import html
import json
import os
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from string import Template

import networkx as nx
import numpy as np

from newskg import __version__
from newskg.exports.atomic import atomic_write
from newskg.graph.knowledge_graph import KnowledgeGraph
from newskg.model import Fact, Relation

__all__ = ["HtmlSummary", "PHYSICS_MAX_NODES", "spread_layout", "write_html"]

#: Graphs with more entities than this get a precomputed layout with physics
#: off. Measured with ``benchmarks/html_render.py --threshold`` on the 2-core
#: machine: in-browser physics takes ~1.5 s to a stable drawing at 300
#: entities, ~4.5 s at 500, ~6 s at 1,000 and ~25 s at 3,000, while the
#: precomputed page is stable in under 1.5 s at every size up to 3,000.
PHYSICS_MAX_NODES = 300

#: Steps of :func:`spread_layout`; the layout changes little after these.
LAYOUT_STEPS = 60

#: Pull towards the centre per unit of distance and of mass (degree + 1).
GRAVITY = 0.3

#: Typical distance from an entity to its nearest neighbour on the page, in
#: pixels at zoom 1: room for the shapes, and for labels once zoomed in.
NEIGHBOUR_GAP_PX = 50

DEFAULT_TITLE = "Knowledge graph"


@dataclass(frozen=True)
class HtmlSummary:
    """What the page shows, for the build summary."""

    nodes_shown: int
    nodes_total: int
    edges_shown: int
    layout: str  # "physics" | "precomputed"


def write_html(kg: KnowledgeGraph, path: str | os.PathLike, max_nodes: int | None = None,
               title: str | None = None) -> HtmlSummary:
    """Write the graph page for ``kg`` to ``path``, atomically.

    ``max_nodes`` keeps only that many entities, the most connected ones,
    and the page says how many were left out.
    """
    graph = kg.nx
    shown = most_connected(graph, max_nodes)
    layout = "physics" if len(shown) <= PHYSICS_MAX_NODES else "precomputed"
    data = page_data(kg, shown, layout)
    page = render_page(kg, data, title or DEFAULT_TITLE, nodes_total=graph.number_of_nodes())
    with atomic_write(path) as handle:
        handle.write(page)
    return HtmlSummary(len(shown), graph.number_of_nodes(), len(data["edges"]), layout)


def most_connected(graph: nx.MultiDiGraph, limit: int | None) -> list[str]:
    """Entity keys, most connected first (edges, then facts, then name);
    the first ``limit`` of them when a limit is given."""
    ranked = sorted(graph.nodes, key=lambda key: (-graph.degree(key), -graph.nodes[key]["facts"],
                                                  graph.nodes[key]["label"].casefold(), key))
    return ranked if limit is None else ranked[:max(limit, 0)]


# ---- the data the page script reads ---------------------------------------
def page_data(kg: KnowledgeGraph, shown: list[str], layout: str) -> dict:
    """Everything the page draws, as plain JSON-able values.

    Nodes and articles are referred to by their index; sentences are stored
    once (one sentence often states several facts, e.g. a list of members).
    """
    graph = kg.nx
    style = _style()
    index = {key: i for i, key in enumerate(shown)}
    articles = sorted(kg.articles.values(), key=lambda a: (a.published or "", a.title or "", a.path))
    article_index = {a.id: i for i, a in enumerate(articles)}
    sentences: dict[str, int] = {}

    def evidence(item: dict) -> dict:
        return {
            "article": article_index.get(item["article_id"], -1),
            "sentence": sentences.setdefault(item["sentence"], len(sentences)),
            "confidence": round(item["confidence"], 3),
            "extractor": item["extractor"],
        }

    edges = []
    for subject, obj, relation, attrs in graph.subgraph(shown).edges(keys=True, data=True):
        edges.append(_edge(len(edges), index[subject], index[obj], relation, attrs["confidence"], False,
                           [evidence(e) for e in attrs["evidence"]]))
    for (subject, relation, obj), facts in _low_confidence(kg, index).items():
        edges.append(_edge(len(edges), index[subject], index[obj], relation.value,
                           max(f.confidence for f in facts), True, [evidence(_as_item(f)) for f in facts]))

    literal = [r.value for r in Relation if r.literal_object]
    nodes = []
    for key in shown:
        attrs = graph.nodes[key]
        nodes.append({
            "id": index[key],
            "key": key,
            "label": attrs["label"],
            "type": attrs["type"],
            "aliases": [a for a in attrs["aliases"] if a != attrs["label"]],
            "qid": attrs["qid"],
            "iri": attrs["iri"],
            "facts": attrs["facts"],
            "attributes": {r: attrs[r] for r in literal if r in attrs},
        })
    if layout == "precomputed":
        positions = spread_layout(len(nodes), [(e["from"], e["to"]) for e in edges])
        for node, (x, y) in zip(nodes, positions.tolist()):
            node["x"], node["y"] = round(x, 1), round(y, 1)

    types_present = {n["type"] for n in nodes}
    relations_present = {e["relation"] for e in edges}
    return {
        "layout": layout,
        "types": [
            {"name": t, **style["types"].get(t, style["unknown_type"]),
             "count": sum(n["type"] == t for n in nodes)}
            for t in sorted(types_present, key=_type_order)
        ],
        "relations": [
            {"name": r, "label": r.replace("_", " "), "dashes": False,
             **style["relations"].get(r, style["unknown_relation"]),
             "arrows": not _symmetric(r), "count": sum(e["relation"] == r for e in edges)}
            for r in sorted(relations_present, key=_relation_order)
        ],
        "articles": [
            {"id": a.id, "title": a.title or "", "outlet": a.outlet or "", "published": a.published or "",
             "path": a.path}
            for a in articles
        ],
        "sentences": list(sentences),
        "nodes": nodes,
        "edges": edges,
    }


def _edge(ident: int, source: int, target: int, relation: str, confidence: float, low: bool,
          evidence: list[dict]) -> dict:
    return {
        "id": ident, "from": source, "to": target, "relation": relation,
        "confidence": round(confidence, 3), "low": low,
        "articles": sorted({e["article"] for e in evidence}), "evidence": evidence,
    }


def _low_confidence(kg: KnowledgeGraph, index: dict[str, int]) -> dict[tuple, list[Fact]]:
    """Facts below ``kg.min_confidence`` between shown entities, grouped by
    what they state, unless a confident fact already states it."""
    confident = set(kg.facts_by_triple)
    grouped: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in kg.facts:
        triple = fact.triple
        if (fact.confidence < kg.min_confidence and not fact.relation.literal_object
                and triple not in confident and triple[0] in index and triple[2] in index):
            grouped[triple].append(fact)
    return grouped


def _as_item(fact: Fact) -> dict:
    return {"article_id": fact.evidence.article_id, "sentence": fact.evidence.sentence,
            "confidence": fact.confidence, "extractor": fact.extractor}


def _symmetric(relation: str) -> bool:
    return relation in Relation._value2member_map_ and Relation(relation).symmetric


def _type_order(name: str) -> tuple:
    order = list(_style()["types"])
    return (order.index(name) if name in order else len(order), name)


def _relation_order(name: str) -> tuple:
    order = [r.value for r in Relation]
    return (order.index(name) if name in order else len(order), name)


@functools.cache
def _style() -> dict:
    return json.loads(_asset("graph-style.json"))


def _asset(name: str) -> str:
    return resources.files("newskg").joinpath("static", name).read_text(encoding="utf-8")


# ---- layout ------------------------------------------------------------------
def spread_layout(count: int, edges: list[tuple[int, int]], steps: int = LAYOUT_STEPS,
                  seed: int = 7) -> np.ndarray:
    """Positions (``count`` x 2, in page pixels) from a force-directed layout
    in the spirit of ForceAtlas2: linear springs on edges, repulsion scaled
    by degree so hubs push their neighbourhoods apart, and a pull to the
    centre that grows with distance, so the many small separate components
    of a news graph (one story's people and places) sit close together
    instead of scattering across the page.

    networkx's ``forceatlas2_layout`` and ``spring_layout`` compare every pair
    of nodes at every step (about 0.5 s per step at 3,000 nodes); here
    repulsion is exact between nodes sharing a grid cell and uses each other
    cell's centre of mass otherwise, with the grid shifted at random every
    step, so a step costs O(nodes x cells) and 3,000 nodes take about a second.
    """
    rng = np.random.default_rng(seed)
    if count == 0:
        return np.zeros((0, 2))
    pairs = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    mass = np.bincount(pairs.ravel(), minlength=count) + 1.0
    position = rng.uniform(-1, 1, (count, 2)) * 3 * np.sqrt(count)
    reach = np.sqrt(count)
    for step in range(steps):
        force = _repulsion(position, mass, rng)
        stretch = position[pairs[:, 0]] - position[pairs[:, 1]]
        for axis in (0, 1):
            force[:, axis] -= np.bincount(pairs[:, 0], weights=stretch[:, axis], minlength=count)
            force[:, axis] += np.bincount(pairs[:, 1], weights=stretch[:, axis], minlength=count)
        centred = position - position.mean(axis=0)
        force -= GRAVITY * mass[:, None] * centred
        length = np.linalg.norm(force, axis=1, keepdims=True) + 1e-9
        limit = reach * (1 - step / steps) + 0.01
        position += force / length * np.minimum(length / mass[:, None], limit)
    position -= position.mean(axis=0)
    return position * NEIGHBOUR_GAP_PX / max(_median_nearest_distance(position), 1e-9)


def _median_nearest_distance(position: np.ndarray, sample: int = 512) -> float:
    """Median distance from a node to its nearest other node, over a fixed
    sample of nodes (each against all), so memory and time stay linear."""
    if len(position) < 2:
        return 1.0
    rows = np.linspace(0, len(position) - 1, min(sample, len(position))).astype(np.int64)
    squared = ((position[rows, None, :] - position[None, :, :]) ** 2).sum(axis=2)
    squared[np.arange(len(rows)), rows] = np.inf
    return float(np.sqrt(np.median(squared.min(axis=1))))


def _repulsion(position: np.ndarray, mass: np.ndarray, rng: np.random.Generator,
               strength: float = 2.0, max_side: int = 32) -> np.ndarray:
    """Repulsion ``strength * m_i * m_j / distance`` on every node: exact
    within its grid cell, from the other cells' centres of mass."""
    count = len(position)
    side = max(1, min(max_side, int(np.sqrt(count / 8))))
    low = position.min(axis=0)
    cell = (position.max(axis=0) - low).max() / side + 1e-9
    grid = ((position - low + rng.uniform(0, cell, 2)) // cell).astype(np.int64)
    _, cell_of, members = np.unique(grid[:, 0] * (side + 2) + grid[:, 1], return_inverse=True,
                                    return_counts=True)
    cells = len(members)
    cell_mass = np.bincount(cell_of, weights=mass, minlength=cells)
    centre = np.stack([np.bincount(cell_of, weights=mass * position[:, a], minlength=cells)
                       for a in (0, 1)], axis=1) / cell_mass[:, None]
    dx = position[:, 0, None] - centre[None, :, 0]
    dy = position[:, 1, None] - centre[None, :, 1]
    weight = cell_mass[None, :] / np.maximum(dx * dx + dy * dy, 1e-2)
    weight[np.arange(count), cell_of] = 0.0  # own cell: exact below
    force = np.stack([(dx * weight).sum(axis=1), (dy * weight).sum(axis=1)], axis=1)

    # every ordered pair of distinct nodes that share a cell
    order = np.argsort(cell_of, kind="stable")
    first = np.concatenate(([0], np.cumsum(members)[:-1]))
    size = members[cell_of[order]]
    i = np.repeat(order, size)
    offset = np.arange(len(i)) - np.repeat(np.cumsum(size) - size, size)
    j = order[np.repeat(first[cell_of[order]], size) + offset]
    i, j = i[i != j], j[i != j]
    apart = position[i] - position[j]
    pair_weight = mass[j] / np.maximum((apart * apart).sum(axis=1), 1e-2)
    for axis in (0, 1):
        force[:, axis] += np.bincount(i, weights=apart[:, axis] * pair_weight, minlength=count)
    return force * mass[:, None] * strength


# ---- the page ----------------------------------------------------------------
def render_page(kg: KnowledgeGraph, data: dict, title: str, nodes_total: int) -> str:
    """The whole HTML page as one string, every asset inlined."""
    facts = len(kg.facts_by_triple)
    low = sum(e["low"] for e in data["edges"])
    stats = (f"{len(kg.articles):,} {_plural(len(kg.articles), 'article')} · "
             f"{len(kg.entities):,} {_plural(len(kg.entities), 'entity', 'entities')} · "
             f"{facts:,} {_plural(facts, 'fact')}"
             + (f" (+{low:,} low-confidence, dashed)" if low else "")
             + f" · built {datetime.date.today().isoformat()}")
    shown = len(data["nodes"])
    notice = "" if shown == nodes_total else (
        f'<p id="notice">Showing the {shown:,} most connected of {nodes_total:,} entities; '
        f"the other {nodes_total - shown:,} and their facts are left out of this page.</p>")
    return Template(_asset("graph-page.html")).substitute(
        title=html.escape(title),
        version=html.escape(__version__),
        stats=html.escape(stats),
        notice=notice,
        css=_asset("graph-page.css"),
        vis=_asset("vis-network.min.js"),
        script=_asset("graph-page.js"),
        data=_script_json(data),
    )


def _script_json(data: dict) -> str:
    """JSON that cannot end its ``<script>`` element early: ``<``, ``>``
    and ``&`` are written as ``\\u`` escapes, which JSON.parse reads back."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _plural(count: int, one: str, many: str | None = None) -> str:
    return one if count == 1 else (many or one + "s")
