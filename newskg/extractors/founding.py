"""``founded_by`` and ``founded_in``.

"Y, established in 2001 by A and B", "Y was founded by X in 1999", "X
founded Y in 1999", "Y, set up in 1961". The organisation is the one the
participle describes (or the passive subject, or the active object); the
founders are the people, countries or organisations of the "by" phrase (or
the active subject); the year is a four-digit number in an "in" phrase.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from newskg.extractors.context import ArticleContext, Candidate, refers_back
from newskg.model import EntityType, Relation

FOUNDING_VERBS = {"founded", "established", "created", "formed", "launched", "set"}
FOUNDER_TYPES = (EntityType.PERSON, EntityType.COUNTRY, EntityType.ORGANIZATION)
YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)")


def extract(ctx: ArticleContext) -> Iterator[Candidate]:
    doc = ctx.doc
    for index, sent in enumerate(ctx.sentences):
        mentions = ctx.mentions_in(index)
        for verb in sent:
            if verb.lower_ not in FOUNDING_VERBS or verb.pos_ != "VERB":
                continue
            if verb.lower_ == "set" and not any(c.lower_ == "up" for c in verb.children):
                continue
            organisation = _founded(ctx, index, verb, mentions)
            if organisation is None:
                continue
            for child in verb.children:
                if child.dep_ == "agent" or (child.dep_ == "nsubj" and verb.dep_ not in ("acl", "relcl")):
                    for m in mentions:
                        if m.type in FOUNDER_TYPES and not m.adjectival and m.key != organisation.key \
                                and doc[m.start] in child.subtree:
                            yield Candidate(organisation.key, Relation.FOUNDED_BY, m.key, index, "founding.verb.v1", 0.85)
                if child.dep_ == "prep" and child.lower_ == "in":
                    year = YEAR.fullmatch(" ".join(t.text for t in child.subtree if t.i != child.i))
                    if year:
                        yield Candidate(organisation.key, Relation.FOUNDED_IN, year.group(1), index, "founding.verb.v1", 0.85)


def _founded(ctx: ArticleContext, index: int, verb, mentions):
    """The organisation founded: the noun the participle describes, else the
    passive subject, else the active object; "the alliance" is the one
    named before."""
    organisations = [m for m in mentions if m.type is EntityType.ORGANIZATION and not m.adjectival]
    targets = []
    if verb.dep_ in ("acl", "relcl"):
        targets = [verb.head]
    targets += [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
    for target in targets:
        for m in organisations:
            if m.start <= target.i < m.end:
                return m
        if refers_back(target, groupings_only=True):  # "The bloc was founded in 1967"
            return ctx.topic_organisation(index)
        if refers_back(target):  # "The company was founded in 1847"
            return ctx.organisation_referred(index)
    return None
