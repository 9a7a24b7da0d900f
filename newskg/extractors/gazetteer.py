"""Known countries, organisations, nationalities and cities.

The extractors ask it: is this name a country or an organisation we know,
and under which canonical name and Wikidata id (:meth:`Gazetteer.lookup`)?
Which country does "Kazakh" stand for (:meth:`Gazetteer.by_demonym`)? Which
country is Hamburg in (:meth:`Gazetteer.city`)? And it gives spaCy's
EntityRuler the patterns that tag known names before the statistical NER
guesses (:meth:`Gazetteer.patterns`).

Names are compared the way news varies them: accents, dots, dashes, a
leading "the" and a possessive "'s" do not count ("the U.S.'s" is "US",
"Türkiye" is "Turkiye"). Names of up to four characters must match case
exactly, so "US", "AU", "UN" and "Iran" never fire on "us", "au", "un";
longer names match in any case, except that a one-word name written all
in lower case is an ordinary word ("turkey", "china", "reading"), unless
the data file itself spells it so ("eurozone").

The data files and their sources: ``newskg/data/README.md``;
``tools/build_gazetteer.py`` regenerates them.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from newskg.extractors.datafiles import read_table
from newskg.model import EntityType

__all__ = ["CityEntry", "DEFAULT_MIN_POPULATION", "Entry", "Gazetteer", "GazetteerDataError", "RegionEntry", "TOWN_MIN_POPULATION",
           "fold_accents", "fold_case", "normalise"]

COUNTRY_COLUMNS = ("name", "qid", "iso2", "aliases", "demonyms", "capital", "status", "part_of")
ORGANISATION_COLUMNS = ("acronym", "name", "qid", "aliases", "kind")
CITY_COLUMNS = ("name", "iso2", "population", "geonameid", "other_names")
REGION_COLUMNS = ("name", "iso2", "other_names")

#: Names up to this many characters (after dots are dropped) match case-sensitively.
SHORT_NAME = 4
#: Cities smaller than this are ignored unless the caller asks for smaller ones.
DEFAULT_MIN_POPULATION = 100_000
TOWN_MIN_POPULATION = 15_000  # the smallest towns shipped: looked up only for names NER calls places

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_DASHES = re.compile(r"[\-‐‑‒–—]+")
_QID = re.compile(r"Q[1-9][0-9]*")


class GazetteerDataError(ValueError):
    """A data row the loader cannot use; the message names the file and the row."""


@dataclass(frozen=True)
class Entry:
    """A country (or territory) or an organisation, with every name it goes by."""

    name: str  # the canonical name: as news writes it ("Turkey", "Shanghai Cooperation Organisation")
    type: EntityType  # COUNTRY; LOCATION for a territory; ORGANIZATION
    qid: str | None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()  # the usual adjective first: "Chinese"
    capital: str | None = None
    iso2: str | None = None
    acronym: str | None = None
    kind: str | None = None  # country: sovereign|disputed|territory; organisation: international|regional|...
    part_of: str | None = None  # a territory's country, by canonical name ("Hong Kong" -> "China")

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name, the acronym and every alias."""
        return (self.name, *((self.acronym,) if self.acronym else ()), *self.aliases)


@dataclass(frozen=True)
class CityEntry:
    """A city of the GeoNames table and the country (or territory) it lies in."""

    name: str  # GeoNames' name, the local one ("Köln"); "Cologne" finds it too
    country: Entry  # the country, or the territory (Kowloon: Hong Kong, whose part_of is China)
    population: int
    geonameid: int


def fold_accents(text: str) -> str:
    """"Türkiye" -> "Turkiye", "Côte d’Ivoire" -> "Cote d'Ivoire"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_QUOTES)


def normalise(text: str) -> str:
    """The spelling-insensitive form of a name: accents folded, dots and commas
    dropped, dashes as spaces, "&" as "and", no leading "the", no possessive.
    Case is kept: :func:`fold_case` decides whether it counts."""
    text = fold_accents(text).replace(".", "").replace(",", " ").replace("&", " and ")
    text = " ".join(_DASHES.sub(" ", text).split())
    if text[:4].lower() == "the " and len(text) > 4:
        text = text[4:]
    if text.endswith("'s"):
        text = text[:-2]
    return text.rstrip("'")


def fold_case(key: str) -> str:
    """A normalised name as it is looked up: short names keep their case."""
    return key if len(key) <= SHORT_NAME else key.casefold()


def _is_plain_word(key: str) -> bool:
    """A one-word name written all in lower case: an ordinary word ("turkey")."""
    return " " not in key and key.islower()


@dataclass(frozen=True)
class RegionEntry:
    """A state, province or region and the country (or countries, for a
    name two countries share: Punjab) it lies in."""

    name: str
    countries: tuple[Entry, ...]


class _NameIndex:
    """Names to values, with the case rules of the module docstring."""

    def __init__(self, what: str):
        self.what = what
        self._values: dict[str, Entry | RegionEntry] = {}
        self._lowercase_ok: set[str] = set()  # keys the data itself spells in lower case

    def add(self, name: str, value: Entry | RegionEntry, where: str) -> None:
        key = normalise(name)
        if not key:
            raise GazetteerDataError(f"{where}: empty {self.what} name {name!r}")
        folded = fold_case(key)
        if self._values.setdefault(folded, value) != value:
            raise GazetteerDataError(f"{where}: {self.what} name {name!r} already names {self._values[folded].name!r}")
        if _is_plain_word(key):
            self._lowercase_ok.add(folded)

    def get(self, name: str) -> Entry | RegionEntry | None:
        key = normalise(name)
        folded = fold_case(key)
        if _is_plain_word(key) and folded not in self._lowercase_ok:
            return None
        return self._values.get(folded)


class Gazetteer:
    """Countries, organisations, demonyms and cities, indexed by every name."""

    def __init__(self, countries: list[dict[str, str]], organisations: list[dict[str, str]],
                 cities: Iterable[dict[str, str]] = (), regions: Iterable[dict[str, str]] = ()):
        self._names = _NameIndex("country or organisation")
        self._demonyms = _NameIndex("demonym")
        entries = [_country(row) for row in countries]
        by_iso2 = {e.iso2: e for e in entries}
        entries = [_with_parent(e, by_iso2) for e in entries] + [_organisation(row) for row in organisations]
        self.entries: tuple[Entry, ...] = tuple(entries)
        for entry in self.entries:
            where = _where(entry)
            for name in entry.names:
                self._names.add(name, entry, where)
            for demonym in entry.demonyms:
                self._demonyms.add(demonym, entry, where)
        self._city_rows = cities
        self._by_iso2 = by_iso2
        self._regions = _NameIndex("region")
        for row in regions:
            region = self._region(row)
            for name in (row["name"], *_split(row["other_names"])):
                self._regions.add(name, region, f"regions.tsv, row {row['name']!r}")
        self._cities: dict[str, list[CityEntry]] | None = None

    @classmethod
    def read(cls) -> Gazetteer:
        """A gazetteer freshly read from the package's data files (the city
        table on the first :meth:`city` call)."""
        return cls(read_table("countries.tsv", COUNTRY_COLUMNS), read_table("organisations.tsv", ORGANISATION_COLUMNS),
                   _LazyRows("cities.tsv", CITY_COLUMNS), read_table("regions.tsv", REGION_COLUMNS))

    @classmethod
    @cache
    def load(cls) -> Gazetteer:
        """The gazetteer of the package's data files, read once per process."""
        return cls.read()

    def lookup(self, name: str) -> Entry | None:
        """The country or organisation called ``name`` in any of its spellings."""
        return self._names.get(name)

    def by_demonym(self, word: str) -> Entry | None:
        """The country a nationality adjective stands for: "Kazakh" -> Kazakhstan.
        An adjective two countries share goes to the one the README lists."""
        return self._demonyms.get(word)

    def city(self, name: str, min_population: int = DEFAULT_MIN_POPULATION) -> CityEntry | None:
        """The most populous city of at least ``min_population`` called ``name``
        (by its own name first, then by an English or other alternate name)."""
        if self._cities is None:
            self._cities = self._index_cities()
        key = normalise(name)
        if _is_plain_word(key):
            return None
        for city in self._cities.get(fold_case(key), ()):
            if city.population >= min_population:
                return city
        return None

    def region(self, name: str) -> RegionEntry | None:
        """The state, province or region called ``name`` ("Bavaria", "Nordrhein-Westfalen")."""
        return self._regions.get(name)

    def patterns(self) -> list[dict]:
        """EntityRuler patterns for every known spelling, to be matched on ORTH:
        GPE for countries and territories, ORG for organisations, NORP for
        demonyms; each pattern's ``id`` is the entry's canonical name."""
        patterns: dict[tuple[str, str], dict] = {}
        for entry in self.entries:
            label = "ORG" if entry.type is EntityType.ORGANIZATION else "GPE"
            for spellings, spelling_label in ((entry.names, label), (entry.demonyms, "NORP")):
                for spelling in spellings:
                    for text in {spelling, fold_accents(spelling), spelling.replace("'", "’")}:
                        patterns.setdefault((spelling_label, text), {"label": spelling_label, "pattern": text,
                                                                     "id": entry.name})
        return list(patterns.values())

    def _index_cities(self) -> dict[str, list[CityEntry]]:
        """Every name of every city: cities' own names before other cities'
        alternate names, each group most populous first (the rows' order).
        (The build leaves no city with an alternate name equal to its own.)"""
        rows = list(self._city_rows)
        cities = [self._city(row) for row in rows]
        index: dict[str, list[CityEntry]] = {}
        for city in cities:
            index.setdefault(fold_case(normalise(city.name)), []).append(city)
        for city, row in zip(cities, rows):
            for key in row["other_names"].split("|") if row["other_names"] else ():
                index.setdefault(fold_case(key), []).append(city)  # stored normalised
        return index

    def _region(self, row: dict[str, str]) -> RegionEntry:
        codes = _split(row["iso2"])
        unknown = [code for code in codes if code not in self._by_iso2]
        if not codes or unknown:
            raise GazetteerDataError(f"regions.tsv, row {row['name']!r}: unknown country code {row['iso2']!r}")
        return RegionEntry(row["name"], tuple(self._by_iso2[code] for code in codes))

    def _city(self, row: dict[str, str]) -> CityEntry:
        where = f"cities.tsv, row {row['name']!r}"
        country = self._by_iso2.get(row["iso2"])
        if country is None:
            raise GazetteerDataError(f"{where}: unknown country code {row['iso2']!r}")
        try:
            population, geonameid = int(row["population"]), int(row["geonameid"])
        except ValueError:
            raise GazetteerDataError(f"{where}: population and geonameid must be whole numbers") from None
        return CityEntry(row["name"], country, population, geonameid)


class _LazyRows:
    """A data table read on first iteration, so gazetteers that never meet a
    city do not pay for the city table."""

    def __init__(self, name: str, columns: tuple[str, ...]):
        self.name, self.columns = name, columns

    def __iter__(self):
        return iter(read_table(self.name, self.columns))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def _qid(cell: str, where: str) -> str | None:
    if cell and not _QID.fullmatch(cell):
        raise GazetteerDataError(f"{where}: {cell!r} is not a Wikidata id (Q followed by digits)")
    return cell or None


def _where(entry: Entry) -> str:
    return f"{'organisations' if entry.type is EntityType.ORGANIZATION else 'countries'}.tsv, row {entry.name!r}"


def _country(row: dict[str, str]) -> Entry:
    where = f"countries.tsv, row {row['name']!r}"
    if row["status"] not in ("sovereign", "disputed", "territory"):
        raise GazetteerDataError(f"{where}: status must be sovereign, disputed or territory, not {row['status']!r}")
    return Entry(
        name=row["name"], type=EntityType.LOCATION if row["status"] == "territory" else EntityType.COUNTRY,
        qid=_qid(row["qid"], where), aliases=_split(row["aliases"]), demonyms=_split(row["demonyms"]),
        capital=row["capital"] or None, iso2=row["iso2"] or None, kind=row["status"], part_of=row["part_of"] or None)


def _with_parent(entry: Entry, by_iso2: dict[str | None, Entry]) -> Entry:
    """Replace a territory's parent code ("CN") with its country's name ("China")."""
    if entry.part_of is None:
        return entry
    parent = by_iso2.get(entry.part_of)
    if parent is None:
        raise GazetteerDataError(f"{_where(entry)}: part_of {entry.part_of!r} is no country's iso2 code")
    return replace(entry, part_of=parent.name)


def _organisation(row: dict[str, str]) -> Entry:
    where = f"organisations.tsv, row {row['name']!r}"
    return Entry(name=row["name"], type=EntityType.ORGANIZATION, qid=_qid(row["qid"], where),
                 aliases=_split(row["aliases"]), acronym=row["acronym"] or None, kind=row["kind"] or None)
