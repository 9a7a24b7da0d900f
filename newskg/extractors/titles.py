"""Titles and office words ("Prime Minister", "spokesperson", "research
fellow"), read from ``data/titles.tsv``, and where they stand in a Doc."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from newskg.extractors.datafiles import read_table


@dataclass(frozen=True)
class Title:
    """An office word: ``leader`` titles give ``leader_of``, ``member``
    titles ``affiliated_with``; ``owner`` says whether it applies to a
    country, an organisation or either."""

    text: str
    role: str  # leader | member | inherit | none
    owner: str  # country | organization | any
    implicit: bool = False  # a bare "President X" is head of the country the article is about
    plural: bool = False  # "Presidents X of A, Y of B": every name of the list holds it

    def applies_to(self, owner_type: str) -> bool:
        return self.owner in ("any", owner_type)


class TitleTable:
    """Longest-match lookup of titles by lower-cased word sequence."""

    def __init__(self, titles: list[Title]):
        self._by_words = {tuple(t.text.replace("-", " - ").split()): t for t in titles}
        self.longest = max(len(words) for words in self._by_words)

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> TitleTable:
        rows = read_table("titles.tsv", ("title", "role", "owner", "implicit"))
        return cls([Title(r["title"], r["role"], r["owner"], r["implicit"] == "yes") for r in rows])

    def ending_at(self, tokens, end: int) -> tuple[Title, int] | None:
        """The longest title whose last token is ``tokens[end - 1]``, with
        the index of its first token."""
        for size in range(min(self.longest, end), 0, -1):
            title = self._lookup(tuple(t.lower_ for t in tokens[end - size:end]))
            if title is not None:
                return title, end - size
        return None

    def starting_at(self, tokens, start: int) -> tuple[Title, int] | None:
        """The longest title whose first token is ``tokens[start]``, with the
        index just past its last token."""
        for size in range(min(self.longest, len(tokens) - start), 0, -1):
            title = self._lookup(tuple(t.lower_ for t in tokens[start:start + size]))
            if title is not None:
                return title, start + size
        return None

    def office_at(self, tokens, start: int) -> tuple[Title, int] | None:
        """Like :meth:`starting_at`, for titles that name an office ("president",
        not "Mr" or "Dr"): the ones that make a name a person's."""
        found = self.starting_at(tokens, start)
        return found if found is not None and found[0].role != "none" else None

    def _lookup(self, words: tuple[str, ...]) -> Title | None:
        """A title by its words, or a leader title by its plural ("presidents",
        "prime ministers"; not "journalists", often part of a name)."""
        if words in self._by_words:
            return self._by_words[words]
        singular = self._by_words.get(words[:-1] + (words[-1][:-1],)) if words[-1].endswith("s") else None
        return replace(singular, plural=True) if singular is not None and singular.role == "leader" else None


@lru_cache(maxsize=None)
def title_modifiers(effect: str) -> frozenset[str]:
    """Words before a title with that ``effect`` (``demote`` or ``describe``), from ``data/title_modifiers.tsv``."""
    return frozenset(r["word"] for r in read_table("title_modifiers.tsv", ("word", "effect")) if r["effect"] == effect)
