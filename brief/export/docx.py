"""The brief as a Word document, by pandoc (brought by pip: pypandoc-binary) from the HTML
brief's body, whose direction markup pandoc turns into Word's: a right-to-left division
becomes paragraphs with `w:bidi` and runs with `w:rtl`, an Arabic span a run with `w:rtl`."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from pathlib import Path

from brief.export.build import ExportError
from brief.export.document import Document
from brief.export.html import render_body


def pandoc_path() -> str:
    """The pandoc that pypandoc-binary installs; else one on PATH."""
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError) as error:
        raise ExportError(
            "DOCX needs pandoc: pip install pypandoc-binary (or install pandoc)"
        ) from error


def _epoch(generated: str) -> str:
    """The generation time as SOURCE_DATE_EPOCH, so the same brief gives the same bytes."""
    try:
        moment = dt.datetime.fromisoformat(generated.replace("Z", "+00:00"))
    except ValueError:
        return "0"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return str(max(int(moment.timestamp()), 0))


def render_docx(doc: Document) -> bytes:
    lang = "ar" if doc.rtl else "en"
    arguments = ["--from", "html", "--to", "docx", "--metadata", f"lang={lang}"]
    arguments += ["--metadata", f"title-meta={doc.title}"]
    if doc.rtl:
        arguments += ["--metadata", "dir=rtl"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": _epoch(str(doc.front.get("generated", "")))}
    with tempfile.TemporaryDirectory(prefix="brief-docx-") as folder:
        target = Path(folder) / "brief.docx"
        done = subprocess.run(
            [pandoc_path(), *arguments, "--output", str(target)],
            input=render_body(doc),
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if done.returncode != 0:
            raise ExportError(f"pandoc could not make the DOCX: {done.stderr.strip()[:300]}")
        return target.read_bytes()
