"""What the reader tells a new analyst: the help names every kind of item the chooser offers,
every kind of entry the index lists and every format the export writes (and `o` writes each);
an article with no annotations says how to add them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from brief.tui.app import BriefApp
from brief.tui.widgets.annotation_panel import AnnotationPanel
from tests.tui_helpers import keys, loaded, make_corpus, screen_rows, status

SIZE = (160, 48)
ARTICLE_001 = "001_26d5d24b852057da"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


def _help_text(app: BriefApp) -> str:
    return " ".join(" ".join(screen_rows(app)).replace("│", " ").split())


async def test_the_help_says_what_the_chooser_the_index_and_the_export_do(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "a")  # the chooser, from the annotations pane
        chooser = _help_text(app)
        offered = re.findall(r"(\w+): ", chooser.split("Add which kind of item?")[1])
        await pilot.press("escape", "question_mark")
        told = _help_text(app)
        for kind in offered:  # Who, Where, Event, When, Decision, Discrepancy
            assert kind.lower() in told.split("Add: a ")[1].split(" item")[0]
        assert "Event" in offered and "Discrepancy" in offered
        assert "Entities: who, where and events" in told
        assert "Export: what the filter shows, to a brief: Markdown, HTML or Word" in told


async def test_o_writes_the_brief_in_the_format_of_the_files_suffix(corpus: Path) -> None:
    target = corpus / "out.html"
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("o", "end", *["backspace"] * len("brief.md"), *keys("out.html"))
        await pilot.press("enter")
        await pilot.pause()
        assert status(app) == f"wrote {target} (5 articles)"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>\n")


def _panel(app: BriefApp) -> str:
    panel = app.query_one(AnnotationPanel).region
    rows = screen_rows(app)[panel.y : panel.bottom]
    return " ".join(" ".join(row[panel.x : panel.right] for row in rows).replace("│", "").split())


async def test_an_article_without_annotations_says_how_to_add_them(corpus: Path) -> None:
    (corpus / "annotations" / f"{ARTICLE_001}.yaml").write_text(
        f'schema: 2\narticle: {ARTICLE_001}\nstatus: draft\ntitle: {{en: "A draft"}}\n',
        encoding="utf-8",
    )
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("n")  # 001: a draft, nothing in it yet
        assert app.reader.current == ARTICLE_001
        hint = "No annotations yet: a adds one, e opens the file in $EDITOR"
        assert hint in _panel(app)
        await pilot.press("n")  # 002: no annotation file at all
        assert hint in _panel(app)


@pytest.mark.parametrize(
    ("opened_with", "footer"),
    [
        (["question_mark"], "esc Close"),
        (["a"], "esc Cancel"),
        (["a", "enter", "x", "escape"], "y Yes  n No"),  # discard what was typed?
        (["o"], "esc Cancel  ^s Write"),
        (["T"], "esc Close"),
    ],
    ids=["help", "chooser", "question", "export", "timeline"],
)
async def test_each_dialogs_footer_shows_its_own_keys(
    corpus: Path, opened_with: list[str], footer: str
) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press(*opened_with)
        assert screen_rows(app)[-1].strip() == footer
