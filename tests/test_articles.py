"""Reading articles: every format, every kind of bad input, page chrome
removal and metadata, on small made-up files (and the two seed pages)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from newskg.articles import find_date, read_articles, strip_chrome
from newskg.errors import NoArticlesError
from newskg.model import ArticleProblem

REPO = Path(__file__).resolve().parents[1]

STORY = ("Leaders of five Central Asian states met in Bishkek on Friday to discuss water sharing.\n\n"
         "The talks ended without a joint statement, officials said.\n")


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read_one(path: Path, **options):
    articles, problems = read_articles([path], **options)
    assert problems == [] and len(articles) == 1
    return articles[0]


def problems_of(*paths: Path, **options) -> list[ArticleProblem]:
    """The problems reported for ``paths`` read beside one good article."""
    good = write(paths[0].parent if paths else Path("."), "zz_good_story.txt", STORY)
    articles, problems = read_articles([*paths, good], **options)
    assert [a.path for a in articles] == [str(good)]
    return problems


def reason(path: Path, **options) -> str:
    (problem,) = problems_of(path, **options)
    assert problem.path == str(path)
    return problem.reason


# ---------------------------------------------------------------- bad input

def test_empty_file(tmp_path):
    assert reason(write(tmp_path, "a.txt", "")) == "empty file"


def test_whitespace_only_file(tmp_path):
    assert "only whitespace" in reason(write(tmp_path, "a.txt", " \n\t\n  \n"))


def test_file_of_page_chrome_only(tmp_path):
    assert "only page chrome" in reason(write(tmp_path, "a.txt", "Skip to content\n\nMenu\n\nShare\n\n12 likes\n"))


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", b"x\x00y"])
def test_binary_file(tmp_path, data):
    assert "binary file" in reason(write(tmp_path, "a.txt", data))


def test_control_bytes_without_nul_are_binary(tmp_path):
    assert "binary file" in reason(write(tmp_path, "a.txt", bytes(range(1, 9)) * 20 + b"some text"))


def test_utf16_without_byte_order_mark_is_named(tmp_path):
    data = "Kazakhstan hosted the summit.".encode("utf-16-le")
    assert "UTF-16 without a byte-order mark" in reason(write(tmp_path, "a.txt", data))


def test_undecodable_bytes_report_the_offset(tmp_path):
    data = "Putin’s aide agreed.\n".encode() + b"Then a stray \xff byte."  # UTF-8, then not
    offset = data.index(b"\xff")
    text = reason(write(tmp_path, "a.txt", data))
    assert f"byte 0xff at offset {offset} (line 2)" in text and "not UTF-8" in text


def test_cp1252_text_is_read_when_plausible(tmp_path):
    original = "The café in Zürich – “Xi’s visit” – was closed.\n"
    article = read_one(write(tmp_path, "a.txt", original.encode("cp1252")))
    assert article.text == original.strip()


def test_text_in_another_legacy_encoding_is_refused(tmp_path):
    data = "Президент Казахстана встретился с делегацией.\n".encode("cp1251")
    assert "not plausibly Windows-1252" in reason(write(tmp_path, "a.txt", data))


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks_are_honoured(tmp_path, codec):
    article = read_one(write(tmp_path, "a.txt", "Astana’s summit opened.".encode(codec)))
    assert article.text == "Astana’s summit opened."


def test_missing_path(tmp_path):
    assert reason(tmp_path / "nowhere.txt") == "no such file or folder"


def test_folder_without_articles(tmp_path):
    folder = tmp_path / "empty"
    write(folder, "photo.png", b"\x89PNG")
    write(folder, ".hidden.txt", STORY)
    assert "folder has no article files" in reason(folder)


def test_unsupported_file_named_explicitly(tmp_path):
    assert "unsupported file type '.pdf'" in reason(write(tmp_path, "a.pdf", "%PDF-1.7"))


def test_huge_file(tmp_path):
    text = reason(write(tmp_path, "a.txt", "x" * 2_000_000 + "\n"), max_bytes=1_000_000)
    assert text == "file is 2.0 MB, over the 1.0 MB limit"


def test_malformed_json_names_the_line(tmp_path):
    text = reason(write(tmp_path, "a.json", '{\n  "title": "Talks",\n  "text": "broken\n}'))
    assert text.startswith("malformed JSON at line 3")


def test_json_without_text_field(tmp_path):
    assert reason(write(tmp_path, "a.json", '{"title": "Talks end"}')) == 'no "text" field'


def test_json_with_text_that_is_not_a_string(tmp_path):
    assert reason(write(tmp_path, "a.json", '{"text": ["a", "b"]}')) == '"text" is a list, not a string'


def test_bad_json_record_does_not_lose_the_good_ones(tmp_path):
    path = write(tmp_path, "a.json", json.dumps([{"text": "Uzbekistan joined the talks."}, {"title": "x"}, 7]))
    articles, problems = read_articles([path])
    assert [a.path for a in articles] == [f"{path}#1"]
    assert [p.reason for p in problems] == [
        'item 2: no "text" field', 'item 3: expected a JSON object with a "text" field, found int']


def test_malformed_jsonl_line_names_the_line(tmp_path):
    lines = ['{"text": "Kyrgyzstan hosted the meeting."}', '{"text": oops}', "", '{"text": "Tajikistan agreed."}']
    path = write(tmp_path, "a.jsonl", "\n".join(lines) + "\n")
    articles, problems = read_articles([path])
    assert [a.path for a in articles] == [f"{path}#1", f"{path}#4"]
    assert [p.reason for p in problems] == ["line 2: malformed JSON at column 10: Expecting value"]


def test_empty_json_list_is_a_problem(tmp_path):
    assert reason(write(tmp_path, "a.json", "[]")) == "no articles in the file"


def test_nothing_readable_raises_with_inputs_and_reasons(tmp_path):
    empty = write(tmp_path, "empty.txt", "")
    with pytest.raises(NoArticlesError) as raised:
        read_articles([empty, tmp_path / "gone.md"])
    message = raised.value.message
    assert f"from {empty}, {tmp_path / 'gone.md'}" in message
    assert f"{empty}: empty file" in message and "gone.md: no such file or folder" in message


# ---------------------------------------------------------------- folders, ids, duplicates

def test_folders_are_searched_recursively_in_order(tmp_path):
    write(tmp_path, "b.txt", "Story b is about Oman.")
    write(tmp_path, "a/z.md", "Story z is about Qatar.")
    write(tmp_path, "a/y.html", "<p>Story y is about Kuwait.</p>")
    write(tmp_path, "c.csv", "ignored,silently")
    write(tmp_path, ".git/x.txt", "Hidden folders are skipped.")
    write(tmp_path, "README.md", "# About this folder")
    articles, problems = read_articles([str(tmp_path)])
    assert problems == []
    assert [a.path for a in articles] == [str(tmp_path / "a" / "y.html"), str(tmp_path / "a" / "z.md"),
                                          str(tmp_path / "b.txt")]


def test_id_is_a_hash_of_the_cleaned_text_and_duplicates_are_read_once(tmp_path):
    first = write(tmp_path, "1.txt", "Menu\n\nOman mediated the talks.\n")
    write(tmp_path, "2.txt", "Oman mediated the talks.\n\nShare\n")
    articles, problems = read_articles([tmp_path])
    assert problems == [] and len(articles) == 1
    assert articles[0].path == str(first)
    assert articles[0].id == hashlib.sha256(b"Oman mediated the talks.").hexdigest()[:16]


def test_a_single_path_string_is_one_input(tmp_path):
    path = write(tmp_path, "a.txt", STORY)
    assert [a.path for a in read_articles(str(path))[0]] == [str(path)]


# ---------------------------------------------------------------- page chrome

def clean(text: str) -> list[str]:
    return strip_chrome([line.strip() for line in text.splitlines() if line.strip()])[0]


BODY = "Mongolian herders moved their flocks north as the drought deepened in the Gobi."


@pytest.mark.parametrize("chrome", [
    "Accessibility links", "Skip to main content", "Breaking News", "You are here", "Home > World > Asia",
    "update", "Menu", "Print", "Share", "Share on Facebook", "• Share", "Email", "Comments (12)",
    "XS", "SM", "MD", "LG", "A+",
    "250 users have voted.", "1.2k likes", "Rate this article",
    "Get top stories and analysis emailed to you each morning.", "Sign up for our daily newsletter",
    "16x9 Image", "  • 4:3 Photo", "Image 3 of 12", "Advertisement", "5 min read",
    "© 2031 Example Daily. All rights reserved.",
])
def test_chrome_lines_are_dropped(chrome):
    assert clean(f"{chrome}\n{BODY}\n{chrome}") == [BODY]


@pytest.mark.parametrize("sentence", [
    "Share prices in Ulaanbaatar fell on Monday.",  # starts like a share button
    "By Wednesday, the herders had reached the river.",  # starts like a byline
    "Update: the ministry said 40 wells were dry.",
    "Print media in the region rely on state subsidies, editors told the newspaper.",
])
def test_sentences_that_start_like_chrome_are_kept(sentence):
    assert clean(f"{BODY}\n{sentence}") == [BODY, sentence]


def test_long_paragraph_is_never_chrome():
    long_menu_like = "Subscribe to the newsletter " + "and read the long report on the drought " * 6
    assert clean(f"{BODY}\n{long_menu_like}") == [BODY, long_menu_like.strip()]


def test_caption_printed_twice_is_kept_once():
    caption = "Herders water their camels near Dalanzadgad, Mongolia, on May 2, 2031. (Reuters)"
    assert clean(f"{caption}\n{caption}\n{BODY}\n{BODY}") == [caption, BODY]


def test_repeated_paragraph_apart_from_its_twin_is_kept():
    other = "The drought is the worst in decades."
    assert clean(f"{BODY}\n{other}\n{BODY}") == [BODY, other, BODY]


def test_byline_is_consumed_for_outlet_and_date():
    kept, meta = strip_chrome(["Drought grips the Gobi", "By Reuters - Mar 09,2031 - Last updated at Mar 10,2031",
                               BODY])
    assert kept == ["Drought grips the Gobi", BODY]
    assert (meta.outlet, meta.published) == ("Reuters", "2031-03-09")


def test_byline_of_a_person_gives_date_but_no_outlet():
    kept, meta = strip_chrome(["By Jane Doe | 4 March 2031", BODY])
    assert kept == [BODY] and (meta.outlet, meta.published) == (None, "2031-03-04")


def test_byline_naming_a_person_and_an_agency():
    assert strip_chrome(["By Jane Doe and AFP", BODY])[1].outlet == "AFP"


def test_outlet_blurb_after_a_name_card_is_dropped_and_names_the_outlet():
    blurb = ("The Steppe Herald provides news and analysis in six languages to readers across "
             "Central Asia and beyond.")
    kept, meta = strip_chrome([BODY, "Steppe Herald News", blurb, "XS", "LG"])
    assert kept == [BODY] and meta.outlet == "Steppe Herald News"


def test_blurb_like_sentence_in_the_body_is_kept():
    sentence = "Gobi Radio is an independent news network run by herders' cooperatives."
    assert clean(f"{BODY}\n{sentence}") == [BODY, sentence]


def test_kept_text_is_unchanged_and_paragraphs_are_blank_line_separated(tmp_path):
    lines = ["Menu", "  Xi’s “no limits” remark — again  ", "", "Share", "Second   paragraph\twith tabs."]
    article = read_one(write(tmp_path, "a.txt", "\n".join(lines)))
    assert article.text == "Xi’s “no limits” remark — again\n\nSecond   paragraph\twith tabs."


# ---------------------------------------------------------------- metadata

@pytest.mark.parametrize("text, expected", [
    ("By AFP - Jul 04,2024 - Last updated", "2024-07-04"),
    ("held talks on July 3, 2024.", "2024-07-03"),
    ("published 2024-07-03T09:30:00Z", "2024-07-03"),
    ("on 3 July 2024 in Astana", "2024-07-03"),
    ("on the 3rd of Sept. 2024", "2024-09-03"),
    ("Sept. 11 and then February 30, 2024, then 1 Mar 2025", "2025-03-01"),  # no year / no such day
    ("in 2024", None),
])
def test_find_date(text, expected):
    assert find_date(text) == expected


def test_headline_is_the_first_short_line_and_stays_in_the_text(tmp_path):
    article = read_one(write(tmp_path, "a.txt", f"Breaking News\n\nDrought grips the Gobi\n\n{BODY}\n"))
    assert article.title == "Drought grips the Gobi"
    assert article.text.startswith("Drought grips the Gobi\n\n")


def test_no_headline_when_the_text_starts_with_the_body():
    long_body = " ".join([BODY] * 3)
    assert strip_chrome([long_body, "A short line later"])[1].title is None


def test_dateline_names_the_wire_and_is_kept():
    dateline = "ULAANBAATAR, March 3, 2031 (AP) — Herders moved north on Tuesday as the drought deepened."
    kept, meta = strip_chrome(["Drought grips the Gobi", dateline])
    assert kept == ["Drought grips the Gobi", dateline]
    assert (meta.outlet, meta.published) == ("AP", "2031-03-03")


def test_caption_date_is_used_only_without_a_byline_date():
    caption = "Herders near Dalanzadgad, Mongolia, on May 2, 2031. (Sputnik via Reuters)"
    assert strip_chrome(["Drought grips the Gobi", caption, BODY])[1].published == "2031-05-02"
    with_byline = strip_chrome(["Drought grips the Gobi", "By Reuters - 4 May 2031", caption, BODY])[1]
    assert (with_byline.published, with_byline.outlet) == ("2031-05-04", "Reuters")


def test_background_date_in_the_body_is_not_the_publication_date():
    body = "The drought is the worst since the winter of January 5, 2010, herders said."
    assert strip_chrome(["Drought grips the Gobi", body])[1].published is None


# ---------------------------------------------------------------- formats

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Drought grips the Gobi | The Steppe Herald</title>
<meta property="og:site_name" content="The Steppe Herald">
<meta property="article:published_time" content="2031-03-09T08:00:00+08:00">
<link rel="canonical" href="https://herald.example/gobi">
<style>p { color: red }</style><script>var tracking = "Share";</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav><h1>The Steppe Herald</h1></header>
<main><article>
<header><h1>Drought grips the <em>Gobi</em></h1><p>By Reuters</p></header>
<figure><img src="x.jpg" alt="camels"><figcaption>Camels near a dry well. (Reuters)</figcaption></figure>
<p>Camels near a dry well. (Reuters)</p>
<p>Herders moved north &amp; east<br>as the wells dried up.</p>
<div>Oman offered aid.<br><br>Qatar sent water.</div>
<aside>Most read: Other story</aside>
</article></main>
<footer>Contact us</footer></body></html>"""


def test_html_keeps_the_article_and_reads_its_metadata(tmp_path):
    article = read_one(write(tmp_path, "a.html", PAGE))
    assert article.text == ("Drought grips the Gobi\n\nCamels near a dry well. (Reuters)\n\n"
                            "Herders moved north & east as the wells dried up.\n\nOman offered aid.\n\n"
                            "Qatar sent water.")
    assert (article.title, article.outlet, article.published, article.url) == (
        "Drought grips the Gobi", "The Steppe Herald", "2031-03-09", "https://herald.example/gobi")


def test_html_without_article_element_uses_the_page_and_time_element(tmp_path):
    page = ("<html><head><title>Gobi drought</title></head><body><nav>Menu</nav>"
            "<p><time datetime='2031-03-10'>Tuesday</time></p><div>Herders moved north.</div></body></html>")
    article = read_one(write(tmp_path, "a.htm", page))
    assert (article.text, article.title, article.published) == (
        "Tuesday\n\nHerders moved north.", "Gobi drought", "2031-03-10")


def test_html_in_its_declared_charset(tmp_path):
    page = '<html><head><meta charset="windows-1252"></head><body><p>Café “Astana”</p></body></html>'
    assert read_one(write(tmp_path, "a.html", page.encode("cp1252"))).text == "Café “Astana”"


def test_html_of_markup_only(tmp_path):
    assert "no text in the page" in reason(write(tmp_path, "a.html", "<html><script>x()</script></html>"))


def test_markdown_paragraphs_and_markup(tmp_path):
    text = ("# Drought grips the *Gobi*\n\nHerders moved north\nas the wells dried up, "
            "[officials](https://x.example) said.\n\n![camels](camels.jpg)\n\n- **Oman** offered aid\n---\n")
    article = read_one(write(tmp_path, "a.md", text))
    assert article.text == ("Drought grips the Gobi\n\nHerders moved north as the wells dried up, officials said."
                            "\n\nOman offered aid")
    assert article.title == "Drought grips the Gobi"


def test_json_object_with_metadata(tmp_path):
    record = {"title": "Drought grips the Gobi", "text": f"Menu\n{BODY}", "date": "March 9, 2031",
              "url": "https://herald.example/gobi", "outlet": "The Steppe Herald"}
    article = read_one(write(tmp_path, "a.json", json.dumps(record)))
    assert article.text == f"Drought grips the Gobi\n\n{BODY}"  # the headline states facts too
    assert (article.path, article.title, article.published, article.url, article.outlet) == (
        str(tmp_path / "a.json"), "Drought grips the Gobi", "2031-03-09", "https://herald.example/gobi",
        "The Steppe Herald")


def test_json_title_already_in_the_text_is_not_repeated(tmp_path):
    record = {"title": "Drought grips the Gobi", "text": f"Drought grips the Gobi\n{BODY}"}
    assert read_one(write(tmp_path, "a.json", json.dumps(record))).text == f"Drought grips the Gobi\n\n{BODY}"


def test_jsonl_reads_one_article_a_line(tmp_path):
    lines = [json.dumps({"text": f"Story {n} is about Oman.", "date": f"2031-01-0{n}"}) for n in (1, 2)]
    path = write(tmp_path, "a.jsonl", "\ufeff" + "\n".join(lines))
    articles, problems = read_articles([path], max_bytes=100)  # the limit is per line for .jsonl
    assert problems == []
    assert [(a.path, a.published) for a in articles] == [(f"{path}#1", "2031-01-01"), (f"{path}#2", "2031-01-02")]


# ---------------------------------------------------------------- the seed pages

@pytest.mark.parametrize("name, title, outlet, published", [
    ("000_4c3a095d842103b2.txt", "China’s Xi, Russia’s Putin hold talks at Central Asian summit", "VOA News",
     "2024-07-03"),
    ("002_35ba50243937c203.txt", "Putin, Xi vie for influence at Central Asian summit", "AFP", "2024-07-04"),
])
def test_seed_metadata(name, title, outlet, published):
    article = read_one(REPO / "seeds" / name)
    assert (article.title, article.outlet, article.published) == (title, outlet, published)
    for chrome in ("Accessibility links", "You are here", "16x9 Image", "users have voted", "emailed to you",
                   "By AFP", "The Voice of America provides", "\n\nLG"):
        assert chrome not in article.text
    assert "\n\n\n" not in article.text and article.text == article.text.strip()


def test_seed_caption_printed_twice_is_kept_once():
    article = read_one(REPO / "seeds" / "000_4c3a095d842103b2.txt")
    assert article.text.count("Members of the delegations, led by Russian President Vladimir Putin") == 1
