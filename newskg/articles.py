"""Read news articles from files and folders into clean :class:`Article`\\ s.

Inputs are saved web pages and feeds: ``.txt`` (a paragraph a line, as a
browser saves a page), ``.md`` (Markdown paragraphs; headings, lists, links
and emphasis lose their markup), ``.html``/``.htm`` (the ``<article>`` or
``<main>`` when the page has one; menus, headers, footers, asides and
scripts dropped) and ``.json``/``.jsonl`` (one object, a list of objects, or
one object a line, each with a ``text`` field and optional ``title``,
``date``, ``url`` and ``outlet``). A file that cannot be read becomes an
:class:`ArticleProblem` with a one-line reason, so the good files are still
read.

Page chrome (menus, share buttons, vote counters, newsletter prompts, image
placeholders, captions printed twice, bylines, the outlet's "about us" box)
is dropped by the patterns in ``newskg/data/page_chrome.tsv``; bylines and
the "about" box are read for the outlet and date on the way out. Kept text
is never altered inside a line, so evidence offsets refer to
``Article.text``, whose paragraphs are separated by a blank line.

Encodings: UTF-8 (with or without a byte-order mark), UTF-16 and UTF-32 with
a byte-order mark, and the charset an HTML page declares. Bytes that are not
UTF-8 are read as Windows-1252 (which covers Latin-1) only when they are
plausibly Western text in it: every byte defined in Windows-1252, no valid
UTF-8 multi-byte sequence anywhere (that would mean two encodings mixed in
one file), and at most 30% of the letters outside ASCII (text in a Cyrillic,
Greek or Asian legacy encoding is nearly all non-ASCII letters). Anything
else is reported with the offset of the first byte that is not UTF-8, never
read as mojibake.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from newskg.errors import InputError, NoArticlesError
from newskg.extractors.datafiles import outlets, read_table
from newskg.model import Article, ArticleProblem

#: Files over this size are refused (a story is a few dozen kilobytes; a
#: bigger file is usually a dump or the wrong file). ``.jsonl`` is read a
#: line at a time, so the limit applies to each line instead.
DEFAULT_MAX_BYTES = 5_000_000

#: A folder's README describes the folder; it is read only when named explicitly.
FOLDER_NOTES = "readme"
#: Page chrome is short: a longer paragraph is article text, whatever it starts with.
CHROME_MAX_CHARS = 200
#: A headline is short; a paragraph longer than this means the body has begun.
HEADLINE_MAX_WORDS = 30
#: An author card above an "about the outlet" blurb is a name, not a sentence.
NAME_CARD_MAX_WORDS = 6
#: The first paragraphs (headline, caption, dateline, lead), where a stated
#: date is the story's own date rather than background.
LEAD_PARAGRAPHS = 3
#: Bullets that mark a line as a list item or menu entry, set aside before matching chrome.
BULLETS = "•·▪►*-–— \t"
#: In cp1252-or-not decisions, the largest share of letters outside ASCII.
MAX_NON_ASCII_LETTERS = 0.3
#: A file with more control bytes than this share is binary, not text.
MAX_CONTROL_BYTES = 0.05

CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r") + b"\x7f"
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
BYTE_ORDER_MARKS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)

MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
DATE_FORMS = (  # 2024-07-03 | Jul 04,2024 / July 3, 2024 | 3 July 2024 / 3rd of July, 2024
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"),  # also in 2024-07-03T09:30
    re.compile(rf"\b{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s*(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
)
CREDIT_SEPARATORS = re.compile(r"\s+[-–—]\s+|\s*[,:|/•·()]\s*|\s+(?:and|&|with|via)\s+|\s*\b(?:photo|file|pool)\b\s*",
                               re.IGNORECASE)

MARKDOWN_RULE = re.compile(r" {0,3}(?:[-*_=] *){3,}")  # a thematic break or a setext underline
MARKDOWN_BLOCK_START = re.compile(r" {0,3}(?:(?P<heading>#{1,6})\s+|[-*+]\s+|\d{1,9}[.)]\s+|>\s?)")
MARKDOWN_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"`([^`]+)`"), r"\1"),  # code spans
)

#: Elements whose text is never the story.
SKIPPED_TAGS = frozenset("script style noscript template svg nav header footer aside form button select "
                         "textarea iframe".split())
#: Elements that end a paragraph (and two <br> in a row do; one is a line break inside it).
BLOCK_TAGS = frozenset("address article aside blockquote caption dd details div dl dt figcaption figure "
                       "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table "
                       "td th tr ul".split())
VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
#: ``<meta>`` names (property, name or itemprop) that carry the publication date.
PUBLISHED_META = frozenset(("article:published_time", "og:article:published_time", "datepublished", "date",
                            "pubdate", "publish-date", "dc.date", "dcterms.date", "parsely-pub-date"))
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


@dataclass(frozen=True)
class _Metadata:
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


def read_articles(paths: Iterable[str | os.PathLike] | str | os.PathLike, *,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Article], list[ArticleProblem]]:
    """Read every article in ``paths`` (files, or folders searched recursively).

    Returns the articles in input order (folders sorted, hidden entries
    skipped, the same cleaned text only once) and the inputs that could not
    be read. Raises :class:`NoArticlesError` when not one article was read.
    """
    given = [str(paths)] if isinstance(paths, (str, os.PathLike)) else [str(p) for p in paths]
    articles: list[Article] = []
    problems: list[ArticleProblem] = []
    seen: set[str] = set()
    for name in given:
        for file, display in _input_files(name, problems):
            found = False
            for item in _read_file(file, display, max_bytes):
                found = True
                if isinstance(item, ArticleProblem):
                    problems.append(item)
                elif item.id not in seen:
                    seen.add(item.id)
                    articles.append(item)
            if not found:
                problems.append(ArticleProblem(display, "no articles in the file"))
    if not articles:
        raise NoArticlesError(_nothing_read(given, problems))
    return articles, problems


def _nothing_read(given: list[str], problems: list[ArticleProblem], shown: int = 10) -> str:
    if not given:
        return "no input files or folders were given"
    listed = "; ".join(f"{p.path}: {p.reason}" for p in problems[:shown])
    more = f"; and {len(problems) - shown} more" if len(problems) > shown else ""
    return f"no article could be read from {', '.join(given)} ({listed}{more})"


def _input_files(name: str, problems: list[ArticleProblem]) -> Iterator[tuple[Path, str]]:
    """The files to read for one input, with the path to show for each."""
    path = Path(name)
    if path.is_dir():
        try:
            files = sorted(_folder_files(path, set()))
        except OSError as exc:
            problems.append(ArticleProblem(name, f"cannot list the folder: {exc.strerror or exc}"))
            return
        if not files:
            problems.append(ArticleProblem(name, f"folder has no article files ({', '.join(READERS)})"))
        yield from ((file, str(file)) for file in files)
    elif not path.exists():
        problems.append(ArticleProblem(name, "no such file or folder"))
    elif path.suffix.lower() not in READERS:
        problems.append(ArticleProblem(
            name, f"unsupported file type {path.suffix or '(no extension)'!r} (expected {', '.join(READERS)})"))
    else:
        yield path, name


def _folder_files(folder: Path, visited: set[Path]) -> Iterator[Path]:
    """Supported files below ``folder``; hidden entries, READMEs and other file types are passed over."""
    visited.add(folder.resolve())
    for entry in folder.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if entry.resolve() not in visited:  # a link back up the tree
                yield from _folder_files(entry, visited)
        elif entry.suffix.lower() in READERS and entry.stem.lower() != FOLDER_NOTES and entry.is_file():
            yield entry


def _read_file(path: Path, display: str, max_bytes: int) -> Iterator[Article | ArticleProblem]:
    try:
        yield from READERS[path.suffix.lower()](path, display, max_bytes)
    except InputError as exc:
        yield ArticleProblem(display, exc.message)


# ---------------------------------------------------------------- bytes to text

def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}") from exc
    if not data:
        raise InputError("empty file")
    return data


def _decode(data: bytes, declared: str | None = None) -> str:
    """The text of ``data`` (see the module docstring for which encodings)."""
    for mark, codec in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {codec.upper()} byte-order mark but is not {codec.upper()} "
                                 f"from byte offset {exc.start}") from exc
    if b"\0" in data:
        half = len(data) // 2
        if len(data) % 2 == 0 and max(data[0::2].count(0), data[1::2].count(0)) > 0.9 * half:
            raise InputError("looks like UTF-16 without a byte-order mark (save it as UTF-8)")
        raise InputError("binary file (contains NUL bytes), not text")
    if len(data) - len(data.translate(None, CONTROL_BYTES)) > MAX_CONTROL_BYTES * len(data):
        raise InputError("binary file (mostly control bytes), not text")
    if declared:
        try:
            return data.decode(declared)
        except LookupError:
            pass  # an unknown charset name: read the bytes as if none were declared
        except UnicodeDecodeError as exc:
            raise InputError(f"declares charset {declared} but byte 0x{data[exc.start]:02x} at offset "
                             f"{exc.start} is not {declared}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _plausibly_cp1252(data):
            return data.decode("cp1252")
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} (line {line}) cannot be "
                         "decoded, and the file is not plausibly Windows-1252 either (save it as UTF-8)") from exc


def _plausibly_cp1252(data: bytes) -> bool:
    if UTF8_MULTIBYTE.search(data):
        return False
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    letters = [c for c in text if c.isalpha()]
    return sum(not c.isascii() for c in letters) <= MAX_NON_ASCII_LETTERS * len(letters)


def _declared_charset(data: bytes) -> str | None:
    match = DECLARED_CHARSET.search(data, 0, 4096)
    return match.group(1).decode("ascii") if match else None


# ---------------------------------------------------------------- readers, one per format

def _read_txt(path: Path, display: str, max_bytes: int) -> Iterator[Article]:
    text = _decode(_read_bytes(path, max_bytes))
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if not paragraphs:
        raise InputError("only whitespace, no text")
    yield _article(display, paragraphs, _Metadata())


def _read_markdown(path: Path, display: str, max_bytes: int) -> Iterator[Article]:
    paragraphs = _markdown_paragraphs(_decode(_read_bytes(path, max_bytes)))
    if not paragraphs:
        raise InputError("only whitespace or markup, no text")
    yield _article(display, paragraphs, _Metadata())


def _markdown_paragraphs(text: str) -> list[str]:
    """Markdown's paragraphs: lines run together until a blank line, a
    heading, a list item or a quote starts the next one."""
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        start = MARKDOWN_BLOCK_START.match(line)
        if not line.strip() or MARKDOWN_RULE.fullmatch(line.rstrip()):
            blocks.append([])
        elif start:
            content = line[start.end():].strip()
            blocks.append([re.sub(r"\s+#+$", "", content) if start.group("heading") else content])
            if start.group("heading"):
                blocks.append([])
        else:
            blocks[-1].append(line.strip())
    paragraphs = []
    for block in blocks:
        paragraph = " ".join(block)
        for pattern, replacement in MARKDOWN_INLINE:
            paragraph = pattern.sub(replacement, paragraph)
        if paragraph.strip():
            paragraphs.append(paragraph.strip())
    return paragraphs


def _read_html(path: Path, display: str, max_bytes: int) -> Iterator[Article]:
    data = _read_bytes(path, max_bytes)
    page = _PageParser()
    page.feed(_decode(data, _declared_charset(data)))
    page.close()
    story = max((scope for _, scope in page.paragraphs), default=0)  # <article>, else <main>, else the page
    paragraphs = [text for text, scope in page.paragraphs if scope == story]
    if not paragraphs:
        raise InputError("no text in the page, only markup")
    headings = sorted(page.headings, key=lambda heading: -heading[1])
    times = sorted(page.times, key=lambda time: -time[1])
    yield _article(display, paragraphs, _Metadata(
        title=(headings[0][0] if headings else None) or page.meta.get("title") or page.title or None,
        outlet=page.meta.get("outlet"),
        published=find_date(page.meta.get("published", "")) or (find_date(times[0][0]) if times else None),
        url=page.meta.get("url"),
    ))


class _PageParser(HTMLParser):
    """An HTML page's paragraphs, each tagged with its scope (2 inside
    ``<article>``, 1 inside ``<main>``, 0 elsewhere), and its metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[tuple[str, int]] = []
        self.headings: list[tuple[str, int]] = []  # <h1> texts
        self.times: list[tuple[str, int]] = []  # <time datetime> values
        self.meta: dict[str, str] = {}
        self.title = ""
        self._open = {"article": 0, "main": 0}
        self._skipped: list[str] = []  # open elements whose text is dropped
        self._pieces: list[str] = []
        self._heading: list[str] | None = None
        self._in_title = False
        self._after_break = False  # a <br> with no text since

    @property
    def _scope(self) -> int:
        return 2 if self._open["article"] else 1 if self._open["main"] else 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta":
            self._read_meta(attributes)
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.meta.setdefault("url", attributes.get("href", ""))
        elif tag == "time" and attributes.get("datetime"):
            self.times.append((attributes["datetime"], self._scope))
        if tag in BLOCK_TAGS or (tag == "br" and self._after_break):
            self._flush()
        elif tag == "br":
            self._pieces.append(" ")
            self._after_break = True
        if tag in VOID_TAGS:
            return
        if tag in self._open:
            self._open[tag] += 1
        if tag in SKIPPED_TAGS and not (tag == "header" and self._open["article"]):  # an article's own header
            self._skipped.append(tag)  # holds its headline and byline
        elif self._skipped:
            return
        elif tag == "title" and not self.title:
            self._in_title = True
        elif tag == "h1":
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self._flush()
        if tag in self._skipped:
            del self._skipped[len(self._skipped) - 1 - self._skipped[::-1].index(tag):]
        if tag in self._open and self._open[tag]:
            self._open[tag] -= 1
        elif tag == "title":
            self._in_title = False
        elif tag == "h1" and self._heading is not None:
            self.headings.append((_collapse("".join(self._heading)), self._scope))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = _collapse(self.title + data)
        elif not self._skipped:
            self._pieces.append(data)
            self._after_break = self._after_break and not data.strip()
            if self._heading is not None:
                self._heading.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = _collapse("".join(self._pieces))
        if text:
            self.paragraphs.append((text, self._scope))
        self._pieces = []
        self._after_break = False

    def _read_meta(self, attributes: dict[str, str]) -> None:
        name = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
        content = attributes.get("content", "").strip()
        field = ("published" if name in PUBLISHED_META else
                 {"og:site_name": "outlet", "og:title": "title", "og:url": "url"}.get(name))
        if field and content:
            self.meta.setdefault(field, content)


def _collapse(text: str) -> str:
    """HTML's white space rule: any run of it is one space."""
    return HTML_SPACE.sub(" ", text).strip(" ")


def _read_json(path: Path, display: str, max_bytes: int) -> Iterator[Article | ArticleProblem]:
    try:
        data = json.loads(_decode(_read_bytes(path, max_bytes)))
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    if isinstance(data, dict):
        yield _json_article(data, display)
    elif isinstance(data, list):
        for number, record in enumerate(data, 1):
            yield _json_record(record, display, number, f"item {number}")
    else:
        raise InputError("JSON is neither an object nor a list of objects")


def _read_jsonl(path: Path, display: str, max_bytes: int) -> Iterator[Article | ArticleProblem]:
    """One JSON object a line, read a line at a time (so a corpus may be far
    bigger than ``max_bytes``; each line may not)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}") from exc
    with handle:
        for number, raw in enumerate(handle, 1):
            where = f"line {number}"
            if b"\0" in raw:
                raise InputError(f"binary file (NUL bytes on {where}), not JSON lines")
            if len(raw) > max_bytes:
                yield ArticleProblem(display, f"{where}: {len(raw) / 1e6:.1f} MB, over the "
                                              f"{max_bytes / 1e6:.1f} MB limit")
                continue
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield ArticleProblem(display, f"{where}: not UTF-8 (byte 0x{raw[exc.start]:02x} at column "
                                              f"{exc.start + 1})")
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ArticleProblem(display, f"{where}: malformed JSON at column {exc.colno}: {exc.msg}")
                continue
            yield _json_record(record, display, number, where)


def _json_record(record: object, display: str, number: int, where: str) -> Article | ArticleProblem:
    """One record of a multi-article file; its path is ``file#N`` (the
    line of a .jsonl, the item of a .json list)."""
    try:
        return _json_article(record, f"{display}#{number}")
    except InputError as exc:
        return ArticleProblem(display, f"{where}: {exc.message}")


def _json_article(record: object, path: str) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object with a \"text\" field, found {type(record).__name__}")
    text = record.get("text")
    if text is None:
        raise InputError("no \"text\" field")
    if not isinstance(text, str):
        raise InputError(f"\"text\" is a {type(text).__name__}, not a string")
    fields = {key: value.strip() for key in ("title", "date", "url", "outlet")
              if isinstance(value := record.get(key), str) and value.strip()}
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if not paragraphs:
        raise InputError("\"text\" is empty")
    title = fields.get("title")
    if title:  # headlines state facts too (one already atop the text is dropped as a repeat)
        paragraphs.insert(0, title)
    return _article(path, paragraphs, _Metadata(title=title, outlet=fields.get("outlet"),
                                                published=find_date(fields.get("date", "")), url=fields.get("url")))


READERS = {".txt": _read_txt, ".md": _read_markdown, ".html": _read_html, ".htm": _read_html,
           ".json": _read_json, ".jsonl": _read_jsonl}


# ---------------------------------------------------------------- page chrome and metadata

def _article(path: str, paragraphs: list[str], given: _Metadata) -> Article:
    """The article made of ``paragraphs`` once page chrome is gone; ``given``
    metadata (HTML, JSON) wins over what the text states."""
    kept, stated = strip_chrome(paragraphs)
    if not kept:
        raise InputError("only page chrome (menus, buttons, counters), no article text")
    text = "\n\n".join(kept)
    return Article(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16], path=path, text=text,
        title=given.title or stated.title, outlet=given.outlet or stated.outlet,
        published=given.published or stated.published, url=given.url,
    )


@dataclass(frozen=True)
class PageChrome:
    """The patterns of ``newskg/data/page_chrome.tsv``, by kind."""

    drop: tuple[re.Pattern, ...]
    byline: tuple[re.Pattern, ...]
    dateline: tuple[re.Pattern, ...]
    caption: tuple[re.Pattern, ...]
    outlet: tuple[re.Pattern, ...]
    blurb: tuple[re.Pattern, ...]
    outlet_names: frozenset[str]  # lower case, from outlets.tsv

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> PageChrome:
        kinds: dict[str, list[re.Pattern]] = {kind: [] for kind in ("drop", "byline", "dateline", "caption", "outlet", "blurb")}
        for row in read_table("page_chrome.tsv", ("kind", "pattern")):
            if row["kind"] not in kinds:
                raise ValueError(f"newskg/data/page_chrome.tsv: unknown kind {row['kind']!r}")
            kinds[row["kind"]].append(re.compile(row["pattern"], re.IGNORECASE))
        names = frozenset(outlets())
        return cls(**{kind: tuple(patterns) for kind, patterns in kinds.items()}, outlet_names=names)

    def outlet_in(self, credit: str) -> str | None:
        """The part of a byline's credit that names an outlet ("AFP" in "Jane Doe, AFP")."""
        for part in CREDIT_SEPARATORS.split(credit):
            part = part.strip()
            if part and (part.lower() in self.outlet_names or any(p.fullmatch(part) for p in self.outlet)):
                return part
        return None


def strip_chrome(paragraphs: list[str]) -> tuple[list[str], _Metadata]:
    """The story's paragraphs, and the headline, outlet and date they state."""
    chrome = PageChrome.load()
    kept: list[str] = []
    outlet = published = None
    for paragraph in paragraphs:
        if kept and paragraph == kept[-1]:
            continue  # a photo caption printed twice
        probe = paragraph.lstrip(BULLETS)
        if len(probe) <= CHROME_MAX_CHARS:
            if not probe or any(p.fullmatch(probe) for p in chrome.drop):
                continue
            byline = next((m for p in chrome.byline if (m := p.fullmatch(probe))), None)
            if byline:
                outlet = outlet or chrome.outlet_in(byline.group("credit"))
                published = published or find_date(probe)
                continue
        kept.append(paragraph)
    lead_date = None
    for paragraph in kept[:LEAD_PARAGRAPHS]:
        dateline = next((m for p in chrome.dateline if (m := p.match(paragraph))), None)
        if dateline and (credited := chrome.outlet_in(dateline.group("credit"))):
            outlet = outlet or credited  # the wire that filed the story
            lead_date = lead_date or find_date(dateline.group(0))
        caption = next((m for p in chrome.caption if (m := p.fullmatch(paragraph))), None)
        if caption and chrome.outlet_in(caption.group("credit")):  # credits the photo, not the story
            lead_date = lead_date or find_date(paragraph)
    if (len(kept) >= 2 and _is_name_card(kept[-2])
            and any(p.fullmatch(kept[-1]) for p in chrome.blurb)):  # an author box about the outlet
        outlet = outlet or kept[-2]
        del kept[-2:]
    return kept, _Metadata(title=_headline(kept), outlet=outlet, published=published or lead_date)


def _is_name_card(paragraph: str) -> bool:
    return len(paragraph.split()) <= NAME_CARD_MAX_WORDS and not paragraph.endswith((".", "!", "?", ":", ","))


def _headline(paragraphs: list[str]) -> str | None:
    """The first short paragraph without a final full stop, if the body has
    not begun before it."""
    for paragraph in paragraphs:
        words = len(paragraph.split())
        if words > HEADLINE_MAX_WORDS:
            return None
        if not paragraph.endswith((".", ",", ";", ":")):
            return paragraph
    return None


def find_date(text: str) -> str | None:
    """The first full calendar date (day, month and year) in ``text``, as YYYY-MM-DD."""
    matches = sorted((m for form in DATE_FORMS for m in form.finditer(text)), key=lambda m: m.start())
    for match in matches:
        month = match.group("month")
        number = int(month) if month.isdigit() else MONTHS.index(month[:3].lower()) + 1
        try:
            return date(int(match.group("year")), number, int(match.group("day"))).isoformat()
        except ValueError:
            continue  # 2024-13-45, February 30
    return None
