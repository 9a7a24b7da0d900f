"""The gazetteer: every way news spells a country or organisation finds it,
ordinary words do not, and a broken data file says where it is broken."""
from __future__ import annotations

import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path
from types import SimpleNamespace

import pytest

from newskg.extractors import datafiles
from newskg.extractors.gazetteer import Gazetteer, GazetteerDataError
from newskg.model import EntityType

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def name_of(gazetteer: Gazetteer, text: str) -> str | None:
    entry = gazetteer.lookup(text)
    return entry.name if entry else None


@pytest.mark.parametrize("text, name", [
    ("Kazakhstan", "Kazakhstan"),                        # canonical name
    ("Russian Federation", "Russia"),                    # UN formal name
    ("Islamic Republic of Iran", "Iran"),                # UN formal, leading "the" dropped
    ("Czechia", "Czech Republic"),                       # CLDR name kept as an alias of the news name
    ("Britain", "United Kingdom"),                       # news aliases added by hand
    ("America", "United States"),
    ("Burma", "Myanmar"),
    ("DRC", "Democratic Republic of the Congo"),
    ("UAE", "United Arab Emirates"),
    ("U.S.", "United States"),                           # dots do not count
    ("U.K.", "United Kingdom"),
    ("Türkiye", "Turkey"),                               # accents do not count
    ("Turkiye", "Turkey"),
    ("Côte d’Ivoire", "Ivory Coast"),                    # nor curly apostrophes
    ("the Netherlands", "Netherlands"),                  # a leading "the"
    ("Russia's", "Russia"),                              # a possessive
    ("Kazakhstan’s", "Kazakhstan"),
    ("the U.S.'s", "United States"),
    ("Bosnia-Herzegovina", "Bosnia and Herzegovina"),    # dashes are spaces
    ("united states", "United States"),                  # several words: any case
    ("UNITED KINGDOM", "United Kingdom"),
    ("SCO", "Shanghai Cooperation Organisation"),        # acronyms
    ("BRICS", "BRICS"),
    ("U.N.", "United Nations"),
    ("Nato", "North Atlantic Treaty Organization"),      # British house style
    ("G-20", "Group of Twenty"),
    ("Arab League", "League of Arab States"),
    ("eurozone", "Euro area"),                           # the data spells it lower case, so lower case matches
    ("Islamic State", "Islamic State"),                  # added by hand
])
def test_every_kind_of_alias_finds_its_entry(gazetteer, text, name):
    assert name_of(gazetteer, text) == name


@pytest.mark.parametrize("short, word", [("US", "us"), ("AU", "au"), ("UN", "un"), ("IS", "is"), ("Chad", "chad")])
def test_short_names_match_only_in_their_own_case(gazetteer, short, word):
    assert gazetteer.lookup(short) is not None
    assert gazetteer.lookup(word) is None


@pytest.mark.parametrize("word", ["turkey", "china", "jersey", "guinea", "commonwealth"])
def test_a_one_word_name_in_lower_case_is_an_ordinary_word(gazetteer, word):
    assert gazetteer.lookup(word) is None
    assert gazetteer.lookup(word.title()) is not None


def test_both_spellings_of_organisation_are_one_entry_with_its_qid(gazetteer):
    british = gazetteer.lookup("Shanghai Cooperation Organisation")
    american = gazetteer.lookup("Shanghai Cooperation Organization")
    assert british is american
    assert (british.name, british.qid, british.acronym) == ("Shanghai Cooperation Organisation", "Q485207", "SCO")
    assert british.type is EntityType.ORGANIZATION
    assert gazetteer.lookup("World Health Organisation") is gazetteer.lookup("WHO")


def test_acronyms_news_uses_for_something_else_do_not_match(gazetteer):
    assert gazetteer.lookup("WB") is None  # not how news names the World Bank
    assert gazetteer.lookup("PIF") is None  # usually Saudi Arabia's Public Investment Fund
    assert gazetteer.lookup("Pacific Islands Forum").acronym is None


@pytest.mark.parametrize("word, country", [
    ("Kazakh", "Kazakhstan"), ("Kyrgyz", "Kyrgyzstan"), ("Tajik", "Tajikistan"), ("Turkmen", "Turkmenistan"),
    ("Uzbek", "Uzbekistan"), ("Emirati", "United Arab Emirates"), ("Saudi", "Saudi Arabia"),
    ("Argentinian", "Argentina"), ("South African", "South Africa"), ("Burkinabè", "Burkina Faso"),
    # adjectives two countries share go to the default the README lists
    ("Korean", "South Korea"), ("Congolese", "Democratic Republic of the Congo"),
    ("Dominican", "Dominican Republic"), ("American", "United States"), ("Chinese", "China"),
])
def test_demonyms_point_at_their_country(gazetteer, word, country):
    assert gazetteer.by_demonym(word).name == country


def test_demonyms_are_adjectives_only(gazetteer):
    assert gazetteer.by_demonym("Kazakhs") is None
    assert gazetteer.by_demonym("kazakh") is None
    assert gazetteer.by_demonym("Kazakhstan") is None


def test_every_sovereign_country_but_a_few_has_a_demonym(gazetteer):
    # No adjective of their own in English news (or one another country took): see the README.
    without = {e.name for e in gazetteer.entries if e.kind == "sovereign" and not e.demonyms}
    assert without == {"Dominica", "Kiribati", "New Zealand", "Republic of the Congo", "Solomon Islands",
                       "Vatican City"}


def test_every_country_row_has_a_qid(gazetteer):
    countries = [e for e in gazetteer.entries if e.type is not EntityType.ORGANIZATION]
    assert len(countries) == 250  # 249 from country-codes.csv, Kosovo by hand
    assert all(e.qid and e.qid.startswith("Q") for e in countries)
    assert gazetteer.lookup("Namibia").qid == "Q1030"  # missing in the source


def test_organisations_are_the_source_ones_plus_those_added_by_hand(gazetteer):
    organisations = [e for e in gazetteer.entries if e.type is EntityType.ORGANIZATION]
    assert len(organisations) == 47 + 7
    assert gazetteer.lookup("Quad").qid is None  # no QID known
    assert {e.kind for e in organisations} <= {"international", "regional", "alliance", "grouping", "bank", "area",
                                               "agreement", "institution", "ngo", "militant"}


def test_a_territory_is_a_location_inside_its_country(gazetteer):
    hong_kong = gazetteer.lookup("Hong Kong")
    assert (hong_kong.type, hong_kong.part_of) == (EntityType.LOCATION, "China")
    assert gazetteer.lookup("Kazakhstan").capital == "Astana"  # renamed back from Nur-Sultan in 2022


@pytest.mark.parametrize("name, city, country", [
    ("Astana", "Astana", "Kazakhstan"),
    ("Hamburg", "Hamburg", "Germany"),
    ("Washington", "Washington", "United States"),  # the capital, not the state (the README says why)
    ("Washington, D.C.", "Washington", "United States"),
    ("Cologne", "Köln", "Germany"),  # an English name GeoNames lists as an alternate
    ("Kiev", "Kyiv", "Ukraine"),
    ("New York", "New York City", "United States"),
    ("Tripoli", "Tripoli", "Libya"),  # the most populous of two
    ("Valencia", "Valencia", "Spain"),  # not the more populous Venezuelan one: given by hand
    ("Nice", "Nice", "France"),
])
def test_city_lookup_gives_the_country(gazetteer, name, city, country):
    found = gazetteer.city(name)
    assert (found.name, found.country.name) == (city, country)
    assert found.population >= 100_000 and found.geonameid > 0


@pytest.mark.parametrize("name", [
    "nice",  # a lower-case word is not a city
    "Reading", "Mobile",  # cities whose name is more often an ordinary word
    "Singapore", "Hong Kong",  # countries and territories are lookup()'s
    "Florida",  # a US state, not Floridablanca's alternate name
    "Halberstadt",  # under 100,000 people
])
def test_names_that_are_not_taken_for_cities(gazetteer, name):
    assert gazetteer.city(name) is None


def test_patterns_tag_known_names_for_spacy(gazetteer):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(gazetteer.patterns())
    doc = nlp("Kazakh officials said the U.S. and Türkiye want the SCO to meet in Astana, Kazakhstan.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("Kazakh", "NORP", "Kazakhstan"), ("U.S.", "GPE", "United States"), ("Türkiye", "GPE", "Turkey"),
        ("SCO", "ORG", "Shanghai Cooperation Organisation"), ("Kazakhstan", "GPE", "Kazakhstan")]
    assert not any(p["pattern"] in ("us", "un", "turkey") for p in gazetteer.patterns())


def test_the_data_files_parse_with_their_columns(gazetteer):
    # Reading them at all checks every row's column count; the city table is read on first use.
    assert gazetteer.city("Berlin").country.name == "Germany"


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the package data that the loader reads instead of the real one."""
    shutil.copytree(resources.files("newskg").joinpath("data"), tmp_path / "data")
    monkeypatch.setattr(datafiles, "resources", SimpleNamespace(files=lambda package: tmp_path))
    return tmp_path / "data"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_row_with_a_missing_column_names_file_and_line(data_copy):
    _edit(data_copy / "countries.tsv", "Kazakhstan\tQ232\tKZ\t", "Kazakhstan\tQ232\t")
    line = next(i for i, row in enumerate((data_copy / "countries.tsv").read_text().splitlines(), 1)
                if row.startswith("Kazakhstan"))
    with pytest.raises(ValueError, match=rf"countries\.tsv:{line}: expected 8 tab-separated columns, got 7"):
        Gazetteer.read()


def test_a_bad_qid_names_file_and_row(data_copy):
    _edit(data_copy / "organisations.tsv", "Q485207", "485207")
    with pytest.raises(GazetteerDataError, match=r"organisations\.tsv, row 'Shanghai Cooperation Organisation'"):
        Gazetteer.read()


def test_a_name_given_to_two_entries_is_refused(data_copy):
    _edit(data_copy / "countries.tsv", "Republic of Austria", "Republic of Austria|Germany")
    with pytest.raises(GazetteerDataError, match=r"countries\.tsv, row 'Germany': .*'Germany' already names 'Austria'"):
        Gazetteer.read()


def test_a_city_in_an_unknown_country_is_reported_when_cities_are_first_used(data_copy):
    _edit(data_copy / "cities.tsv", "\tDE\t", "\tZZ\t")
    gazetteer = Gazetteer.read()
    with pytest.raises(GazetteerDataError, match=r"cities\.tsv, row .*unknown country code 'ZZ'"):
        gazetteer.city("Berlin")


def test_the_data_files_are_what_the_build_script_makes_of_the_sources():
    if not (SHARED / "gazetteer" / "country-codes.csv").exists():
        pytest.skip("../shared/gazetteer is absent: cannot rebuild the gazetteer from its sources")
    if not Path("/usr/share/dict/american-english").exists():
        pytest.skip("the word list of Debian's wamerican package is absent: cannot rebuild the city table")
    result = subprocess.run([sys.executable, str(REPO / "tools" / "build_gazetteer.py"), "--check"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
