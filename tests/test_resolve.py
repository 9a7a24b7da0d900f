"""Entity resolution within and across articles: one thing is one entity
whatever the spelling, and two people who share a surname stay two.

Each case is a few made-up articles built together with ``newskg.build``.
"""
from __future__ import annotations

import pytest

from newskg.model import EntityType

CFO_UK = "Kazakhstan is a member of the Caspian Fisheries Organisation, officials said on Monday."
CFO_US = "Azerbaijan is a member of the Caspian Fisheries Organization, officials said on Tuesday."


def entities_named(kg, *words: str, etype: EntityType | None = None) -> list:
    """Entities whose label or an alias contains all ``words``."""
    found = []
    for entity in kg.entities.values():
        names = " | ".join((entity.label, *entity.aliases))
        if all(w in names for w in words) and etype in (None, entity.type):
            found.append(entity)
    return found


def facts_between(kg, relation: str) -> set[tuple[str, str]]:
    return {(f.subject, f.object) for f in kg.confident_facts if f.relation.value == relation}


# ---------------------------------------------------------- spelling variants

def test_organisation_and_organization_across_articles_are_one_entity(build_texts):
    kg = build_texts(CFO_UK, CFO_US)
    (cfo,) = entities_named(kg, "Caspian Fisheries", etype=EntityType.ORGANIZATION)
    assert {"Caspian Fisheries Organisation", "Caspian Fisheries Organization"} == {cfo.label, *cfo.aliases}
    assert {("country/kazakhstan", cfo.key), ("country/azerbaijan", cfo.key)} <= facts_between(kg, "member_of")


def test_organisation_and_organization_within_one_article_are_one_entity(build_texts):
    kg = build_texts("Kazakhstan is a member of the Caspian Fisheries Organisation, officials said. "
                     "Azerbaijan joined the Caspian Fisheries Organization in 2019.")
    (cfo,) = entities_named(kg, "Caspian Fisheries", etype=EntityType.ORGANIZATION)
    assert {("country/kazakhstan", cfo.key), ("country/azerbaijan", cfo.key)} <= facts_between(kg, "member_of")


def test_accented_and_plain_spellings_of_a_person_across_articles_are_one_entity(build_texts):
    kg = build_texts(
        "Serbian Prime Minister Miloš Vučević met Croatian Prime Minister Andrej Plenković in Zagreb on Monday.",
        "Serbian Prime Minister Milos Vucevic met Slovenian Prime Minister Robert Golob in Ljubljana on Friday.",
    )
    (person,) = entities_named(kg, "Vu", "evi", etype=EntityType.PERSON)
    assert {"Miloš Vučević", "Milos Vucevic"} == {person.label, *person.aliases}
    met = facts_between(kg, "met_with")
    for other in ("person/andrej-plenkovic", "person/robert-golob"):
        assert (person.key, other) in met or (other, person.key) in met


def test_erdogan_with_and_without_the_breve_is_one_entity(build_texts):
    kg = build_texts(
        "Turkish President Recep Tayyip Erdoğan met Greek Prime Minister Kyriakos Mitsotakis in Ankara on Monday.",
        "Turkish President Recep Tayyip Erdogan met Hungarian Prime Minister Viktor Orban in Budapest on Friday.",
    )
    (erdogan,) = entities_named(kg, "Recep Tayyip", etype=EntityType.PERSON)
    assert {"Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"} <= {erdogan.label, *erdogan.aliases}
    leads = facts_between(kg, "leader_of")
    assert (erdogan.key, "country/turkey") in leads


def test_erdogan_short_and_unaccented_within_one_article(build_texts):
    kg = build_texts("Turkish President Recep Tayyip Erdoğan arrived in Baku on Monday. Azerbaijani President Ilham "
                     "Aliyev met Erdogan at the airport.")
    (erdogan,) = entities_named(kg, "Erdo", etype=EntityType.PERSON)
    assert erdogan.label == "Recep Tayyip Erdoğan"
    met = facts_between(kg, "met_with")
    assert ("person/ilham-aliyev", erdogan.key) in met or (erdogan.key, "person/ilham-aliyev") in met


def test_us_u_s_and_united_states_across_articles_are_one_country(build_texts):
    kg = build_texts(
        "The US joined the Minerals Security Partnership in 2022, the State Department said.",
        "The U.S. is a member of the Arctic Council, diplomats noted.",
        "The United States is a member of the Group of Seven.",
    )
    (usa,) = [e for e in kg.entities.values() if e.type is EntityType.COUNTRY]
    assert usa.label == "United States"
    assert {"US", "U.S."} <= set(usa.aliases)
    assert {o for s, o in facts_between(kg, "member_of") if s == usa.key} == {
        "organization/minerals-security-partnership", "organization/arctic-council", "organization/group-of-seven"}


def test_us_u_s_and_united_states_within_one_article(build_texts):
    kg = build_texts("The United States is a member of the Arctic Council. The U.S. joined the Minerals Security "
                     "Partnership in 2022, and the US is set to join the Clean Shipping Alliance.")
    countries = [e for e in kg.entities.values() if e.type is EntityType.COUNTRY]
    assert [c.label for c in countries] == ["United States"]
    assert len({f.subject for f in kg.confident_facts}) == 1


# ------------------------------------------------------------- shared names

IMRAN = "Pakistan's former Prime Minister Imran Khan met Chinese President Xi Jinping in Beijing in 2019."
SADIQ = "London Mayor Sadiq Khan met French President Emmanuel Macron in Paris on Monday."
BARE_KHAN = "Egyptian President Abdel Fattah al-Sisi met Khan in Cairo, officials said."


def test_two_people_called_khan_in_different_articles_stay_apart(build_texts):
    kg = build_texts(IMRAN, SADIQ)
    khans = {e.label: e.key for e in entities_named(kg, "Khan", etype=EntityType.PERSON)}
    assert set(khans) == {"Imran Khan", "Sadiq Khan"}
    met = facts_between(kg, "met_with")
    assert (khans["Imran Khan"], "person/xi-jinping") in met or ("person/xi-jinping", khans["Imran Khan"]) in met
    assert not {pair for pair in met if khans["Imran Khan"] in pair and "person/emmanuel-macron" in pair}


def test_bare_surname_shared_by_two_full_names_joins_neither(build_texts):
    kg = build_texts(IMRAN, SADIQ, BARE_KHAN)
    khans = {e.label: e for e in entities_named(kg, "Khan", etype=EntityType.PERSON)}
    assert set(khans) == {"Imran Khan", "Sadiq Khan", "Khan"}
    sisi_met = {o if s == "person/abdel-fattah-al-sisi" else s for s, o in facts_between(kg, "met_with")
                if "person/abdel-fattah-al-sisi" in (s, o)}
    assert sisi_met == {khans["Khan"].key}


def test_bare_surname_joins_the_only_full_name_with_it_in_another_article(build_texts):
    kg = build_texts(
        "French President Emmanuel Macron met Spanish Prime Minister Pedro Sanchez in Madrid on Monday.",
        "German Chancellor Olaf Scholz met Macron in Berlin on Thursday, officials said.",
    )
    (macron,) = entities_named(kg, "Macron", etype=EntityType.PERSON)
    assert macron.label == "Emmanuel Macron"
    met = facts_between(kg, "met_with")
    assert (macron.key, "person/olaf-scholz") in met or ("person/olaf-scholz", macron.key) in met


def test_bare_surname_with_one_full_name_elsewhere_merges_even_when_it_is_khan(build_texts):
    kg = build_texts(IMRAN, BARE_KHAN)
    (khan,) = entities_named(kg, "Khan", etype=EntityType.PERSON)
    assert khan.label == "Imran Khan"
    met = facts_between(kg, "met_with")
    assert ("person/abdel-fattah-al-sisi", khan.key) in met or (khan.key, "person/abdel-fattah-al-sisi") in met


@pytest.mark.xfail(strict=True, reason=(
    "NER does not tag the bare surname 'Ruto' in 'Ugandan President Yoweri Museveni met Ruto in Kampala', and "
    "names known from other articles of the build are not looked for, so the meeting is lost"))
def test_bare_surname_unknown_to_ner_joins_the_full_name_from_another_article(build_texts):
    kg = build_texts(
        "Ethiopian Prime Minister Abiy Ahmed met Kenyan President William Ruto in Addis Ababa on Monday.",
        "Ugandan President Yoweri Museveni met Ruto in Kampala on Friday.",
    )
    met = facts_between(kg, "met_with")
    assert ("person/william-ruto", "person/yoweri-museveni") in met or \
        ("person/yoweri-museveni", "person/william-ruto") in met
