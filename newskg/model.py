"""The data passed between pipeline stages.

Every stage takes and returns these frozen dataclasses, so a stage can be
tested, cached or replaced without knowing how its neighbours work.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class EntityType(str, Enum):
    """The entity classes of the ontology (``nkg:Person`` ...)."""

    PERSON = "Person"
    COUNTRY = "Country"
    ORGANIZATION = "Organization"
    CITY = "City"
    LOCATION = "Location"  # a region or place that is neither city nor country


class Relation(str, Enum):
    """The relation vocabulary of ``triples.csv`` and ``nkg:`` properties."""

    LEADER_OF = "leader_of"
    MEMBER_OF = "member_of"
    NOT_MEMBER_OF = "not_member_of"
    JOINING = "joining"
    PARTNER_OF = "partner_of"
    FOUNDED_BY = "founded_by"
    FOUNDED_IN = "founded_in"
    AFFILIATED_WITH = "affiliated_with"
    MET_WITH = "met_with"
    LOCATED_IN = "located_in"

    @property
    def symmetric(self) -> bool:
        return self is Relation.MET_WITH

    @property
    def literal_object(self) -> bool:
        """True when the object is a value (a year), not an entity."""
        return self is Relation.FOUNDED_IN


@dataclass(frozen=True)
class Article:
    """One input document after page chrome is stripped.

    ``id`` is a hash of the cleaned text, so the same story saved twice is
    one article and an edited story is a new one.
    """

    id: str
    path: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    url: str | None = None


@dataclass(frozen=True)
class Entity:
    """A real-world thing, merged across every mention and article.

    ``key`` is ``type/slug`` (``country/kazakhstan``) and becomes the IRI
    path, so it must stay stable across runs for the same thing.
    """

    key: str
    label: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    qid: str | None = None  # Wikidata id, e.g. "Q232"


@dataclass(frozen=True)
class Evidence:
    """Where a fact is stated: the sentence and its character offsets."""

    article_id: str
    sentence: str
    start: int
    end: int
    places: tuple[str, ...] = ()  # for a meeting: keys of the places the sentence says it was in


@dataclass(frozen=True)
class Fact:
    """One relation between two entities (or an entity and a year),
    as stated by one sentence of one article.
    """

    subject: str  # entity key
    relation: Relation
    object: str  # entity key, or the literal value when relation.literal_object
    evidence: Evidence
    extractor: str  # rule name with version, e.g. "membership.list.v1"
    confidence: float

    @property
    def triple(self) -> tuple[str, Relation, str]:
        if self.relation.symmetric and self.object < self.subject:
            return (self.object, self.relation, self.subject)
        return (self.subject, self.relation, self.object)


@dataclass(frozen=True)
class ArticleProblem:
    """An input that could not be read, and why (shown to the user)."""

    path: str
    reason: str
