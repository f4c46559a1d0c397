"""The brief held to independent references: cmark-gfm renders the Markdown as GitHub does,
stripped to GitHub's HTML allow-list, and every Arabic character must still sit inside an
element with dir="rtl"; the same for the HTML brief; Word's XML, as pandoc writes it, has
w:rtl on every run holding Arabic; the analyst's brief file against check-jsonschema."""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from brief.annotations.briefing import brief_json_schema
from tests.test_export import BRIEF_FILE, GOLDEN, ROOT, docx_xml, exported
from tests.tui_helpers import make_corpus

cmarkgfm = pytest.importorskip("cmarkgfm", reason="needs cmarkgfm (pip install -e '.[dev]')")

# GitHub's HTML allow-list: html-pipeline's SanitizationFilter (lib/html/pipeline/
# sanitization_filter.rb, ALLOWLIST), on top of the `sanitize` gem. <bdi> is not on it.
ALLOWED_ELEMENTS = set(
    [
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "br",
        "b",
        "i",
        "strong",
        "em",
        "a",
        "pre",
        "code",
        "img",
        "input",
        "tt",
        "u",
        "div",
        "ins",
        "del",
        "sup",
        "sub",
        "p",
        "ol",
        "ul",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "blockquote",
        "dl",
        "dt",
        "dd",
        "kbd",
        "q",
        "samp",
        "var",
        "hr",
        "ruby",
        "rt",
        "rp",
        "li",
        "tr",
        "td",
        "th",
        "s",
        "strike",
        "summary",
        "details",
        "caption",
        "figure",
        "figcaption",
        "abbr",
        "bdo",
        "cite",
        "dfn",
        "mark",
        "small",
        "span",
        "time",
        "wbr",
    ]
)
ALLOWED_EVERYWHERE = set(
    [
        "abbr",
        "accept",
        "accept-charset",
        "accesskey",
        "action",
        "align",
        "alt",
        "axis",
        "border",
        "cellpadding",
        "cellspacing",
        "char",
        "charoff",
        "charset",
        "checked",
        "clear",
        "cols",
        "colspan",
        "color",
        "compact",
        "coords",
        "datetime",
        "dir",
        "disabled",
        "enctype",
        "for",
        "frame",
        "headers",
        "height",
        "hreflang",
        "hspace",
        "ismap",
        "label",
        "lang",
        "maxlength",
        "media",
        "method",
        "multiple",
        "name",
        "nohref",
        "noshade",
        "nowrap",
        "open",
        "prompt",
        "readonly",
        "rel",
        "rev",
        "rows",
        "rowspan",
        "rules",
        "scope",
        "selected",
        "shape",
        "size",
        "span",
        "start",
        "summary",
        "tabindex",
        "target",
        "title",
        "type",
        "usemap",
        "valign",
        "value",
        "vspace",
        "width",
        "itemprop",
    ]
)
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Sanitized(html.parser.HTMLParser):
    """HTML as GitHub keeps it: elements off the list dropped (their text kept, a script's
    not), attributes off the list dropped; each text with whether an rtl element holds it."""

    def __init__(self, sanitize: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.sanitize = sanitize
        self.stack: list[tuple[str, bool]] = []
        self.skipping = 0
        self.texts: list[tuple[str, bool]] = []
        self.dropped: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.skipping += 1
            return
        if self.sanitize and tag not in ALLOWED_ELEMENTS:
            self.dropped.add(tag)
            return
        kept = {k: v for k, v in attrs if k in ALLOWED_EVERYWHERE or not self.sanitize}
        if tag not in ("br", "hr", "img", "input", "wbr"):
            self.stack.append((tag, kept.get("dir") == "rtl"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.skipping -= 1
            return
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][0] == tag:
                del self.stack[k:]
                break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.texts.append((data, any(rtl for _, rtl in self.stack)))

    def arabic_outside_rtl(self) -> str:
        return "".join(c for text, rtl in self.texts if not rtl for c in text if ARABIC.match(c))


def _github(markdown: str) -> _Sanitized:
    """GitHub shows YAML front matter as a table of its own, apart from the Markdown."""
    if markdown.startswith("---\n"):
        markdown = markdown.split("\n---\n", 1)[1]
    rendered = cmarkgfm.github_flavored_markdown_to_html(
        markdown, options=cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE
    )
    found = _Sanitized()
    found.feed(rendered)
    return found


@pytest.mark.parametrize("name", ["brief_all.md", "brief_ar.md", "brief_judged.md"])
def test_on_github_every_arabic_character_is_inside_rtl(name: str) -> None:
    found = _github((GOLDEN / name).read_text(encoding="utf-8"))
    assert found.dropped == set(), found.dropped  # nothing of ours is stripped
    assert found.arabic_outside_rtl() == ""
    arabic = sum(1 for text, _ in found.texts for c in text if ARABIC.match(c))
    assert arabic > 20_000


def test_bdi_would_have_failed_on_github() -> None:
    """The check can fail: the old markup, <bdi>, is stripped and its Arabic left bare."""
    found = _github('Koman <bdi dir="rtl" lang="ar">محمد كومان</bdi> (000 ¶6)\n')
    assert "bdi" in found.dropped
    assert found.arabic_outside_rtl() == "محمدكومان"


@pytest.mark.parametrize("name", ["brief_all.html", "brief_ar.html"])
def test_the_html_brief_keeps_every_arabic_character_inside_rtl(name: str) -> None:
    text = (GOLDEN / name).read_text(encoding="utf-8")
    found = _Sanitized(sanitize=False)
    found.feed(text.split("<body>", 1)[1])
    assert found.arabic_outside_rtl() == ""
    assert "<script" not in text and "<link" not in text and "src=" not in text  # self-contained
    assert "@media print" in text


def _arabic_runs(xml: str) -> tuple[int, list[str]]:
    root = ElementTree.fromstring(xml)
    total, bare = 0, []
    for run in root.iter(f"{W}r"):
        shown = "".join(t.text or "" for t in run.iter(f"{W}t"))
        if ARABIC.search(shown):
            total += 1
            properties = run.find(f"{W}rPr")
            if properties is None or properties.find(f"{W}rtl") is None:
                bare.append(shown)
    return total, bare


@pytest.mark.parametrize("lang", ["both", "ar"])
def test_every_docx_run_holding_arabic_is_right_to_left(tmp_path: Path, lang: str) -> None:
    docx = exported(tmp_path, "brief.docx", "--lang", lang, "--brief", str(BRIEF_FILE))
    total, bare = _arabic_runs(docx_xml(docx))
    assert total > 300
    assert bare == []
    paragraphs = ElementTree.fromstring(docx_xml(docx)).iter(f"{W}p")
    rtl = sum(1 for p in paragraphs if p.find(f"{W}pPr/{W}bidi") is not None)
    assert rtl >= (200 if lang == "ar" else 10)  # right-to-left paragraphs, not only runs


def test_the_docx_check_can_fail() -> None:
    xml = (
        f'<w:document xmlns:w="{W[1:-1]}"><w:body><w:p><w:r><w:t>محمد</w:t></w:r>'
        "</w:p></w:body></w:document>"
    )
    assert _arabic_runs(xml) == (1, ["محمد"])


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="needs pandoc (Debian package)")
def test_pandoc_reads_the_markdown_brief_as_gfm_with_every_arabic_run_rtl() -> None:
    rendered = subprocess.run(
        ["pandoc", "--from", "gfm", "--to", "html", str(GOLDEN / "brief_all.md")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = _Sanitized()
    found.feed(rendered)
    assert found.arabic_outside_rtl() == ""


def test_the_brief_file_schema_is_the_models_and_check_jsonschema_agrees(tmp_path: Path) -> None:
    committed = json.loads((ROOT / "briefs" / "schema.json").read_text(encoding="utf-8"))
    assert committed == brief_json_schema(), "run: brief schema --brief --write"
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if tool is None:
        pytest.skip("needs check-jsonschema (pip install -e '.[dev]')")
    schema = str(ROOT / "briefs" / "schema.json")
    good = subprocess.run([tool, "--schemafile", schema, str(BRIEF_FILE)], capture_output=True)
    assert good.returncode == 0, good.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        BRIEF_FILE.read_text("utf-8").replace("confidence: low", "confidence: certain"), "utf-8"
    )
    refused = subprocess.run(
        [tool, "--schemafile", schema, str(bad)], capture_output=True, text=True
    )
    assert refused.returncode == 1 and "certain" in refused.stdout


def test_hostile_text_reaches_no_format_raw(tmp_path: Path) -> None:
    """Controls from an article and its annotations are shown in every format, bidi controls
    as markers with a warning at the top; nothing becomes a link, on GitHub or in the HTML."""
    corpus = make_corpus(tmp_path / "corpus")
    hostile = "\x1b]0;owned\x07 \u202eمعكوس\u202c www.example.com a@example.com"
    article = corpus / "seeds" / "000_99551782ef0ee64d.txt"
    article.write_text(
        f"عنوان الخبر {hostile}\nالعقيد حمد المحمود، ضرورة تعزيز التعاون المشترك {hostile}\n",
        encoding="utf-8",
    )
    annotation = corpus / "annotations" / "000_99551782ef0ee64d.yaml"
    annotation.write_text(
        annotation.read_text("utf-8").replace(
            'evidence: ["العقيد حمد المحمود، ضرورة تعزيز التعاون المشترك"]',
            'evidence: ["المشترك \\e]0;owned\\a \\u202eمعكوس\\u202c www.example.com"]',
        ),
        encoding="utf-8",
    )
    for fmt in ("md", "html", "docx"):
        target = tmp_path / f"brief.{fmt}"
        done = subprocess.run(
            [sys.executable, "-m", "brief", "--corpus", str(corpus), "export", "-o", str(target)],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        text = docx_xml(target) if fmt == "docx" else target.read_text("utf-8")
        if fmt == "md":  # as GitHub shows it
            text = cmarkgfm.github_flavored_markdown_to_html(
                text, options=cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE
            )
        assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text, fmt
        assert "␛]0;owned␇" in text and "¦RLO¦" in text, fmt
        assert "Warning: the sources hold" in text, fmt
        if fmt != "docx":
            assert "<a " not in text and "href" not in text, fmt
