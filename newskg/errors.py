"""Every error a user can see, with a stable code, in one place.

The CLI prints ``newskg: error [CODE]: message`` and exits non-zero; the
code lets a user or a script tell failures apart without parsing prose.
"""
from __future__ import annotations


class NewskgError(Exception):
    """An error caused by input or environment, explained for a user."""

    code = "E000"
    exit_status = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class UsageError(NewskgError):
    """An option value that cannot work (a bad IRI, a threshold out of range)."""

    code = "E001"
    exit_status = 2


class InputError(NewskgError):
    """An article file or folder that cannot be read as news text."""

    code = "E100"


class NoArticlesError(NewskgError):
    """Nothing readable among the inputs."""

    code = "E101"


class OutputError(NewskgError):
    """An output path that cannot be written."""

    code = "E200"


class QueryError(NewskgError):
    """A SPARQL query the parser or engine refused."""

    code = "E300"
    exit_status = 2


class GraphFileError(NewskgError):
    """A graph file or store that cannot be loaded."""

    code = "E301"


class GoldFormatError(NewskgError):
    """A malformed gold file for ``newskg eval``."""

    code = "E400"
    exit_status = 2


class PredictionFormatError(NewskgError):
    """A prediction file ``newskg eval`` cannot read as triples."""

    code = "E401"
    exit_status = 2


class ModelError(NewskgError):
    """The spaCy model is missing or unusable."""

    code = "E500"
