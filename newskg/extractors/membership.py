"""``member_of``, ``not_member_of``, ``joining`` and ``partner_of``.

A cue word from ``data/cues.tsv`` ("member", "set to join", "dialogue
partners") anchors each fact. Its organisation is the one the cue governs
("member of the SCO", "NATO member", "join the SCO"); failing that the only
organisation in the sentence; failing that the organisation the preceding
sentences are about ("Its core members are ...", "the bloc"), with lower
confidence. Its members are the countries in the cue's clause — every item of
a list, the referent of "the four other Central Asian states", the antecedent
of "The NATO member, which ..." — and those an elliptical "but X are,
alongside A and B" adds. Negation makes ``not_member_of``; "set to",
"invited to", "will" make ``joining``, a plain past "joined" ``member_of``.
"""
from __future__ import annotations

from collections.abc import Iterator

from newskg.extractors.context import (POSSESSIVE_PRONOUNS, ArticleContext, Candidate, cue_table, number_before,
                                       refers_back)
from newskg.extractors.location import LOCATIVE
from newskg.extractors.mentions import POSSESSIVE_S, SpanMention
from newskg.model import EntityType, Relation

#: Who can hold each relation (relations.md): organisations can be members, only countries join or partner.
MEMBER_TYPES = {Relation.MEMBER_OF: (EntityType.COUNTRY, EntityType.ORGANIZATION),
                Relation.NOT_MEMBER_OF: (EntityType.COUNTRY, EntityType.ORGANIZATION),
                Relation.JOINING: (EntityType.COUNTRY,), Relation.PARTNER_OF: (EntityType.COUNTRY,)}
NEGATING = {"not", "n't", "never", "no"}
COORDINATED_NEGATION = {"neither", "nor"}
ALONGSIDE = {"alongside", "besides", "with", "like", "including"}
COMPLETED_JOIN_TAGS = {"VBD", "VBN"}
PERFECT_AUXILIARIES = {"has", "have", "had", "'s", "’s", "'ve", "’ve"}  # "has joined" is done
BECOME_FORMS = {"become", "becomes", "became", "becoming"}  # "will become a member" is joining
BE_FORMS = {"is", "are", "was", "were", "be", "been", "being", "'s", "’s"}
PARTNER_HEADS = {"partner", "partners", "observer", "observers", "status", "country", "countries", "state", "states"}


def extract(ctx: ArticleContext) -> Iterator[Candidate]:
    for index, sent in enumerate(ctx.sentences):
        cues = [c for c in _cues(sent) if ctx.mention_at(c[0]) is None]  # not "Observer Research Foundation"
        for cue_start, cue_end, row in cues:
            others = [c[0] for c in cues if c[0] != cue_start]
            yield from _facts_for_cue(ctx, index, sent, cue_start, cue_end, row, others)


def _cues(sent):
    table = cue_table()
    i = sent.start
    doc = sent.doc
    while i < sent.end:
        best = None
        if i > sent.start and doc[i - 1].text == "-" and not doc[i - 2].whitespace_:
            i += 1  # "the nine-member bloc" describes a size, not a membership
            continue
        for row in table.get(doc[i].lower_, ()):
            words = row["cue"].split()
            if [t.lower_ for t in doc[i:i + len(words)]] == words and (best is None or len(words) > len(best[1]["cue"].split())):
                best = (i + len(words), row)
        if best:
            yield i, best[0], best[1]
            i = best[0]
        else:
            i += 1


def _facts_for_cue(ctx: ArticleContext, index, sent, start, end, row, other_cues: list[int]) -> Iterator[Candidate]:
    doc = ctx.doc
    cue = doc[end - 1]  # the head word of a multi-word cue ("dialogue partners")
    relation = Relation(row["relation"])
    if row["sent"] == "yes" and cue.dep_ == "dobj" or _describes_person(ctx, cue):
        return  # "sent observers to Ukraine"; "Sadiq, a member of the Syrian National Council"
    if row["role"] == "join":
        if _completed_join(cue):
            relation = Relation.MEMBER_OF
        if any(c.dep_ == "dobj" and not refers_back(c, groupings_only=True) for c in cue.children) \
                and not _governed_organisations(ctx, index, cue):
            return  # "joining a long list of authors", "Joining Brazil, Russia and India, ...": not an organisation
    elif row["role"] == "noun" and cue.head.lower_ in BECOME_FORMS:
        # "became a member" is membership; "is set to become", "will become" a member is joining.
        relation = Relation.MEMBER_OF if _completed_join(cue.head) else Relation.JOINING
    organisation, confidence = _organisation(ctx, index, sent, start, end, row["role"])
    if organisation is None:
        return
    clause = _clause_head(cue)
    negated = _negated(clause) or _negated(cue) or cue.head.lower_ in BECOME_FORMS and _negated(cue.head)
    if negated and (relation is Relation.MEMBER_OF or cue.head.lower_ in BECOME_FORMS):
        relation = Relation.NOT_MEMBER_OF  # "is not a member", "will never become a member"
    elif negated:
        return
    types = (EntityType.COUNTRY,) if row["members"] == "countries" else MEMBER_TYPES[relation]
    members = [m for m in _members(ctx, index, cue, clause, organisation)
               if not _nearer_other_cue(m.start, start, other_cues) and m.type in types]
    if not members:
        return
    extractor = f"membership.{row['role']}.v1"
    for member in members:
        yield Candidate(member.key, relation, organisation.key, index, extractor, confidence)
    # "X is not a member of the SCO, but the four other states are, alongside A and B."
    if relation in (Relation.MEMBER_OF, Relation.NOT_MEMBER_OF):
        for verb in clause.conjuncts:
            if verb.i <= clause.i or any(c.dep_ in ("attr", "dobj", "acomp") for c in verb.children):
                continue
            verb_relation = Relation.NOT_MEMBER_OF if _negated(verb) else Relation.MEMBER_OF
            excluded = {m.key for m in members}
            for member in _ellipsis_members(ctx, index, verb, excluded):
                yield Candidate(member.key, verb_relation, organisation.key, index, "membership.ellipsis.v1",
                                confidence - 0.1)


def _nearer_other_cue(position: int, cue_start: int, other_cues: list[int]) -> bool:
    """"has ten members and several dialogue partners such as Australia":
    Australia belongs to the cue between it and "members"."""
    low, high = sorted((position, cue_start))
    return any(low < c < high for c in other_cues)


def _governed_organisations(ctx: ArticleContext, index: int, cue) -> list[SpanMention]:
    doc = ctx.doc
    governed = [c for c in cue.children if c.dep_ not in ("nsubj", "nsubjpass")]  # "Ibrahim joins a list"
    return [m for m in ctx.mentions_in(index) if m.type is EntityType.ORGANIZATION and not m.adjectival
            and any(doc[i] in c.subtree for c in governed for i in range(m.start, m.end))]


def _completed_join(cue) -> bool:
    """"Belarus joined NATO" states membership; "set to join", "will join",
    "invited to join", "joining" do not."""
    return cue.tag_ in COMPLETED_JOIN_TAGS and cue.dep_ not in ("xcomp", "advcl", "pcomp") \
        and not any(c.dep_ in ("aux", "auxpass") and c.lower_ not in PERFECT_AUXILIARIES for c in cue.children)


def _organisation(ctx: ArticleContext, index, sent, start, end, role: str) -> tuple[SpanMention | None, float]:
    doc = ctx.doc
    orgs = [m for m in ctx.mentions_in(index) if m.type is EntityType.ORGANIZATION and not m.adjectival]
    cue = doc[end - 1]
    # "NATO member", "SCO member states" (a verb's subject is no owner: "Ibrahim joins a list")
    near_before = [m for m in orgs if 0 <= start - m.end <= 1] if role != "join" else []
    for group in (near_before, _governed_organisations(ctx, index, cue)):
        if group:
            return group[0], 0.85
    verb = next((t for t in cue.ancestors if t.pos_ in ("VERB", "AUX")), cue)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    as_subject = [m for m in orgs if subject is not None and doc[m.start] in subject.subtree]
    if as_subject and row_role_is_partner(cue):
        return as_subject[0], 0.8  # "ASEAN has granted observer status to X", "The Forum welcomed dialogue partners"
    if len(orgs) == 1 and cue.dep_ == "attr" and cue.head.lower_ in BE_FORMS:
        return orgs[0], 0.75  # "Somalia joined the EAC, while Ethiopia is not a member."
    if _organisation_named_before(doc, sent, start, cue):
        return ctx.topic_organisation(index), 0.7
    return None, 0.0


def row_role_is_partner(cue) -> bool:
    return cue.lower_ in PARTNER_HEADS


def _organisation_named_before(doc, sent, start, cue) -> bool:
    """The organisation is named earlier: "Its core members", "the bloc's
    members", "The nine-member bloc ... dialogue partners", or a "to join"
    with nothing to join in its own sentence."""
    if any(c.lower_ in POSSESSIVE_PRONOUNS for c in cue.children) or \
            (start > sent.start and doc[start - 1].lower_ in POSSESSIVE_PRONOUNS):
        return True
    if any(refers_back(t, groupings_only=True) for t in sent):
        return True
    if cue.dep_ == "attr" and any(c.lower_ == "the" for c in cue.children):
        return True  # "Sweden is set to become the 32nd member"
    return cue.lower_ in ("join", "joining") and not any(c.dep_ == "dobj" for c in cue.children)


def _clause_head(cue):
    """The verb whose clause the cue sits in ("are" in "Its members are A,
    B"; "invited" in "were invited to join", which lends "join" its subject)."""
    token = cue
    while token.dep_ not in ("ROOT", "conj", "ccomp", "advcl", "relcl") and token.head.i != token.i:
        if token.pos_ in ("VERB", "AUX") and token.i != cue.i and token.lower_ not in BECOME_FORMS:
            break  # "become" lends its subject: "Sweden is set to become the 32nd member"
        token = token.head
    return token


def _negated(token) -> bool:
    """"is not a member", "neither Russia nor Ukraine are members", "are no longer members"."""
    return any(c.dep_ == "neg" or c.lower_ in NEGATING for c in token.children) \
        or any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in token.children) \
        or any(t.lower_ in COORDINATED_NEGATION for c in token.children if c.dep_ in ("nsubj", "nsubjpass")
               for t in c.subtree)


def _describes_person(ctx: ArticleContext, cue) -> bool:
    """The cue is a person's description ("X, a member of the council",
    "an FDP member"), which is affiliation, not a state's membership."""
    described = cue.head if cue.dep_ in ("appos", "attr") else None
    if cue.dep_ == "attr":
        described = next((c for c in cue.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    mention = ctx.mention_at(described.i) if described is not None else None
    return mention is not None and mention.type is EntityType.PERSON


def _members(ctx: ArticleContext, index, cue, clause, organisation) -> list[SpanMention]:
    """The countries (or organisations) the cue says are members."""
    doc = ctx.doc
    bidder = _bidder(ctx, cue)
    if bidder is not None:
        return [bidder]  # "Georgia's bid to join NATO"
    candidates = [m for m in ctx.mentions_in(index) if m.type in (EntityType.COUNTRY, EntityType.ORGANIZATION)
                  and not m.adjectival and m.key != organisation.key and not _is_possessor(doc, m)
                  and not (m.start > 0 and doc[m.start - 1].lower_ in LOCATIVE)]  # "... council in Germany"
    # "NATO member Turkey", "member countries Kazakhstan and ...": the name right after the cue.
    following = [m for m in candidates if m.start == cue.i + 1]
    # The clause's own span, without other clauses hanging off it.
    inside = [m for m in candidates if _in_clause(doc[m.start], clause)]
    members = inside or following
    if members:
        return _unique(members)
    # "the four other Central Asian states", "The NATO member, which ...": refer back.
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:
        referred = _referent(ctx, index, subject, set())
        if referred:
            return referred
    return []


def _bidder(ctx: ArticleContext, cue) -> SpanMention | None:
    """The possessor of the noun a "to join" completes: "Georgia's bid
    (plan, application) to join NATO"."""
    if cue.dep_ not in ("acl", "xcomp") or cue.head.pos_ != "NOUN":
        return None
    owner = next((c for c in cue.head.children if c.dep_ == "poss"), None)
    mention = ctx.mention_at(owner.i) if owner is not None else None
    return mention if mention is not None and mention.type is EntityType.COUNTRY else None


def _ellipsis_members(ctx, index, verb, excluded: set[str]) -> list[SpanMention]:
    doc = ctx.doc
    members = []
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:
        named = [m for m in ctx.mentions_in(index) if m.type is EntityType.COUNTRY and not m.adjectival
                 and doc[m.start] in subject.subtree]
        members = named or _referent(ctx, index, subject, excluded)
    # "..., alongside India, Iran and Pakistan"
    after_verb = [m for m in ctx.mentions_in(index) if m.type is EntityType.COUNTRY and not m.adjectival
                  and m.start > verb.i and any(t.lower_ in ALONGSIDE for t in doc[verb.i:m.start])]
    return _unique(members + after_verb)


def _referent(ctx: ArticleContext, index, subject, excluded: set[str]) -> list[SpanMention]:
    """What a subject without a name refers to: "the four other Central Asian
    states" -> a list named earlier; "The NATO member" -> the last country."""
    words = list(subject.subtree)
    count = number_before(words)
    if count is not None:
        return ctx.enumeration(index, count, excluded)
    if words and words[0].lower_ == "the":
        recent = ctx.recent(index, (EntityType.COUNTRY,), back=1)
        return recent[:1]
    return []


def _in_clause(token, clause) -> bool:
    """Whether ``token`` belongs to ``clause`` itself, not to a clause
    nested in it or coordinated with it."""
    while token.i != clause.i:
        if token.dep_ in ("conj", "relcl", "ccomp", "advcl", "acl") and token.pos_ in ("VERB", "AUX"):
            return False
        if token.head.i == token.i:
            return False
        token = token.head
    return True


def _is_possessor(doc, mention: SpanMention) -> bool:
    """"Russia's close ally Belarus": Russia is not the one joining."""
    return mention.end < len(doc) and doc[mention.end].lower_ in POSSESSIVE_S


def _unique(mentions: list[SpanMention]) -> list[SpanMention]:
    seen, out = set(), []
    for m in mentions:
        if m.key not in seen:
            seen.add(m.key)
            out.append(m)
    return out
