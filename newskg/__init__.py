"""newskg: news articles in, a knowledge graph out.

    >>> import newskg
    >>> kg = newskg.build(["seeds/"])          # doctest: +SKIP
    >>> kg.rdf, kg.nx, kg.facts                 # doctest: +SKIP

``build`` is imported lazily so that ``import newskg`` (and commands that
never run spaCy, like ``newskg query``) start fast.
"""
__version__ = "0.1.0"
__all__ = ["build", "KnowledgeGraph", "__version__"]


def __getattr__(name: str):
    if name == "build":
        from newskg.pipeline import build

        return build
    if name == "KnowledgeGraph":
        from newskg.graph.knowledge_graph import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'newskg' has no attribute {name!r}")
