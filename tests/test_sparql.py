"""``newskg query`` and the shipped example queries, on a small graph built
by hand (two outlets' articles about the SCO summit), and on the seeds'
build when the pipeline is available."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newskg import sparql
from newskg.cli import main
from newskg.exports.rdf import write_rdf
from newskg.graph.knowledge_graph import KnowledgeGraph
from newskg.graph.namespaces import entity_key
from newskg.model import Article, Entity, EntityType, Evidence, Fact, Relation

REPO = Path(__file__).resolve().parents[1]

P, C, O, CITY = EntityType.PERSON, EntityType.COUNTRY, EntityType.ORGANIZATION, EntityType.CITY
XI, PUTIN, ERDOGAN = entity_key(P, "Xi Jinping"), entity_key(P, "Vladimir Putin"), entity_key(P, "Recep Tayyip Erdoğan")
CHINA, RUSSIA, KAZAKHSTAN = entity_key(C, "China"), entity_key(C, "Russia"), entity_key(C, "Kazakhstan")
TURKEY, BELARUS, TURKMENISTAN = entity_key(C, "Turkey"), entity_key(C, "Belarus"), entity_key(C, "Turkmenistan")
SCO, BRICS = entity_key(O, "Shanghai Cooperation Organisation"), entity_key(O, "BRICS")
ASTANA = entity_key(CITY, "Astana")

VOA_TALKS = "Chinese President Xi Jinping and Russian counterpart Vladimir Putin held talks in Kazakhstan Wednesday."
AFP_TALKS = "Putin met Xi on the sidelines of the summit."


def _fact(subject, relation, obj, article, sentence, confidence=0.9, start=0, places=()):
    return Fact(subject, relation, obj, Evidence(article, sentence, start, start + len(sentence), places),
                f"test.{relation.value}.v1", confidence)


def sample_kg(**overrides) -> KnowledgeGraph:
    """Two articles from two outlets; some facts stated by both, one
    low-confidence fact that must stay out of plain triples."""
    articles = {
        "voa1": Article("voa1", "seeds/voa.txt", "…", "Xi, Putin hold talks", "VOA News", "2024-07-03"),
        "afp1": Article("afp1", "seeds/afp.txt", "…", "Putin, Xi vie for influence", "AFP", "2024-07-04"),
    }
    entities = {e.key: e for e in [
        Entity(XI, "Xi Jinping", P, ("Xi", "Chinese President Xi"), "Q15031"),
        Entity(PUTIN, "Vladimir Putin", P, ("Putin",), "Q7747"),
        Entity(ERDOGAN, "Recep Tayyip Erdoğan", P, ("Erdogan",)),
        Entity(CHINA, "China", C, (), "Q148"),
        Entity(RUSSIA, "Russia", C, (), "Q159"),
        Entity(KAZAKHSTAN, "Kazakhstan", C, (), "Q232"),
        Entity(TURKEY, "Turkey", C),
        Entity(BELARUS, "Belarus", C),
        Entity(TURKMENISTAN, "Turkmenistan", C),
        Entity(SCO, "Shanghai Cooperation Organisation", O, ("SCO", "Shanghai Cooperation Organization"), "Q485207"),
        Entity(BRICS, "BRICS", O),
        Entity(ASTANA, "Astana", CITY),
    ]}
    leaders_voa = "Chinese President Xi Jinping and Russian President Vladimir Putin attend a meeting."
    facts = [
        _fact(XI, Relation.LEADER_OF, CHINA, "voa1", leaders_voa),
        _fact(PUTIN, Relation.LEADER_OF, RUSSIA, "voa1", leaders_voa),
        _fact(PUTIN, Relation.MET_WITH, XI, "voa1", VOA_TALKS, start=200, places=(KAZAKHSTAN,)),
        _fact(ASTANA, Relation.LOCATED_IN, KAZAKHSTAN, "voa1", "the summit in Astana, Kazakhstan", start=400),
        _fact(SCO, Relation.FOUNDED_BY, CHINA, "voa1", "established in 2001 by China and Russia", start=500),
        _fact(SCO, Relation.FOUNDED_IN, "2001", "voa1", "established in 2001 by China and Russia", start=500),
        _fact(CHINA, Relation.MEMBER_OF, BRICS, "voa1", "Its core members are Brazil, Russia, India, China", start=600),
        _fact(KAZAKHSTAN, Relation.MEMBER_OF, SCO, "voa1", "Kazakhstan, which holds the SCO chair", start=700),
        _fact(PUTIN, Relation.LEADER_OF, RUSSIA, "afp1", "Russian President Vladimir Putin"),
        _fact(PUTIN, Relation.MET_WITH, XI, "afp1", AFP_TALKS, start=100),
        _fact(KAZAKHSTAN, Relation.MEMBER_OF, SCO, "afp1", "the SCO members Kazakhstan and others", start=300),
        _fact(BELARUS, Relation.JOINING, SCO, "afp1", "Belarus is set to join the SCO", start=350),
        _fact(TURKMENISTAN, Relation.NOT_MEMBER_OF, SCO, "afp1", "Turkmenistan is not a member", start=380),
        _fact(TURKMENISTAN, Relation.MEMBER_OF, SCO, "afp1", "Turkmenistan is not a member", 0.2, start=380),
        _fact(ERDOGAN, Relation.LEADER_OF, TURKEY, "afp1", "Turkish President Recep Tayyip Erdoğan", start=420),
    ]
    return KnowledgeGraph(articles, entities, facts, **overrides)


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "graph.ttl"
    write_rdf(sample_kg(), path, "turtle")
    return path


@pytest.fixture(scope="module")
def store(graph_file):
    return sparql.open_graph(graph_file)


def rows(store, query: str) -> list[dict[str, str]]:
    """SELECT results as dicts of short names, as the table shows them."""
    known = sparql.prefixes(sparql.graph_base(store))
    result = sparql.run_query(store, query)
    names = [v.value for v in result.variables]
    return [{n: "" if s[n] is None else sparql.short_name(s[n], known) for n in names} for s in result]


def run_cli(capsysbinary, *argv) -> tuple[int, str, str]:
    status = main(list(map(str, argv)))
    out, err = capsysbinary.readouterr()
    return status, out.decode(), err.decode()


# ---- the example queries -------------------------------------------------

def test_six_examples_ship_with_a_title_and_description(capsysbinary):
    assert set(sparql.examples()) == {"members", "leaders", "meetings", "about_entity", "corroborated",
                                      "single_outlet"}
    status, out, _ = run_cli(capsysbinary, "query", "--examples")
    assert status == 0
    for item in sparql.examples().values():
        assert item.title and item.description
        assert f"{item.name}" in out and item.title in out


def test_members_of_the_sco_leave_out_negated_and_low_confidence_members(store):
    found = rows(store, sparql.example("members").text)
    assert [(r["memberName"], r["type"], r["articles"]) for r in found] == [("Kazakhstan", "nkg:Country", "2")]


def test_leaders_pairs_each_country_with_its_leader(store):
    found = [(r["countryName"], r["leaderName"]) for r in rows(store, sparql.example("leaders").text)]
    assert found == [("China", "Xi Jinping"), ("Russia", "Vladimir Putin"), ("Turkey", "Recep Tayyip Erdoğan")]


def test_meetings_give_date_and_the_place_their_sentence_puts_them_in(store):
    found = rows(store, sparql.example("meetings").text)
    assert [(r["date"], r["where"]) for r in found] == [("2024-07-03", "Kazakhstan"), ("2024-07-04", "")]
    assert {(r["personName"], r["otherName"]) for r in found} == {("Vladimir Putin", "Xi Jinping")}
    assert found[0]["evidence"] == VOA_TALKS


def test_about_entity_lists_every_fact_with_its_sentence_and_article(store):
    found = rows(store, sparql.example("about_entity").text)
    assert {(r["subjectName"], r["relation"], r["objectName"], r["article"]) for r in found} == {
        ("Vladimir Putin", "nkg:leaderOf", "Russia", "article:voa1"),
        ("Vladimir Putin", "nkg:leaderOf", "Russia", "article:afp1"),
        ("Vladimir Putin", "nkg:metWith", "Xi Jinping", "article:voa1"),
        ("Vladimir Putin", "nkg:metWith", "Xi Jinping", "article:afp1"),
    }
    assert all(r["evidence"] and r["headline"] for r in found)


def test_corroborated_facts_about_the_sco_are_those_two_articles_state(store):
    found = {(r["subject"], r["relation"], r["object"], r["articles"]) for r in rows(store, sparql.example("corroborated").text)}
    assert found == {("country:kazakhstan", "nkg:memberOf", "organization:shanghai-cooperation-organisation", "2")}


def test_single_outlet_facts_name_their_outlet(store):
    sco = "organization:shanghai-cooperation-organisation"
    found = {(r["subject"], r["relation"], r["object"]): r["outlet"] for r in rows(store, sparql.example("single_outlet").text)}
    assert found == {(sco, "nkg:foundedBy", "country:china"): "VOA News", (sco, "nkg:foundedIn", "2001"): "VOA News",
                     ("country:belarus", "nkg:joining", sco): "AFP", ("country:turkmenistan", "nkg:notMemberOf", sco): "AFP"}


def test_a_meeting_written_either_way_round_is_one_fact():
    kg = sample_kg()
    kg.facts[2] = _fact(XI, Relation.MET_WITH, PUTIN, "voa1", VOA_TALKS, start=200, places=(KAZAKHSTAN,))
    found = rows(sparql.from_knowledge_graph(kg), "SELECT DISTINCT ?a ?b WHERE { ?a nkg:metWith ?b }")
    assert found == [{"a": "person:vladimir-putin", "b": "person:xi-jinping"}]


# ---- the command ---------------------------------------------------------

SCO_MEMBERS = "SELECT ?c WHERE { ?c nkg:memberOf ?o . ?o skos:altLabel 'SCO' }"


def test_table_output_shortens_iris_and_counts_rows(capsysbinary, graph_file):
    status, out, _ = run_cli(capsysbinary, "query", graph_file, SCO_MEMBERS)
    assert status == 0
    assert out.splitlines() == ["c", "------------------", "country:kazakhstan", "(1 row)"]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_machine_formats_are_the_w3c_result_formats(capsysbinary, graph_file, fmt):
    status, out, _ = run_cli(capsysbinary, "query", graph_file, SCO_MEMBERS, "--format", fmt)
    assert status == 0
    iri = "https://newskg.example/entity/country/kazakhstan"
    if fmt == "json":
        assert json.loads(out)["results"]["bindings"] == [{"c": {"type": "uri", "value": iri}}]
    elif fmt == "csv":
        assert list(csv.reader(io.StringIO(out))) == [["c"], [iri]]
    elif fmt == "tsv":
        assert out.splitlines() == ["?c", f"<{iri}>"]
    else:
        assert f"<uri>{iri}</uri>" in out


def test_ask_answers_yes_or_no(capsysbinary, graph_file):
    assert run_cli(capsysbinary, "query", graph_file, "ASK { country:belarus nkg:joining ?o }")[1] == "yes\n"
    assert run_cli(capsysbinary, "query", graph_file, "ASK { country:turkmenistan nkg:memberOf ?o }")[1] == "no\n"


def test_construct_prints_turtle_with_prefixes(capsysbinary, graph_file):
    status, out, _ = run_cli(capsysbinary, "query", graph_file,
                             "CONSTRUCT { ?p nkg:leaderOf ?c } WHERE { ?p nkg:leaderOf ?c }")
    assert status == 0
    assert "@prefix nkg:" in out and "person:xi-jinping nkg:leaderOf country:china" in out


def test_query_from_file_and_example_by_name(capsysbinary, graph_file, tmp_path):
    query_file = tmp_path / "q.rq"
    query_file.write_text(SCO_MEMBERS)
    assert "country:kazakhstan" in run_cli(capsysbinary, "query", graph_file, "--file", query_file)[1]
    status, out, _ = run_cli(capsysbinary, "query", graph_file, "--example", "leaders")
    assert status == 0 and "Recep Tayyip Erdoğan" in out


def test_a_prefix_the_query_declares_wins_over_the_predeclared_one(capsysbinary, graph_file):
    query = "PREFIX nkg: <http://elsewhere.example/> SELECT ?s WHERE { ?s nkg:memberOf ?o }"
    assert run_cli(capsysbinary, "query", graph_file, query)[1].endswith("(0 rows)\n")


def test_custom_base_iri_gets_matching_instance_prefixes(capsysbinary, tmp_path):
    path = tmp_path / "g.ttl"
    write_rdf(sample_kg(base_iri="http://news.example.org/kg/"), path, "turtle")
    out = run_cli(capsysbinary, "query", path, "SELECT ?c WHERE { ?c nkg:memberOf organization:brics }")[1]
    assert "country:china" in out


@pytest.mark.parametrize("fmt", ["nt", "trig", "nq", "jsonld"])
def test_every_export_format_can_be_queried(capsysbinary, tmp_path, fmt):
    names = {"nt": "ntriples", "trig": "trig", "nq": "nquads", "jsonld": "jsonld"}
    path = tmp_path / f"graph.{fmt}"
    write_rdf(sample_kg(), path, names[fmt])
    assert "country:kazakhstan" in run_cli(capsysbinary, "query", path, SCO_MEMBERS)[1]


def test_malformed_query_gets_the_parsers_message_and_exit_2(capsysbinary, graph_file):
    status, out, err = run_cli(capsysbinary, "query", graph_file, "SELECT ?s WHERE { ?s ?p ")
    assert status == 2 and out == ""
    assert err.startswith("newskg: error [E300] malformed SPARQL: error at 1:") and err.count("\n") == 1


@pytest.mark.parametrize("content, expected", [(None, "no such graph file"),
                                               ("<a> <b> .\n", "is not valid Turtle"),
                                               (b"\x00\xff\xfe", "is not valid Turtle")])
def test_missing_or_broken_graph_file_is_one_error_line(capsysbinary, tmp_path, content, expected):
    path = tmp_path / "graph.ttl"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    status, out, err = run_cli(capsysbinary, "query", path, SCO_MEMBERS)
    assert status == 1 and out == ""
    assert err.startswith("newskg: error [E301] ") and expected in err and err.count("\n") == 1


def test_unknown_extension_and_unknown_example_are_explained(capsysbinary, tmp_path):
    path = tmp_path / "graph.xyz"
    path.write_text("")
    assert "unknown graph format" in run_cli(capsysbinary, "query", path, SCO_MEMBERS)[2]
    status, _, err = run_cli(capsysbinary, "query", path, "--example", "nope")
    assert status == 2 and "--examples lists" in err


# ---- the seeds, once the pipeline exists ----------------------------------

@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds")
    subprocess.run([sys.executable, "-m", "newskg", "build", str(REPO / "seeds"), "--out", str(out)],
                   check=True, capture_output=True)
    return out / "graph.ttl"


def test_every_example_runs_on_the_seed_build(seed_graph):
    store = sparql.open_graph(seed_graph)
    answered = {name: rows(store, item.text) for name, item in sparql.examples().items()}
    members = {r["memberName"] for r in answered["members"]}
    assert {"Kazakhstan", "India", "Iran", "Pakistan"} <= members and "Turkmenistan" not in members
    assert {(r["countryName"], r["leaderName"]) for r in answered["leaders"]} >= {
        ("China", "Xi Jinping"), ("Russia", "Vladimir Putin")}
    assert answered["meetings"] and answered["about_entity"]


def test_sco_members_over_the_cli_match_the_library(capsysbinary, seed_graph):
    status, out, _ = run_cli(capsysbinary, "query", seed_graph, "--example", "members", "--format", "csv")
    assert status == 0
    from_cli = {row["memberName"] for row in csv.DictReader(io.StringIO(out))}
    assert from_cli == {r["memberName"] for r in rows(sparql.open_graph(seed_graph), sparql.example("members").text)}
