"""Mentions: which stretches of a parsed article name which entities.

spaCy's entities are corrected with the gazetteer and the title table:
titles are split off person names ("Kazakh President Kassym-Jomart Tokayev"
is the Kazakh title + the person, whatever label NER gave the whole),
nationalities point at their country ("Kazakh" -> Kazakhstan), known
countries, cities and organisations get their canonical names and Wikidata
ids, and news agencies named in credits are organisations, not people.

Within an article, a short name resolves to the full name it abbreviates
("Putin" -> "Vladimir Putin", "Xi" -> "Xi Jinping"; when two full names
share it, the most recent one before it), and an acronym to the name it
was introduced with ("... Organisation (SCO)", or whose initials it is).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

from newskg.extractors.datafiles import outlets, read_table
from newskg.extractors.gazetteer import DEFAULT_MIN_POPULATION, TOWN_MIN_POPULATION, Gazetteer
from newskg.extractors.titles import Title, TitleTable, title_modifiers
from newskg.graph.namespaces import entity_key
from newskg.model import EntityType

#: spaCy labels we read, and the type a label means when nothing better is known.
NER_TYPES = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANIZATION,
    "GPE": EntityType.LOCATION,
    "LOC": EntityType.LOCATION,
    "NORP": None,  # only nationalities that name a country
    "FAC": None,
}
#: Labels NER gives names it misreads; kept only when a title shows a person ("Denis Tull, an Africa expert").
MISREAD_PERSON_LABELS = ("WORK_OF_ART", "PRODUCT", "EVENT", "LAW")
NAME_CHARS = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž]")
ARTICLES = ("the ", "The ")  # at the start of a label
DETERMINERS = ("the", "a", "an")  # before a name, as tokens
POSSESSIVE_S = ("'s", "’s")
POSSESSIVE_MARKS = POSSESSIVE_S + ("'", "’")
TITLE_DETERMINERS = ("the", "its", "their", "his", "her") + POSSESSIVE_S  # "the head of ...", "Italy's premier"


@dataclass
class SpanMention:
    """A mention with its place in the Doc and what the extractors need to
    know about it (its title, whether it is an adjective like "Kazakh")."""

    start: int  # token indices in the Doc, name only (title excluded)
    end: int
    type: EntityType
    label: str
    key: str
    qid: str | None = None
    adjectival: bool = False  # a nationality word standing for its country
    title: Title | None = None
    title_start: int | None = None  # first token of the title before the name
    country_keys: tuple[str, ...] = ()  # for places: the country (or countries) the gazetteer puts them in
    surface: str = ""

    @property
    def first_token(self) -> int:
        return self.title_start if self.title_start is not None else self.start


@dataclass
class DocMentions:
    """All mentions of one article, in text order, with a token index."""

    article_id: str
    mentions: list[SpanMention]
    labels: dict[str, str] = field(default_factory=dict)  # key -> best label
    qids: dict[str, str] = field(default_factory=dict)
    _by_token: dict[int, SpanMention] = field(default_factory=dict)

    def __post_init__(self):
        for m in self.mentions:
            for i in range(m.start, m.end):
                self._by_token[i] = m

    def at(self, token_index: int) -> SpanMention | None:
        return self._by_token.get(token_index)



def find_mentions(doc, article_id: str) -> DocMentions:
    gazetteer, titles = Gazetteer.load(), TitleTable.load()
    mentions = []
    for start, end, label in _entity_spans(doc, gazetteer, titles):
        mentions.extend(_classify(doc, start, end, label, gazetteer, titles))
    for m in mentions:
        m.surface = _clean_label(m.surface)
    mentions = _untagged_surnames(doc, mentions)
    _attach_titles(doc, mentions, titles)
    mentions = _resolve_short_names(mentions)
    mentions = _resolve_acronyms(doc, mentions)
    return DocMentions(article_id, mentions, _best_labels(mentions), {m.key: m.qid for m in mentions if m.qid})


def _entity_spans(doc, gazetteer: Gazetteer, titles: TitleTable) -> list[tuple[int, int, str]]:
    """NER spans with the model's usual slips in news text mended:

    * a possessive inside a span separates two names ("Harvard's Davis Center");
    * an organisation name goes on through "for/of/on" and capitalised words
      ("Davis Center" + "for Russian and Eurasian Studies");
    * a name right after a title is a person whatever its label ("Kazakh
      President Kassym-Jomart Tokayev" tagged ORG);
    * a lone capitalised word glued to a person is that person's first name
      ("Yury" ORG + "Ushakov" PERSON), and two people glued together are one
      ("Samia Suluhu" + "Hassan").
    """
    spans: list[list] = []
    for ent in doc.ents:
        if ent.label_ not in NER_TYPES and ent.label_ not in MISREAD_PERSON_LABELS:
            continue
        if ent.label_ in ("FAC", "NORP", "GPE"):
            organisation = _organisation_name(doc, ent.start, ent.end, titles)
            if organisation is not None:
                start = ent.start
                if spans and spans[-1][1] == start - 1 and doc[start - 1].text == "-":
                    start = spans.pop()[0]  # "German-" + "Dutch Chamber of Commerce"
                spans.append([start, organisation, "ORG"])
                continue
        cut = next((t.i for t in ent[1:-1] if t.lower_ in POSSESSIVE_MARKS), None)
        if ent.label_ == "NORP" and len(ent) > 1 and gazetteer.by_demonym(ent[0].text) \
                and not gazetteer.by_demonym(ent.text):
            # "Afghan" + "Taliban": a nationality, then a group's name
            pieces = [(ent.start, ent.start + 1), (ent.start + 1, ent.end)]
        else:
            pieces = [(ent.start, cut), (cut + 1, ent.end)] if cut is not None else [(ent.start, ent.end)]
        spans.extend([start, end, ent.label_] for start, end in pieces)
    for span in spans:
        while span[1] - span[0] > 1 and span[2] in ("PERSON", "ORG") and doc[span[1] - 1].is_lower \
                and doc[span[1] - 1].is_stop and doc[span[1] - 2].text != "-":
            span[1] -= 1  # "Chidi Odinkalu of", "The Centre for"
        if span[2] in ("ORG", "GPE") and doc[span[0]].lower_ in title_modifiers("describe") \
                and _names_organisation(doc[span[0] + 1:span[1]].text, gazetteer) \
                and not _known_place(doc[span[0]:span[1]].text, gazetteer):
            span[0], span[2] = span[0] + 1, "ORG"  # "New VW CEO Herbert Diess" (tagged a place, too), not "New Mexico"
        if span[2] == "PERSON":
            span[0] = _after_title_tail(doc, span[0], span[1], titles)
            span[0] = _first_names(doc, span[0], titles)
            span[1] = _last_names(doc, span[1])
        if span[2] == "ORG" and gazetteer.lookup(doc[span[0]:span[1]].text) is None:
            span[1] = _name_continuation(doc, span[1])
        if span[2] in ("ORG", "GPE") + MISREAD_PERSON_LABELS and gazetteer.lookup(doc[span[0]:span[1]].text) is None \
                and all(_is_name_token(t) for t in doc[span[0]:span[1]]) \
                and (titles.ending_at(doc, span[0]) or _title_follows(doc, span, titles)
                     or span[2] in MISREAD_PERSON_LABELS and _title_opens(doc, span, titles)):
            span[2] = "PERSON"
    nicknamed = _nicknamed_names(doc)
    spans = [s for s in spans if not any(n[0] < s[1] and s[0] < n[1] for n in nicknamed)] + nicknamed
    spans = sorted(spans + _untagged_titled_names(doc, gazetteer, titles), key=lambda span: span[0])
    merged: list[list] = []
    for span in spans:
        if span[2] in MISREAD_PERSON_LABELS:
            continue
        if merged and span[0] < merged[-1][1]:
            continue  # swallowed by the previous span's continuation
        ending = titles.ending_at(doc, span[1])
        if span[2] != "PERSON" and ending is not None and ending[1] < span[0]:
            continue  # the end of a title ("Secretary of" + "State"), not a name
        previous = merged[-1] if merged else None
        glued = previous and span[2] == "PERSON" and previous[1] == span[0]
        if glued and (previous[2] == "PERSON" or previous[1] - previous[0] == 1 and doc[previous[0]].is_title
                      and gazetteer.lookup(doc[previous[0]].text) is None
                      and gazetteer.by_demonym(doc[previous[0]].text) is None):
            previous[1], previous[2] = span[1], "PERSON"
            continue
        merged.append(span)
    return [tuple(s) for s in merged]


def _title_follows(doc, span, titles: TitleTable) -> bool:
    """"Ludwig Braun, the president of ..." (tagged ORG) is a person: a
    personal title in apposition, after or before the name ("the head of
    the Ifo think tank, Clemens Fuest, said"), and no organisation word in
    the name."""
    i = span[1]
    if any(t.text in ORGANISATION_WORDS for t in doc[span[0]:span[1]]) or span[1] - span[0] < 2:
        return False
    if span[0] > 2 and doc[span[0] - 1].text == ",":
        for k in range(span[0] - 2, max(doc[span[0]].sent.start, span[0] - 12), -1):
            if doc[k].text in (",", ";") or doc[k].pos_ in ("VERB", "AUX"):
                break
            if titles.office_at(doc, k) is not None and doc[k - 1].lower_ in TITLE_DETERMINERS:
                return True
    if i + 2 >= len(doc) or doc[i].text != ",":
        return False
    i += 1
    if doc[i].lower_ in DETERMINERS:
        i += 1
    if i + 1 < len(doc) and doc[i].ent_type_ in ("GPE", "LOC", "NORP") and titles.starting_at(doc, i) is None:
        i += 1  # "an Africa expert", "a Russia analyst"
    return titles.office_at(doc, i) is not None


QUOTE_MARKS = ('"', "'", "“", "”", "‘", "’")


def _nicknamed_names(doc) -> list[list]:
    """A name with a nickname in quotes, which NER splits ('Frederick
    "Fritz" Henderson', "Francois 'Papa Doc' Duvalier"): one person."""
    found = []
    for i in range(len(doc) - 4):
        if not (doc[i].is_title and doc[i].pos_ == "PROPN" and doc[i + 1].text in QUOTE_MARKS):
            continue
        j = i + 2
        while j < len(doc) and j - i < 5 and doc[j].is_title:
            j += 1
        if j > i + 2 and j + 1 < len(doc) and doc[j].text in QUOTE_MARKS and doc[j + 1].is_title \
                and doc[j + 1].pos_ == "PROPN":
            start = _first_names(doc, i, TitleTable.load())
            found.append([start, _last_names(doc, j + 2), "PERSON"])
    return found


def _names_organisation(text: str, gazetteer: Gazetteer) -> bool:
    """A known organisation, or an acronym that is no country ("VW", not "US")."""
    known = gazetteer.lookup(text)
    return known.type is EntityType.ORGANIZATION if known is not None else text.isupper() and len(text) > 1


def _known_place(text: str, gazetteer: Gazetteer) -> bool:
    return gazetteer.lookup(text) is not None or gazetteer.region(text) is not None or gazetteer.city(text) is not None


def _untagged_titled_names(doc, gazetteer: Gazetteer, titles: TitleTable) -> list[list]:
    """Names NER left untagged after a capitalised title ("Presidents
    Gustavo Petro of Colombia" opening a sentence): two to four proper
    nouns that name no country, organisation or nationality."""
    found = []
    for token in doc:
        if not token.is_title or token.ent_iob_ != "O":
            continue
        title = titles.office_at(doc, token.i)
        if title is None:
            continue
        end = title[1]
        while end < len(doc) and end - title[1] < 4 and doc[end].ent_iob_ == "O" and doc[end].pos_ == "PROPN" \
                and doc[end].is_title and gazetteer.lookup(doc[end].text) is None \
                and gazetteer.by_demonym(doc[end].text) is None:
            end += 1
        if end - title[1] >= 2:
            found.append([token.i, end, "PERSON"])
    return found


def _title_opens(doc, span, titles: TitleTable) -> bool:
    """"Presidents Dilma Rousseff" (tagged a work of art): a personal title, then a name."""
    found = titles.office_at(doc, span[0])
    return found is not None and found[1] < span[1]


def _organisation_name(doc, start: int, end: int, titles: TitleTable) -> int | None:
    """The end of an organisation name that NER missed or called a place:
    a span (plus following capitalised words) containing an organisation
    head word ("Finnish" + "Institute of International Affairs")."""
    j = end
    while j < len(doc) and name_like(doc[j]) \
            and (doc[j].ent_iob_ == "O" or doc[j].ent_type_ == "ORG") and titles.starting_at(doc, j) is None:
        j += 1  # "Australian" + "Securities Exchange", "German" + [Chamber of Commerce]ORG
    j = _name_continuation(doc, j)
    if any(t.text in ORGANISATION_WORDS or t.ent_type_ == "ORG" for t in doc[start + 1:j]) and doc[j - 1].is_title:
        return j
    return None


ORGANISATION_WORDS = frozenset(r["word"] for r in read_table("org_words.tsv", ("word",)))


def _after_title_tail(doc, start: int, end: int, titles: TitleTable) -> int:
    """Drop the end of a title NER put into the name ("Secretary of" +
    "State John Kerry")."""
    for j in range(start + 1, end):
        found = titles.ending_at(doc, j)
        if found is not None and found[1] < start:
            return j
    return start


def _first_names(doc, start: int, titles: TitleTable) -> int:
    """Take in first names NER left out ("Eoin" + "Micheál McNamara")."""
    while start > 0:
        token = doc[start - 1]
        if not token.is_title or token.ent_iob_ != "O" or token.is_stop \
                or titles.ending_at(doc, start) is not None:
            break
        start -= 1
    return start


def _last_names(doc, end: int) -> int:
    """Take in a surname NER left out ("Demetris" + "Christofias")."""
    while end < len(doc) and doc[end].is_title and doc[end].ent_iob_ == "O" and not doc[end].is_stop \
            and doc[end].pos_ == "PROPN" and not doc[end].is_sent_start:
        end += 1
    return end


def _name_continuation(doc, end: int) -> int:
    """Extend an organisation name over "for Russian and Eurasian Studies"."""
    if end + 1 < len(doc) and doc[end].lower_ in ("for", "of") and doc[end + 1].is_title:
        j = end + 1
        while j < len(doc) and (name_like(doc[j]) or doc[j].lower_ in ("and", "&", "-") and j + 1 < len(doc)
                                and name_like(doc[j + 1])):
            j += 1
        if name_like(doc[j - 1]):
            return j
    return end


def name_like(token) -> bool:
    """A capitalised word or an acronym ("Korea", "US")."""
    return token.is_title or token.is_upper and len(token) > 1


def _classify(doc, start: int, end: int, label: str, gazetteer: Gazetteer, titles: TitleTable) -> list[SpanMention]:
    """The mentions in one NER span: usually one; two when a title splits
    it ("UN Secretary-General Antonio Guterres" -> UN + Guterres)."""
    titled = _split_title(doc, start, end, titles)
    if titled is None:
        single = _classify_span(doc, start, end, label, gazetteer)
        return [single] if single else []
    owner = _classify_span(doc, start, titled.title_start, label, gazetteer) \
        if titled.title_start > start else None
    return [m for m in (owner, titled) if m is not None and (m is titled or m.qid or m.adjectival)]


def _classify_span(doc, start: int, end: int, ner_label: str, gazetteer: Gazetteer) -> SpanMention | None:
    # Drop a leading "the" and a trailing possessive from the name.
    while start < end and doc[start].lower_ in DETERMINERS:
        start += 1
    while end > start and doc[end - 1].lower_ in POSSESSIVE_MARKS:
        end -= 1
    if start >= end or not NAME_CHARS.search(doc[start:end].text):
        return None
    text = doc[start:end].text
    known = gazetteer.lookup(text)
    demonym = gazetteer.by_demonym(text)
    if known is not None and (ner_label != "NORP" or demonym is None):
        parent = (entity_key(EntityType.COUNTRY, known.part_of),) if known.part_of else ()  # Hong Kong
        return SpanMention(start, end, known.type, known.name, entity_key(known.type, known.name), known.qid,
                           country_keys=parent, surface=text)
    if demonym is not None:
        return SpanMention(start, end, EntityType.COUNTRY, demonym.name, entity_key(EntityType.COUNTRY, demonym.name),
                           demonym.qid, adjectival=True, surface=text)
    region = gazetteer.region(text) if ner_label != "PERSON" else None
    if region is not None:  # "Punjab", whatever NER calls it
        return SpanMention(start, end, EntityType.LOCATION, region.name, entity_key(EntityType.LOCATION, region.name),
                           country_keys=tuple(entity_key(EntityType.COUNTRY, c.name) for c in region.countries),
                           surface=text)
    if ner_label == "NORP":
        # Not a nationality: a party or movement ("the Greens", "Taliban", "Christian Democrat").
        if not doc[start].is_title or doc[end - 1].pos_ == "ADJ":
            return None  # "Central Asian states" describes, it does not name
        label = _clean_label(text)
        return SpanMention(start, end, EntityType.ORGANIZATION, label, entity_key(EntityType.ORGANIZATION, label),
                           surface=text)
    if text.lower() in outlets():
        label = outlets()[text.lower()]
        return SpanMention(start, end, EntityType.ORGANIZATION, label, entity_key(EntityType.ORGANIZATION, label),
                           surface=text)
    if ner_label in ("GPE", "LOC", "FAC", "ORG"):
        city = gazetteer.city(text, TOWN_MIN_POPULATION if ner_label == "GPE" else DEFAULT_MIN_POPULATION) \
            if ner_label != "LOC" else None
        if city is not None and (ner_label != "ORG" or city.name.lower() == text.lower()):
            # An organisation label yields to a city only by its own name ("Dushanbe"), not an
            # alternate one ("Hamas" is an old name of Hamm).
            return SpanMention(start, end, EntityType.CITY, city.name, entity_key(EntityType.CITY, city.name),
                               country_keys=(entity_key(EntityType.COUNTRY, city.country.name),), surface=text)
        if ner_label == "FAC":
            return None
    etype = NER_TYPES[ner_label]
    if etype is EntityType.PERSON and len(doc[start:end]) == 1 and doc[start].is_upper:
        return None  # "XS", "LG": page chrome or initials, not a person
    label = _clean_label(doc[start:end].text)
    return SpanMention(start, end, etype, label, entity_key(etype, label), surface=text)


def _split_title(doc, start: int, end: int, titles: TitleTable) -> SpanMention | None:
    """A title inside or just before a person's name: "President Xi
    Jinping", "Kazakh President Kassym-Jomart Tokayev" (labelled ORG)."""
    # A title inside the entity span, followed by a capitalised name.
    for i in range(start, end - 1):
        found = titles.starting_at(doc, i)
        if found is None:
            continue
        title, name_start = found
        if name_start < end and all(_is_name_token(doc[j]) for j in range(name_start, end)):
            label = _clean_label(doc[name_start:end].text)
            return SpanMention(name_start, end, EntityType.PERSON, label, entity_key(EntityType.PERSON, label),
                               title=title, title_start=i, surface=doc[name_start:end].text)
        break
    return None


def _is_name_token(token) -> bool:
    return token.text[:1].isupper() or token.text in ("-", "'", "’", ".")


def _clean_label(text: str) -> str:
    text = re.sub(r"\s*\([^()]*\)?$", "", " ".join(text.split()))  # "... Development (EBRD)"
    for article in ARTICLES:
        if text.startswith(article):
            text = text[len(article):]
    return text.strip(" ,;:")


def _attach_titles(doc, mentions: list[SpanMention], titles: TitleTable) -> None:
    """Find the title written just before each person ("Chinese President
    Xi Jinping": NER gives only the name) and record it on the mention."""
    listed: SpanMention | None = None  # the last person holding a plural title
    for index, m in enumerate(mentions):
        if m.type is not EntityType.PERSON:
            continue
        if m.title is None:
            end = m.start
            if end > 0 and doc[end - 1].text == ",":
                end -= 1  # "its foreign ministry spokesperson, Mao Ning"
            found = titles.ending_at(doc, end)
            if found is not None:
                m.title, m.title_start = found
            elif listed is not None and _listed_after(doc, mentions, index, listed):
                m.title, m.title_start = listed.title, listed.title_start  # "Presidents A of X, B of Y"
        listed = m if m.title is not None and m.title.plural else None


def _listed_after(doc, mentions: list[SpanMention], index: int, previous: SpanMention) -> bool:
    """Whether only commas, "and" and "of COUNTRY" stand between the
    previous person and this one: "Dilma Rousseff of Brazil, Vladimir Putin"."""
    between = {i for m in mentions[:index] if m.type is EntityType.COUNTRY for i in range(m.start, m.end)}
    return all(t.i in between or t.lower_ in (",", "and", "of") for t in doc[previous.end:mentions[index].start])


def _untagged_surnames(doc, mentions: list[SpanMention]) -> list[SpanMention]:
    """NER often misses a surname that opens a sentence ("Petro met ..."):
    find the last words of the article's full names wherever they stand
    untagged, capitalised, and not part of a longer name."""
    surnames = {m.label.split()[-1]: m for m in mentions if m.type is EntityType.PERSON and len(m.label.split()) > 1}
    # A lone city name that is one of the article's surnames is that person ("Henderson said"), and so
    # is an unknown organisation's when the article names the person at least as often as the organisation
    # ("Hartmann's lawyer" among many "Hartmann"s; not Siemens, founded by Werner von Siemens).
    as_person = Counter(m.label.split()[-1] for m in mentions if m.type is EntityType.PERSON)
    as_organisation = Counter(m.surface for m in mentions if m.type is EntityType.ORGANIZATION)
    mentions = [m for m in mentions if not (
        m.end - m.start == 1 and m.surface in surnames
        and (m.type is EntityType.CITY or m.type is EntityType.ORGANIZATION and m.qid is None
             and as_person[m.surface] >= as_organisation[m.surface]))]
    tagged = {i for m in mentions for i in range(m.first_token, m.end)}
    found = []
    for token in doc:
        person = surnames.get(token.text)
        if person is None or token.i in tagged or not token.is_title \
                or token.i + 1 < len(doc) and doc[token.i + 1].is_title \
                or token.i > 0 and doc[token.i - 1].is_title and not token.is_sent_start \
                and not (doc[token.i - 1].is_sent_start and doc[token.i - 1].is_stop):  # "But Hartmann's"
            continue
        found.append(SpanMention(token.i, token.i + 1, EntityType.PERSON, token.text,
                                 entity_key(EntityType.PERSON, token.text), surface=token.text))
    return sorted(mentions + found, key=lambda m: m.start)


def _resolve_short_names(mentions: list[SpanMention]) -> list[SpanMention]:
    """Point "Putin" at "Vladimir Putin": a person whose name is the first or
    last words of a longer name in the same article takes that name's key;
    when several longer names fit, the most recent one before it."""
    full_names = [(i, f, _fold(f.label.split())) for i, f in enumerate(mentions)
                  if f.type is EntityType.PERSON and len(f.label.split()) > 1]
    resolved = []
    for index, m in enumerate(mentions):
        if m.type is EntityType.PERSON:
            words = _fold(m.label.split())
            candidates = [
                (i, f) for i, f, full in full_names
                if f.key != m.key and len(full) > len(words) and words in (full[-len(words):], full[:len(words)])
            ]
            if candidates:
                before = [c for c in candidates if c[0] < index]
                _, target = (before or candidates)[-1 if before else 0]
                m = replace(m, key=target.key, label=target.label)
        resolved.append(m)
    return resolved


def _fold(words: list[str]) -> list[str]:
    return [unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode().lower() for w in words]


def _resolve_acronyms(doc, mentions: list[SpanMention]) -> list[SpanMention]:
    """Give an acronym the key of the organisation it stands for: the one it
    follows in brackets, or the one whose initials it is."""
    orgs = [m for m in mentions if m.type is EntityType.ORGANIZATION and len(m.label.split()) > 1]
    expansions: dict[str, SpanMention] = {}
    for m in orgs:
        initials = "".join(w[0] for w in m.label.split() if w[0].isupper())
        expansions.setdefault(initials, m)
        after = doc[m.end:m.end + 3]
        if len(after) == 3 and after[0].text == "(" and after[2].text == ")" and after[1].is_upper:
            expansions[after[1].text] = m
    resolved = []
    for m in mentions:
        target = expansions.get(m.label.replace(".", ""))
        if m.type is EntityType.ORGANIZATION and m.label.isupper() and target is not None and m.qid is None:
            m = replace(m, key=target.key, label=target.label, qid=target.qid)
        resolved.append(m)
    return resolved


def _best_labels(mentions: list[SpanMention]) -> dict[str, str]:
    """The longest label written for each key (full names over surnames)."""
    labels: dict[str, str] = {}
    for m in mentions:
        if len(m.label) > len(labels.get(m.key, "")):
            labels[m.key] = m.label
    return labels
