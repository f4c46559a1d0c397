"""The brief in Markdown, as GitHub renders it.

Arabic stays in logical order, inside direction markup on GitHub's HTML allow-list: inline
`<span dir="rtl" lang="ar">`, paragraphs in `<div dir="rtl" lang="ar">` (`<bdi>` is not on the
list: GitHub strips it and a citation jumps to the wrong side). A brief in Arabic is one
right-to-left division whose English runs are `<span dir="ltr" lang="en">`. `md_text` is the
one place where text from articles, annotations and brief files becomes Markdown: it goes
through the output boundary (controls shown, bidi controls as markers), then every Markdown and
HTML special character is escaped, and nothing GFM would make a link is left, so a quote cannot
inject markup, links or HTML. The front matter's strings are double-quoted with markup
characters as YAML escapes. The same corpus and query give the same bytes (--generated or
SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

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
    linkable,
    segments,
)
from brief.text.boundary import for_document

# What can start markup inside a line: emphasis, code, links and images, HTML, entities, table
# cells, strikethrough, and the "://" of an autolink.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|!~&]|:(?=//))")
# What a line may not start with, or it becomes a heading, a list, a quote or a rule.
_BLOCK_START = re.compile(r"^(#|[-+=]|\d{1,9}(?=[.)]))")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
# GFM's extended autolinks, which escaping the "://" does not stop: "www." (its dot escaped
# breaks it) and an e-mail address (cmark-gfm joins escaped text back, so only an element
# between its parts does: the "@" in a <span>).
_WWW = re.compile(r"(?i)(www)\.")
_EMAIL_AT = re.compile(r"(?<=[A-Za-z0-9._+-])@")
# In the front matter's YAML, the same characters as \x escapes: YAML reads the exact value
# back, and a Markdown reader that does not know front matter sees only text.
_YAML_SPECIAL = re.compile(
    r"[`*\[\]<>|!~&@]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|:(?=//)|(?i:(?<=www))\."
)


@lru_cache(maxsize=1 << 16)  # labels, names and ids recur across a brief
def md_text(run: Run, page_rtl: bool) -> str:
    """One run as Markdown inline text: made visible, escaped, in its direction's markup."""
    target = linkable(run.text) if run.link else None
    if target is not None:  # an autolink: its text is taken as it is, nothing to escape
        return f'<span dir="ltr" lang="en"><{target}></span>' if page_rtl else f"<{target}>"
    flat = " ".join(for_document(run.text).text.split())
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
    escaped = _MARKDOWN_SPECIAL.sub(lambda m: "&amp;" if m[1] == "&" else "\\" + m[1], text)
    return _EMAIL_AT.sub("<span>@</span>", _WWW.sub(r"\1\\.", escaped))


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


def _front_matter(front: dict[str, Any]) -> list[str]:
    """YAML front matter whose strings are double-quoted, markup characters as \\x escapes."""

    def string(value: str) -> str:
        quoted = json.dumps(for_document(value).text, ensure_ascii=False)  # YAML reads JSON
        return _YAML_SPECIAL.sub(lambda found: f"\\x{ord(found.group()):02x}", quoted)

    out = ["---"]
    for key, value in front.items():
        if isinstance(value, str):
            out.append(f"{key}: {string(value)}")
        elif value:
            out += [f"{key}:", *(f"- {string(item)}" for item in value)]
        else:
            out.append(f"{key}: []")
    return [*out, "---"]


def render_markdown(doc: Document) -> str:
    # The title is shown (pandoc's title block reads it as Markdown): escaped as text.
    front = {**doc.front, "title": _escaped(" ".join(for_document(doc.title).text.split()))}
    out = [*_front_matter(front), ""]
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
