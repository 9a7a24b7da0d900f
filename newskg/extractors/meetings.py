"""``met_with``: people who met or held talks.

"X met (with) Y", "X arrived early to meet with Y", "X and Y held talks",
"talks between X and Y", "X's meeting with Y". The cue's subject side
(with its conjuncts, and the subject of the verb a "to meet" hangs from)
meets the people on its object side; with no object side, the people of a
coordinated subject meet each other.
"""
from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from newskg.extractors.context import ArticleContext, Candidate
from newskg.model import EntityType, Relation

MEETING_VERBS = {"meet", "meets", "met", "meeting"}
MEETING_NOUNS = {"talks", "meeting", "meetings", "summit", "conversation", "phone call"}
TALK_VERBS = {"held", "hold", "holds", "holding", "had", "have", "has"}


def extract(ctx: ArticleContext) -> Iterator[Candidate]:
    for index, sent in enumerate(ctx.sentences):
        people = [m for m in ctx.mentions_in(index) if m.type is EntityType.PERSON]
        if len({p.key for p in people}) < 2:
            continue
        for token in sent:
            verb = _meeting_verb(token)
            if verb is None:
                continue
            sides = _sides(ctx, verb, token, people)
            if sides is None:
                continue
            subjects, objects = sides
            pairs = [(s, o) for s in subjects for o in objects] if objects else list(combinations(subjects, 2))
            for a, b in pairs:
                if a != b:
                    yield Candidate(a, Relation.MET_WITH, b, index, "meetings.cue.v1", 0.8)


def _meeting_verb(token):
    """The verb that states a meeting: "met", or "held" in "held talks"."""
    if token.lower_ in MEETING_VERBS and token.pos_ in ("VERB", "AUX"):
        return token
    if token.lower_ in MEETING_NOUNS and token.dep_ == "dobj" and token.head.lower_ in TALK_VERBS:
        return token.head
    return None


def _sides(ctx, verb, cue, people):
    """Keys of the people meeting: (subject side, object side)."""
    doc = ctx.doc
    subject_verb = verb
    while not any(c.dep_ in ("nsubj", "nsubjpass") for c in subject_verb.children) \
            and subject_verb.dep_ in ("xcomp", "advcl", "conj") and subject_verb.head.i != subject_verb.i:
        subject_verb = subject_verb.head  # "Xi arrived early to meet with ..."
    subject = next((c for c in subject_verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    subjects = _keys_in(doc, people, set(subject.subtree))
    object_tokens = set()
    for child in list(verb.children) + list(cue.children if cue.i != verb.i else []):
        if child.dep_ in ("dobj", "prep", "pobj", "dative") and child.i != cue.i:
            object_tokens |= set(child.subtree)
    objects = [k for k in _keys_in(doc, people, object_tokens) if k not in subjects]
    if not subjects or (not objects and len(subjects) < 2):
        return None
    return subjects, objects


def _keys_in(doc, people, tokens) -> list[str]:
    keys = []
    for p in people:
        if doc[p.start] in tokens and p.key not in keys:
            keys.append(p.key)
    return keys
