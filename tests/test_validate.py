"""``newskg validate`` and the shipped ontology: a correct graph conforms,
a broken one fails with lines a person can act on; the ontology documents
every class and property the graph uses."""
from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from test_sparql import PUTIN, XI, _fact, sample_kg

from newskg.cli import main
from newskg.exports.rdf import write_rdf
from newskg.graph.namespaces import NKG, SCHEMA, relation_property
from newskg.model import EntityType, Relation
from newskg.validate import ontology_path, shapes_path, validate

REPO = Path(__file__).resolve().parents[1]


def run_cli(capsysbinary, *argv) -> tuple[int, str]:
    status = main(list(map(str, argv)))
    return status, capsysbinary.readouterr().out.decode()


def test_a_correct_graph_conforms(tmp_path, capsysbinary):
    path = tmp_path / "graph.ttl"
    write_rdf(sample_kg(), path, "turtle")
    status, out = run_cli(capsysbinary, "validate", path)
    assert (status, out) == (0, f"{path} conforms to the newskg shapes\n")


def test_a_broken_graph_fails_with_one_readable_line_per_problem(tmp_path, capsysbinary):
    kg = sample_kg()
    broken = dataclasses.replace(
        kg,
        entities=kg.entities | {XI: dataclasses.replace(kg.entities[XI], label="")},
        facts=kg.facts + [_fact(XI, Relation.LEADER_OF, PUTIN, "voa1", "Xi leads Putin", confidence=1.5)],
    )
    path = tmp_path / "graph.trig"
    write_rdf(broken, path, "trig")
    with path.open("a") as handle:  # a second label, as a careless merge would write
        handle.write('<https://newskg.example/entity/country/china> <http://www.w3.org/2000/01/rdf-schema#label> "PRC" .\n')
    status, out = run_cli(capsysbinary, "validate", path)
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == f"{path} does not conform: 4 violations"
    confidence = [line for line in lines[1:] if "nkg:confidence" in line]
    assert len(confidence) == 1 and re.fullmatch(
        r'  fact:[0-9a-f]+ nkg:confidence: a statement needs one nkg:confidence, a decimal from 0 to 1 \(value: "1\.5"\)',
        confidence[0])
    assert set(lines[1:]) == {
        "  country:china rdfs:label: an entity needs exactly one non-empty rdfs:label (other spellings go in skos:altLabel)",
        "  person:xi-jinping rdfs:label: an entity needs exactly one non-empty rdfs:label "
        '(other spellings go in skos:altLabel) (value: "")',
        "  person:xi-jinping nkg:leaderOf: nkg:leaderOf must point to a nkg:Country or a nkg:Organization "
        "(value: person:vladimir-putin)",
        confidence[0],
    }
    assert "a decimal from 0 to 1 (value: \"1.5\")" in out


def test_the_report_is_cut_at_the_limit(tmp_path):
    kg = sample_kg()
    nameless = {key: dataclasses.replace(e, label="") for key, e in kg.entities.items()}
    path = tmp_path / "graph.nt"
    write_rdf(dataclasses.replace(kg, entities=nameless), path, "ntriples")
    report = validate(path)
    assert len(report.violations) == len(nameless)
    assert report.text(limit=3).splitlines()[-1] == f"  … and {len(nameless) - 3} more (--limit 0 shows all)"


def test_an_unreadable_graph_is_one_error_line(tmp_path, capsys):
    status = main(["validate", str(tmp_path / "missing.ttl")])
    assert status == 1 and capsys.readouterr().err.count("\n") == 1


# ---- the ontology ----------------------------------------------------------

@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def test_ontology_and_shapes_ship_and_parse_in_both_parsers(ontology):
    for path in (ontology_path(), shapes_path()):
        assert path.is_file()
        assert len(list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))) == len(Graph().parse(path))


def test_every_class_and_property_the_graph_uses_is_documented(ontology):
    used_classes = {NKG[t.value] for t in EntityType} | {SCHEMA.NewsArticle}
    used_properties = {p for _, p, _, _ in sample_kg().quads() if str(p).startswith(str(NKG))}
    used_properties |= {NKG[relation_property(r).split("#")[1]] for r in Relation}
    assert len(used_properties) == 18  # ten relations + eight provenance/article properties
    for term in used_classes | used_properties:
        assert ontology.value(term, RDFS.label) and ontology.value(term, RDFS.comment), term
    for term in used_properties:
        assert (term, RDF.type, OWL.ObjectProperty) in ontology or (term, RDF.type, OWL.DatatypeProperty) in ontology
        assert ontology.value(term, RDFS.domain) and ontology.value(term, RDFS.range), term


def test_relations_map_to_wikidata_and_schema_org_in_the_right_direction(ontology):
    wdt = "http://www.wikidata.org/prop/direct/"
    assert (NKG.memberOf, OWL.equivalentProperty, URIRef(wdt + "P463")) in ontology
    assert (NKG.foundedBy, OWL.equivalentProperty, URIRef(wdt + "P112")) in ontology
    assert (NKG.locatedIn, RDFS.subPropertyOf, URIRef(wdt + "P17")) in ontology
    # employer is narrower than affiliation, so it is the sub-property
    assert (URIRef(wdt + "P108"), RDFS.subPropertyOf, NKG.affiliatedWith) in ontology
    # head of state points from the country to the person: a sub-property of leaderOf's inverse
    inverse = ontology.value(URIRef(wdt + "P35"), RDFS.subPropertyOf)
    assert ontology.value(inverse, OWL.inverseOf) == NKG.leaderOf
    assert (NKG.metWith, RDF.type, OWL.SymmetricProperty) in ontology




# ---- the seeds -------------------------------------------------------------

def test_the_seed_build_conforms(tmp_path):
    subprocess.run([sys.executable, "-m", "newskg", "build", str(REPO / "seeds"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    report = validate(tmp_path / "graph.ttl")
    assert report.conforms, report.text()
