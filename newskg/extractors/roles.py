"""``leader_of`` and ``affiliated_with`` from titles and appositions.

* title before the name: "Chinese President Xi Jinping", "Turkey's President
  Recep Tayyip Erdogan", "UN Secretary-General Antonio Guterres", "Kremlin
  aide Yury Ushakov", "its foreign ministry spokesperson, Mao Ning";
* apposition or copula after it: "X, a research fellow at Y", "X, a senior
  fellow in Y and a research associate at Z", "X is executive director of Y
  at Z", "X, the president of Y".

A leader title ties a person to a country or organisation as its head
(``leader_of``); other titles to an organisation (``affiliated_with``).
Titles such as "Deputy" or "Vice" demote a leader title to a member one.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from newskg.extractors.context import POSSESSIVE_PRONOUNS, ArticleContext, Candidate, organisation_kinds, refers_back
from newskg.extractors.datafiles import read_table
from newskg.extractors.gazetteer import Gazetteer
from newskg.extractors.location import COUNTRY_NOUNS
from newskg.extractors.mentions import (DETERMINERS, ORGANISATION_WORDS, POSSESSIVE_MARKS, POSSESSIVE_S, QUOTE_MARKS,
                                       SpanMention, name_like)
from newskg.extractors.titles import Title, TitleTable, title_modifiers
from newskg.graph.namespaces import entity_key
from newskg.model import EntityType, Relation

ROLE_PREPOSITIONS = {"of", "at", "in", "with", "for", "from"}
BARE_ROLE_PREPOSITIONS = {"of", "from"}  # "X of the Institute for Palestine Studies"
BARE_MEMBERSHIP = Title("of", "member", "organization")
COPULAS = {"is", "was", "has been", "had been", "became", "becomes", "serves as", "served as", "remains"}


@lru_cache(maxsize=1)
def _bodies() -> frozenset[str]:
    """Government bodies that stand between a country and a title
    ("Chinese foreign ministry spokesperson")."""
    return frozenset(r["body"] for r in read_table("bodies.tsv", ("body",)))


def _kind_at(doc, i: int, end: int) -> int | None:
    """The index past an organisation-kind noun starting at ``i``, if any."""
    for size in (2, 1):
        if i + size <= end and " ".join(t.lower_ for t in doc[i:i + size]) in organisation_kinds():
            return i + size
    return None


def _kind_ending_at(doc, end: int) -> int | None:
    """The first index of an organisation-kind noun ending just before ``end`` ("think tank")."""
    return next((end - size for size in (2, 1)
                 if end - size >= 0 and " ".join(t.lower_ for t in doc[end - size:end]) in organisation_kinds()), None)


def extract(ctx: ArticleContext) -> Iterator[Candidate]:
    dominant = _dominant_country(ctx)
    for person in ctx.mentions.mentions:
        if person.type is not EntityType.PERSON:
            continue
        sentence = ctx.sentence_of(person.start)
        if person.title is not None:
            title = _effective(ctx.doc, _inherited(ctx, person, sentence), person.title_start)
            owner = _owner_before(ctx, person.title_start, sentence, title)
            if owner is not None:
                yield from _role_facts(person, title, [owner], sentence, "roles.title_before.v1", 0.9)
            elif title.implicit and dominant is not None and not _named_before(ctx.doc, person.title_start):
                # "Prime Minister Tony Abbott told parliament ..." in an article about Australia.
                yield from _role_facts(person, title, [dominant], sentence, "roles.implicit_country.v1", 0.6)
        else:
            owner = _possessor(ctx, person)
            if owner is not None and len(person.label.split()) > 1:  # not "Germany's Adidas", a name NER took for a person
                # "Hungary's Orban", "DW's Jan Walter": a country's person leads it, an organisation's works there.
                title = Title("'s", "leader" if owner[1] is EntityType.COUNTRY else "member", "any")
                yield from _role_facts(person, title, [owner], sentence, "roles.possessive.v1", 0.6)
        preceding = _title_phrase_before(ctx, person) or _title_of_owner_before(ctx, person)
        if preceding is not None:
            # "the head of the SSC, Mohammed Suweysi"
            yield from _role_facts(person, preceding[0], [preceding[1]], sentence, "roles.title_phrase_before.v1", 0.85)
        party = _bracketed_organisation(ctx, person) or _possessed_organisation(ctx, person)
        if party is not None:
            # "Volker Kauder (CDU)", "Merkel's CDU"
            yield Candidate(person.key, Relation.AFFILIATED_WITH, party, sentence, "roles.bracket.v1", 0.8)
        for title, owner in _role_verbs(ctx, person):
            yield from _role_facts(person, title, [owner], sentence, "roles.verb.v1", 0.8)
        for title, owners in _appositions(ctx, person, sentence):
            yield from _role_facts(person, title, owners, sentence, "roles.apposition.v1", 0.85)


def _dominant_country(ctx: ArticleContext) -> tuple[str, EntityType] | None:
    """The country an article is about: named (noun or adjective) at least
    three times and twice as often as any other."""
    counts = Counter(m.key for m in ctx.mentions.mentions if m.type is EntityType.COUNTRY)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0], EntityType.COUNTRY


def _named_before(doc, title_start: int) -> bool:
    """Some unknown owner stands before the title ("Bavarian Premier",
    "Dalit leader", "EU parliament president"), so the article's country
    is not implied; only a determiner, an adjective ("former") or a
    sentence start may."""
    if title_start == 0 or doc[title_start].is_sent_start:
        return False
    before = doc[title_start - 1]
    if before.lower_ in title_modifiers("demote"):
        return False
    return before.pos_ in ("NOUN", "PROPN") or before.is_title or before.lower_ == "whose"


def _inherited(ctx: ArticleContext, person: SpanMention, sentence: int) -> Title:
    """"his South African counterpart Jacob Zuma" holds the office of the
    other titled person in the sentence."""
    if person.title.role != "inherit":
        return person.title
    others = [m.title for m in ctx.mentions_in(sentence)
              if m.type is EntityType.PERSON and m.key != person.key and m.title and m.title.role != "inherit"]
    return others[0] if others else Title(person.title.text, "none", "any")


def _possessor(ctx: ArticleContext, person: SpanMention) -> tuple[str, EntityType] | None:
    doc = ctx.doc
    if person.start < 2 or doc[person.start - 1].lower_ not in POSSESSIVE_S:
        return None
    owner = ctx.mention_at(person.start - 2)
    if owner is None or owner.type not in (EntityType.COUNTRY, EntityType.ORGANIZATION) or owner.adjectival:
        return None
    return owner.key, owner.type


def _title_phrase_before(ctx: ArticleContext, person: SpanMention):
    """The title phrase in apposition before the name: "the head of the Ifo
    economic think tank in Munich, Clemens Fuest" (owner after the title),
    "Italy's prime minister at the time, Silvio Berlusconi" (owner before).
    Returns (title, (owner key, owner type))."""
    doc, titles = ctx.doc, TitleTable.load()
    comma = person.start - 1
    sentence_start = ctx.sentences[ctx.sentence_of(person.start)].start
    if comma - 2 < sentence_start or doc[comma].text != ",":
        return None
    for k in range(comma - 1, max(sentence_start, comma - 12), -1):
        if doc[k].text in (",", ";") or doc[k].pos_ in ("VERB", "AUX"):
            return None  # the phrase ends at a clause boundary
        found = titles.ending_at(doc, k)
        if found is None or found[0].role == "none":
            continue
        title = _effective(doc, found[0], found[1])
        if doc[k].lower_ in ("of", "at") or k + 1 < comma and doc[k + 1].lower_ in ("of", "at"):
            owner, _ = _next_owner(ctx, k + 2 if doc[k].lower_ not in ("of", "at") else k + 1, comma)
            if owner is not None:
                return title, owner
        owner = _owner_before(ctx, found[1], ctx.sentence_of(person.start), title)
        if owner is not None and all(t.is_lower for t in doc[k + 1:comma]):
            return title, owner
        return None
    return None


def _title_of_owner_before(ctx: ArticleContext, person: SpanMention):
    """"the head of the IMF Christine Lagarde", "Secretary-General of NATO
    Jens Stoltenberg": title, "of", owner, then the name with no comma.
    Returns (title, (owner key, owner type))."""
    doc, titles = ctx.doc, TitleTable.load()
    owner = ctx.mention_at(person.first_token - 1) if person.first_token > 0 else None
    if owner is None or owner.type not in (EntityType.COUNTRY, EntityType.ORGANIZATION) or owner.adjectival:
        return None
    k = owner.start - (owner.start > 0 and doc[owner.start - 1].lower_ == "the")
    if k < 2 or doc[k - 1].lower_ not in ("of", "at"):
        return None
    found = titles.ending_at(doc, k - 1)
    if found is None or found[0].role == "none":
        return None
    return _effective(doc, found[0], found[1]), (owner.key, owner.type)


@lru_cache(maxsize=1)
def _naming_verbs() -> frozenset[str]:
    """Verbs that give their object the office after "as" ("named X as CEO")."""
    return frozenset(r["verb"] for r in read_table("naming_verbs.tsv", ("verb",)))


@lru_cache(maxsize=1)
def _verb_table() -> dict[str, list[tuple[str, Title]]]:
    table: dict[str, list[tuple[str, Title]]] = {}
    for r in read_table("role_verbs.tsv", ("verb", "preposition", "role")):
        table.setdefault(r["verb"], []).append((r["preposition"], Title(r["verb"], r["role"], "organization")))
    return table


def _role_verbs(ctx: ArticleContext, person: SpanMention):
    """"X worked for the UN", "X teaches at Y", "X heads Y", "X, who heads
    Y": the person as the subject of a verb of working; yields (title, owner)."""
    doc = ctx.doc
    head = doc[person.end - 1]
    verbs = [head.head] if head.dep_ in ("nsubj", "nsubjpass") else []
    # "X, who worked for the UN for 17 years"
    verbs += [c for c in head.children if c.dep_ == "relcl"
              and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in ("who", "that") for g in c.children)]
    for verb, (preposition, title) in ((v, row) for v in verbs for row in _verb_table().get(v.lower_, ())):
        for child in verb.children:
            if preposition == "-" and child.dep_ == "dobj":
                # The object itself names the organisation ("heads the IMF"), not a word inside it
                # ("led the talks with the IMF"), or refers back to it ("who led the company").
                owner = _named_by(ctx, child)
                if owner is None and refers_back(child):
                    owner = ctx.organisation_referred(ctx.sentence_of(person.start) + 1)
                if owner is not None and owner.type is EntityType.ORGANIZATION:
                    yield title, (owner.key, owner.type)
            elif child.dep_ == "prep" and child.lower_ == preposition:
                owner, _ = _next_owner(ctx, child.i + 1, child.right_edge.i + 1)
                if owner is not None and owner[1] is EntityType.ORGANIZATION:
                    yield title, owner
    # "the IG Metall union, led by Christiane Benner": the passive, describing the organisation
    by = head.head if head.dep_ == "pobj" and head.head.lower_ == "by" else None
    if by is not None and by.head.dep_ == "acl" and by.head.lower_ in _verb_table():
        owner = _named_by(ctx, by.head.head)  # "the IG Metall union", not "the Apple design team"
        if owner is not None and owner.type is EntityType.ORGANIZATION:
            for preposition, title in _verb_table()[by.head.lower_]:
                if preposition == "-":
                    yield title, (owner.key, owner.type)



def _possessed_organisation(ctx: ArticleContext, person: SpanMention) -> str | None:
    """"Angela Merkel's Christian Democratic Union": a person's party or club."""
    doc = ctx.doc
    if person.end + 1 < len(doc) and doc[person.end].lower_ in POSSESSIVE_S:
        owned = ctx.mention_at(person.end + 1)
        if owned is not None and owned.type is EntityType.ORGANIZATION and owned.start == person.end + 1 \
                and _surely_organisation(owned):
            return owned.key
    return None


def _surely_organisation(mention: SpanMention) -> bool:
    """Known to the gazetteer, an acronym, or named like one ("... Union"):
    "Bush's Second-Term Task" in a headline is not."""
    return bool(mention.qid) or mention.label.isupper() or any(w in ORGANISATION_WORDS for w in mention.label.split())


def _bracketed_organisation(ctx: ArticleContext, person: SpanMention) -> str | None:
    """"Volker Kauder (CDU)", "Petra Pau (of the Left Party)"."""
    doc = ctx.doc
    i = person.end + 1
    if i + 1 < len(doc) and doc[i - 1].text == "(":
        if doc[i].lower_ in BARE_ROLE_PREPOSITIONS:
            i += 1 + (doc[i + 1].lower_ == "the")
        inner = ctx.mention_at(i)
        if inner is not None and inner.type is EntityType.ORGANIZATION and doc[inner.end:inner.end + 1].text == ")":
            return inner.key
    return None


def _named_by(ctx: ArticleContext, noun) -> SpanMention | None:
    """The organisation a noun names: itself ("NATO"), or through the word
    for its kind ("the IG Metall union"), but not a name modifying some
    other noun ("the Apple design team", "the EU delegation")."""
    mention = ctx.mention_at(noun.i)
    if mention is None and noun.lower_ in organisation_kinds():
        mention = next(filter(None, (ctx.mention_at(c.i) for c in noun.children if c.dep_ == "compound")), None)
    return mention


def _past_copula(doc, i: int) -> int | None:
    """The index past a copula ("is", "has been", "serves as") at ``i``, or None."""
    copula = next((c for c in COPULAS if " ".join(t.lower_ for t in doc[i:i + len(c.split())]) == c), None)
    return i + len(copula.split()) if copula is not None else None


def _past_aside(doc, i: int, end: int) -> int:
    """Past a lower-case aside in brackets after a name, often a photo
    caption's ("Marine Le Pen (above right), the party's leader")."""
    if i < end and doc[i].text == "(":
        close = next((j for j in range(i + 1, min(end, i + 5)) if doc[j].text == ")"), None)
        if close is not None and close > i + 1 and all(t.is_lower for t in doc[i + 1:close]):
            return close + 1
    return i


def _effective(doc, title: Title, title_start: int) -> Title:
    """"Deputy Prime Minister" is not the prime minister."""
    if title.role == "leader" and title_start > 0 and doc[title_start - 1].lower_ in title_modifiers("demote"):
        return Title(title.text, "member", title.owner)
    return title


def _role_facts(person, title: Title, owners, sentence, extractor, confidence) -> Iterator[Candidate]:
    for position, (owner_key, owner_type) in enumerate(owners):
        kind = "country" if owner_type is EntityType.COUNTRY else "organization"
        if owner_type not in (EntityType.COUNTRY, EntityType.ORGANIZATION) or not title.applies_to(kind):
            continue
        if title.role == "leader" and position == 0:
            yield Candidate(person.key, Relation.LEADER_OF, owner_key, sentence, extractor, confidence)
        if kind == "organization" and title.role in ("leader", "member"):
            yield Candidate(person.key, Relation.AFFILIATED_WITH, owner_key, sentence, extractor,
                            confidence if title.role == "member" or position else confidence - 0.1)


def _owner_before(ctx: ArticleContext, title_start: int, sentence: int, title: Title | None = None
                  ) -> tuple[str, EntityType] | None:
    """Whose title it is: the mention, possessive or pronoun just before it,
    through a government body ("its foreign ministry spokesperson")."""
    doc = ctx.doc
    i = title_start
    body = None
    for size in (2, 1):
        phrase = " ".join(t.lower_ for t in doc[max(0, i - size):i])
        tagged = ctx.mention_at(i - 1)
        if i - size >= 0 and phrase in _bodies() and (tagged is None or tagged.label.lower() == phrase):
            body, i = phrase, i - size
            break
    kind_start = _kind_ending_at(doc, i) if body is None else None
    kind = kind_start is not None and kind_start > 0
    if kind:
        i = kind_start  # "Green party politician X", "Left party MP", "Ifo think tank president X"
    for size in (1, 2):  # "the country's sitting president", "Greenpeace's energy policy expert"
        k = i - size
        if k > 0 and doc[k - 1].lower_ in POSSESSIVE_MARKS \
                and all(t.is_lower and t.pos_ in ("ADJ", "NOUN", "VERB") for t in doc[k:i]):
            i = k
            break
    possessive = i > 0 and doc[i - 1].lower_ in POSSESSIVE_MARKS
    if possessive:
        i -= 1
    if i == 0:
        return None
    owner: SpanMention | None = ctx.mention_at(i - 1)
    if owner is None and doc[i - 1].lower_ == "whose" and i > 2 and doc[i - 2].text == ",":
        owner = ctx.mention_at(i - 3)  # "Nigeria, whose President Bola Tinubu ..."
    elif owner is None and doc[i - 1].lower_ in POSSESSIVE_PRONOUNS:
        # Only a country has a foreign ministry: "its foreign ministry spokesperson".
        types = (EntityType.COUNTRY,) if body else (EntityType.COUNTRY, EntityType.ORGANIZATION)
        owner = ctx.antecedent(sentence, types)
    elif owner is None and possessive and i > 1 and doc[i - 2].lower_ == "the" and doc[i - 1].lower_ in COUNTRY_NOUNS:
        # "the country's president": the country the article was just talking about. ("the party's
        # leader" is left alone: which organisation is a party is not known.)
        owner = ctx.antecedent(sentence, (EntityType.COUNTRY,))
    organisation_title = title is not None and title.owner == "organization" and body is None
    if owner is not None and owner.type is EntityType.CITY and organisation_title and not owner.adjectival and not kind:
        # "Dortmund keeper Roman Weidenfeller": a city's name before an organisation title is its club.
        ctx.clubs.add(owner.key)
        return _named_organisation(ctx, owner.label)
    if owner is not None and kind and owner.type is EntityType.LOCATION and not owner.country_keys:
        return _named_organisation(ctx, owner.label)  # "Bruegel think tank director X" (NER: a place)
    if owner is None and organisation_title:
        # "Left party MP X", "Schalke captain X": a name NER did not tag, right before the title.
        name = _untagged_name_before(ctx, i)
        if name:
            return _named_organisation(ctx, name)
    if owner is None or owner.type not in (EntityType.COUNTRY, EntityType.ORGANIZATION):
        return None
    if body is None:
        return owner.key, owner.type
    if owner.type is not EntityType.COUNTRY:
        return None  # "EU parliament president": the EU's body, under a name we cannot tell
    return _government_body(ctx, owner, body), EntityType.ORGANIZATION


def _named_organisation(ctx: ArticleContext, label: str) -> tuple[str, EntityType]:
    return ctx.add_entity(entity_key(EntityType.ORGANIZATION, label), label, EntityType.ORGANIZATION), \
        EntityType.ORGANIZATION


def _untagged_name_before(ctx: ArticleContext, end: int) -> str | None:
    """The capitalised words (or acronym) just before ``end`` that no
    mention covers and that are not a nationality or a title; a sentence's
    first word counts only if tagged as a proper noun or known as a city
    ("Gazprom CEO X", "Dortmund keeper X", not "Opposition Green party whip X")."""
    doc, titles = ctx.doc, TitleTable.load()
    start = end
    while start > 0 and name_like(doc[start - 1]) and ctx.mention_at(start - 1) is None \
            and not doc[start - 1].is_stop and titles.ending_at(doc, start) is None \
            and Gazetteer.load().by_demonym(doc[start - 1].text) is None:
        start -= 1
    describing = title_modifiers("describe")
    if start < end and doc[start].is_sent_start and (doc[start].pos_ != "PROPN" or doc[start].lower_ in describing) \
            and Gazetteer.load().city(doc[start].text) is None:
        start += 1  # not "Opposition", not "New" in "New VW CEO X"
    return doc[start:end].text if start < end else None


def _government_body(ctx: ArticleContext, country: SpanMention, body: str) -> str:
    """An organisation named from its country and body: "Chinese foreign ministry"."""
    entry = Gazetteer.load().lookup(ctx.mentions.labels.get(country.key, country.label))
    adjective = entry.demonyms[0] if entry is not None and entry.demonyms else f"{country.label}'s"
    label = f"{adjective} {body}"
    return ctx.add_entity(entity_key(EntityType.ORGANIZATION, label), label, EntityType.ORGANIZATION)


def _appositions(ctx: ArticleContext, person: SpanMention, sentence: int):
    """Titles written after the name, each with the owners that follow it:
    ``[(Title, [(key, type), ...]), ...]``. "X of the Y" / "X, from Y"
    without a title counts as membership of Y."""
    doc = ctx.doc
    end = ctx.sentences[sentence].end
    i = _past_aside(doc, person.end, end)
    if i < end and doc[i].text == ",":
        i += 1
        if i < end and doc[i].lower_ == "who":
            i = _past_copula(doc, i + 1)  # "X, who is the president of Y"
    elif i < end and doc[i].lower_ == "as" and doc[person.end - 1].dep_ in ("dobj", "oprd") \
            and doc[person.end - 1].head.lower_ in _naming_verbs():
        i += 1  # "Siemens named Roland Busch as its new chief executive" (not "replaced Kaeser as")
    elif i < end and doc[i].lower_ not in BARE_ROLE_PREPOSITIONS:
        i = _past_copula(doc, i)  # "X is executive director of Y"
    if i is None:
        return []
    if i < end and doc[i].lower_ in BARE_ROLE_PREPOSITIONS:
        owner, _ = _next_owner(ctx, i + 1, end)
        if owner is None:
            return []
        # "President Dilma Rousseff of Brazil": the title before the name, the owner after it.
        title = person.title if person.title is not None and person.title.role != "none" else BARE_MEMBERSHIP
        return [(title, [owner])]
    found = []
    while i < end:
        owner_before = None
        while i < end and (doc[i].lower_ in DETERMINERS or doc[i].lower_ in title_modifiers("describe") or doc[i].pos_ == "ADJ"):
            i += 1
        mention = ctx.mention_at(i)
        pronoun = i if mention is None and i < end and doc[i].lower_ in POSSESSIVE_PRONOUNS else None
        if pronoun is not None:
            i += 1  # "its new chief executive": resolved once the title says what kind of owner it has
        elif mention is not None and mention.type in (EntityType.COUNTRY, EntityType.ORGANIZATION):
            owner_before = (mention.key, mention.type)  # "X, Germany's foreign minister"
            i = mention.end
            if i < end and doc[i].lower_ in POSSESSIVE_S:
                i += 1
        elif mention is None and _title_at(doc, i, end) is None:
            named = _kind_named_organisation(ctx, i, end)  # "X, a Left party MP"
            if named is not None and _title_at(doc, named[1], end) is not None:
                owner_before, i = named
        match = _title_at(doc, i, end)
        if match is None:
            break
        title, i = match
        if pronoun is not None:
            types = (EntityType.ORGANIZATION,) if title.owner == "organization" else (EntityType.COUNTRY, EntityType.ORGANIZATION)
            referred = ctx.antecedent(sentence + 1, types, back=2, before=pronoun)  # this sentence and the one before
            owner_before = (referred.key, referred.type) if referred is not None else None
        if i + 1 < end and doc[i].lower_ == "and":
            second = _title_at(doc, i + 1, end)  # "president and chief executive of Y"
            if second is not None:
                i = second[1]
        owners = [owner_before] if owner_before else []
        if i < end and doc[i].lower_ == "on":
            i = _next_preposition(doc, i + 1, end) or i  # "an expert on energy policy at Y"
        while i < end and doc[i].lower_ in ROLE_PREPOSITIONS:
            owner, i = _next_owner(ctx, i + 1, end)
            if owner is None:
                break
            owners.append(owner)
        if _introduces_next_person(ctx, i, end):
            break  # "X, the head of Y, Z": the phrase introduces Z, not X
        if owners:
            found.append((title, owners))
        if i + 1 < end and doc[i].lower_ == "and" and (doc[i + 1].lower_ in DETERMINERS
                                                      or _title_at(doc, i + 1, end) is not None):
            i += 1  # "a senior fellow in X and a research associate at Y", "... at X and director of Y"
            continue
        break
    return found


def _next_preposition(doc, i: int, end: int) -> int | None:
    """The next role preposition in the phrase running on from ``i`` (it
    ends at a comma or a verb): past a topic ("on energy policy at") or an
    unnamed stretch ("the Europe, Russia and Eurasia Program at")."""
    j = i
    while j < end and doc[j].lower_ not in ROLE_PREPOSITIONS and doc[j].text not in (",", ".", ";") \
            and doc[j].pos_ not in ("VERB", "AUX"):
        j += 1
    return j if j < end and doc[j].lower_ in ROLE_PREPOSITIONS else None


def _introduces_next_person(ctx: ArticleContext, i: int, end: int) -> bool:
    """Whether the phrase running on from ``i`` ends in ", NAME" before any verb."""
    doc = ctx.doc
    while i < end and doc[i].text != "," and doc[i].pos_ not in ("VERB", "AUX"):
        i += 1
    if i + 1 >= end or doc[i].text != ",":
        return False
    mention = ctx.mention_at(i + 1)
    return mention is not None and mention.type is EntityType.PERSON and mention.first_token == i + 1


def _title_at(doc, i: int, end: int) -> tuple[Title, int] | None:
    """A title at ``i``, after up to three describing words ("finance
    policy expert"); "deputy leader" is a demoted leader."""
    titles = TitleTable.load()
    for skip in range(4):
        if i + skip >= end:
            return None
        match = titles.starting_at(doc, i + skip)
        if match is not None:
            title, after = match
            if doc[i + skip].lower_ in title_modifiers("demote"):
                following = titles.starting_at(doc, after)
                if following is not None:
                    return _effective(doc, following[0], after), following[1]
            return _effective(doc, title, i + skip), after
        token = doc[i + skip]
        if not (token.is_lower and token.pos_ in ("NOUN", "ADJ", "PROPN") or token.ent_type_ in ("GPE", "LOC", "NORP")
                or token.pos_ == "ADJ" and not token.ent_type_):
            return None  # "finance policy expert", "an Africa expert", "International President"
    return None


def _next_owner(ctx: ArticleContext, i: int, end: int):
    """The organisation or country a preposition introduces, skipping
    describing words ("the globalization-critical network Attac", "the
    Rostock-based Engineers Society"), a possessor ("Harvard's Davis
    Center") and unnamed stretches ("the Europe, Russia and Eurasia Program
    at ...")."""
    doc = ctx.doc
    skipped = 0
    while i < end and skipped < 8:
        mention = ctx.mention_at(i)
        token = doc[i]
        if mention is not None and mention.type in (EntityType.COUNTRY, EntityType.ORGANIZATION) \
                and not mention.adjectival:
            break
        describing = mention is not None and (mention.adjectival or mention.type in (EntityType.CITY, EntityType.LOCATION))
        if token.lower_ in DETERMINERS or token.text == "-" or token.is_lower or describing:
            i = mention.end if describing else i + 1
            skipped += 1
            continue
        if mention is None and i + 2 < end and doc[i + 1].text == "-" and doc[i + 2].is_lower:
            i += 3  # "the English-language daily ...", "the Rostock-based ..."
            skipped += 1
            continue
        break
    mention = ctx.mention_at(i) if i < end else None
    if mention is None or mention.type not in (EntityType.COUNTRY, EntityType.ORGANIZATION) or mention.adjectival:
        named = _kind_named_organisation(ctx, i, end)
        if named is not None:
            return named
        j = _next_preposition(doc, i, end)  # an unnamed or mixed stretch
        if j is not None and j > i:
            return _next_owner(ctx, j + 1, end)
        return None, i
    i = mention.end
    if i < end and doc[i].lower_ in POSSESSIVE_S:
        following = ctx.mention_at(i + 1)
        if following is not None and following.type is EntityType.ORGANIZATION:
            mention, i = following, following.end
    return (mention.key, mention.type), i


def _kind_named_organisation(ctx: ArticleContext, i: int, end: int):
    """An organisation NER missed, named next to the word for its kind:
    "the Filt Cgil union", "the Ifo economic think tank", "the
    non-governmental organization Open Society", 'the newspaper "To Vima"'.
    Returns ((key, type), index past it) or None."""
    doc = ctx.doc
    kind_before = _kind_ending_at(doc, i) is not None
    quoted = i < end and doc[i].text in QUOTE_MARKS
    start = j = i + quoted
    while j < end and name_like(doc[j]) and (ctx.mention_at(j) is None or ctx.mention_at(j).type is EntityType.PERSON):
        j += 1
    if j == start or doc[start:j].text.lower() in organisation_kinds():
        return None
    if quoted:
        closing = j + (j < end and doc[j].text == ",")  # '"To Vima,"'
        if closing >= end or doc[closing].text not in QUOTE_MARKS:
            return None
        return _named_organisation(ctx, doc[start:j].text), closing + 1
    after = j
    while after < min(end, j + 2) and doc[after].is_lower and doc[after].pos_ == "ADJ":
        after += 1  # "the Ifo economic think tank"
    kind_end = _kind_at(doc, after, end)
    if kind_end is not None:
        return _named_organisation(ctx, doc[start:j].text), kind_end
    if kind_before:
        return _named_organisation(ctx, doc[start:j].text), j
    return None
