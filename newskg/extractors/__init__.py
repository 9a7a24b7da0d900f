"""Extractors: a parsed article in, its mentions, entities and facts out.

Each relation family is one module with an ``extract(ctx)`` generator of
:class:`~newskg.extractors.context.Candidate`; this module runs them all and
turns candidates into :class:`~newskg.model.Fact` with their evidence.
"""
from __future__ import annotations

from dataclasses import dataclass

from newskg.extractors import founding, location, meetings, membership, roles
from newskg.extractors.context import ArticleContext, Candidate
from newskg.extractors.location import meeting_places
from newskg.extractors.mentions import find_mentions
from newskg.model import Article, Entity, EntityType, Evidence, Fact, Relation

#: Roles run before location: they mark the city names an article uses for clubs
#: ("Madrid attacker X"), which location then does not place in a country.
RELATION_FAMILIES = (roles, membership, founding, meetings, location)


@dataclass(frozen=True)
class ArticleExtraction:
    """One article's output: entities are article-level (keys may still be
    merged with other articles' by :mod:`newskg.graph.resolve`)."""

    article: Article
    entities: dict[str, Entity]
    facts: tuple[Fact, ...]
    names: dict[str, str]  # key -> the fullest name this article writes for it


def extract(doc, article: Article) -> ArticleExtraction:
    ctx = ArticleContext(doc, find_mentions(doc, article.id))
    candidates: dict[tuple, Candidate] = {}
    for family in RELATION_FAMILIES:
        for c in family.extract(ctx):
            if c.subject == c.object:
                continue
            key = (c.subject, c.relation, c.object, c.sentence)
            if key not in candidates or candidates[key].confidence < c.confidence:
                candidates[key] = c
    facts = tuple(_fact(ctx, article, c) for c in candidates.values())
    used = {f.subject for f in facts} | {f.object for f in facts if not f.relation.literal_object} \
        | {place for f in facts for place in f.evidence.places}
    entities = _entities(ctx, used)
    return ArticleExtraction(article, entities, facts, _written_names(ctx, entities))


def _written_names(ctx: ArticleContext, entities: dict[str, Entity]) -> dict[str, str]:
    """The longest name the article itself uses for each entity (not a
    nationality adjective), so a per-article row quotes the article."""
    names: dict[str, str] = {}
    for m in ctx.mentions.mentions:
        if m.key in entities and not m.adjectival and m.surface and len(m.surface) > len(names.get(m.key, "")):
            names[m.key] = m.surface
    return names


def _fact(ctx: ArticleContext, article: Article, c: Candidate) -> Fact:
    sentence = ctx.sentences[c.sentence]
    text = sentence.text.strip()
    start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
    places = meeting_places(ctx, c.sentence) if c.relation is Relation.MET_WITH else ()
    return Fact(c.subject, c.relation, c.object, Evidence(article.id, text, start, start + len(text), places),
                c.extractor, c.confidence)


def _entities(ctx: ArticleContext, keys: set[str]) -> dict[str, Entity]:
    aliases: dict[str, list[str]] = {}
    for m in ctx.mentions.mentions:
        if not m.adjectival and m.surface:
            aliases.setdefault(m.key, [])
            if m.surface not in aliases[m.key]:
                aliases[m.key].append(m.surface)
    entities = {}
    for key in keys:
        label = ctx.mentions.labels.get(key, key.split("/", 1)[-1])
        entities[key] = Entity(key, label, ctx.types.get(key, EntityType.LOCATION),
                               tuple(a for a in aliases.get(key, ()) if a != label), ctx.mentions.qids.get(key))
    return entities
