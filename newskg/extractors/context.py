"""What relation rules share: the article's sentences and mentions, the
candidate facts they emit, and discourse memory — what "its", "the bloc",
"the NATO member" or "the four other states" refer to.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from newskg.extractors.datafiles import read_table
from newskg.extractors.mentions import DocMentions, SpanMention
from newskg.model import EntityType, Relation

NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
POSSESSIVE_PRONOUNS = {"its", "their"}


@lru_cache(maxsize=1)
def cue_table() -> dict[str, list[dict[str, str]]]:
    """Cue words by first word (``data/cues.tsv``)."""
    table: dict[str, list[dict[str, str]]] = {}
    for row in read_table("cues.tsv", ("cue", "relation", "role", "members", "sent")):
        table.setdefault(row["cue"].split()[0], []).append(row)
    return table


@lru_cache(maxsize=1)
def organisation_kinds() -> dict[str, bool]:
    """Common nouns for kinds of organisation, each with whether "the <kind>"
    refers back to a grouping (``data/organisation_kinds.tsv``)."""
    return {r["kind"]: r["group"] == "yes" for r in read_table("organisation_kinds.tsv", ("kind", "group"))}


def refers_back(token, groupings_only: bool = False) -> bool:
    """"the company", "this alliance": an organisation of that kind named
    earlier (with ``groupings_only``, only a grouping of members: "the bloc",
    not "the company")."""
    return token is not None and token.lower_ in organisation_kinds() \
        and (organisation_kinds()[token.lower_] or not groupings_only) \
        and any(c.lower_ in ("the", "this", "that") for c in token.children) \
        and not any(c.dep_ in ("prep", "acl", "relcl") for c in token.children)  # not "the group of countries calling ..."


@dataclass(frozen=True)
class Candidate:
    """A fact found in one sentence, before keys become entities."""

    subject: str
    relation: Relation
    object: str
    sentence: int  # index into ArticleContext.sentences
    extractor: str
    confidence: float


@dataclass
class ArticleContext:
    doc: object
    mentions: DocMentions
    sentences: list = field(init=False)
    types: dict[str, EntityType] = field(init=False)
    clubs: set[str] = field(default_factory=set)  # city keys the article uses for a club ("Madrid attacker X")

    def __post_init__(self):
        self.sentences = list(self.doc.sents)
        self.types = {m.key: m.type for m in self.mentions.mentions}
        self._sentence_of = {}
        for index, sent in enumerate(self.sentences):
            for i in range(sent.start, sent.end):
                self._sentence_of[i] = index
        # Mentions per sentence, computed once: rules ask for them sentence by sentence.
        self._by_sentence: list[list[SpanMention]] = [[] for _ in self.sentences]
        for m in self.mentions.mentions:
            if self._sentence_of[m.start] == self._sentence_of[m.end - 1]:
                self._by_sentence[self._sentence_of[m.start]].append(m)

    # ---- lookups --------------------------------------------------------
    def sentence_of(self, token_index: int) -> int:
        return self._sentence_of[token_index]

    def mentions_in(self, sentence: int) -> list[SpanMention]:
        return self._by_sentence[sentence]

    def mention_at(self, token_index: int) -> SpanMention | None:
        return self.mentions.at(token_index)

    def add_entity(self, key: str, label: str, etype: EntityType) -> str:
        """Register an entity the rules composed ("Chinese foreign ministry")."""
        self.mentions.labels.setdefault(key, label)
        self.types.setdefault(key, etype)
        return key

    # ---- discourse memory ----------------------------------------------
    def recent(self, sentence: int, types: tuple[EntityType, ...], back: int = 3) -> list[SpanMention]:
        """Mentions of ``types`` in the ``back`` sentences before
        ``sentence``, most recent first."""
        found = []
        for index in range(sentence - 1, max(-1, sentence - 1 - back), -1):
            found.extend(reversed([m for m in self.mentions_in(index) if m.type in types
                                   and not m.adjectival]))
        return found

    def antecedent(self, sentence: int, types: tuple[EntityType, ...], back: int = 2,
                   before: int | None = None) -> SpanMention | None:
        """What "its"/"their" refers to: the most recent subject of the
        given types in the preceding sentences, else the most recent mention
        (ending before token ``before``, when the pronoun is in one of them)."""
        recent = [m for m in self.recent(sentence, types, back) if before is None or m.end <= before]
        subjects = [m for m in recent if self.doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")]
        return (subjects or recent or [None])[0]

    def topic_organisation(self, sentence: int) -> SpanMention | None:
        """What "its", "the bloc" or an unstated object refers to: the most
        recent organisation named in the preceding sentences, a known one
        (NATO) before one the gazetteer does not know ("Kremlin spokesman")."""
        recent = self.recent(sentence, (EntityType.ORGANIZATION,))
        known = [m for m in recent if m.qid] or [self.most_named_organisation(sentence, known_only=True)]
        return next((m for m in known + recent if m is not None), None)

    def organisation_referred(self, sentence: int) -> SpanMention | None:
        """What "the company" or "the party" refers to: the organisation that
        was the subject of the last two sentences, else the one the article
        names most."""
        recent = self.recent(sentence, (EntityType.ORGANIZATION,), back=2)
        subjects = [m for m in recent if self.doc[m.end - 1].dep_ == "nsubj"]
        return subjects[0] if subjects else self.most_named_organisation(sentence)

    def most_named_organisation(self, sentence: int, known_only: bool = False) -> SpanMention | None:
        """The organisation named most often before ``sentence``, the latest
        on a tie: what "the company" of a company's story refers to."""
        before = [m for index in range(sentence) for m in self.mentions_in(index)
                  if m.type is EntityType.ORGANIZATION and not m.adjectival and (m.qid or not known_only)]
        counts = Counter(m.key for m in before)
        return max(reversed(before), key=lambda m: counts[m.key]) if before else None

    def enumeration(self, sentence: int, size: int, excluding: set[str]) -> list[SpanMention]:
        """Resolve "the four other Central Asian states" (or "the five
        countries"): the most recent list of ``size`` + ``len(excluding)``
        countries, named earlier in the article, that contains ``excluding``."""
        for index in range(sentence - 1, -1, -1):
            countries = [m for m in self.mentions_in(index) if m.type is EntityType.COUNTRY and not m.adjectival]
            for run in _coordinated_runs(self.doc, countries):
                keys = [m.key for m in run]
                if len(set(keys)) == size + len(excluding) and excluding <= set(keys):
                    return [m for m in run if m.key not in excluding]
        return []


def _coordinated_runs(doc, mentions: list[SpanMention]) -> list[list[SpanMention]]:
    """Split mentions into runs joined only by commas, dashes and "and"/"or"."""
    runs: list[list[SpanMention]] = []
    for m in mentions:
        if runs and all(t.text in (",", "and", "or", "—", "–", "-", "the") for t in doc[runs[-1][-1].end:m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return [r for r in runs if len(r) > 1]


def number_before(tokens) -> int | None:
    """The count in "the four other states", "14 dialogue partners"."""
    for token in tokens:
        if token.lower_ in NUMBER_WORDS:
            return NUMBER_WORDS[token.lower_]
        if re.fullmatch(r"\d{1,2}", token.text):
            return int(token.text)
    return None
