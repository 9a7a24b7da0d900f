"""GraphML of the NetworkX view (Gephi, yEd, Cytoscape, Neo4j).

GraphML attributes are scalars, so list-valued attributes (aliases, the
evidence of an edge) are written as JSON strings.
"""
from __future__ import annotations

import json
import os

import networkx as nx

from newskg.exports.atomic import atomic_write
from newskg.graph.knowledge_graph import KnowledgeGraph

__all__ = ["write_graphml"]


def _scalar(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def write_graphml(kg: KnowledgeGraph, path: str | os.PathLike) -> None:
    graph = nx.MultiDiGraph()
    for node, data in kg.nx.nodes(data=True):
        graph.add_node(node, **{k: _scalar(v) for k, v in data.items()})
    for u, v, key, data in kg.nx.edges(keys=True, data=True):
        graph.add_edge(u, v, key=key, **{k: _scalar(val) for k, val in data.items()})
    with atomic_write(path, "wb") as handle:
        nx.write_graphml(graph, handle)
