"""Faults a user meets: a read-only corpus, a full disk, a catalog locked by another process,
a file changed under an edit (a second reader, a git checkout), an editor that saves bytes that
are not UTF-8. Whatever happens, nothing typed is lost: an edit that cannot be saved is kept,
and where is said; the catalog answers as it stands or says in one line why it cannot.

Full disks and read-only file systems are real where the machine allows it (a small tmpfs,
remounted read-only: root ignores the mode bits), else these tests are skipped and the same
faults are met by a patched write."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from brief import cli
from brief.annotations import editor as editing
from brief.annotations.recovery import kept_edits
from brief.annotations.store import AnnotationFile, ConflictError
from brief.text.files import write_atomic
from tests.tui_helpers import ANNOTATION_000, make_corpus

ROOT = Path(__file__).parent.parent
ARTICLE = "000_99551782ef0ee64d"
EDITED = ANNOTATION_000.replace("status: curated", "status: reviewed")


@pytest.fixture(autouse=True)
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's state folder, where edits go when the corpus cannot take them."""
    folder = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return folder


def _mount(folder: Path, size: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
        capture_output=True,
    )
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A corpus on a tmpfs of its own, to fill or to make read-only."""
    disk = tmp_path / "disk"
    if os.geteuid() != 0 or not _mount(disk, "16m"):
        pytest.skip("cannot mount a tmpfs here (the patched-write tests cover these faults)")
    try:
        yield make_corpus(disk / "corpus")
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(folder: Path) -> None:
    """Write until the disk is full, to its last block."""
    for name, block in (("filler", 65536), ("filler-small", 512), ("filler-last", 1)):
        try:
            with (folder / name).open("wb", buffering=0) as handle:
                while True:
                    handle.write(b"\0" * block)
        except OSError as error:
            assert error.errno == errno.ENOSPC


def editor(
    tmp_path: Path, action: str = "", content: str = EDITED, raw: bytes | None = None
) -> str:
    """An editor that does `action` (Python, with `path` the file it edits), then saves
    `content` (or `raw` bytes), and notes that it ran."""
    script = tmp_path / "editor.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import os, subprocess, sys
            from pathlib import Path
            path = Path(sys.argv[1])
            Path({str(tmp_path / "ran")!r}).write_text(path.read_text("utf-8"), "utf-8")
            """
        )
        + action
        + (
            f"\npath.write_bytes({raw!r})\n"
            if raw is not None
            else f"\npath.write_text({content!r}, encoding='utf-8')\n"
        ),
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


def edit(
    corpus: Path, visual: str, answers: str = "", prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "brief", "--corpus", str(corpus), "edit", "000"],
        input=answers, capture_output=True, text=True, cwd=ROOT, timeout=60,
        env={**os.environ, "VISUAL": visual, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


# Root ignores the mode bits; without these capabilities it is held to them, as a user is.
AS_A_USER = (
    ("setpriv", "--bounding-set=-dac_override,-dac_read_search",
     "--inh-caps=-dac_override,-dac_read_search")
    if os.geteuid() == 0 else ()
)  # fmt: skip


def annotation(corpus: Path) -> Path:
    return corpus / "annotations" / f"{ARTICLE}.yaml"


# Read-only.
def test_edit_says_a_read_only_file_system_before_the_editor_opens(
    tmp_path: Path, small_disk: Path
) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk.parent)], check=True)
    result = edit(small_disk, editor(tmp_path))
    assert result.returncode == 1
    assert result.stderr == (
        f"brief: cannot save in {small_disk}/annotations: Read-only file system; "
        "nothing was opened\n"
    )
    assert not (tmp_path / "ran").exists()  # no editor opened


def test_edit_says_a_folder_it_may_not_write_before_the_editor_opens(tmp_path: Path) -> None:
    """chmod: a folder the user may not write (root is held to the mode bits here too)."""
    if AS_A_USER and shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is needed to hold root to the mode bits")
    corpus = make_corpus(tmp_path / "corpus")
    (corpus / "annotations").chmod(0o555)
    try:
        result = edit(corpus, editor(tmp_path), prefix=AS_A_USER)
    finally:
        (corpus / "annotations").chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        f"brief: cannot save in {corpus}/annotations: Permission denied; nothing was opened\n"
    )
    assert not (tmp_path / "ran").exists()


def test_an_edit_that_meets_a_read_only_file_system_is_kept(
    tmp_path: Path, small_disk: Path, state: Path
) -> None:
    """Made read-only while the editor is open (an admin, a failing disk): the edit is kept
    in the user's state folder, since the corpus cannot take it, and the path is said."""
    remount = f"subprocess.run(['mount', '-o', 'remount,ro', {str(small_disk.parent)!r}])\n"
    result = edit(small_disk, editor(tmp_path, remount))
    _kept_in(state, small_disk, result, "Read-only file system")


def _kept_in(state: Path, corpus: Path, result: subprocess.CompletedProcess[str], why: str) -> None:
    """The edit could not be saved, for `why`: kept in the state folder, the path said, the
    file as it was."""
    assert result.returncode == 1, result.stderr
    [kept] = kept_edits(corpus, ARTICLE)
    assert kept.path.is_relative_to(state)
    assert kept.text() == EDITED
    assert result.stderr == (
        f"brief: cannot save {annotation(corpus)}: {why}; your edit is kept in {kept.path}\n"
    )
    assert annotation(corpus).read_text(encoding="utf-8") == ANNOTATION_000


# Full disk.
def test_edit_says_a_full_disk_before_the_editor_opens(tmp_path: Path, small_disk: Path) -> None:
    fill(small_disk)
    result = edit(small_disk, editor(tmp_path))
    assert result.returncode == 1
    assert result.stderr == (
        f"brief: cannot save in {small_disk}/annotations: No space left on device; "
        "nothing was opened\n"
    )
    assert not (tmp_path / "ran").exists()


def test_an_edit_that_meets_a_full_disk_is_kept(
    tmp_path: Path, small_disk: Path, state: Path
) -> None:
    """The disk fills while the editor is open: the edit is kept in the user's state folder,
    since the corpus cannot take it, and the path is said; no temporary file is left."""
    filling = f"from tests.test_faults import fill\nfill(Path({str(small_disk)!r}))\n"
    result = edit(small_disk, editor(tmp_path, filling))
    _kept_in(state, small_disk, result, "No space left on device")
    assert not [p for p in (small_disk / "annotations").iterdir() if p.suffix == ".tmp"]


def test_a_save_that_fails_keeps_the_edit_in_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The patched write: on any machine, a save that fails (here a full disk) keeps the edit
    in the corpus's .brief-recovery/, which can still be written."""
    corpus = make_corpus(tmp_path / "corpus")

    def full(path: Path, data: str | bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(editing, "write_atomic", full)
    monkeypatch.setenv("VISUAL", editor(tmp_path))
    assert cli.main(["--corpus", str(corpus), "edit", "000"]) == 1
    [kept] = kept_edits(corpus, ARTICLE)
    assert kept.path.parent == corpus / ".brief-recovery"
    assert kept.text() == EDITED
    assert capsys.readouterr().err == (
        f"brief: cannot save {annotation(corpus)}: No space left on device; your edit is "
        f"kept in {kept.path}\n"
    )
    assert annotation(corpus).read_text(encoding="utf-8") == ANNOTATION_000


def test_when_nothing_can_be_written_the_editor_s_copy_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path / "corpus")

    def nowhere(*_: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(editing, "write_atomic", nowhere)
    monkeypatch.setattr(editing.recovery, "write_atomic", nowhere)
    monkeypatch.setenv("VISUAL", editor(tmp_path))
    assert cli.main(["--corpus", str(corpus), "edit", "000"]) == 1
    err = capsys.readouterr().err
    copy = Path(err.rsplit("your edit is kept in ", 1)[1].strip())
    assert copy.name == f"{ARTICLE}.yaml" and copy.parent.name.startswith("brief-edit-")
    assert copy.read_text(encoding="utf-8") == EDITED
    shutil.rmtree(copy.parent)


# What the editor saves.
def test_bytes_that_are_not_utf8_are_kept_as_written(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    latin1 = EDITED.replace("reviewed", "révisé").encode("latin-1", errors="replace")
    result = edit(corpus, editor(tmp_path, raw=latin1), answers="d\n")
    assert result.returncode == 1
    line = next(n for n, text in enumerate(latin1.split(b"\n"), 1) if b"r\xe9vis" in text)
    assert (
        f"000_99551782ef0ee64d.yaml:{line}:10: the editor saved a byte that is not UTF-8 (0xe9)"
        in result.stderr
    )
    [kept] = kept_edits(corpus, ARTICLE)
    assert kept.raw() == latin1  # exactly what the editor wrote
    assert f"discarded; your text is kept in {kept.path}" in result.stderr
    assert annotation(corpus).read_text(encoding="utf-8") == ANNOTATION_000


def test_kept_edits_never_overwrite_each_other_and_are_offered_back(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    bogus = ANNOTATION_000.replace("status: curated", "status: bogus")
    for answers in ("d\n", "k\nd\n"):  # two edits given up on (the first kept for later)
        assert edit(corpus, editor(tmp_path, content=bogus), answers).returncode == 1
    first, second = kept_edits(corpus, ARTICLE)
    assert first.path != second.path and first.text() == second.text() == bogus
    # Offered back: the first dropped, the second restored into the editor, then saved.
    result = edit(corpus, editor(tmp_path), answers="d\nr\n")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ran").read_text(encoding="utf-8") == bogus  # the kept edit, restored
    assert annotation(corpus).read_text(encoding="utf-8") == EDITED
    assert kept_edits(corpus, ARTICLE) == []
    assert f"dropped {first.path}" in result.stderr
    # Kept for later: it stays, and the editor is given the file.
    assert edit(corpus, editor(tmp_path, content=bogus), "d\n").returncode == 1
    result = edit(corpus, editor(tmp_path, content=EDITED.replace("reviewed", "draft")), "k\n")
    assert result.returncode == 0
    assert len(kept_edits(corpus, ARTICLE)) == 1


# Saves keep what the file was.
def test_saves_keep_the_file_s_mode_and_owner(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    path = annotation(corpus)
    path.chmod(0o664)
    if os.geteuid() == 0:
        os.chown(path, 1234, 1234)
    document = AnnotationFile.open(corpus, ARTICLE)
    document.set_field("status", "reviewed")
    document.save()
    status = path.stat()
    assert stat.S_IMODE(status.st_mode) == 0o664
    if os.geteuid() == 0:
        assert (status.st_uid, status.st_gid) == (1234, 1234)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_umask_s_mode(tmp_path: Path, umask: int, mode: int) -> None:
    """An exported brief or a new annotation file: as any program makes it, not 0600."""
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "brief.md", "x\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "brief.md").stat().st_mode) == mode


def test_an_exported_brief_is_readable_by_colleagues(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    result = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.umask(0o022); from brief.cli import main; "
         "sys.exit(main(sys.argv[1:]))", "--corpus", str(ROOT), "export", "000", "-o",
         str(target)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_stale_temporary_files_of_a_killed_save_are_removed(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    folder = corpus / "annotations"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()  # fmt: skip
    stale = folder / f".{ARTICLE}.yaml.{dead}-0123abcd.tmp"
    old = folder / f".{ARTICLE}.yaml.k2j4_x9q.tmp"  # mkstemp's, from an earlier brief
    running = folder / f".{ARTICLE}.yaml.{os.getpid()}-89abcdef.tmp"  # a save under way
    for path in (stale, old, running):
        path.write_text("half a file", encoding="utf-8")
    long_ago = time.time() - 3600
    os.utime(old, (long_ago, long_ago))
    document = AnnotationFile.open(corpus, ARTICLE)
    document.set_field("status", "reviewed")
    document.save()
    assert not stale.exists() and not old.exists()
    assert running.exists()
    other = folder / f".001_26d5d24b852057da.yaml.{dead}-0123abcd.tmp"
    other.write_text("half a file", encoding="utf-8")
    assert edit(corpus, editor(tmp_path)).returncode == 0  # brief edit's start: all of them
    assert not other.exists()


# Changed under an edit.
def test_two_readers_editing_one_article_end_in_the_conflict_flow(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    first, second = AnnotationFile.open(corpus, ARTICLE), AnnotationFile.open(corpus, ARTICLE)
    first.set_field("status", "reviewed")
    second.set_field("tags", ["cybercrime", "tunis"])
    first.save()
    with pytest.raises(ConflictError) as conflict:
        second.save()
    assert "-status: curated\n+status: reviewed\n" in conflict.value.diff
    assert "status: reviewed" in annotation(corpus).read_text(encoding="utf-8")  # not lost
    assert "tunis" in second.render()  # the second edit, still there to keep or apply again


def test_a_git_checkout_during_an_edit_ends_in_the_conflict_flow(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    corpus = make_corpus(tmp_path / "corpus")
    git = ["git", "-C", str(corpus), "-c", "user.name=a", "-c", "user.email=a@b"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "one"], check=True)
    subprocess.run([*git, "checkout", "-qb", "colleague"], check=True)
    theirs = ANNOTATION_000.replace("tags: [cybercrime]", "tags: [cybercrime, theirs]")
    annotation(corpus).write_text(theirs, encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "theirs"], check=True)
    subprocess.run([*git, "checkout", "-q", "-"], check=True)
    checkout = f"subprocess.run({[*git, 'checkout', '-q', 'colleague']!r}, check=True)\n"
    result = edit(corpus, editor(tmp_path, checkout))
    assert result.returncode == 1
    [kept] = kept_edits(corpus, ARTICLE)
    assert kept.text() == EDITED  # the edit, kept
    assert annotation(corpus).read_text(encoding="utf-8") == theirs  # theirs, not overwritten
    assert result.stderr.startswith(
        f"brief: {ARTICLE}.yaml changed on disk since it was read; nothing was overwritten; "
        f"your edit is kept in {kept.path}\n"
    )
    assert "+tags: [cybercrime, theirs]" in result.stderr


# The catalog.
def _hold(
    catalog: Path,
    exclusive_mode: bool,
    write: str = "UPDATE meta SET value = value WHERE key = 'version'",
) -> subprocess.Popen[str]:
    """Another process holding the catalog's write lock (or, in exclusive locking mode, every
    lock) until it is killed, after `write`."""
    code = textwrap.dedent(
        f"""
        import sqlite3, sys, time
        db = sqlite3.connect({str(catalog)!r}, isolation_level=None)
        if {exclusive_mode}:
            db.execute("PRAGMA locking_mode=EXCLUSIVE")
        db.execute("BEGIN EXCLUSIVE")
        db.execute({write!r})
        if {exclusive_mode}:
            db.execute("COMMIT")
        print("held", flush=True)
        time.sleep(60)
        """
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def brief(corpus: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "brief", "--corpus", str(corpus), *args],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip


def test_a_locked_catalog_answers_as_it_stands_with_a_warning(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    assert brief(corpus, "list").returncode == 0
    os.utime(corpus / "seeds" / f"{ARTICLE}.txt")  # a sync to do
    holder = _hold(corpus / ".brief-index.sqlite", exclusive_mode=False)
    try:
        started = time.monotonic()
        result = brief(corpus, "list")
        waited = time.monotonic() - started
    finally:
        holder.kill()
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 5
    assert result.stderr == (
        f"brief: warning: the catalog {corpus}/.brief-index.sqlite is locked by another "
        "process: this answer is from it as it stands, and may miss the latest changes to the "
        "files\n"
    )
    assert waited < 30  # a bounded wait, not forever


def test_a_catalog_locked_even_for_reading_is_read_as_it_stands(tmp_path: Path) -> None:
    """Another process in SQLite's exclusive locking mode: brief reads the file as it stands
    (no lock, no journal) and says so; with nothing in the file yet, it says why in a line."""
    corpus = make_corpus(tmp_path / "corpus")
    assert brief(corpus, "list").returncode == 0
    holder = _hold(corpus / ".brief-index.sqlite", exclusive_mode=True)
    try:
        results = [brief(corpus, *command) for command in (["list"], ["export", "000"])]
    finally:
        holder.kill()
    for result in results:
        assert result.returncode == 0, result.stderr
        assert result.stdout
        assert result.stderr == (
            f"brief: warning: the catalog {corpus}/.brief-index.sqlite is locked by another "
            "process: this answer is from it as it stands, and may miss the latest changes to "
            "the files\n"
        )
    empty = make_corpus(tmp_path / "empty")
    sqlite3.connect(empty / ".brief-index.sqlite").close()  # made, never built
    holder = _hold(empty / ".brief-index.sqlite", True, write="CREATE TABLE held(x)")
    try:
        result = brief(empty, "list")
    finally:
        holder.kill()
    assert result.returncode == 1
    assert result.stderr == (
        f"brief: the catalog {empty}/.brief-index.sqlite is locked by another process; try "
        "again when it is done\n"
    )


def test_a_catalog_on_a_full_disk_says_so(small_disk: Path) -> None:
    assert brief(small_disk, "list").returncode == 0
    catalog = small_disk / ".brief-index.sqlite"
    (small_disk / "seeds" / "005_new.txt").write_text("عنوان جديد\n" + "نص " * 3000, "utf-8")
    fill(small_disk)
    result = brief(small_disk, "list")
    assert "Traceback" not in result.stderr
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 5  # as it stands
    assert result.stderr == (
        f"brief: warning: cannot write the catalog {catalog}: the disk is full: this answer is "
        "from it as it stands, and may miss the latest changes to the files\n"
    )
    catalog.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{catalog}{suffix}").unlink(missing_ok=True)
    result = brief(small_disk, "list")
    assert result.returncode == 1
    assert result.stderr == (
        f"brief: cannot write the catalog {catalog}: the disk is full; free some space and "
        "try again\n"
    )


async def test_the_reader_on_a_locked_catalog_shows_it_as_it_stands(tmp_path: Path) -> None:
    """Each connection the reader opens waits its few seconds for the lock first."""
    from brief.tui.app import BriefApp

    corpus = make_corpus(tmp_path / "corpus")
    assert brief(corpus, "list").returncode == 0
    holder = _hold(corpus / ".brief-index.sqlite", exclusive_mode=True)
    try:
        app = BriefApp(corpus)
        async with app.run_test(size=(160, 48)) as pilot:
            for _ in range(600):
                if app.loaded:
                    break
                await pilot.pause(0.1)
            await pilot.pause()
            assert len(app.visible_ids) == 5
            assert "is locked by another process: the list is the catalog as it stands" in str(
                app.screen.query_one("#status").render()
            )
    finally:
        holder.kill()
