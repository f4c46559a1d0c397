"""Saving annotation edits: comments kept, canonical form, validation first, conflicts refused,
atomic writes, undo."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from brief.annotations.store import (
    AnnotationFile,
    ConflictError,
    EditError,
    EditHistory,
    write_atomic,
)
from tests.tui_helpers import ANNOTATION_000, make_corpus

ARTICLE = "000_99551782ef0ee64d"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path)


def _path(corpus: Path, article: str = ARTICLE) -> Path:
    return corpus / "annotations" / f"{article}.yaml"


def test_a_hand_written_comment_survives_an_edit(corpus: Path) -> None:
    text = ANNOTATION_000.replace(
        "status: curated\n", "status: curated  # checked against the KUNA wire\n"
    ).replace("who:\n", "# People: keep the delegation list complete\nwho:\n")
    _path(corpus).write_text(text, encoding="utf-8")
    edited = AnnotationFile.open(corpus, ARTICLE)
    edited.set_field("status", "reviewed")
    edited.save()
    saved = _path(corpus).read_text(encoding="utf-8")
    # The comment keeps its column; everything else is as the analyst wrote it.
    assert saved == text.replace("status: curated  #", "status: reviewed #")


SAUD = {
    "evidence": ["والمقدم سعود الوزان"],
    "kind": "person",
    "name": {"en": "Saud Al-Wazzan", "ar": "سعود الوزان"},
    "id": "saud-al-wazzan",
}


def test_added_items_are_written_in_the_style_the_file_uses(corpus: Path) -> None:
    """Keys in schema order, names Arabic first; `{ar: …, en: …}` and `[…]` where the file's
    items are written so (two analysts' files merge more cleanly when they look alike)."""
    edited = AnnotationFile.open(corpus, ARTICLE)
    assert edited.add_item("who", SAUD) == 1
    edited.save()
    saved = _path(corpus).read_text(encoding="utf-8")
    assert saved.startswith(ANNOTATION_000.split("where:")[0])
    assert (
        "  - id: saud-al-wazzan\n"
        '    name: {ar: "سعود الوزان", en: "Saud Al-Wazzan"}\n'
        "    kind: person\n"
        '    evidence: ["والمقدم سعود الوزان"]\n'
        "where:\n"
    ) in saved


def test_added_items_are_written_in_block_form_where_the_file_uses_it(corpus: Path) -> None:
    block = ANNOTATION_000.replace(
        '    name: {ar: "حمد المحمود", en: "Hamad Al-Mahmoud"}\n',
        '    name:\n      ar: "حمد المحمود"\n      en: "Hamad Al-Mahmoud"\n',
    ).replace(
        '    evidence: ["العقيد حمد المحمود، ضرورة تعزيز التعاون المشترك"]\n',
        '    evidence:\n      - "العقيد حمد المحمود، ضرورة تعزيز التعاون المشترك"\n',
    )
    _path(corpus).write_text(block, encoding="utf-8")
    edited = AnnotationFile.open(corpus, ARTICLE)
    edited.add_item("who", SAUD)
    edited.save()
    assert (
        "  - id: saud-al-wazzan\n"
        "    name:\n"
        '      ar: "سعود الوزان"\n'
        '      en: "Saud Al-Wazzan"\n'
        "    kind: person\n"
        "    evidence:\n"
        '      - "والمقدم سعود الوزان"\n'
        "where:\n"
    ) in _path(corpus).read_text(encoding="utf-8")


def test_edit_replace_and_delete(corpus: Path) -> None:
    edited = AnnotationFile.open(corpus, ARTICLE)
    edited.replace_item(
        "where", 0, {"id": "tunis", "name": {"en": "Tunis"}, "kind": "city", "evidence": ["بتونس"]}
    )
    edited.delete_item("decisions", 0)
    edited.save()
    saved = _path(corpus).read_text(encoding="utf-8")
    assert "decisions:" not in saved
    # The item keeps its flow style; the new key goes where the schema puts it.
    assert (
        '  - id: tunis\n    name: {en: "Tunis"}\n    kind: city\n    evidence: ["بتونس"]\n' in saved
    )


def test_an_invalid_edit_is_refused_and_nothing_is_written(corpus: Path) -> None:
    before = _path(corpus).read_bytes()
    edited = AnnotationFile.open(corpus, ARTICLE)
    edited.add_item(
        "where", {"id": "cairo", "name": {"en": "Cairo"}, "evidence": ["القاهرة عاصمة مصر"]}
    )
    with pytest.raises(EditError, match="evidence not found in the article: 'القاهرة عاصمة مصر'"):
        edited.save()
    edited.set_field("status", "finished")
    with pytest.raises(EditError):
        edited.save()
    assert _path(corpus).read_bytes() == before


def test_a_change_on_disk_is_never_overwritten(corpus: Path) -> None:
    edited = AnnotationFile.open(corpus, ARTICLE)
    edited.set_field("status", "reviewed")
    theirs = ANNOTATION_000.replace("tags: [cybercrime]", "tags: [cybercrime, kuwait]")
    _path(corpus).write_text(theirs, encoding="utf-8")  # another editor, a git pull
    with pytest.raises(ConflictError) as error:
        edited.save()
    assert "+tags: [cybercrime, kuwait]" in error.value.diff
    assert _path(corpus).read_text(encoding="utf-8") == theirs


def test_a_new_file_gets_the_schema_line(corpus: Path) -> None:
    edited = AnnotationFile.open(corpus, "001_26d5d24b852057da", title="انطلاق المؤتمر")
    edited.save()
    assert _path(corpus, "001_26d5d24b852057da").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=schema.json\n"
        "schema: 2\n"
        "article: 001_26d5d24b852057da\n"
        "status: draft\n"
        "title:\n"
        '  ar: "انطلاق المؤتمر"\n'
    )


def test_undo_puts_back_each_save_in_turn(corpus: Path) -> None:
    history = EditHistory()
    original = _path(corpus).read_text(encoding="utf-8")
    edited = AnnotationFile.open(corpus, ARTICLE)
    for status in ("reviewed", "draft"):
        before = edited.loaded_text
        edited.set_field("status", status)
        history.record(edited.path, before, edited.save())
    assert "status: draft" in _path(corpus).read_text(encoding="utf-8")
    history.undo()
    assert "status: reviewed" in _path(corpus).read_text(encoding="utf-8")
    history.undo()
    assert _path(corpus).read_text(encoding="utf-8") == original
    assert history.undo() is None


def test_undo_leaves_a_file_changed_since_alone(corpus: Path) -> None:
    history = EditHistory()
    edited = AnnotationFile.open(corpus, ARTICLE)
    before = edited.loaded_text
    edited.set_field("status", "reviewed")
    history.record(edited.path, before, edited.save())
    _path(corpus).write_text("changed elsewhere\n", encoding="utf-8")
    with pytest.raises(ConflictError):
        history.undo()
    assert _path(corpus).read_text(encoding="utf-8") == "changed elsewhere\n"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")

    def crash(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_a_process_killed_while_saving_leaves_a_whole_file(tmp_path: Path) -> None:
    """A writer killed at random moments: the file is always one whole version."""
    target = tmp_path / "big.yaml"
    versions = [f"version: {n}\n" + f"line {n}\n" * 20000 for n in range(3)]
    target.write_text(versions[0], encoding="utf-8")
    writer = (
        "import sys, itertools\n"
        "from pathlib import Path\n"
        "from brief.annotations.store import write_atomic\n"
        "versions = [f'version: {n}\\n' + f'line {n}\\n' * 20000 for n in (1, 2)]\n"
        "for text in itertools.cycle(versions):\n"
        "    write_atomic(Path(sys.argv[1]), text)\n"
    )
    root = Path(__file__).parent.parent
    for delay in (0.05, 0.11, 0.17, 0.23, 0.31):
        process = subprocess.Popen([sys.executable, "-c", writer, str(target)], cwd=root)
        time.sleep(0.3 + delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert target.read_text(encoding="utf-8") in versions
