"""The reader with schema v2, driven by keys: events in the annotations panel with their
decisions, discrepancies with a warning mark, the curator's notes; a timeline of events with
their certainty; events in the entity index."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import OptionList

from brief.tui.app import BriefApp
from brief.tui.screens.forms import ItemForm
from brief.tui.screens.index import EntitiesScreen, TimelineScreen
from brief.tui.widgets.annotation_panel import WARN, AnnotationPanel
from tests.tui_helpers import keys, loaded, make_corpus, make_curated, prompts, status

WIDE = (160, 48)


@pytest.fixture
def curated(tmp_path: Path) -> Path:
    """The five seeds with their curated annotations."""
    return make_curated(tmp_path / "curated")


def _panel(app: BriefApp) -> list[Text]:
    panel = app.query_one(AnnotationPanel)
    shown = [panel.get_option_at_index(k).prompt for k in range(panel.option_count)]
    return [p if isinstance(p, Text) else Text(str(p)) for p in shown]


def _lines(prompts: list[Text]) -> list[str]:
    """Each option's text on one line (the panel wraps it to its width)."""
    return [" ".join(p.plain.split()) for p in prompts]


async def test_the_panel_shows_events_with_their_decisions(curated: Path) -> None:
    app = BriefApp(curated)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        assert app.current == "000_99551782ef0ee64d"
        lines = _lines(_panel(app))
        headings = [line for line in lines if line in ("Who", "Where", "Events", "Decisions")]
        assert headings == ["Who", "Where", "Events"]  # every decision is under its event
        events = lines.index("Events")
        assert lines[events + 1].startswith(
            "Second Conference of Officials for Combating IT Crimes in Arab Interior Ministries "
            "conference 2 · 2025-10-01 · inferred · Tunis, Seat of the Council of Arab"
        )
        under = [line for line in lines[events:] if line.startswith("↳ ")]
        assert len(under) == 7
        assert lines[-2] == "Notes"
        # The note on an item shows with it; the article's notes close the panel.
        assert any("An expectation of the chair, not an announcement" in line for line in lines)
        assert any(line.startswith("The photo caption (paragraph 8") for line in lines)


async def test_a_discrepancy_is_marked_as_a_warning(curated: Path) -> None:
    app = BriefApp(curated)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("n", "n")
        assert app.current == "002_d9a5e05a9b981f49"
        prompts = _panel(app)
        lines = _lines(prompts)
        assert "Discrepancies" in lines
        marked = [p for p in prompts if p.plain.startswith("⚠ ")]
        assert len(marked) == 3
        first = marked[0]
        shown = " ".join(first.plain.split())
        assert shown.startswith("⚠ This article reports 'the first Arab conference'")
        assert any(span.style == WARN for span in first.spans)
        # The other articles, then what it is about by name (three rows of it at most).
        assert "Tunis 000, 001, First Arab Conference of Officials for Combating IT" in shown


async def test_an_event_is_added_from_the_keyboard(tmp_path: Path) -> None:
    """The kind chooser offers Event (the model's); its form is typed into, field by field."""
    corpus = make_corpus(tmp_path / "corpus")
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("a", "down", "down", "enter")  # "Event", after "Where"
        assert isinstance(app.screen, ItemForm)
        await pilot.press(*keys("second-conference"), "tab", *keys("المؤتمر الثاني"), "tab")
        await pilot.press(*keys("Second conference"), "tab")
        await pilot.press("enter", "down", "enter")  # Kind: "conference"
        await pilot.press("tab", "2", "tab", *keys("2025-10-01"), "tab")
        await pilot.press("enter", "down", "down", "enter")  # Certainty: "inferred"
        await pilot.press("tab", *keys("tunis"), "tab", *keys("hamad-al-mahmoud"), "tab", "tab")
        await pilot.press(*keys("المؤتمر الثاني للمسؤولين"), "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ItemForm)
        assert status(app) == "events added: 000_99551782ef0ee64d.yaml saved (u undoes)"
        # The file was schema 1: an event makes it schema 2, the rest as it was.
        lines = _lines(_panel(app))
        assert "Events" in lines
        assert any(line.startswith("Second conference conference 2 · 2025-10-01 · inferred ·")
                   for line in lines)  # fmt: skip
    saved = (corpus / "annotations" / "000_99551782ef0ee64d.yaml").read_text(encoding="utf-8")
    assert "\nschema: 2\n" in saved
    assert saved.split("events:\n")[1].startswith(
        "  - id: second-conference\n"
        '    name: {ar: "المؤتمر الثاني", en: "Second conference"}\n'
        "    kind: conference\n"
        "    ordinal: 2\n"
        "    date: '2025-10-01'\n"
        "    certainty: inferred\n"
        "    where:\n"
        "      - tunis\n"
        "    participants:\n"
        "      - hamad-al-mahmoud\n"
        '    evidence: ["المؤتمر الثاني للمسؤولين"]\n'
    )


async def test_the_timeline_lists_events_with_their_certainty(curated: Path) -> None:
    app = BriefApp(curated)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("T")
        assert isinstance(app.screen, TimelineScreen)
        title = str(app.screen.query_one("#timeline-title").render())
        assert title == "Timeline (6 events): Enter opens the article · Esc closes"
        rows = [
            " ".join(row.split()) for row in prompts(app.screen.query_one("#timeline", OptionList))
        ]
        assert [row.split(" 37th")[0][:40] for row in rows[:1]] == [
            "2020-03-01 stated event 000, 004"
        ]
        assert rows[4].startswith("2025-10-01 inferred event 000, 001 Second Conference")
        assert rows[5].startswith("undated unknown event 002 First Arab Conference")
        assert not any("Report" in row or "filed" in row for row in rows)  # no publication times
        await pilot.press("down", "down", "down", "down", "enter")
        await pilot.pause()
        assert app.current == "000_99551782ef0ee64d"


async def test_the_entity_index_lists_events_and_filters_to_them(curated: Path) -> None:
    app = BriefApp(curated)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, EntitiesScreen)
        rows = prompts(app.screen.query_one("#entities", OptionList))
        events = [row for row in rows if "events · " in row]
        assert len(events) == 4
        second = next(k for k, row in enumerate(rows) if "second-conference" in row)
        assert (
            "events · conference · second-conference-it-crime-officials · 2 articles"
            in (rows[second])
        )
        for _ in range(second):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert app.visible_ids == ["000_99551782ef0ee64d", "001_26d5d24b852057da"]
