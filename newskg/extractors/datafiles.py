"""Reading the package's TSV data files (titles, cue phrases, outlets):
``#`` comments, a header row, tab-separated columns, checked on load so a
bad edit fails with the file and line instead of a wrong extraction."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


def read_table(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of ``newskg/data/<name>`` as dicts keyed by ``columns``."""
    text = resources.files("newskg").joinpath("data", name).read_text(encoding="utf-8")
    rows: list[dict[str, str]] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != columns:
                raise ValueError(f"newskg/data/{name}:{number}: header should be {' / '.join(columns)}")
            header_seen = True
            continue
        if len(cells) != len(columns):
            raise ValueError(f"newskg/data/{name}:{number}: expected {len(columns)} tab-separated columns, got {len(cells)}")
        rows.append(dict(zip(columns, (c.strip() for c in cells))))
    return rows


@lru_cache(maxsize=1)
def outlets() -> dict[str, str]:
    """News agencies and outlets by lower-cased name -> label: credits name
    them ("Jane Doe, AFP"), and NER misreads them as people."""
    return {r["name"].lower(): r["label"] for r in read_table("outlets.tsv", ("name", "label"))}
