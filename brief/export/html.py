"""The brief as one self-contained, printable HTML file: its styles inline, no script, no
request to anywhere. Arabic is `dir="rtl" lang="ar"` wherever it stands (a brief in Arabic is a
right-to-left page); `html_text` is the one place where text from articles, annotations and
brief files becomes HTML: through the output boundary, then escaped."""

from __future__ import annotations

import html
from functools import lru_cache

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

_STYLE = """\
@page { size: A4; margin: 18mm 16mm; }
html { font-family: "Noto Naskh Arabic", "Amiri", "Noto Sans", "DejaVu Sans", Arial, sans-serif;
  line-height: 1.5; color: #111; background: #fff; }
body { max-width: 54em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; border-bottom: 2px solid #333; }
h2 { font-size: 1.3em; margin-top: 1.6em; border-bottom: 1px solid #999; }
h3 { font-size: 1.1em; margin-top: 1.2em; }
h4 { font-size: 1em; margin-bottom: 0.2em; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.5em; text-align: start; vertical-align: top; }
th { background: #eee; }
li { margin: 0.15em 0; }
li.warning > span.mark, .warning > .mark { color: #a40; }
li.warning { list-style: none; }
.cite { white-space: nowrap; color: #333; }
@media print {
  body { margin: 0; max-width: none; }
  h2, h3, h4 { break-after: avoid; }
  li, tr { break-inside: avoid; }
}
"""


@lru_cache(maxsize=1 << 16)  # labels, names and ids recur across a brief
def html_text(run: Run, page_rtl: bool) -> str:
    """One run as HTML: made visible (the output boundary), escaped, in its direction's
    markup."""
    target = linkable(run.text) if run.link else None
    if target is not None:
        escaped = html.escape(target, quote=True)
        anchor = f'<a href="{escaped}">{escaped}</a>'
        return f'<span dir="ltr" lang="en">{anchor}</span>' if page_rtl else anchor
    flat = " ".join(for_document(run.text).text.split()) or run.text[:1]
    if run.lang == "ar":
        body = html.escape(flat, quote=True)
    else:  # Arabic quoted in English keeps its own direction
        body = "".join(
            f'<span dir="rtl" lang="ar">{html.escape(part, quote=True)}</span>'
            if arabic
            else html.escape(part, quote=True)
            for part, arabic in segments(flat)
        )
    if run.text[:1].isspace() and body != " ":
        body = " " + body
    if run.text[-1:].isspace() and body != " ":
        body += " "
    if run.strong:
        body = f"<strong>{body}</strong>"
    if run.lang == "ar" and not page_rtl:
        return f'<span dir="rtl" lang="ar">{body}</span>'
    if run.cite:
        return f'<span class="cite" dir="ltr" lang="en">{body}</span>'
    if run.lang == "en" and page_rtl and any(c.isalnum() for c in run.text):
        return f'<span dir="ltr" lang="en">{body}</span>'
    return body


def _inline(runs: Inline, page_rtl: bool) -> str:
    return "".join(html_text(run, page_rtl) for run in runs).strip()


def _block(block: Block, page_rtl: bool) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{_inline(block.inline, page_rtl)}</h{block.level}>"
    if isinstance(block, Para):
        if block.lang == "ar" and not page_rtl:
            # A division, not <p dir>: pandoc keeps a division's direction in Word, not a p's.
            return f'<div dir="rtl" lang="ar"><p>{_inline(block.inline, True)}</p></div>'
        return f"<p>{_inline(block.inline, page_rtl)}</p>"
    if isinstance(block, Bullets):
        items = []
        for entry in block.items:
            children = "".join(_child(c, page_rtl) for c in entry.children)
            nested = f"<ul>{children}</ul>" if children else ""
            mark = ' class="warning"' if entry.warning else ""
            items.append(f"<li{mark}>{_inline(entry.inline, page_rtl)}{nested}</li>")
        return "<ul>\n" + "\n".join(items) + "\n</ul>"
    return _table(block, page_rtl)


def _child(inline: Inline, page_rtl: bool) -> str:
    """A nested list item; one all in Arabic is a right-to-left item (its bullet on the right)."""
    if not page_rtl and inline and all(run.lang == "ar" for run in inline):
        return f'<li dir="rtl" lang="ar">{_inline(inline, True)}</li>'
    return f"<li>{_inline(inline, page_rtl)}</li>"


def _table(table: Table, page_rtl: bool) -> str:
    head = "".join(f"<th>{html_text(run, page_rtl)}</th>" for run in table.header)
    rows = "\n".join(
        "<tr>" + "".join(f"<td>{_inline(cell, page_rtl)}</td>" for cell in cells) + "</tr>"
        for cells in table.rows
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"


def render_body(doc: Document) -> str:
    """The brief's blocks, in one division that carries the page's direction."""
    direction = 'dir="rtl" lang="ar"' if doc.rtl else 'dir="ltr" lang="en"'
    blocks = "\n".join(_block(block, doc.rtl) for block in doc.blocks)
    return f"<div {direction}>\n{blocks}\n</div>\n"


def _attribute(text: str) -> str:
    """A query or title in the page's head: through the boundary, escaped, on one line."""
    return html.escape(" ".join(for_document(text).text.split()), quote=True)


def render_html(doc: Document) -> str:
    lang, direction = ("ar", "rtl") if doc.rtl else ("en", "ltr")
    meta = "".join(
        f'<meta name="{name}" content="{_attribute(str(doc.front[name]))}">\n'
        for name in ("generated", "query")
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{meta}<title>{_attribute(doc.title)}</title>\n<style>\n{_STYLE}</style>\n</head>\n"
        f"<body>\n{render_body(doc)}</body>\n</html>\n"
    )
