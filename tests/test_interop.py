"""Every export loads in independent parsers with the same statement count,
and its IRIs are ones other tools accept (no spaces, quotes or raw non-ASCII),
so the Turtle a user hands to Protégé, Jena or GraphDB is read as we wrote it."""
from __future__ import annotations

import re
import shutil
import subprocess

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal
from test_sparql import sample_kg

from newskg.exports.rdf import FORMATS, write_rdf
from newskg.graph.namespaces import entity_key
from newskg.model import Entity, EntityType, Evidence, Fact, Relation

QUOTED = entity_key(EntityType.ORGANIZATION, 'The "Quoted" Institute of <Space> & Time')
ERDOGAN = entity_key(EntityType.PERSON, "Recep Tayyip Erdoğan")
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "trig": "trig", "nquads": "nquads"}
RAPPER_FORMATS = {"turtle": "turtle", "ntriples": "ntriples", "trig": "trig", "nquads": "nquads"}
#: An IRI as RFC 3987 and the Turtle grammar allow it, restricted to ASCII.
PLAIN_IRI = re.compile(r"[a-z][a-z0-9+.-]*:[!#$%&'()*+,\-./0-9:;=?@A-Z\[\]_a-z~]+")


def awkward_kg():
    """The sample graph plus names that tempt a writer into bad IRIs."""
    kg = sample_kg()
    kg.entities[QUOTED] = Entity(QUOTED, 'The "Quoted" Institute of <Space> & Time', EntityType.ORGANIZATION,
                                 ("Institut für Raum\nund Zeit",))
    kg.facts.append(Fact(ERDOGAN, Relation.AFFILIATED_WITH, QUOTED,
                         Evidence("afp1", 'Erdoğan, a fellow of "Quoted"', 500, 530), "test.affiliation.v1", 0.8))
    return kg


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    kg = awkward_kg()
    paths = {}
    for fmt, (file_name, _, _) in FORMATS.items():
        paths[fmt] = folder / file_name
        write_rdf(kg, paths[fmt], fmt)
    quads = set(kg.quads())
    expected = {"triples": len({q[:3] for q in quads}), "quads": len(quads)}
    return paths, expected


def expected_count(fmt, expected) -> int:
    return expected["quads" if FORMATS[fmt][2] else "triples"]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_pyoxigraph_and_rdflib_read_every_export_with_equal_counts(exports, fmt):
    paths, expected = exports
    oxigraph_count = len(list(ox.parse(path=str(paths[fmt]), format=FORMATS[fmt][1])))
    if FORMATS[fmt][2]:
        dataset = Dataset()
        dataset.parse(paths[fmt], format=RDFLIB_FORMATS[fmt])
        rdflib_count = len(list(dataset.quads()))
    else:
        rdflib_count = len(Graph().parse(paths[fmt], format=RDFLIB_FORMATS[fmt]))
    assert oxigraph_count == rdflib_count == expected_count(fmt, expected)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_rapper_reads_every_export_it_knows_with_the_same_count(exports, fmt):
    if not shutil.which("rapper"):
        pytest.skip("Debian's rapper is not installed (apt-get install -y raptor2-utils)")
    if fmt not in RAPPER_FORMATS:
        pytest.skip(f"rapper (raptor2) has no {fmt} parser; its 'json' is RDF/JSON, not JSON-LD")
    paths, expected = exports
    result = subprocess.run(["rapper", "-i", RAPPER_FORMATS[fmt], "-c", str(paths[fmt])],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower() and "warning" not in result.stderr.lower(), result.stderr
    assert f"returned {expected_count(fmt, expected)} triples" in result.stderr


def test_every_iri_is_plain_ascii_without_spaces_or_quotes(exports):
    paths, _ = exports
    iris = {term.value for quad in ox.parse(path=str(paths["nquads"]), format=ox.RdfFormat.N_QUADS)
            for term in quad if isinstance(term, ox.NamedNode)}
    assert iris and all(PLAIN_IRI.fullmatch(iri) for iri in iris), [i for i in iris if not PLAIN_IRI.fullmatch(i)]
    assert "https://newskg.example/entity/person/recep-tayyip-erdogan" in iris
    assert "https://newskg.example/entity/organization/the-quoted-institute-of-space-time" in iris


def test_names_with_non_ascii_quotes_and_newlines_survive_as_literals(exports):
    paths, _ = exports
    graph = Graph().parse(paths["turtle"], format="turtle")
    literals = {str(o) for o in graph.objects() if isinstance(o, Literal)}
    assert {"Recep Tayyip Erdoğan", 'The "Quoted" Institute of <Space> & Time', "Institut für Raum\nund Zeit"} <= literals
