"""Entity resolution across articles.

Within an article, mentions already share keys (:mod:`newskg.extractors.mentions`).
Here the articles' entities meet: keys are built from canonical names
(gazetteer names for countries and organisations, accent-folded slugs
otherwise), so "Erdoğan"/"Erdogan" and "Organisation"/"Organization" already
collide; spelling variants in ``data/spelling.tsv`` are folded too. A bare
surname ("Khan") joins a full name from another article only when exactly
one full name in the whole build ends with it — two different Khans stay
apart.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from newskg.extractors import ArticleExtraction
from newskg.extractors.datafiles import read_table
from newskg.model import Entity, EntityType, Fact


@lru_cache(maxsize=1)
def _spelling() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(rf"(?<![a-z]){r['variant']}(?![a-z])"), r["standard"])
            for r in read_table("spelling.tsv", ("variant", "standard"))]


def fold_spelling(key: str) -> str:
    """``organization/shanghai-cooperation-organisation`` -> ``...-organization``."""
    for pattern, standard in _spelling():
        key = pattern.sub(standard, key)
    return key


def resolve(extractions: Iterable[ArticleExtraction]) -> tuple[dict[str, Entity], list[Fact], dict[tuple[str, str], str]]:
    """Merge article-level entities into build-level ones; rewrite facts.

    Also returns how each article wrote each entity: ``(article id, key) -> name``.
    """
    extractions = list(extractions)
    by_key: dict[str, list[Entity]] = defaultdict(list)
    for extraction in extractions:
        for entity in extraction.entities.values():
            by_key[entity.key].append(entity)
    mapping = {key: fold_spelling(key) for key in by_key}
    mapping.update(_surnames(mapping, by_key))
    merged: dict[str, list[Entity]] = defaultdict(list)
    for key, entities in by_key.items():
        merged[mapping[key]].extend(entities)
    entities = {key: _merge(key, group) for key, group in merged.items()}
    facts = []
    written = {(x.article.id, mapping[key]): name for x in extractions for key, name in x.names.items()}
    for extraction in extractions:
        for fact in extraction.facts:
            obj = fact.object if fact.relation.literal_object else mapping.get(fact.object, fact.object)
            facts.append(replace(fact, subject=mapping.get(fact.subject, fact.subject), object=obj))
    return entities, facts, written


def _surnames(mapping: dict[str, str], by_key: dict[str, list[Entity]]) -> dict[str, str]:
    people = {k: group[0].label for k, group in by_key.items() if group[0].type is EntityType.PERSON}
    full = defaultdict(set)
    for key, label in people.items():
        words = label.split()
        if len(words) > 1:
            full[words[-1].lower()].add(mapping[key])
    out = {}
    for key, label in people.items():
        words = label.split()
        if len(words) == 1 and len(full.get(words[0].lower(), ())) == 1:
            out[key] = next(iter(full[words[0].lower()]))
    return out


def _merge(key: str, group: list[Entity]) -> Entity:
    labels = Counter(e.label for e in group)
    # The most common label; ties go to the longer (fuller) one.
    label = max(labels, key=lambda l: (labels[l], len(l)))
    aliases = []
    for e in group:
        for name in (e.label, *e.aliases):
            if name != label and name not in aliases:
                aliases.append(name)
    qid = next((e.qid for e in group if e.qid), None)
    return Entity(key, label, group[0].type, tuple(aliases), qid)
