"""Control characters in an article, its header and its annotations are shown as marks in the
reader (␇ for BEL), never hidden and never raw: in the list, the article pane, its header and
the annotations panel."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from brief.tui.app import BriefApp
from brief.tui.display import shown
from tests.tui_helpers import loaded, make_corpus, screen_rows

ARTICLE = "000_99551782ef0ee64d"
TITLE = "الكويت: ضرورة تعزيز التعاون العربي لمواجهة الجرائم الإلكترونية العابرة للحدود"
CONTROLS = "bel\x07 bs\x08 vt\x0b ff\x0c cr\r nel\x85 esc\x1b[31m"
MARKED = "bel␇ bs␈ vt␋ ff␌ cr␍"
# What a terminal would obey: C0 but newline, DEL, C1, and the bidi controls.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("a\x07b", "a␇b"),
        ("a\x08b", "a␈b"),
        ("a\x0bb", "a␋b"),
        ("a\x0cb", "a␌b"),
        ("a\rb", "a␍b"),
        ("a\x85b", "a¦NEL¦b"),
        ("a\x1b[2Jb", "a␛[2Jb"),
        ("a\u202eb", "a¦RLO¦b"),
    ],
)
def test_shown_marks_each_control_in_its_place(text: str, marked: str) -> None:
    assert shown(text).plain == marked


def _hostile_corpus(root: Path) -> Path:
    corpus = make_corpus(root)
    seed = corpus / "seeds" / f"{ARTICLE}.txt"
    text = seed.read_text(encoding="utf-8")
    text = text.replace("حال الكويت", "حال\x07 الكويت", 1)  # the outlet, in the header
    text = text.replace(TITLE, f"PWNED {CONTROLS}", 1)
    text = text.replace("أكد مساعد", f"أكد {CONTROLS} مساعد", 1)  # ¶6
    seed.write_text(text, encoding="utf-8")
    annotation = corpus / "annotations" / f"{ARTICLE}.yaml"
    name = r"Hamad bel\a bs\b vt\v ff\f cr\r nel\N esc\e[31m"
    annotation.write_text(
        annotation.read_text(encoding="utf-8").replace("Hamad Al-Mahmoud", name),
        encoding="utf-8",
    )
    return corpus


async def test_the_reader_marks_the_controls_of_a_hostile_article(tmp_path: Path) -> None:
    app = BriefApp(_hostile_corpus(tmp_path / "corpus"))
    async with app.run_test(size=(200, 50)) as pilot:
        await loaded(pilot)
        rows = screen_rows(app)
        assert not [row for row in rows if RAW.search(row)]
        articles = [row.split("││")[0] for row in rows]
        reader = [row.split("││")[1].strip() for row in rows if row.count("││") == 2]
        panel = [row.split("││")[2] for row in rows if row.count("││") == 2]
        listed = " ".join(articles[1:4])
        assert f"PWNED {MARKED}" in listed and "¦NEL¦ esc␛[31m" in listed
        assert f"PWNED {MARKED} nel␤ esc␛[31m" in reader[0]  # the title, on one row
        assert "Outlet: تيوكلا ␇لاح" in reader  # as it reads, right to left
        paragraph = next(k for k, row in enumerate(reader) if "¶6" in row)
        assert MARKED in reader[paragraph] and "nel␤ esc␛[31m" in reader[paragraph + 1]
        assert f"Hamad {MARKED} nel¦NEL¦" in " ".join(panel)
