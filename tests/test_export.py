"""The Markdown brief: a golden file, its structure as a Markdown parser sees it, direction
markup as pandoc renders it, escaping against injection, and determinism."""

from __future__ import annotations

import html.parser
import os
import shutil
import subprocess
import sys
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
GOLDEN = ROOT / "tests" / "golden" / "brief_all.md"
PINNED = "1767225600"  # 2026-01-01T00:00:00Z
OUR_HTML = ('<bdi dir="rtl" lang="ar">', "</bdi>")


def _export(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "brief", "export", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SOURCE_DATE_EPOCH": PINNED, **(env or {})},
    )


def _tokens(text: str) -> list[Token]:
    parser = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    flat: list[Token] = []
    for token in parser.parse(text):
        flat.append(token)
        flat += token.children or []
    return flat


def test_the_brief_of_the_five_seeds_matches_the_golden_file() -> None:
    result = _export()
    assert result.returncode == 0, result.stderr
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_structure_as_a_markdown_parser_sees_it() -> None:
    text = GOLDEN.read_text(encoding="utf-8")
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
    assert headings[0] == "Bottom line"
    assert [h[:4] for h in headings[1:6]] == ["000:", "001:", "002:", "003:", "004:"]
    assert headings[6] == "Across articles"
    assert sum(t.type == "table_open" for t in tokens) == 7  # five articles, entities, timeline
    # The only raw HTML is our own direction markup.
    inline_html = {t.content for t in tokens if t.type == "html_inline"}
    assert inline_html == set(OUR_HTML)
    blocks = [t.content for t in tokens if t.type == "html_block"]
    assert all(b.startswith('<div dir="rtl" lang="ar">') for b in blocks)
    assert not any(t.type in ("link_open", "image", "code_inline") for t in tokens)
    # Every evidence quote of every annotation is there, as text, in logical order.
    shown = " ".join(t.content for t in tokens if t.type == "text")
    index = build_index(ROOT)
    quotes = [
        q for a in index.annotations.values() for _, _, item in a.items() for q in item.evidence
    ]
    assert len(quotes) == 119
    assert all(" ".join(q.split()) in shown for q in quotes)


class _RtlText(html.parser.HTMLParser):
    """Text found inside elements marked dir="rtl", and outside them."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.stack: list[bool] = []
        self.inside: list[str] = []
        self.outside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        rtl = ("dir", "rtl") in attrs
        self.stack.append(rtl)
        self.depth += rtl

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.depth -= self.stack.pop()

    def handle_data(self, data: str) -> None:
        (self.inside if self.depth else self.outside).append(data)


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="needs pandoc (Debian package)")
def test_pandoc_keeps_every_arabic_run_inside_rtl_markup() -> None:
    rendered = subprocess.run(
        ["pandoc", "--from", "gfm", "--to", "html", str(GOLDEN)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = _RtlText()
    found.feed(rendered)
    arabic = [c for c in "".join(found.outside) if "\u0600" <= c <= "\u06ff"]
    assert arabic == [], "Arabic outside dir=rtl: " + "".join(arabic)[:80]
    assert "الكويت: ضرورة تعزيز التعاون العربي" in "".join(found.inside)
    assert "<script" not in rendered


def test_injection_stays_text(tmp_path: Path) -> None:
    corpus_root = make_corpus(tmp_path / "corpus")
    evil = "<script>alert(1)</script> [click](http://x) `rm -rf` ![i](http://y/i.png) | x"
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
    assert {t.content for t in tokens if t.type == "html_inline"} == set(OUR_HTML)
    assert all("<script" not in t.content for t in tokens if t.type == "html_block")
    shown = " ".join(t.content for t in tokens if t.type == "text")
    assert "<script>alert(1)</script> [click](http://x) `rm -rf`" in shown
    if shutil.which("pandoc"):
        rendered = subprocess.run(
            ["pandoc", "--from", "gfm", "--to", "html"], input=text, capture_output=True,
            text=True, check=True,
        ).stdout  # fmt: skip
        assert "<script" not in rendered and "<a " not in rendered and "<code>" not in rendered


def test_same_corpus_and_query_give_the_same_bytes(tmp_path: Path) -> None:
    first = _export("كومان", "-o", str(tmp_path / "a.md"))
    second = _export("كومان", "-o", str(tmp_path / "b.md"))
    assert first.returncode == second.returncode == 0
    assert (tmp_path / "a.md").read_bytes() == (tmp_path / "b.md").read_bytes()
    assert first.stderr == f"wrote {tmp_path / 'a.md'} (2 articles)\n"
    assert 'query: "كومان"' in (tmp_path / "a.md").read_text(encoding="utf-8")
    pinned = _export("--generated", "2025-05-05T10:00:00")
    assert 'generated: "2025-05-05T10:00:00"' in pinned.stdout


def test_languages_and_bad_input(tmp_path: Path) -> None:
    english = _export("--lang", "en").stdout
    assert '<div dir="rtl" lang="ar">دعا العقيد' not in english  # no Arabic summary
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
    headings = [line.split(":")[0] for line in text.splitlines() if line.startswith("## 0")]
    assert headings == ["## 000000", "## 000001", "## 000002"]
    assert "(000001 ¶" in text
