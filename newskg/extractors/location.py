"""``located_in``: places in countries.

Stated: "in Astana, Kazakhstan", a dateline "ASTANA, Kazakhstan —", "the
Tajikistan capital, Dushanbe", "Dushanbe, the capital of Tajikistan", "the
German city of Hamburg", "Zermatt in Switzerland", "Germany's Saarland state". Known: a city the gazetteer places in a country
that the article also names (not just as an adjective) gets a fact from
world knowledge: confident when the text uses the city as a place ("in
Hamburg", a dateline) or never as a government, low-confidence (kept in
the RDF, below the default threshold) when it stands for one somewhere in
the article ("Moscow and Beijing have deepened ties", "Beijing-led"). A
city's name the article also uses for a club ("Madrid attacker X") gets
none.
"""
from __future__ import annotations

from collections.abc import Iterator

from newskg.extractors.context import ArticleContext, Candidate
from newskg.extractors.datafiles import read_table
from newskg.extractors.mentions import POSSESSIVE_S, SpanMention
from newskg.model import EntityType, Relation

PLACE_TYPES = (EntityType.CITY, EntityType.LOCATION)
KNOWN_CONFIDENCE = 0.45  # below the default threshold: kept as low-confidence
PLACE_USE_CONFIDENCE = 0.6  # 0.92 precise on DWIE dev
_WORDS = read_table("place_words.tsv", ("word", "kind"))
COMPASS, PLACE_NOUNS, LOCATIVE, WIDER, COUNTRY_NOUNS = ({r["word"] for r in _WORDS if r["kind"] == kind}
                                                        for kind in ("compass", "noun", "locative", "wider", "country"))


def extract(ctx: ArticleContext) -> Iterator[Candidate]:
    doc = ctx.doc
    for index, _ in enumerate(ctx.sentences):
        mentions = ctx.mentions_in(index)
        for place, country in zip(mentions, mentions[1:]):
            between = [t.lower_ for t in doc[place.end:country.start]]
            # "Astana, Kazakhstan", "Halberstadt, eastern Germany", "Niigata, in northern Japan",
            # "Kassongue province in central Angola"
            if place.type in PLACE_TYPES and country.type is EntityType.COUNTRY and _places_in(between) \
                    and place.label.lower() not in WIDER and country.key in (place.country_keys or (country.key,)) \
                    and not country.adjectival and not (between[:1] == [","] and _in_list(doc, place, country)) \
                    and (between[:1] != ["in"] or place.type is EntityType.CITY):
                yield Candidate(place.key, Relation.LOCATED_IN, country.key, index, "location.apposition.v1", 0.9)
            # "the Tajikistan capital, Dushanbe", "the German city of Hamburg", "Kazakhstan's capital Astana"
            first, second = place, country
            words = [t.lower_ for t in doc[first.end:second.start] if t.text != "," and t.lower_ not in POSSESSIVE_S]
            named_place = words and words[0] in PLACE_NOUNS and len(words) <= 2 and set(words[1:]) <= {"of"}
            if first.type is EntityType.COUNTRY and named_place and second.type in PLACE_TYPES + (EntityType.ORGANIZATION,):
                if second.type is EntityType.ORGANIZATION:
                    ctx.types[second.key] = EntityType.LOCATION  # "the Indian state of Uttar Pradesh" names a place
                yield Candidate(second.key, Relation.LOCATED_IN, first.key, index, "location.capital.v1", 0.9)
            # "Germany's Saarland state", "Pakistan's Punjab province"
            if first.type is EntityType.COUNTRY and not first.adjectival and second.type in PLACE_TYPES \
                    and second.start == first.end + 1 and doc[first.end].lower_ in POSSESSIVE_S:
                yield Candidate(second.key, Relation.LOCATED_IN, first.key, index, "location.possessive.v1", 0.85)
            # "Dushanbe, the capital of Tajikistan"
            if first.type in PLACE_TYPES and second.type is EntityType.COUNTRY and words[-2:] in (["capital", "of"], ["city", "of"]):
                yield Candidate(first.key, Relation.LOCATED_IN, second.key, index, "location.capital.v1", 0.9)
    yield from _known(ctx)


def _places_in(between: list[str]) -> bool:
    """What may stand between a place and its country: a comma or "in",
    a place noun before them, a compass word after them. (A bare "in"
    counts only after a known city: "the West in Ukraine" is no place.)"""
    words = list(between)
    if words and words[0] in PLACE_NOUNS:
        words = words[1:]
    if words[:1] != [","] and words[:1] != ["in"]:
        return False
    words = words[1:]
    if words[:1] == ["in"]:
        words = words[1:]
    return all(w in COMPASS for w in words)


def _in_list(doc, first, last) -> bool:
    """"covers Central Asia, India and Iran" is a list, not "Astana, Kazakhstan"."""
    after = doc[last.end:last.end + 1]
    before = doc[max(0, first.start - 1):first.start]
    return any(t.lower_ in ("and", "or") for t in after) or any(t.text == "," for t in before) \
        and any(t.text == "," for t in after)


def _used_as_place(doc, mention) -> bool:
    """"in Hamburg", "near Kabul", "the eastern city of Dresden",
    "Hamburg-based", a dateline "BERLIN, ...": the city as a place, not as
    its government ("Moscow bashes the West"). A destination ("travelled to
    Beijing") is not enough: it would state a fact the text does not."""
    after = doc[mention.end] if mention.end < len(doc) else None
    if doc[mention.start].is_sent_start and after is not None and after.text in (",", "(", "—", "–", "-"):
        return True
    if _compound_with(doc, mention) == "based":
        return True
    words = [t.lower_ for t in doc[max(0, mention.start - 3):mention.start] if t.dep_ != "det"]
    return bool(words) and (words[-1] in LOCATIVE or words[-2:] in ([n, "of"] for n in PLACE_NOUNS))


def _compound_with(doc, mention) -> str | None:
    """The word a hyphen joins to the name: "based" in "Hamburg-based", "led" in "Beijing-led"."""
    if mention.end + 1 < len(doc) and doc[mention.end].text == "-":
        return doc[mention.end + 1].lower_
    return None


def meeting_places(ctx: ArticleContext, sentence: int) -> tuple[str, ...]:
    """Where the sentence puts its events: places after "in"/"at" ("held
    talks in Kazakhstan", "in Astana, Kazakhstan"), not possessors
    ("Turkey's President") or places merely talked about."""
    doc = ctx.doc
    places: list[str] = []
    previous_end = None
    for m in ctx.mentions_in(sentence):
        if m.type not in (EntityType.CITY, EntityType.COUNTRY, EntityType.LOCATION) or m.adjectival:
            continue
        words = [t.lower_ for t in doc[max(0, m.start - 2):m.start] if t.dep_ != "det"]
        follows_place = previous_end is not None and [t.text for t in doc[previous_end:m.start]] == [","]
        if (words and words[-1] in LOCATIVE or follows_place) and m.key not in places:
            places.append(m.key)
            previous_end = m.end
    return tuple(places)


def _known(ctx: ArticleContext) -> Iterator[Candidate]:
    named_countries = {m.key for m in ctx.mentions.mentions if m.type is EntityType.COUNTRY and not m.adjectival}
    governments = {m.key for m in ctx.mentions.mentions if m.type is EntityType.CITY and _used_as_government(ctx, m)}
    best: dict[str, tuple[bool, SpanMention, str]] = {}
    for m in ctx.mentions.mentions:
        named = [key for key in m.country_keys if key in named_countries]
        if m.type in PLACE_TYPES and len(named) == 1 and m.key not in ctx.clubs:
            as_place = _used_as_place(ctx.doc, m) or m.key not in governments
            if m.key not in best or as_place and not best[m.key][0]:
                best[m.key] = (as_place, m, named[0])
    for as_place, m, country in best.values():
        yield Candidate(m.key, Relation.LOCATED_IN, country, ctx.sentence_of(m.start), "location.gazetteer.v1",
                        PLACE_USE_CONFIDENCE if as_place else KNOWN_CONFIDENCE)


def _used_as_government(ctx: ArticleContext, mention: SpanMention) -> bool:
    """"Beijing said", "Beijing and Moscow want ...", "Moscow-backed": a
    city acting (the subject of a verb), paired with another government, or
    leading something, stands for its government (metonymy), and the text
    does not use it as a place."""
    doc = ctx.doc
    root = doc[mention.start:mention.end].root
    if _compound_with(doc, mention) not in (None, "based"):
        return True
    if root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX"):  # not "Berlin was hit by snow"
        return True
    first = root.head if root.dep_ == "conj" else root
    if first.dep_ == "pobj" and first.head.lower_ in LOCATIVE:
        return False  # "raids on houses in Mons and Liege": places
    partners = [root.head] if root.dep_ == "conj" else []
    partners += [c for c in root.children if c.dep_ == "conj"]
    return any(other is not None and other.type in (EntityType.CITY, EntityType.COUNTRY)
               for other in (ctx.mention_at(t.i) for t in partners))
