"""The brief: golden files per format on the five seeds, its structure as a Markdown parser sees
it, everything curated in it, escaping against injection, determinism, the analyst's brief
file. (BRIEF_UPDATE_GOLDEN=1 writes the golden files anew; review their diff.)"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from brief.annotations.index import build_index
from brief.corpus import open_corpus
from brief.export.markdown import export_brief
from tests.tui_helpers import make_corpus

ROOT = Path(__file__).parent.parent
GOLDEN = ROOT / "tests" / "golden"
BRIEF_FILE = ROOT / "briefs" / "arab-cybercrime-cooperation.yaml"
PINNED = "1767225600"  # 2026-01-01T00:00:00Z
OUR_HTML = {
    '<span dir="rtl" lang="ar">',
    '<span dir="ltr" lang="en">',
    "</span>",
}


def _export(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "brief", "export", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SOURCE_DATE_EPOCH": PINNED, **(env or {})},
    )


def exported(tmp_path: Path, name: str, *args: str) -> Path:
    target = tmp_path / name
    result = _export(*args, "-o", str(target))
    assert result.returncode == 0, result.stderr
    return target


def docx_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as docx:
        return docx.read("word/document.xml").decode("utf-8")


def _tokens(text: str) -> list[Token]:
    parser = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    flat: list[Token] = []
    for token in parser.parse(text):
        flat.append(token)
        flat += token.children or []
    return flat


def _golden(name: str, produced: str) -> None:
    path = GOLDEN / name
    if os.environ.get("BRIEF_UPDATE_GOLDEN"):
        path.write_text(produced, encoding="utf-8")
    assert produced == path.read_text(encoding="utf-8"), f"{name} differs"


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("brief_all.md", ()),
        ("brief_ar.md", ("--lang", "ar")),
        ("brief_judged.md", ("--brief", str(BRIEF_FILE))),
        ("brief_all.html", ("--format", "html")),
        ("brief_ar.html", ("--format", "html", "--lang", "ar", "--brief", str(BRIEF_FILE))),
    ],
)
def test_golden_text_formats(name: str, args: tuple[str, ...]) -> None:
    result = _export(*args)
    assert result.returncode == 0, result.stderr
    _golden(name, result.stdout)


@pytest.mark.parametrize(
    ("name", "args"),
    [("brief_all.docx.xml", ()), ("brief_ar.docx.xml", ("--lang", "ar"))],
)
def test_golden_docx(tmp_path: Path, name: str, args: tuple[str, ...]) -> None:
    docx = exported(tmp_path, "brief.docx", *args)
    _golden(name, docx_xml(docx))
    again = exported(tmp_path, "again.docx", *args)
    assert docx.read_bytes() == again.read_bytes()  # the same bytes, pinned time and all


def test_structure_as_a_markdown_parser_sees_it() -> None:
    text = (GOLDEN / "brief_all.md").read_text(encoding="utf-8")
    tokens = _tokens(text)
    [front] = [t for t in tokens if t.type == "front_matter"]
    meta = yaml.safe_load(front.content)
    assert meta["title"] == "Brief: all articles"
    assert meta["generated"] == "2026-01-01T00:00:00Z"
    assert meta["articles"] == [p.stem for p in sorted((ROOT / "seeds").glob("*.txt"))]
    headings = [
        tokens[k + 1].content
        for k, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h2"
    ]
    assert headings == [
        "Bottom line",
        "Events",
        "Timeline",
        "Discrepancies between sources",
        "Sources",
        "The articles in detail",
        "People and organizations",
    ]
    events = [
        tokens[k + 1].content
        for k, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h3"
    ][:5]
    assert events == [
        "37th session of the Council of Arab Interior Ministers",
        "47th Conference of Arab Police and Security Leaders",
        "Second Conference of Officials for Combating IT Crimes in Arab Interior Ministries",
        "First Arab Conference of Officials for Combating IT Crimes in Arab Interior Ministries",
        "Decisions at no named event",
    ]
    # The only raw HTML is our own direction markup.
    assert {t.content for t in tokens if t.type == "html_inline"} <= OUR_HTML
    blocks = {t.content.strip() for t in tokens if t.type == "html_block"}
    assert blocks == {'<div dir="rtl" lang="ar">', "</div>"}
    assert not any(t.type in ("link_open", "image", "code_inline") for t in tokens)
    # Every evidence quote of every annotation is there, as text, in logical order.
    shown = " ".join(t.content for t in tokens if t.type == "text")
    index = build_index(ROOT)
    quotes = [
        q for a in index.annotations.values() for _, _, item in a.items() for q in item.evidence
    ]
    assert len(quotes) == 137
    assert all(" ".join(q.split()) in shown for q in quotes)


def _shown(text: str) -> str:
    """What a reader of the rendered brief sees, as one line of text (a line's pieces joined as
    they stand, the lines by a space)."""
    parser = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    lines = [
        "".join(c.content for c in token.children or [] if c.type in ("text", "softbreak"))
        for token in parser.parse(text)
        if token.type == "inline"
    ]
    return " ".join(" ".join(lines).split())


@pytest.mark.parametrize("name", ["brief_all.md", "brief_ar.md"])
def test_every_event_discrepancy_and_note_of_the_seeds_appears(name: str) -> None:
    shown = _shown((GOLDEN / name).read_text(encoding="utf-8"))
    index = build_index(ROOT)
    lang = "ar" if name == "brief_ar.md" else "en"
    wanted = []
    for annotation in index.annotations.values():
        wanted += [getattr(e.name, lang) for e in annotation.events]
        wanted += [getattr(d.what, lang) for d in annotation.discrepancies]
        wanted += [item.note for _, _, item in annotation.items() if item.note]
        wanted.append(annotation.notes)
    assert len(wanted) == 45
    missing = [w for w in wanted if w and " ".join(w.split()) not in shown]
    assert missing == []


def test_the_brief_in_arabic_has_no_english_heading() -> None:
    for name in ("brief_ar.md", "brief_ar.html"):
        text = (GOLDEN / name).read_text(encoding="utf-8")
        if name.endswith(".md"):
            tokens = _tokens(text)
            headings = [
                tokens[k + 1].content for k, t in enumerate(tokens) if t.type == "heading_open"
            ]
        else:
            headings = re.findall(r"<h[1-4]>(.*?)</h[1-4]>", text)
        plain = [re.sub(r"<[^>]+>", "", h) for h in headings]
        assert len(plain) > 40
        assert [h for h in plain if re.search("[A-Za-z]", h)] == []
    html = (GOLDEN / "brief_ar.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    # English stands only where no Arabic exists, marked as such.
    assert "(بالإنجليزية)" in html


def test_the_analysts_brief_file_leads(tmp_path: Path) -> None:
    text = (GOLDEN / "brief_judged.md").read_text(encoding="utf-8")
    tokens = _tokens(text)
    h2 = [tokens[k + 1].content for k, t in enumerate(tokens) if t.type == "heading_open"]
    assert h2[:5] == [
        "Arab cooperation against IT crime: the ministries' conferences, 2020-2025",
        "Key judgements",
        "Gaps: what is still unknown",
        "Collection needs",
        "Events",
    ]
    shown = _shown(text)
    assert "[moderate confidence] Arab interior ministries are building" in shown
    assert "[low confidence] The Arab Strategy" in shown
    assert "(004 ¶6)" in shown  # each judgement's citations say where


def test_a_brief_file_with_a_quote_not_in_its_article_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        BRIEF_FILE.read_text(encoding="utf-8").replace(
            "وكذلك إعداد خطة عربية", "وكذلك إعداد خطة أوروبية"
        ),
        encoding="utf-8",
    )
    result = _export("--brief", str(bad), "-o", str(tmp_path / "out.md"))
    assert result.returncode == 1 and not (tmp_path / "out.md").exists()
    first, last = result.stderr.splitlines()[0], result.stderr.splitlines()[-1]
    assert re.match(r".*bad\.yaml:\d+:\d+: evidence not found in 002_d9a5e05a9b981f49", first)
    assert last == f"brief: --brief {bad}: not a valid brief file (nothing written)"
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    result = _export("--brief", str(empty))
    assert "empty file: expected a mapping with brief: 1" in result.stderr


def test_injection_stays_text(tmp_path: Path) -> None:
    corpus_root = make_corpus(tmp_path / "corpus")
    evil = "<script>alert(1)</script> [click](http://x) `rm -rf` ![i](http://y/i.png) | x &amp;"
    (corpus_root / "seeds" / "000_99551782ef0ee64d.txt").write_text(
        f"عنوان الخبر {evil}\nالعقيد حمد المحمود، ضرورة تعزيز التعاون المشترك {evil}\n",
        encoding="utf-8",
    )
    annotation = (corpus_root / "annotations" / "000_99551782ef0ee64d.yaml").read_text("utf-8")
    annotation = annotation.replace("Kuwait urges Arab cooperation", evil.replace('"', "'"))
    annotation = annotation.replace(
        'evidence: ["العقيد حمد المحمود، ضرورة تعزيز التعاون المشترك"]',
        f'evidence: ["المشترك {evil}"]',
    )
    (corpus_root / "annotations" / "000_99551782ef0ee64d.yaml").write_text(annotation, "utf-8")
    corpus = open_corpus(corpus_root)
    assert corpus.catalog.invalid_count() == 0
    text = export_brief(corpus, corpus.ids, generated="2026-01-01T00:00:00")
    tokens = _tokens(text)
    assert not any(t.type in ("link_open", "image", "code_inline") for t in tokens)
    assert {t.content for t in tokens if t.type == "html_inline"} <= OUR_HTML
    assert all("<script" not in t.content for t in tokens if t.type == "html_block")
    shown = " ".join(t.content for t in tokens if t.type == "text")
    assert "<script>alert(1)</script> [click](http://x) `rm -rf`" in shown
    assert "x &amp;" in shown  # an entity in the text stays the characters typed


def test_same_corpus_and_query_give_the_same_bytes(tmp_path: Path) -> None:
    first = _export("كومان", "-o", str(tmp_path / "a.md"))
    second = _export("كومان", "-o", str(tmp_path / "b.md"))
    assert first.returncode == second.returncode == 0
    assert (tmp_path / "a.md").read_bytes() == (tmp_path / "b.md").read_bytes()
    assert first.stderr == f"wrote {tmp_path / 'a.md'} (2 articles)\n"
    assert 'query: "كومان"' in (tmp_path / "a.md").read_text(encoding="utf-8")
    pinned = _export("--generated", "2025-05-05T10:00:00")
    assert 'generated: "2025-05-05T10:00:00"' in pinned.stdout


def test_the_format_follows_the_output_suffix(tmp_path: Path) -> None:
    assert exported(tmp_path, "b.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert zipfile.is_zipfile(exported(tmp_path, "b.docx"))
    assert exported(tmp_path, "b.txt").read_text("utf-8").startswith("---\n")
    named = exported(tmp_path, "b.out", "--format", "html")
    assert named.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_languages_and_bad_input(tmp_path: Path) -> None:
    english = _export("--lang", "en").stdout
    assert "دعا المحمود إلى تعزيز التعاون العربي" not in english  # no Arabic summary
    assert "حمد المحمود" in english  # evidence quotes stay: they are the proof
    bad = _export("-o", str(tmp_path))
    assert bad.returncode == 1
    assert (
        bad.stderr
        == f"brief: {tmp_path} is a folder: give a file name, such as {tmp_path / 'brief.md'}\n"
    )
    nowhere = _export("-o", "/nonexistent/folder/brief.md")
    assert nowhere.returncode == 1
    assert nowhere.stderr.startswith("brief: cannot write /nonexistent/folder/brief.md")
    when = _export("--generated", "last tuesday")
    assert (when.returncode, when.stdout) == (1, "")
    assert when.stderr == (
        "brief: --generated 'last tuesday' is not an ISO 8601 time, such as 2026-01-01T09:00:00\n"
    )
    epoch = _export(env={"SOURCE_DATE_EPOCH": "soon"})
    assert (epoch.returncode, epoch.stdout) == (1, "")
    assert epoch.stderr == "brief: SOURCE_DATE_EPOCH='soon' is not a number of seconds since 1970\n"


def test_articles_of_a_large_archive_are_cited_by_their_whole_number(tmp_path: Path) -> None:
    """Ids `000000_…`, `000001_…`: the first three digits would name them all alike."""
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "3", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    corpus = open_corpus(tmp_path)
    text = export_brief(corpus, corpus.ids, generated="2026-01-01")
    headings = [line.split(":")[0] for line in text.splitlines() if line.startswith("### 0")]
    assert headings == ["### 000000", "### 000001", "### 000002"]
    assert "(000001 ¶" in text
