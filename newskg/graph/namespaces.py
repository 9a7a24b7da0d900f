"""IRIs: the ontology namespace, the well-known vocabularies, and how
entity, article and fact IRIs are minted under a configurable base.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from newskg.errors import UsageError
from newskg.model import EntityType, Relation

DEFAULT_BASE_IRI = "https://newskg.example/"
NKG = Namespace("https://newskg.example/ontology#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")

#: Prefixes written into every export and predeclared for every query.
PREFIXES: dict[str, str] = {
    "nkg": str(NKG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "wd": str(WD),
    "wdt": str(WDT),
}


def entity_key(entity_type: EntityType, name: str) -> str:
    """``(Country, "Kazakhstan")`` -> ``country/kazakhstan``: the IRI path."""
    return f"{entity_type.value.lower()}/{slugify(name)}"


def instance_prefixes(base: str) -> dict[str, str]:
    """Prefixes for the minted IRIs (``country:kazakhstan``, ``article:…``),
    so exports read well and every local name is plain (no escaped ``/``,
    which some Turtle readers reject)."""
    prefixes = {t.value.lower(): f"{base}entity/{t.value.lower()}/" for t in EntityType}
    return prefixes | {"article": f"{base}article/", "fact": f"{base}fact/"}


def prefixes(base: str = DEFAULT_BASE_IRI) -> dict[str, str]:
    """Every prefix of the exports: vocabularies and minted instances."""
    return PREFIXES | instance_prefixes(base)


def sparql_prologue(base: str = DEFAULT_BASE_IRI) -> str:
    """Every export prefix as SPARQL ``PREFIX`` lines, to predeclare."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes(base).items())


def relation_property(relation: Relation) -> str:
    """``member_of`` -> the IRI of ``nkg:memberOf``."""
    head, *rest = relation.value.split("_")
    return str(NKG) + head + "".join(w.capitalize() for w in rest)


def slugify(text: str) -> str:
    """An IRI-safe, readable path segment: ASCII, lower case, hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "u" + hashlib.sha1(text.encode()).hexdigest()[:10]


def check_base_iri(base: str) -> str:
    """Refuse a base that would mint invalid IRIs (spaces, no scheme)."""
    if not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*", base):
        raise UsageError(f"--base-iri {base!r} is not an absolute IRI (e.g. {DEFAULT_BASE_IRI})")
    return base if base.endswith(("/", "#")) else base + "/"
