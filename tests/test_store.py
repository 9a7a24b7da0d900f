"""The on-disk store: a rebuild of the same articles changes nothing, a
changed article replaces only its own facts, a new one adds its own."""
from __future__ import annotations

import dataclasses
import gc

import pytest
from test_sparql import RUSSIA, SCO, TURKEY, sample_kg

from newskg import sparql
from newskg.cli import main
from newskg.errors import GraphFileError
from newskg.model import Article, Entity, EntityType, Evidence, Fact, Relation
from newskg.store import GraphStore

MEMBERS_OF_SCO = f"SELECT ?m WHERE {{ ?m nkg:memberOf <https://newskg.example/entity/{SCO}> }}"
PUTIN_LEADS_RUSSIA = """SELECT ?article WHERE {
  ?s rdf:subject person:vladimir-putin ; rdf:predicate nkg:leaderOf ; prov:wasDerivedFrom ?article }"""


def select(store: GraphStore, query: str) -> set[str]:
    return {row[0].value.rsplit("/", 1)[-1] for row in sparql.run_query(store.oxigraph, query)}


def revised_afp(kg):
    """The AFP article edited: same file, new text (so a new id), and now it
    says Turkey rather than Kazakhstan is an SCO member."""
    old = kg.articles["afp1"]
    article = dataclasses.replace(old, id="afp2", text=old.text + " (updated)")
    fact = Fact(TURKEY, Relation.MEMBER_OF, SCO, Evidence("afp2", "Turkey is an SCO member", 0, 23),
                "test.member_of.v1", 0.9)
    return dataclasses.replace(kg, articles={"afp2": article}, facts=[fact])


@pytest.fixture
def store(tmp_path):
    store = GraphStore(tmp_path / "store")
    store.update(sample_kg())
    return store


def test_first_update_adds_every_article_and_quad(tmp_path):
    kg = sample_kg()
    store = GraphStore(tmp_path / "store")
    update = store.update(kg)
    assert sorted(update.added) == ["afp1", "voa1"] and not update.replaced and not update.unchanged
    assert len(store) == len(set(sparql.from_knowledge_graph(kg)))
    assert store.article_ids() == {"afp1", "voa1"}


def test_rebuilding_the_same_articles_is_a_no_op(store):
    before = len(store)
    update = store.update(sample_kg())
    assert sorted(update.unchanged) == ["afp1", "voa1"] and not update.added and not update.replaced
    assert len(store) == before


def test_a_changed_article_replaces_only_its_own_facts(store):
    kg = sample_kg()
    assert select(store, MEMBERS_OF_SCO) == {"kazakhstan"}
    assert select(store, PUTIN_LEADS_RUSSIA) == {"voa1", "afp1"}
    update = store.update(revised_afp(kg))
    assert update.replaced == ("afp2",) and not update.added
    assert store.article_ids() == {"voa1", "afp2"}
    assert select(store, MEMBERS_OF_SCO) == {"kazakhstan", "turkey"}  # Kazakhstan: still in the VOA article
    assert select(store, PUTIN_LEADS_RUSSIA) == {"voa1"}  # the AFP sentence went with its article
    assert not select(store, "SELECT ?s WHERE { ?s prov:wasDerivedFrom article:afp1 }")


def test_a_new_article_adds_its_facts_and_keeps_the_rest(store):
    kg = sample_kg()
    before = len(store)
    article = Article("tass1", "more/tass.txt", "…", "Putin in Astana", "TASS", "2024-07-05")
    fact = Fact("person/vladimir-putin", Relation.LEADER_OF, RUSSIA,
                Evidence("tass1", "President Putin of Russia", 0, 25), "test.leader_of.v1", 0.9)
    update = store.update(dataclasses.replace(kg, articles={"tass1": article}, facts=[fact]))
    assert update.added == ("tass1",)
    assert len(store) > before
    assert select(store, PUTIN_LEADS_RUSSIA) == {"voa1", "afp1", "tass1"}


def test_an_entity_keeps_one_label_and_gains_new_spellings(store):
    kg = sample_kg()
    renamed = Entity(SCO, "Shanghai Cooperation Org.", EntityType.ORGANIZATION, ("Shanghai Pact",))
    store.update(dataclasses.replace(kg, entities={SCO: renamed}))
    labels = sparql.run_query(store.oxigraph, f"SELECT ?l WHERE {{ <https://newskg.example/entity/{SCO}> rdfs:label ?l }}")
    assert [r["l"].value for r in labels] == ["Shanghai Cooperation Organisation"]
    alt = select(store, f"SELECT ?a WHERE {{ <https://newskg.example/entity/{SCO}> skos:altLabel ?a }}")
    assert {"Shanghai Cooperation Org.", "Shanghai Pact", "SCO"} <= alt


def test_newskg_query_reads_a_store_directory(tmp_path, capsysbinary):
    directory = tmp_path / "store"
    GraphStore(directory).update(sample_kg())
    gc.collect()  # the writer's lock goes with the object
    status = main(["query", str(directory), "--example", "members"])
    out = capsysbinary.readouterr().out.decode()
    assert status == 0 and "Kazakhstan" in out


def test_a_file_where_the_store_should_be_is_one_clear_error(tmp_path):
    path = tmp_path / "not-a-store"
    path.write_text("hello")
    with pytest.raises(GraphFileError, match="cannot open the store"):
        GraphStore(path)
