"""The brief in Markdown, as GitHub renders it.

Arabic stays in logical order, inside direction markup on GitHub's HTML allow-list: inline
`<span dir="rtl" lang="ar">`, paragraphs in `<div dir="rtl" lang="ar">` (`<bdi>` is not on the
list: GitHub strips it and a citation jumps to the wrong side). A brief in Arabic is one
right-to-left division whose English runs are `<span dir="ltr" lang="en">`. `md_text` is the
one place where text from articles, annotations and brief files becomes Markdown: every
Markdown and HTML special character is escaped there, so a quote cannot inject markup, links
or HTML. The same corpus and query give the same bytes (--generated or SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import yaml

from brief.corpus import Corpus
from brief.export.build import build_brief
from brief.export.document import (
    Block,
    Bullets,
    Document,
    Heading,
    Inline,
    Para,
    Run,
    Table,
    segments,
)

# What can start markup inside a line: emphasis, code, links and images, HTML, entities, table
# cells, strikethrough, and the "://" of an autolink.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|!~&]|:(?=//))")
# What a line may not start with, or it becomes a heading, a list, a quote or a rule.
_BLOCK_START = re.compile(r"^(#|[-+=]|\d{1,9}(?=[.)]))")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


def md_text(run: Run, page_rtl: bool) -> str:
    """One run as Markdown inline text: escaped, in its direction's markup."""
    flat = " ".join(run.text.split())
    if not flat:
        return run.text and " "
    lead = " " if run.text[:1].isspace() else ""
    trail = " " if run.text[-1:].isspace() else ""
    if run.lang == "ar":
        body = _escaped(flat)
    else:  # Arabic quoted in English keeps its own direction
        body = "".join(
            f'<span dir="rtl" lang="ar">{_escaped(part)}</span>' if arabic else _escaped(part)
            for part, arabic in segments(flat)
        )
    if run.strong:
        body = f"**{body}**"
    if run.lang == "ar" and not page_rtl:
        body = f'<span dir="rtl" lang="ar">{body}</span>'
    elif run.lang == "en" and page_rtl and _LATIN_OR_DIGIT.search(flat):
        body = f'<span dir="ltr" lang="en">{body}</span>'
    return f"{lead}{body}{trail}"


def _escaped(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(lambda m: "&amp;" if m[1] == "&" else "\\" + m[1], text)


def _inline(runs: Inline, page_rtl: bool) -> str:
    line = "".join(md_text(run, page_rtl) for run in runs).strip()
    return _BLOCK_START.sub(r"\\\1", line)


def _block(block: Block, page_rtl: bool) -> list[str]:
    if isinstance(block, Heading):
        return [f"{'#' * block.level} {_inline(block.inline, page_rtl)}", ""]
    if isinstance(block, Para):
        if block.lang == "ar" and not page_rtl:
            # An HTML block around a Markdown paragraph: the blank lines let it be parsed.
            text = _inline(block.inline, page_rtl=True)
            return ['<div dir="rtl" lang="ar">', "", text, "", "</div>", ""]
        return [_inline(block.inline, page_rtl), ""]
    if isinstance(block, Bullets):
        out = []
        for entry in block.items:
            out.append(f"- {_inline(entry.inline, page_rtl)}")
            out += [f"  - {_inline(child, page_rtl)}" for child in entry.children]
        return [*out, ""]
    return [*_table(block, page_rtl), ""]


def _table(table: Table, page_rtl: bool) -> list[str]:
    def row(cells: Iterable[Inline]) -> str:
        return "| " + " | ".join(_inline(cell, page_rtl) for cell in cells) + " |"

    header = row((run,) for run in table.header)
    rule = "| " + " | ".join("---" for _ in table.header) + " |"
    return [header, rule, *(row(cells) for cells in table.rows)]


def render_markdown(doc: Document) -> str:
    front = yaml.safe_dump(doc.front, allow_unicode=True, sort_keys=False).rstrip()
    out = ["---", front, "---", ""]
    if doc.rtl:
        out += ['<div dir="rtl" lang="ar">', ""]
    for block in doc.blocks:
        out += _block(block, doc.rtl)
    if doc.rtl:
        out += ["</div>", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def export_brief(
    corpus: Corpus, article_ids: Iterable[str], *, query: str = "", lang: str = "both",
    generated: str | None = None,
) -> str:  # fmt: skip
    """The Markdown brief of `article_ids`, in the order given."""
    return render_markdown(
        build_brief(corpus, article_ids, query=query, lang=lang, generated=generated)
    )
