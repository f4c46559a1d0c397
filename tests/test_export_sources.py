"""An imported article in the brief, as its recipient reads it: its address a link in every
format (and only a safe address is one), sections with nothing in them said in a sentence,
the title once, and a query that matches nothing sends no brief."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import cmarkgfm
import pytest

from tests.cli_helpers import brief as run_brief

PAGE = """<html><head><title>وزراء الداخلية العرب يجتمعون في تونس</title>
<link rel="canonical" href="https://example.com/news/2025/arab-ministers?id=7&amp;p=2">
<meta name="author" content="سارة علي"><meta property="og:site_name" content="الأخبار">
<meta property="article:published_time" content="2025-11-12T09:00:00Z"></head>
<body><article><h1>وزراء الداخلية العرب يجتمعون في تونس</h1>
<p>اجتمع وزراء الداخلية العرب في تونس يوم الأربعاء لبحث سبل مواجهة الجرائم الإلكترونية العابرة
للحدود، وأكدوا ضرورة تعزيز التعاون بين الأجهزة المختصة.</p>
<p>وقال الأمين العام إن المؤتمر سيصدر توصيات عملية خلال الأسابيع المقبلة، مشيرا إلى أهمية تبادل
المعلومات بين الدول الأعضاء.</p></article></body></html>
"""
ADDRESS = "https://example.com/news/2025/arab-ministers?id=7&p=2"


def brief(corpus: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_brief(*args, cwd=corpus)


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    """A new corpus holding one saved page, brought in as an analyst does."""
    corpus = tmp_path / "news"
    assert brief(tmp_path, "init", str(corpus)).returncode == 0
    (tmp_path / "page.html").write_text(PAGE, "utf-8")
    done = brief(corpus, "import", str(tmp_path / "page.html"))
    assert done.returncode == 0, done.stderr
    return corpus


def test_the_source_address_is_a_link_in_markdown_html_and_both_languages(imported: Path) -> None:
    markdown = brief(imported, "export").stdout
    rendered = cmarkgfm.github_flavored_markdown_to_html(markdown.split("\n---\n", 1)[1])
    assert rendered.count(f'<a href="{ADDRESS.replace("&", "&amp;")}">') == 2  # sources, detail
    page = brief(imported, "export", "--format", "html").stdout
    assert page.count(f'<a href="{ADDRESS.replace("&", "&amp;")}">') == 2
    arabic = brief(imported, "export", "--lang", "ar").stdout
    assert f'<span dir="ltr" lang="en"><{ADDRESS}></span>' in arabic  # in its own direction


def test_an_address_a_document_could_misread_is_encoded_or_not_a_link(imported: Path) -> None:
    annotation = next((imported / "annotations").glob("*.yaml"))
    text = annotation.read_text("utf-8")
    # Valid to the schema (http, no space, quote or angle bracket), yet each of these would
    # break a table or smuggle a direction: percent-encoded in the link.
    hostile = "https://example.com/a|b\u202e\\c`d"
    quoted = hostile.replace("\\", "\\\\")  # in YAML's double quotes
    annotation.write_text(re.sub(r"url: .*", lambda _: f'url: "{quoted}"', text), "utf-8")
    markdown = brief(imported, "export").stdout
    assert "<https://example.com/a%7Cb%E2%80%AE%5Cc%60d>" in markdown
    assert "\u202e" not in markdown
    rendered = cmarkgfm.github_flavored_markdown_to_html(markdown.split("\n---\n", 1)[1])
    assert rendered.count('<a href="https://example.com/a%7Cb%E2%80%AE%5Cc%60d">') == 2


def test_empty_sections_say_so_and_the_title_is_written_once(imported: Path) -> None:
    markdown = brief(imported, "export").stdout
    assert "· 1 article\n" in markdown
    assert "## Timeline\n\nNo date is recorded in these articles.\n" in markdown
    people = "## People and organizations\n\nNo person or organization is recorded in these"
    assert people in markdown
    assert "| --- |\n\n" not in markdown + "\n"  # no table without rows
    assert markdown.count("وزراء الداخلية العرب يجتمعون في تونس") == 2  # bottom line, heading
    arabic = brief(imported, "export", "--lang", "ar").stdout
    assert "لا تاريخ مسجلًا في هذه المقالات." in arabic and "· 1 مقالة" in arabic


def test_a_query_that_matches_nothing_sends_no_brief(imported: Path) -> None:
    target = imported / "brief.md"
    refused = brief(imported, "export", "nomatch", "-o", str(target))
    assert refused.returncode == 1
    assert refused.stderr == "brief: no article matches nomatch: nothing written\n"
    assert refused.stdout == "" and not target.exists()
