"""Measure extracted facts against facts a person annotated (``newskg eval``).

A gold folder holds two tab-separated UTF-8 files:

``entities.tsv``
    ``canonical  type  aliases  [source]``, one entity a line, ``#`` starts a
    comment. Aliases are separated by ``|``. A 4th column limits the aliases
    to one article (its file stem), for benchmarks where the same string
    names different things in different articles.
``triples.tsv``
    a header row, then ``subject  relation  object  required  source
    evidence``. Subject and object are canonical names from entities.tsv (a
    name missing there is compared as written), or a year for
    ``founded_in``. ``required`` is 1 (must be found: counts toward recall),
    0 (acceptable: neither a hit nor a miss) or -1 (forbidden: a known trap;
    producing it is a false positive and is reported on its own line).

Scoring follows the project's evaluation kit (``score.py``) figure for
figure, so numbers from either can stand side by side:

* names are compared after :func:`normalise_name` through the alias table;
  a predicted name that matches no alias is an unknown entity, so its fact
  is a false positive;
* only the :class:`~newskg.model.Relation` vocabulary is scored; a
  prediction may hold other relations (``capital_of``) without penalty;
* symmetric relations match in either direction; a literal object (the
  founding year) is compared by the first 4-digit year in it;
* a fact the gold lists twice is forbidden if any row forbids it, otherwise
  required if any row requires it;
* with ``per_source`` every fact is scored inside its own article (file
  stems compared); without it the gold is one merged graph.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

from newskg.errors import GoldFormatError, NewskgError, PredictionFormatError
from newskg.model import Relation

if TYPE_CHECKING:
    from newskg.graph.knowledge_graph import KnowledgeGraph

__all__ = [
    "EvalResult", "Finding", "Gold", "GoldEntity", "GoldFact", "Prediction", "Score", "Status",
    "evaluate", "format_report", "load_gold", "normalise_name", "predictions_from_graph",
    "read_predictions",
]

ENTITIES_FILE = "entities.tsv"
TRIPLES_FILE = "triples.tsv"
GOLD_COLUMNS = ("subject", "relation", "object", "required", "source")
PREDICTION_COLUMNS = ("subject", "relation", "object")
#: Marks a name that matches no gold entity, in scored facts and reports.
UNKNOWN = "?"

_POSSESSIVE = re.compile(r"'s\b")
_LEADING_THE = re.compile(r"^the\s+")
_NOT_NAME = re.compile(r"[^a-z0-9-]+")
_CAMEL_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NOT_IDENTIFIER = re.compile(r"[^a-z0-9]+")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def normalise_name(name: str) -> str:
    """The form names are compared in: ASCII, lower case, without a
    possessive 's or a leading "the", punctuation other than hyphens as
    single spaces ("The U.S.'s" -> "u s").
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = _POSSESSIVE.sub("", text)
    text = _LEADING_THE.sub("", text.strip())
    return " ".join(_NOT_NAME.sub(" ", text).split())


def scored_relation(name: str) -> Relation | None:
    """The vocabulary relation a prediction's relation column names, if any.

    Accepts ``member_of``, ``memberOf``, ``nkg:memberOf`` and full IRIs.
    """
    local = name.strip().rsplit("#", 1)[-1].rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    local = _CAMEL_HUMP.sub("_", local)
    try:
        return Relation(_NOT_IDENTIFIER.sub("_", local.lower()).strip("_"))
    except ValueError:
        return None


def article_stem(source: str) -> str:
    """``dev/articles/DW_1095032.txt`` -> ``DW_1095032``: how sources are compared."""
    return Path(source.strip()).stem


class Status(IntEnum):
    """What producing a gold fact means (the ``required`` column)."""

    FORBIDDEN = -1
    OPTIONAL = 0
    REQUIRED = 1

    def combine(self, other: Status) -> Status:
        """A fact forbidden by any gold row stays forbidden; else required wins."""
        return Status.FORBIDDEN if Status.FORBIDDEN in (self, other) else max(self, other)


# ---- gold -----------------------------------------------------------------

@dataclass(frozen=True)
class GoldEntity:
    """A line of entities.tsv: a canonical name and the names it also goes by."""

    name: str
    type: str
    aliases: tuple[str, ...]
    source: str | None  # the article these names are limited to
    line: int


@dataclass(frozen=True)
class GoldFact:
    """A row of triples.tsv."""

    subject: str
    relation: Relation
    object: str
    status: Status
    source: str
    evidence: str
    line: int


@dataclass(frozen=True)
class Gold:
    """A gold folder, read and checked."""

    directory: Path
    entities: tuple[GoldEntity, ...]
    facts: tuple[GoldFact, ...]


def load_gold(directory: str | Path) -> Gold:
    """Read ``entities.tsv`` and ``triples.tsv`` from ``directory``.

    Raises :class:`GoldFormatError` naming the file and line of the first
    problem: a missing file or column, an entity line without a name or
    type, an unknown relation, a ``required`` other than 1, 0 or -1.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise GoldFormatError(f"{directory}: no such gold folder (it needs {ENTITIES_FILE} and {TRIPLES_FILE})")
    return Gold(directory, _read_entities(directory / ENTITIES_FILE), _read_gold_facts(directory / TRIPLES_FILE))


def _read_entities(path: Path) -> tuple[GoldEntity, ...]:
    entities = []
    for number, line in enumerate(_read_text(path, GoldFormatError).splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            raise GoldFormatError(f"{path}:{number}: expected tab-separated canonical name, type and aliases; "
                                  f"found no tab in {line.strip()[:60]!r}")
        if not cols[0].strip():
            raise GoldFormatError(f"{path}:{number}: entity has no canonical name (first column is empty)")
        aliases = tuple(a for a in (cols[2] if len(cols) > 2 else "").split("|") if a.strip())
        source = cols[3].strip() if len(cols) > 3 and cols[3].strip() else None
        entities.append(GoldEntity(cols[0], cols[1].strip(), aliases, source, number))
    return tuple(entities)


def _read_gold_facts(path: Path) -> tuple[GoldFact, ...]:
    reader = csv.DictReader(io.StringIO(_read_text(path, GoldFormatError), newline=""), delimiter="\t")
    columns = _find_columns(reader, GOLD_COLUMNS, path, GoldFormatError)
    evidence_column = columns.get("evidence")
    facts = []
    for row in reader:
        where = f"{path}:{reader.line_num}"
        values = {}
        for name in GOLD_COLUMNS:
            value = row[columns[name]]
            if value is None:
                raise GoldFormatError(f"{where}: the row stops before the {name!r} column "
                                      f"(expected tab-separated {', '.join(GOLD_COLUMNS)}, evidence)")
            values[name] = value
        for name in ("subject", "object"):
            if not values[name].strip():
                raise GoldFormatError(f"{where}: empty {name}")
        try:
            relation = Relation(values["relation"])
        except ValueError:
            raise GoldFormatError(f"{where}: unknown relation {values['relation']!r}; "
                                  f"the relations are {', '.join(r.value for r in Relation)}") from None
        try:
            status = Status(int(values["required"]))
        except ValueError:
            raise GoldFormatError(f"{where}: 'required' must be 1 (required), 0 (optional) or -1 (forbidden), "
                                  f"not {values['required']!r}") from None
        evidence = (row[evidence_column] or "") if evidence_column else ""
        facts.append(GoldFact(values["subject"], relation, values["object"], status, values["source"],
                              evidence, reader.line_num))
    return tuple(facts)


# ---- predictions ----------------------------------------------------------

@dataclass(frozen=True)
class Prediction:
    """One extracted fact, named as ``triples.csv`` names it."""

    subject: str
    relation: Relation
    object: str
    source: str = ""  # the article's file path
    evidence: str = ""  # the sentence that states it
    line: int | None = None  # its row in a prediction file


def read_predictions(path: str | Path, per_source: bool = False) -> list[Prediction]:
    """Facts in the scored relations from a CSV or TSV with a header row.

    The file needs ``subject``, ``relation`` and ``object`` columns (and
    ``source`` for per-source scoring); ``evidence`` is shown by verbose
    reports. Rows in other relations are skipped. Raises
    :class:`PredictionFormatError` for a file that is empty, not text, or
    lacks a column.
    """
    path = Path(path)
    text = _read_text(path, PredictionFormatError)
    if not text.strip():
        raise PredictionFormatError(f"{path}: file is empty; expected a CSV with a header row "
                                    f"({', '.join(PREDICTION_COLUMNS)}, ...)")
    lines = text.splitlines()
    reader = csv.DictReader(lines, dialect="excel-tab" if "\t" in lines[0] else "excel")
    needed = PREDICTION_COLUMNS + (("source",) if per_source else ())
    columns = _find_columns(reader, needed, path, PredictionFormatError)
    source_column, evidence_column = columns.get("source"), columns.get("evidence")
    predictions = []
    for row in reader:
        relation = scored_relation(row[columns["relation"]] or "")
        if relation is None:
            continue
        predictions.append(Prediction(
            subject=row[columns["subject"]] or "",
            relation=relation,
            object=row[columns["object"]] or "",
            source=(row[source_column] or "") if source_column else "",
            evidence=(row[evidence_column] or "") if evidence_column else "",
            line=reader.line_num,
        ))
    return predictions


def predictions_from_graph(kg: KnowledgeGraph) -> list[Prediction]:
    """The rows ``triples.csv`` would hold for a build, so scoring a build
    directly equals scoring its ``triples.csv``.
    """
    from newskg.exports.csv import fact_rows

    return [Prediction(row.subject, Relation(row.relation), row.object, row.source, row.evidence)
            for row in fact_rows(kg)]


def _read_text(path: Path, error: type[NewskgError]) -> str:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text (byte {exc.start}); is it a binary or spreadsheet file?") from None
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from None
    if "\x00" in text:
        raise error(f"{path}: contains NUL bytes; is it a binary or spreadsheet file?")
    return text


def _find_columns(reader: csv.DictReader, needed: Iterable[str], path: Path,
                  error: type[NewskgError]) -> dict[str, str]:
    """Header names by their lower-case form; raises ``error`` if one is missing."""
    columns = {name.lower().strip(): name for name in reader.fieldnames or []}
    missing = [name for name in needed if name not in columns]
    if missing:
        raise error(f"{path}:1: header lacks column(s) {', '.join(missing)}; "
                    f"found {', '.join(reader.fieldnames or []) or 'nothing'}")
    return columns


# ---- scoring --------------------------------------------------------------

@dataclass(frozen=True, order=True)
class FactKey:
    """A fact as it is compared: canonical names (``?name`` when unknown),
    symmetric relations in one direction, and the article stem under
    per-source scoring (else None).
    """

    relation: Relation
    source: str | None
    subject: str
    object: str


class AliasTable:
    """Which gold entity a name denotes, for the whole gold or one article."""

    def __init__(self, entities: Iterable[GoldEntity]):
        self._canonical: dict[tuple[str | None, str], str] = {}
        for entity in entities:
            for name in (entity.name, *entity.aliases):
                self._canonical.setdefault((entity.source, normalise_name(name)), entity.name)

    def canonical(self, name: str, source: str | None) -> str:
        norm = normalise_name(name)
        return self._canonical.get((source, norm)) or self._canonical.get((None, norm)) or UNKNOWN + norm

    def key(self, subject: str, relation: Relation, obj: str, source: str | None) -> FactKey:
        subject = self.canonical(subject, source)
        if relation.literal_object:
            year = _YEAR.search(obj)
            obj = year.group(1) if year else normalise_name(obj)
        else:
            obj = self.canonical(obj, source)
        if relation.symmetric:
            subject, obj = sorted((subject, obj))
        return FactKey(relation, source, subject, obj)


@dataclass
class Score:
    """Counts for one relation (or all of them) and the figures they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


class FindingKind(str, Enum):
    FORBIDDEN = "forbidden"
    FALSE_POSITIVE = "false positive"
    MISS = "miss"


@dataclass(frozen=True)
class Finding:
    """A fact the report lists, with what stated it: the predictions that
    produced it (none for a miss) and the gold rows about it (none for a
    false positive the gold does not know).
    """

    kind: FindingKind
    fact: FactKey
    predicted: tuple[Prediction, ...]
    gold: tuple[GoldFact, ...]


@dataclass
class EvalResult:
    """Per-relation scores (only relations with a hit, false positive or
    miss, in vocabulary order) and every error behind them.
    """

    relations: dict[Relation, Score]
    findings: list[Finding]
    per_source: bool
    gold_facts: Counter = field(default_factory=Counter)  # distinct gold facts by Status
    predicted_facts: int = 0  # distinct predicted facts in scored relations

    @property
    def micro(self) -> Score:
        return sum(self.relations.values(), Score())

    def of_kind(self, kind: FindingKind) -> list[Finding]:
        return [f for f in self.findings if f.kind is kind]

    @property
    def forbidden_produced(self) -> int:
        return len(self.of_kind(FindingKind.FORBIDDEN))

    def to_dict(self) -> dict:
        """The result as JSON-ready data (figures rounded to 3 places)."""
        return {
            "per_source": self.per_source,
            "micro": self.micro.to_dict(),
            "relations": {r.value: s.to_dict() for r, s in self.relations.items()},
            "forbidden_produced": self.forbidden_produced,
            "gold_facts": {s.name.lower(): self.gold_facts[s] for s in Status},
            "predicted_facts": self.predicted_facts,
            "forbidden": [_finding_dict(f) for f in self.of_kind(FindingKind.FORBIDDEN)],
            "false_positives": [_finding_dict(f) for f in self.of_kind(FindingKind.FALSE_POSITIVE)],
            "misses": [_finding_dict(f) for f in self.of_kind(FindingKind.MISS)],
        }


def evaluate(gold: Gold, predictions: Iterable[Prediction], per_source: bool = False) -> EvalResult:
    """Score ``predictions`` against ``gold`` (see the module docstring)."""
    aliases = AliasTable(gold.entities)

    def source_of(path: str) -> str | None:
        return article_stem(path) if per_source else None

    expected: dict[FactKey, Status] = {}
    stated: dict[FactKey, list[GoldFact]] = defaultdict(list)
    for fact in gold.facts:
        key = aliases.key(fact.subject, fact.relation, fact.object, source_of(fact.source))
        expected[key] = expected[key].combine(fact.status) if key in expected else fact.status
        stated[key].append(fact)
    produced: dict[FactKey, list[Prediction]] = defaultdict(list)
    for prediction in predictions:
        produced[aliases.key(prediction.subject, prediction.relation, prediction.object,
                             source_of(prediction.source))].append(prediction)

    scores = {relation: Score() for relation in Relation}
    findings = []
    for key, rows in sorted(produced.items()):
        status = expected.get(key)
        if status == Status.REQUIRED:
            scores[key.relation].tp += 1
        elif status != Status.OPTIONAL:
            scores[key.relation].fp += 1
            kind = FindingKind.FORBIDDEN if status == Status.FORBIDDEN else FindingKind.FALSE_POSITIVE
            findings.append(Finding(kind, key, tuple(rows), tuple(stated.get(key, ()))))
    for key, status in sorted(expected.items()):
        if status == Status.REQUIRED and key not in produced:
            scores[key.relation].fn += 1
            findings.append(Finding(FindingKind.MISS, key, (), tuple(stated[key])))
    return EvalResult(
        relations={r: s for r, s in scores.items() if s.tp or s.fp or s.fn},
        findings=findings,
        per_source=per_source,
        gold_facts=Counter(expected.values()),
        predicted_facts=len(produced),
    )


def _finding_dict(finding: Finding) -> dict:
    key = finding.fact
    return {
        "subject": key.subject, "relation": key.relation.value, "object": key.object, "source": key.source,
        "predicted": [{"source": p.source, "evidence": p.evidence, "line": p.line} for p in finding.predicted],
        "gold": [{"source": g.source, "evidence": g.evidence, "line": g.line} for g in finding.gold],
    }


# ---- the report -----------------------------------------------------------

def format_report(result: EvalResult, verbose: bool = False) -> str:
    """The text ``newskg eval`` prints: with ``verbose`` every forbidden
    fact, false positive and miss with its evidence, grouped by relation;
    then the per-relation table, the micro figure and the forbidden count.
    """
    lines = _finding_lines(result) if verbose else []
    counts = result.gold_facts
    lines.append(
        f"gold: {counts[Status.REQUIRED]} required, {counts[Status.OPTIONAL]} optional, "
        f"{counts[Status.FORBIDDEN]} forbidden facts; predicted: {result.predicted_facts} facts "
        f"in scored relations; scored {'per article' if result.per_source else 'as one merged graph'}"
    )
    lines.append(f"{'relation':16} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}")
    rows = [*((r.value, s) for r, s in result.relations.items()), ("micro", result.micro)]
    for name, s in rows:
        lines.append(f"{name:16} {s.tp:5} {s.fp:5} {s.fn:5} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}")
    lines.append(f"forbidden produced: {result.forbidden_produced}")
    return "\n".join(lines)


def _finding_lines(result: EvalResult) -> list[str]:
    lines = []
    for relation in Relation:
        findings = [f for f in result.findings if f.fact.relation is relation]
        if not findings:
            continue
        lines.append(f"== {relation.value}")
        for kind in FindingKind:
            for finding in (f for f in findings if f.kind is kind):
                lines.extend(_describe(finding))
        lines.append("")
    if any(UNKNOWN in (f.fact.subject[:1], f.fact.object[:1]) for f in result.findings):
        lines.append(f"({UNKNOWN}name: a name that matches no entity or alias in {ENTITIES_FILE})")
        lines.append("")
    return lines


def _describe(finding: Finding) -> list[str]:
    key = finding.fact
    arrow = "<->" if key.relation.symmetric else "->"
    where = f"  [{key.source}]" if key.source is not None else ""
    lines = [f"{finding.kind.value.upper() if finding.kind is FindingKind.FORBIDDEN else finding.kind.value}: "
             f"{key.subject} {arrow} {key.object}{where}"]
    for gold in finding.gold:
        lines.append(f"    gold {TRIPLES_FILE}:{gold.line} [{gold.source}]: {gold.evidence or '(no evidence given)'}")
    for predicted in finding.predicted:
        names = f"{predicted.subject} {arrow} {predicted.object}"
        row = f" line {predicted.line}" if predicted.line else ""
        lines.append(f"    produced{row} [{predicted.source or 'no source'}] as {names!r}: "
                     f"{predicted.evidence or '(no evidence given)'}")
    return lines
