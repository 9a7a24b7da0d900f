"""graph.html without a browser: self-contained, the right data, escaped,
truncated when asked and saying so, written atomically."""
from __future__ import annotations

import datetime
import json
import re

import pytest

from newskg.errors import OutputError
from newskg.exports import html as html_export
from newskg.exports.html import spread_layout, write_html
from newskg.graph.knowledge_graph import KnowledgeGraph
from newskg.model import Article, Entity, EntityType, Evidence, Fact, Relation

NASTY_SENTENCE = ('Erdogan told Putin that Turkey "can lay the groundwork" </script><script>alert(1)</script> '
                  "& <b>end</b> the war — 'fair peace' <!-- really?")

VOA, AFP = "4c3a095d842103b2", "35ba50243937c203"


def seed_like_graph() -> KnowledgeGraph:
    """The seed articles' main facts, by hand (no spaCy needed)."""
    people = {
        "person/xi-jinping": ("Xi Jinping", ("Xi", "Chinese President Xi"), "Q15031"),
        "person/vladimir-putin": ("Vladimir Putin", ("Putin",), "Q7747"),
        "person/recep-tayyip-erdogan": ("Recep Tayyip Erdogan", ("Erdogan",), "Q39259"),
        "person/alexander-lukashenko": ("Alexander Lukashenko", ("Lukashenko",), "Q44753"),
        "person/antonio-guterres": ("Antonio Guterres", ("Guterres",), "Q311440"),
    }
    countries = ["China", "Russia", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan", "Turkmenistan",
                 "India", "Iran", "Pakistan", "Belarus", "Turkey"]
    entities = {key: Entity(key, label, EntityType.PERSON, aliases, qid) for key, (label, aliases, qid) in people.items()}
    entities |= {f"country/{c.lower()}": Entity(f"country/{c.lower()}", c, EntityType.COUNTRY) for c in countries}
    entities["organization/sco"] = Entity("organization/sco", "Shanghai Cooperation Organisation",
                                          EntityType.ORGANIZATION,
                                          ("SCO", "Shanghai Cooperation Organization"), "Q485207")
    entities["organization/un"] = Entity("organization/un", "United Nations", EntityType.ORGANIZATION, ("UN",), "Q1065")
    entities["city/astana"] = Entity("city/astana", "Astana", EntityType.CITY, (), "Q1520")
    articles = {
        VOA: Article(VOA, "seeds/000_4c3a095d842103b2.txt", "",
                     "China’s Xi, Russia’s Putin hold talks at Central Asian summit", "VOA", "2024-07-03"),
        AFP: Article(AFP, "seeds/002_35ba50243937c203.txt", "",
                     "Putin, Xi vie for influence at Central Asian summit", "AFP", "2024-07-04"),
    }

    def fact(s, r, o, article, sentence, confidence=0.9):
        return Fact(s, r, o, Evidence(article, sentence, 0, len(sentence)), "test.v1", confidence)

    members = ("The ultra-closed Turkmenistan is not a member of the SCO, but the four other Central Asian states "
               "are, alongside India, Iran and Pakistan.")
    facts = [fact(f"country/{c.lower()}", Relation.MEMBER_OF, "organization/sco", AFP, members)
             for c in ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan", "India", "Iran", "Pakistan"]]
    founded = "The Shanghai Cooperation Organization, established in 2001 by China and Russia, serves as a forum."
    facts += [
        fact("country/turkmenistan", Relation.NOT_MEMBER_OF, "organization/sco", AFP, members),
        fact("organization/sco", Relation.FOUNDED_BY, "country/china", VOA, founded),
        fact("organization/sco", Relation.FOUNDED_BY, "country/russia", VOA, founded),
        fact("organization/sco", Relation.FOUNDED_IN, "2001", VOA, founded),
        fact("country/belarus", Relation.JOINING, "organization/sco", AFP,
             "Russia’s close ally Belarus is set to formally join the SCO on Thursday."),
        fact("country/turkey", Relation.PARTNER_OF, "organization/sco", AFP,
             "The nine-member bloc is complemented by 14 “dialogue partners”, such as Turkey.", 0.45),
        fact("person/xi-jinping", Relation.LEADER_OF, "country/china", VOA,
             "Chinese President Xi Jinping and Russian President Vladimir Putin attend a meeting."),
        fact("person/vladimir-putin", Relation.LEADER_OF, "country/russia", VOA,
             "Chinese President Xi Jinping and Russian President Vladimir Putin attend a meeting."),
        fact("person/vladimir-putin", Relation.LEADER_OF, "country/russia", AFP,
             "Russia's President Vladimir Putin meets with China's President Xi Jinping."),
        fact("person/recep-tayyip-erdogan", Relation.LEADER_OF, "country/turkey", AFP,
             "Putin also met Turkey’s President Recep Tayyip Erdogan on the sidelines of the summit."),
        fact("person/alexander-lukashenko", Relation.LEADER_OF, "country/belarus", AFP,
             "Belarus’s President Alexander Lukashenko said the group was demonstrating to the world."),
        fact("person/antonio-guterres", Relation.AFFILIATED_WITH, "organization/un", AFP,
             "UN Secretary-General Antonio Guterres also planned to address the two-day summit on Thursday."),
        fact("person/vladimir-putin", Relation.MET_WITH, "person/xi-jinping", VOA,
             "Chinese President Xi Jinping and Russian counterpart Vladimir Putin held talks in Kazakhstan."),
        fact("person/recep-tayyip-erdogan", Relation.MET_WITH, "person/vladimir-putin", AFP, NASTY_SENTENCE),
        fact("city/astana", Relation.LOCATED_IN, "country/kazakhstan", AFP,
             "ASTANA, Kazakhstan — The leaders of Russia and China on Wednesday hailed their efforts."),
    ]
    return KnowledgeGraph(articles, entities, facts)


def chain_graph(count: int) -> KnowledgeGraph:
    """``count`` people; person 0 is tied to every other, each other person
    to the next one: person 0 is the best connected."""
    entities = {f"person/p{i}": Entity(f"person/p{i}", f"Person {i}", EntityType.PERSON) for i in range(count)}
    article = Article("a", "a.txt", "", "A story", "Wire", "2024-01-01")
    facts = [Fact("person/p0", Relation.MET_WITH, f"person/p{i}", Evidence("a", f"0 met {i}.", 0, 5), "t", 0.9)
             for i in range(1, count)]
    facts += [Fact(f"person/p{i}", Relation.AFFILIATED_WITH, f"person/p{i + 1}", Evidence("a", f"{i} works for {i + 1}.", 0, 5),
                   "t", 0.9) for i in range(1, count - 1)]
    return KnowledgeGraph({"a": article}, entities, facts)


def embedded_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="newskg-data">(.*?)</script>', page, re.S)
    assert match, "no embedded graph data"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory) -> tuple[str, object, KnowledgeGraph]:
    kg = seed_like_graph()
    path = tmp_path_factory.mktemp("html") / "graph.html"
    summary = write_html(kg, path, title="Seeds <&> test")
    return path.read_text(encoding="utf-8"), summary, kg


def test_page_loads_nothing_from_the_network(seed_page):
    page, _, _ = seed_page
    tags = re.findall(r"<(?:script|link|img|iframe|style)\b[^>]*>", page, re.I)
    assert not [t for t in tags if re.search(r"\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", t, re.I)]
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"@import|url\(\s*[\"']?(?:https?:)?//", page, re.I)
    assert "default-src 'none'" in page  # the CSP blocks any fetch the page might still try


def test_page_embeds_every_entity_and_fact(seed_page):
    page, summary, kg = seed_page
    data = embedded_data(page)
    low_confidence = sum(f.confidence < kg.min_confidence for f in kg.facts)
    assert len(data["nodes"]) == kg.nx.number_of_nodes() == summary.nodes_shown == summary.nodes_total
    assert len(data["edges"]) == kg.nx.number_of_edges() + low_confidence == summary.edges_shown
    assert sum(e["low"] for e in data["edges"]) == low_confidence == 1
    putin = next(n for n in data["nodes"] if n["label"] == "Vladimir Putin")
    assert putin["qid"] == "Q7747" and putin["aliases"] == ["Putin"]
    sco = next(n for n in data["nodes"] if n["key"] == "organization/sco")
    assert sco["attributes"] == {"founded_in": "2001"}
    leads_russia = next(e for e in data["edges"] if e["from"] == putin["id"] and e["relation"] == "leader_of")
    assert [data["articles"][a]["title"] for a in leads_russia["articles"]] == [
        "China’s Xi, Russia’s Putin hold talks at Central Asian summit",
        "Putin, Xi vie for influence at Central Asian summit"]
    assert {r["name"] for r in data["relations"] if r["dashes"]} == {"not_member_of", "joining"}
    assert {r["name"] for r in data["relations"] if not r["arrows"]} == {"met_with"}
    assert len({(t["color"], t["shape"]) for t in data["types"]}) == len(data["types"]) == 4


def test_nasty_evidence_cannot_break_out_of_the_page(seed_page):
    page, _, _ = seed_page
    assert "<script>alert(1)" not in page
    assert "<b>end</b>" not in page
    assert page.lower().count("</script") == 3  # the data, vis-network, the page script
    data = embedded_data(page)
    assert NASTY_SENTENCE in data["sentences"]
    assert "<title>Seeds &lt;&amp;&gt; test</title>" in page


def test_title_line_counts_articles_entities_facts_and_build_date(seed_page):
    page, _, kg = seed_page
    stats = re.search(r'<p id="stats">(.*?)</p>', page).group(1)
    facts = len(kg.facts_by_triple)
    assert stats.startswith(f"2 articles · {len(kg.entities)} entities · {facts} facts (+1 low-confidence, dashed)")
    assert stats.endswith(f"built {datetime.date.today().isoformat()}")
    assert 'id="notice"' not in page


def test_max_nodes_keeps_the_most_connected_and_says_so(tmp_path):
    kg = chain_graph(40)
    summary = write_html(kg, tmp_path / "graph.html", max_nodes=10)
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    data = embedded_data(page)
    assert (summary.nodes_shown, summary.nodes_total) == (10, 40)
    assert "Showing the 10 most connected of 40 entities" in page
    labels = [n["label"] for n in data["nodes"]]
    assert labels[0] == "Person 0" and len(labels) == 10
    shown = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in shown and e["to"] in shown for e in data["edges"])
    assert summary.edges_shown == len(data["edges"]) > 0


def test_large_graphs_get_positions_and_small_ones_physics(tmp_path, monkeypatch):
    small = write_html(chain_graph(30), tmp_path / "small.html")
    assert small.layout == "physics"
    assert "x" not in embedded_data((tmp_path / "small.html").read_text())["nodes"][0]

    monkeypatch.setattr(html_export, "PHYSICS_MAX_NODES", 20)
    large = write_html(chain_graph(30), tmp_path / "large.html")
    data = embedded_data((tmp_path / "large.html").read_text())
    assert large.layout == data["layout"] == "precomputed"
    points = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(points) == 30  # no two entities on the same spot


def test_spread_layout_is_deterministic_and_keeps_neighbours_closer():
    ring = [(i, (i + 1) % 200) for i in range(200)]
    first, again = spread_layout(200, ring), spread_layout(200, ring)
    assert (first == again).all()
    step = [abs(first[i] - first[j]).sum() for i, j in ring]
    far = [abs(first[i] - first[(i + 100) % 200]).sum() for i in range(200)]
    assert sorted(step)[100] * 3 < sorted(far)[100]


def test_failed_write_leaves_the_old_page_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "graph.html"
    path.write_text("old page")

    def disk_full(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("newskg.exports.atomic.os.replace", disk_full)
    with pytest.raises(OSError):
        write_html(seed_like_graph(), path)
    assert path.read_text() == "old page"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def test_unwritable_path_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OutputError, match="cannot write"):
        write_html(seed_like_graph(), blocker / "graph.html")
    assert not (blocker / "graph.html").exists()


def test_empty_graph_still_makes_a_page(tmp_path):
    summary = write_html(KnowledgeGraph({}, {}, []), tmp_path / "graph.html")
    assert (summary.nodes_shown, summary.edges_shown) == (0, 0)
    assert embedded_data((tmp_path / "graph.html").read_text())["nodes"] == []
