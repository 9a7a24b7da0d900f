"""The build: read articles, parse them with spaCy in a stream, extract
facts per article, resolve entities across articles, assemble the graph."""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable

from newskg.graph.knowledge_graph import KnowledgeGraph
from newskg.graph.namespaces import DEFAULT_BASE_IRI, check_base_iri

ProgressFactory = Callable[[int], Callable[[int], None]]


def build(
    paths: Iterable[str | os.PathLike],
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    min_confidence: float = 0.5,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    skip_ids: set[str] = frozenset(),
    progress: ProgressFactory | None = None,
) -> KnowledgeGraph:
    """Build a :class:`KnowledgeGraph` from article files and folders.

    Unreadable inputs do not stop the build: they are listed in
    ``kg.problems``. ``skip_ids`` are articles already in a store (their
    content hash), which are read but not parsed again. ``progress(total)``
    returns a callback advanced once per parsed article.
    """
    from newskg.articles import read_articles
    from newskg.extractors import extract
    from newskg.extractors.nlp import DEFAULT_MODEL, load_nlp
    from newskg.graph.resolve import resolve

    started = time.perf_counter()
    base_iri = check_base_iri(base_iri)
    articles, problems = read_articles(paths)
    todo = [a for a in articles if a.id not in skip_ids]
    advance = progress(len(todo)) if progress else (lambda n: None)
    extractions = []
    docs = load_nlp(model or DEFAULT_MODEL).pipe((a.text for a in todo), batch_size=batch_size,
                                                 n_process=n_process) if todo else ()
    for article, doc in zip(todo, docs):
        extractions.append(extract(doc, article))
        advance(1)
    entities, facts, written_names = resolve(extractions)
    return KnowledgeGraph({a.id: a for a in todo}, entities, facts, base_iri, min_confidence, problems,
                          written_names=written_names, already_stored=len(articles) - len(todo),
                          seconds=time.perf_counter() - started)
