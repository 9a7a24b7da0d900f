"""``newskg eval``: the figures a user gets for their own annotated articles,
and that they equal the evaluation kit's scorer on the project's gold sets.
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

import newskg
from newskg import evaluate
from newskg.cli import main
from newskg.exports.csv import write_csv
from newskg.graph.knowledge_graph import KnowledgeGraph
from newskg.model import Article, Entity, EntityType, Evidence, Fact, Relation

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHARED_SCORER = SHARED / "eval" / "score.py"
SEEDS_GOLD = SHARED / "eval" / "gold"
DWIE_DEV = SHARED / "benchmarks" / "dwie" / "dev"

ENTITIES = """\
# canonical\ttype\taliases
Ana Kovač\tPerson\tKovac|President Ana Kovač
Ruritania\tCountry\tRepublic of Ruritania
Borduria\tCountry\t
Tom Reyes\tPerson\tReyes
Northern Trade Pact\tOrganization\tNTP|the Trade Pact
Harbour Town\tCity\tHarbourtown
"""
TRIPLES = """\
subject\trelation\tobject\trequired\tsource\tevidence
Ana Kovač\tleader_of\tRuritania\t1\tnews_a\tRuritania's president, Ana Kovač, said
Tom Reyes\tleader_of\tBorduria\t1\tnews_a\tBordurian Prime Minister Tom Reyes
Ana Kovač\tmet_with\tTom Reyes\t1\tnews_a\tKovač met Reyes on Monday
Ruritania\tmember_of\tNorthern Trade Pact\t1\tnews_a\tRuritania joined the pact in 1995
Borduria\tmember_of\tNorthern Trade Pact\t-1\tnews_b\tBorduria is not a member of the NTP
Borduria\tnot_member_of\tNorthern Trade Pact\t0\tnews_b\tBorduria is not a member of the NTP
Northern Trade Pact\tfounded_in\t1990\t1\tnews_b\tthe pact, founded in 1990
Harbour Town\tlocated_in\tRuritania\t1\tnews_b\tHarbour Town, Ruritania
"""


def write_gold(folder: Path, entities: str = ENTITIES, triples: str = TRIPLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "entities.tsv").write_text(entities, encoding="utf-8")
    (folder / "triples.tsv").write_text(triples, encoding="utf-8")
    return folder


@pytest.fixture
def gold(tmp_path) -> Path:
    """The default gold folder, written under tmp_path."""
    return write_gold(tmp_path / "gold")


def write_predictions(path: Path, rows: list[tuple], header=("subject", "relation", "object", "source", "evidence")):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run_eval(*args: str, capsys) -> tuple[int, str, str]:
    status = main(["eval", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


def score(gold_dir: Path, rows: list[tuple], tmp_path: Path, per_source: bool = False):
    pred = write_predictions(tmp_path / "pred.csv", rows)
    return evaluate.evaluate(evaluate.load_gold(gold_dir), evaluate.read_predictions(pred, per_source), per_source)


# ---- what counts as a hit --------------------------------------------------

def test_aliases_accents_possessives_and_leading_the_all_match(gold, tmp_path):
    result = score(gold, [
        ("President Ana Kovac", "leader_of", "the Republic of Ruritania's", "news_a.txt", "s1"),
        ("REYES", "leader_of", "Borduria", "news_a.txt", "s2"),
        ("Harbourtown", "located_in", "Ruritania", "news_b.txt", "s3"),
    ], tmp_path)
    assert result.relations[Relation.LEADER_OF].tp == 2
    assert result.relations[Relation.LOCATED_IN].tp == 1
    assert result.micro.fp == 0


def test_met_with_matches_in_either_direction_and_other_relations_only_one_way(gold, tmp_path):
    result = score(gold, [
        ("Reyes", "met_with", "Kovač", "a", ""),
        ("Ruritania", "leader_of", "Ana Kovač", "a", ""),
    ], tmp_path)
    assert result.relations[Relation.MET_WITH].tp == 1
    assert result.relations[Relation.LEADER_OF].fp == 1


def test_founding_year_is_found_inside_a_longer_object(gold, tmp_path):
    result = score(gold, [("NTP", "founded_in", "in 1990, after the war", "b", "")], tmp_path)
    assert result.relations[Relation.FOUNDED_IN].tp == 1


def test_unknown_names_forbidden_and_optional_facts(gold, tmp_path):
    result = score(gold, [
        ("Borduria", "member_of", "NTP", "b", "Borduria is not a member"),  # forbidden
        ("Borduria", "not_member_of", "NTP", "b", ""),  # optional: neither hit nor error
        ("Sylvania", "member_of", "NTP", "b", "made up"),  # unknown subject
    ], tmp_path)
    member = result.relations[Relation.MEMBER_OF]
    assert (member.tp, member.fp, member.fn) == (0, 2, 1)
    assert Relation.NOT_MEMBER_OF not in result.relations
    assert result.forbidden_produced == 1
    [unknown] = result.of_kind(evaluate.FindingKind.FALSE_POSITIVE)
    assert unknown.fact.subject == "?sylvania"


def test_relations_outside_the_vocabulary_are_ignored_and_iri_forms_are_scored(gold, tmp_path):
    result = score(gold, [
        ("Harbour Town", "capital_of", "Ruritania", "b", ""),
        ("Ruritania", "http://example.org/nkg#memberOf", "NTP", "a", ""),
        ("Ruritania", "nkg:memberOf", "Northern Trade Pact", "a", ""),
    ], tmp_path)
    assert result.predicted_facts == 1
    assert result.micro.tp == 1 and result.micro.fp == 0


def test_a_gold_fact_forbidden_anywhere_stays_forbidden_and_required_beats_optional(tmp_path):
    triples = TRIPLES + (
        "Ruritania\tmember_of\tNorthern Trade Pact\t-1\tnews_b\tRuritania left the pact\n"
        "Borduria\tnot_member_of\tNorthern Trade Pact\t1\tnews_c\tBorduria stays out\n"
    )
    gold = write_gold(tmp_path / "gold", triples=triples)
    result = score(gold, [("Ruritania", "member_of", "NTP", "a", "")], tmp_path)
    assert result.forbidden_produced == 1
    assert result.relations[Relation.NOT_MEMBER_OF].fn == 1


def test_per_source_scores_each_article_alone_with_article_limited_aliases(tmp_path):
    entities = ENTITIES + "Tom Reyes\tPerson\tthe minister\tnews_a\n"
    gold = write_gold(tmp_path / "gold", entities=entities)
    result = score(gold, [
        ("the minister", "leader_of", "Borduria", "corpus/news_a.txt", ""),  # alias of news_a: hit
        ("Kovač", "leader_of", "Ruritania", "corpus/news_b.txt", ""),  # stated in news_a, not news_b
        ("President Ana Kovač", "leader_of", "Republic of Ruritania", "corpus/news_a.txt", ""),  # global aliases
    ], tmp_path, per_source=True)
    leader = result.relations[Relation.LEADER_OF]
    assert (leader.tp, leader.fp, leader.fn) == (2, 1, 0)
    merged = score(gold, [("the minister", "leader_of", "Borduria", "x", "")], tmp_path)
    assert merged.relations[Relation.LEADER_OF].fp == 1  # the article alias does not apply merged


# ---- the command -----------------------------------------------------------

def test_report_prints_table_micro_and_forbidden_count(gold, tmp_path, capsys):
    pred = write_predictions(tmp_path / "pred.csv", [
        ("Kovač", "leader_of", "Ruritania", "news_a.txt", ""),
        ("Borduria", "member_of", "NTP", "news_b.txt", ""),
    ])
    status, out, _ = run_eval(gold, "--pred", pred, capsys=capsys)
    assert status == 0
    assert "leader_of            1     0     1  1.000  0.500  0.667" in out
    assert "micro                1     1     5  0.500  0.167  0.250" in out
    assert "forbidden produced: 1" in out
    assert "Borduria is not a member" not in out  # evidence only with --verbose


def test_verbose_lists_every_error_with_its_evidence_sentence(gold, tmp_path, capsys):
    pred = write_predictions(tmp_path / "pred.csv", [
        ("Borduria", "member_of", "NTP", "news_b.txt", "Borduria's entry into the NTP stalled."),
        ("Kovač", "leader_of", "Borduria", "news_a.txt", "Kovač, speaking in Borduria, urged calm."),
    ])
    _, out, _ = run_eval(gold, "--pred", pred, "--verbose", capsys=capsys)
    assert "FORBIDDEN: Borduria -> Northern Trade Pact" in out
    assert "Borduria's entry into the NTP stalled." in out  # what produced the forbidden fact
    assert "false positive: Ana Kovač -> Borduria" in out
    assert "Kovač, speaking in Borduria, urged calm." in out
    assert "miss: Harbour Town -> Ruritania" in out
    assert "Harbour Town, Ruritania" in out  # the gold evidence of the miss
    assert out.index("== leader_of") < out.index("== member_of") < out.index("== located_in")


def test_json_output_carries_the_figures(gold, tmp_path, capsys):
    pred = write_predictions(tmp_path / "pred.csv", [("Kovač", "leader_of", "Ruritania", "a", "")])
    status, out, _ = run_eval(gold, "--pred", pred, "--json", capsys=capsys)
    data = json.loads(out)
    assert status == 0
    assert data["relations"]["leader_of"] == {"tp": 1, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.5,
                                              "f1": 0.667}
    assert data["micro"]["fn"] == 5 and data["forbidden_produced"] == 0
    assert {m["subject"] for m in data["misses"]} >= {"Tom Reyes", "Harbour Town"}


def test_eval_without_pred_builds_the_articles_and_scores_confident_facts(gold, tmp_path, capsys, monkeypatch):
    article = Article(id="a1", path=str(tmp_path / "news_a.txt"), text="...")
    entities = {
        "person/ana-kovac": Entity("person/ana-kovac", "Ana Kovač", EntityType.PERSON),
        "country/ruritania": Entity("country/ruritania", "Ruritania", EntityType.COUNTRY),
        "country/borduria": Entity("country/borduria", "Borduria", EntityType.COUNTRY),
        "org/ntp": Entity("org/ntp", "Northern Trade Pact", EntityType.ORGANIZATION),
    }

    def fact(subject, relation, obj, confidence):
        return Fact(subject, relation, obj, Evidence("a1", "A sentence.", 0, 11), "test.v1", confidence)

    kg = KnowledgeGraph({"a1": article}, entities, [
        fact("person/ana-kovac", Relation.LEADER_OF, "country/ruritania", 0.9),
        fact("org/ntp", Relation.FOUNDED_IN, "1990", 0.8),
        fact("person/ana-kovac", Relation.LEADER_OF, "country/borduria", 0.2),  # low confidence: not scored
    ])
    built = []
    monkeypatch.setitem(vars(newskg), "build", lambda paths: built.append(paths) or kg)
    status, out, _ = run_eval(gold, tmp_path / "news_a.txt", "--json", "--per-source", capsys=capsys)
    data = json.loads(out)
    assert status == 0 and built == [[str(tmp_path / "news_a.txt")]]
    assert data["relations"]["leader_of"]["tp"] == 1 and data["relations"]["leader_of"]["fp"] == 0
    assert data["relations"]["founded_in"]["fp"] == 1  # stated in news_b, built from news_a
    write_csv(kg, tmp_path / "triples.csv")
    _, out, _ = run_eval(gold, "--pred", tmp_path / "triples.csv", "--json", "--per-source", capsys=capsys)
    from_csv = json.loads(out)  # scoring a build equals scoring its triples.csv
    assert [from_csv[k] for k in ("micro", "relations", "predicted_facts")] == \
        [data[k] for k in ("micro", "relations", "predicted_facts")]


def test_pred_and_articles_together_are_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", str(tmp_path), "a.txt", "--pred", "p.csv"])
    assert exit_info.value.code == 2
    assert "not allowed" in capsys.readouterr().err


# ---- bad input -------------------------------------------------------------

@pytest.mark.parametrize("entities, triples, expected", [
    (ENTITIES, TRIPLES.replace("\t1\tnews_a\tBordurian", "\tyes\tnews_a\tBordurian"),
     "triples.tsv:3: 'required' must be 1 (required), 0 (optional) or -1 (forbidden), not 'yes'"),
    (ENTITIES, TRIPLES.replace("met_with", "talked_to"), "triples.tsv:4: unknown relation 'talked_to'"),
    (ENTITIES, TRIPLES.replace("required\t", "needed\t"), "triples.tsv:1: header lacks column(s) required"),
    (ENTITIES, TRIPLES + "Ana Kovač\tleader_of\n", "triples.tsv:10: the row stops before the 'object' column"),
    (ENTITIES, TRIPLES + "\tleader_of\tRuritania\t1\tnews_a\t\n", "triples.tsv:10: empty subject"),
    (ENTITIES + "\tPerson\tnameless\n", TRIPLES, "entities.tsv:8: entity has no canonical name"),
    (ENTITIES + "Lena Ortiz Person Ortiz\n", TRIPLES, "entities.tsv:8: expected tab-separated"),
])
def test_malformed_gold_is_one_error_line_naming_file_and_line(tmp_path, capsys, entities, triples, expected):
    gold = write_gold(tmp_path / "gold", entities, triples)
    pred = write_predictions(tmp_path / "pred.csv", [])
    status, out, err = run_eval(gold, "--pred", pred, capsys=capsys)
    assert status == 2 and out == ""
    assert err.startswith("newskg: error [E400] ") and expected in err
    assert len(err.strip().splitlines()) == 1


def test_missing_gold_files_are_named(tmp_path, capsys):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "entities.tsv").write_text(ENTITIES, encoding="utf-8")
    status, _, err = run_eval(tmp_path / "gold", "--pred", tmp_path / "p.csv", capsys=capsys)
    assert status == 2 and f"{tmp_path / 'gold' / 'triples.tsv'}: no such file" in err
    status, _, err = run_eval(tmp_path / "nowhere", "--pred", tmp_path / "p.csv", capsys=capsys)
    assert status == 2 and "no such gold folder" in err


def test_gold_names_missing_from_entities_are_compared_as_written(tmp_path):
    triples = TRIPLES + "Lena Ortiz\tleader_of\tRuritania\t1\tnews_a\tPresident Lena Ortiz\n"
    gold = write_gold(tmp_path / "gold", triples=triples)
    result = score(gold, [("lena ortiz", "leader_of", "Ruritania", "a", "")], tmp_path)
    assert result.relations[Relation.LEADER_OF].tp == 1


@pytest.mark.parametrize("content, expected", [
    (b"", "file is empty"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "not UTF-8 text"),
    (b"PK\x03\x04\x00\x00", "contains NUL bytes"),
    (b"head,tail\nKovac,Ruritania\n", "header lacks column(s) subject, relation, object; found head, tail"),
])
def test_unreadable_prediction_files_are_one_clear_error(gold, tmp_path, capsys, content, expected):
    (tmp_path / "pred.csv").write_bytes(content)
    status, out, err = run_eval(gold, "--pred", tmp_path / "pred.csv", capsys=capsys)
    assert status == 2 and out == ""
    assert err.startswith("newskg: error [E401] ") and expected in err


def test_per_source_needs_a_source_column(gold, tmp_path, capsys):
    pred = write_predictions(tmp_path / "pred.tsv", [], header=("subject", "relation", "object"))
    status, _, err = run_eval(gold, "--pred", pred, "--per-source", capsys=capsys)
    assert status == 2 and "lacks column(s) source" in err


# ---- same figures as the evaluation kit's scorer ---------------------------

needs_shared = pytest.mark.skipif(not SHARED_SCORER.is_file(),
                                  reason=f"the evaluation kit's scorer is not at {SHARED_SCORER}")


def assert_same_figures(pred: Path, gold_dir: Path, per_source: bool, capsys) -> dict:
    flags = ["--per-source"] if per_source else []
    kit = json.loads(subprocess.run(
        [sys.executable, str(SHARED_SCORER), str(pred), str(gold_dir), "--json", *flags],
        check=True, capture_output=True, text=True).stdout)
    status, out, _ = run_eval(gold_dir, "--pred", pred, "--json", *flags, capsys=capsys)
    ours = json.loads(out)
    assert status == 0
    assert ours["micro"] == kit["micro"]
    assert ours["relations"] == kit["relations"]

    def keys(findings):
        return sorted([f["source"]] * per_source + [f["subject"], f["relation"], f["object"]] for f in findings)

    for name in ("forbidden", "false_positives", "misses"):
        assert keys(ours[name]) == kit[name], name
    return ours


@needs_shared
def test_same_figures_as_the_kit_on_the_seeds_gold(tmp_path, capsys):
    pred = write_predictions(tmp_path / "triples.csv", [
        ("Chinese President Xi Jinping", "leader_of", "People's Republic of China", "seeds/000.txt", ""),
        ("Putin", "leader_of", "China", "seeds/000.txt", ""),  # forbidden
        ("Turkmenistan", "member_of", "the SCO", "seeds/002.txt", ""),  # forbidden
        ("Erdoğan", "met_with", "Putin", "seeds/002.txt", ""),  # symmetric, reversed
        ("Shanghai Cooperation Organization", "founded_in", "2001-06-15", "seeds/000.txt", ""),
        ("Russia", "member_of", "SCO", "seeds/000.txt", ""),  # optional
        ("Kim Jong Un", "leader_of", "North Korea", "seeds/002.txt", ""),  # unknown names
        ("Astana", "located_in", "Kazakstan", "seeds/000.txt", ""),  # misspelt: unknown
        ("Astana", "capital_of", "Kazakhstan", "seeds/000.txt", ""),  # not scored
        ("UAE", "nkg:joining", "BRICS", "seeds/000.txt", ""),
    ])
    ours = assert_same_figures(pred, SEEDS_GOLD, per_source=False, capsys=capsys)
    assert ours["forbidden_produced"] == 2 and ours["micro"]["tp"] == 4


@needs_shared
@pytest.mark.skipif(not (DWIE_DEV / "triples.tsv").is_file(), reason=f"DWIE dev gold is not at {DWIE_DEV}")
def test_same_figures_as_the_kit_on_dwie_dev_per_source(tmp_path, capsys):
    gold = evaluate.load_gold(DWIE_DEV)
    names = {entity.name: entity.aliases or (entity.name,) for entity in gold.entities}
    rows = []
    for i, fact in enumerate(gold.facts):
        subject = names.get(fact.subject, (fact.subject,))[-1]  # a mention string, not the id
        obj = names.get(fact.object, (fact.object,))[0]
        path = f"dwie/dev/articles/{fact.source}.txt"
        if i % 4 == 0:
            continue  # a miss
        if i % 7 == 0:
            path = "dwie/dev/articles/DW_0.txt"  # the right fact in the wrong article
        if i % 5 == 0:
            obj = "Atlantis"  # an unknown name
        if fact.relation.symmetric or i % 9 == 0:
            subject, obj = obj, subject  # fine for met_with, wrong otherwise
        rows.append((subject, fact.relation.value, obj, path, ""))
        rows.append((subject, "said_to", obj, path, ""))
    pred = write_predictions(tmp_path / "triples.csv", rows)
    ours = assert_same_figures(pred, DWIE_DEV, per_source=True, capsys=capsys)
    assert ours["micro"]["tp"] > 0 and ours["micro"]["fp"] > 0 and ours["micro"]["fn"] > 0
