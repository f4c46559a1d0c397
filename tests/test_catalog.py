"""The catalog answers every query exactly as matching the folded documents in memory does, and
stays in step with the files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from brief.annotations.load import load_annotation
from brief.article.model import article_paths, read_article
from brief.catalog import grams, stamps, sync, tables
from brief.catalog.catalog import Catalog, CatalogError
from brief.catalog.query import Query, QueryError, build_document, parse
from brief.corpus import Corpus, open_corpus
from tests.in_memory import filter_documents

ROOT = Path(__file__).parent.parent

QUERIES = [
    "",
    "ت",  # one character: the pairs table
    "تو",
    "تون",  # three: trigrams
    "تونس",
    "الالكترونية",  # folded: finds الإلكترونية
    "2020",  # finds ٢٠٢٠
    "20",
    '"مجلس وزراء الداخلية"',
    '"ة ا"',  # a phrase across a space
    "koman",
    "ko",
    "who:koman",
    "who:person-12",
    "who:ك",
    "where:تونس",
    "where:tu",
    "decision:recommendation",
    "status:curated",
    "status:draft tag:cyber",
    "tag:ai",
    "when:2025",
    "when:2020-03",
    "when:2020-03..2025-12",
    "when:..2019",
    "when:2021..",
    "-تونس",
    "-ت",
    "تونس -who:koman",
    "الكويت: التعاون",
    "zzzq",
    "x",
    # id: an article's id or a unique prefix (seed 000 is 000_…; generated ones 000000_…).
    "id:000_",
    "id:000000",
    "id:000_ id:000003 id:004",  # several: any of them
    "-id:000_",
    "-id:000_ -id:001",
    "تونس id:000_ id:000003 id:000149",
    "-id:000_ تونس",
    "id:000_ -who:koman",
]
# Ids that name no article or several: refused alike, with the same message.
REFUSED = ["id:000", "id:0001", "id:9", "تونس id:000_ id:zz", "-id:00014"]


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seeds and 150 generated articles beside them."""
    root = tmp_path_factory.mktemp("corpus")
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "150", str(root)],
        check=True,
        capture_output=True,
    )
    for folder in ("seeds", "annotations"):
        for path in (ROOT / folder).glob("0*"):
            shutil.copy(path, root / folder)
    return root


def _reference(root: Path, text: str) -> list[str]:
    documents = []
    for path in article_paths(root / "seeds"):
        notes = root / "annotations" / f"{path.stem}.yaml"
        annotation = load_annotation(notes).annotation if notes.exists() else None
        documents.append(build_document(read_article(path), annotation))
    return filter_documents(documents, parse(text))


@pytest.mark.parametrize("text", QUERIES)
def test_catalog_matches_as_the_documents_do(corpus_root: Path, text: str) -> None:
    corpus = open_corpus(corpus_root)
    expected = _reference(corpus_root, text)
    assert corpus.matching(parse(text)) == expected
    assert len(corpus) == 155


@pytest.mark.parametrize("text", REFUSED)
def test_ids_that_do_not_name_one_article_are_refused_as_the_documents_refuse_them(
    corpus_root: Path, text: str
) -> None:
    corpus = open_corpus(corpus_root)
    refused = _outcome(lambda typed: corpus.matching(parse(typed)), text)
    assert isinstance(refused, str)
    assert refused == _outcome(partial(_reference, corpus_root), text)


def test_an_id_is_looked_up_in_the_index_not_by_reading_every_row(corpus_root: Path) -> None:
    catalog = open_corpus(corpus_root).catalog
    assert catalog.order and catalog.queries._settled()  # read once for every query
    statements: list[str] = []
    catalog.db.set_trace_callback(statements.append)
    for text in ("id:000_", "id:000003 id:004", "id:0001"):  # the last ambiguous: counted
        _outcome(lambda typed: catalog.matching(parse(typed)), text)
    catalog.db.set_trace_callback(None)
    # Each query also asks whether another connection committed (PRAGMA data_version).
    statements = [s for s in statements if not s.startswith("PRAGMA")]
    assert len(statements) == 5
    for statement in statements:
        plan = catalog.db.execute(f"EXPLAIN QUERY PLAN {statement}").fetchall()
        index = "sqlite_autoindex_articles_1"  # UNIQUE(id)
        assert [row[3] for row in plan] == [f"SEARCH articles USING INDEX {index} (id>? AND id<?)"]


def _outcome(answer: Callable[[str], list[str]], text: str) -> list[str] | str:
    """What a query answers: the articles, or the message it is refused with."""
    try:
        return answer(text)
    except QueryError as error:
        return str(error)


def test_articles_stored_since_the_build_are_listed_in_place(
    corpus_root: Path, tmp_path: Path
) -> None:
    """Rowids follow id order up to the build's last one; articles changed or added since, and
    stale rowids, are put in place or left out, a few at a time or with a pass over all."""
    root = tmp_path / "corpus"
    shutil.copytree(corpus_root, root, ignore=shutil.ignore_patterns(".brief-index*"))
    corpus = open_corpus(root)
    assert int(tables.meta(corpus.catalog.db, "in_order") or 0) >= 155
    seeds = sorted((root / "seeds").glob("*.txt"))

    def edit(paths: list[Path]) -> None:
        for path in paths:
            path.write_text(path.read_text("utf-8").replace("تونس", "zebra تونس", 1), "utf-8")

    edit(seeds[:3] + seeds[-2:])  # the first and last ids too
    shutil.copy(seeds[7], root / "seeds" / f"{seeds[7].stem}a.txt")  # an id in the middle
    seeds[9].unlink()
    for rounds in range(2):
        corpus.refresh()
        # An id that is a prefix of another names the article of that id; the prefix of
        # both is refused.
        named = [f"id:{seeds[7].stem}", f"id:{seeds[7].stem} zebra", "id:000007", "-id:000007"]
        for text in [*QUERIES, "zebra", "zebra تونس", "-zebra", *named]:
            expected = _outcome(partial(_reference, root), text)
            found = _outcome(lambda typed: corpus.matching(parse(typed)), text)
            assert found == expected, (rounds, text)
        assert corpus.matching(parse(named[0])) == [seeds[7].stem]
        edit(seeds[20:40])  # more than a sixteenth: the pass over all


def test_an_edit_is_seen_by_one_and_two_character_terms(
    corpus_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The grams table's bitmaps, over many chunks of rowids (a small CHUNK_BITS): an edit's
    new rowid has its bits, its old rowid's stale bits are not answered."""
    monkeypatch.setattr(grams, "CHUNK_BITS", 8)
    root = tmp_path / "corpus"
    shutil.copytree(corpus_root, root, ignore=shutil.ignore_patterns(".brief-index*"))
    corpus = open_corpus(root)
    seeds = sorted((root / "seeds").glob("*.txt"))
    texts = ["ڤ", "qڤ", "ڤ تونس", "ت", "تو", "-ت", "who:ك", "x", "ko", '"ة "']
    for rounds in range(3):
        edited = seeds[rounds * 50]
        edited.write_text(edited.read_text("utf-8").replace("تونس", "qڤ", 1), "utf-8")
        seeds[rounds * 50 + 1].unlink()
        corpus.refresh()
        for text in texts:
            assert corpus.matching(parse(text)) == _reference(root, text), (rounds, text)
        assert len(corpus.matching(parse("qڤ"))) == rounds + 1


def _first_matching_is_a_head(corpus: Corpus, texts: list[str]) -> int:
    """`first_matching` gives the start of `matching`'s list, all of it when it says so, with
    each term but one read before (as when the last is being typed); how often it stopped
    short, reading less than the term matches."""
    catalog = corpus.catalog
    short = 0
    for text in texts:
        query = parse(text)
        for limit in (1, 5, 70):
            for typed in range(len(query.terms)):
                catalog.queries._terms.clear()
                others = query.terms[:typed] + query.terms[typed + 1 :]
                catalog.matching(Query(text, others))
                first, complete = catalog.first_matching(query, limit)
                everything = catalog.matching(query)
                assert first == everything[: len(first)], (text, limit)
                assert len(first) >= min(limit, len(everything)), (text, limit)
                if complete:
                    assert first == everything, (text, limit)
                short += not complete
    return short


def test_the_first_matches_are_read_a_screen_at_a_time(corpus_root: Path, tmp_path: Path) -> None:
    """Also after articles changed since the build (rowids out of id order, stale ones)."""
    root = tmp_path / "corpus"
    shutil.copytree(corpus_root, root, ignore=shutil.ignore_patterns(".brief-index*"))
    corpus = open_corpus(root)
    texts = [*QUERIES, "تونس -zebra", "koman تونس", "ت when:2020..", "tag:cyber تونس", "zebra"]
    assert _first_matching_is_a_head(corpus, texts) > 20
    seeds = sorted((root / "seeds").glob("*.txt"))
    for path in seeds[:3] + seeds[40:45] + seeds[-2:]:
        path.write_text(path.read_text("utf-8").replace("تونس", "zebra تونس", 1), "utf-8")
    seeds[9].unlink()
    corpus.refresh()
    assert _first_matching_is_a_head(corpus, texts) > 20


def test_the_queries_see_what_another_connection_stored(corpus_root: Path, tmp_path: Path) -> None:
    """A term's rowids, the list's order: nothing kept outlives a commit on another connection
    (a watcher's, a thread's sync), and no caller has to say so."""
    root = tmp_path / "corpus"
    shutil.copytree(corpus_root, root, ignore=shutil.ignore_patterns(".brief-index*"))
    reader = open_corpus(root).catalog
    assert reader.matching(parse("zebra")) == []
    assert reader.first_matching(parse("تونس"), 3)[1] is False  # a term half read
    count = len(reader.order)
    seeds = sorted((root / "seeds").glob("*.txt"))
    seeds[5].write_text(seeds[5].read_text("utf-8") + "\nzebra\n", "utf-8")
    seeds[6].unlink()
    other = Catalog(root)
    assert other.sync().changed == 2
    other.close()
    assert reader.ids(reader.matching(parse("zebra"))) == [seeds[5].stem]
    assert len(reader.order) == count - 1
    first, complete = reader.first_matching(parse("تونس"), 3)
    assert not complete and first == reader.matching(parse("تونس"))[: len(first)]


def test_terms_read_in_a_thread_are_kept(corpus_root: Path) -> None:
    corpus = open_corpus(corpus_root)
    catalog = corpus.catalog
    catalog.queries._terms.clear()
    query = parse("تونس")
    assert catalog.first_matching(query, 3)[1] is False
    worker = threading.Thread(target=catalog.read_terms, args=(query,))
    worker.start()
    worker.join()
    first, complete = catalog.first_matching(query, 3)
    assert complete and first == catalog.matching(query) and len(first) > 100


def test_a_read_interrupted_keeps_nothing(corpus_root: Path) -> None:
    catalog = open_corpus(corpus_root).catalog
    catalog.queries._terms.clear()
    assert catalog.read_terms(parse("x"))  # opens the thread's connection
    assert catalog.queries._background is not None

    def stop() -> int:  # as the next keystroke would, while the term is read
        catalog.stop_reading()
        return 0

    catalog.queries._background.set_progress_handler(stop, 1)
    assert catalog.read_terms(parse("تونس")) is False
    assert catalog.first_matching(parse("تونس"), 3)[1] is False  # still to be read


def test_queries_reach_every_path(corpus_root: Path) -> None:
    """The reference set is not trivial: some queries match some articles, not all or none."""
    corpus = open_corpus(corpus_root)
    counts = {text: len(corpus.matching(parse(text))) for text in QUERIES}
    assert counts["zzzq"] == 0 and counts[""] == 155
    partial = [text for text, count in counts.items() if 0 < count < 155]
    assert len(partial) >= 20, counts


def test_parallel_build_equals_serial(
    corpus_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = Catalog(corpus_root, tmp_path / "serial.sqlite")
    serial.sync()
    monkeypatch.setattr(sync, "PARALLEL_FROM", 10)
    progress: list[tuple[int, int]] = []
    parallel = Catalog(corpus_root, tmp_path / "parallel.sqlite")
    report = parallel.sync(lambda done, total: progress.append((done, total)))
    assert report.added == 155
    assert progress[-1] == (155, 155)
    for text in ("تونس", "who:person-3", "ت", "when:2020"):
        query = parse(text)
        assert serial.ids(serial.matching(query)) == parallel.ids(parallel.matching(query))


def _copy_seeds(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "annotations", root / "annotations")
    return root


def test_kept_in_step_with_the_files(tmp_path: Path) -> None:
    root = _copy_seeds(tmp_path)
    corpus = open_corpus(root)
    assert corpus.matching(parse("zebra")) == []
    article = root / "seeds" / "001_26d5d24b852057da.txt"

    # The same bytes with a new mtime: hashed, not re-read.
    os.utime(article, ns=(1, 1))
    assert corpus.refresh().updated == 0

    # An edit: found at once, and the old text no longer is.
    text = article.read_text("utf-8")
    article.write_text(text.replace("تونس", "zebra"), "utf-8")
    report = corpus.refresh()
    assert (report.added, report.updated, report.removed) == (0, 1, 0)
    assert corpus.matching(parse("zebra")) == ["001_26d5d24b852057da"]
    for text in ('"في تونس"', "zeb", "ze"):
        assert corpus.matching(parse(text)) == _reference(root, text)
    assert len(corpus) == 5

    # An annotation edit shows in the list row and the fields.
    notes = root / "annotations" / "002_d9a5e05a9b981f49.yaml"
    notes.write_text(notes.read_text("utf-8").replace("status: curated", "status: draft"))
    corpus.refresh()
    assert corpus.matching(parse("status:draft")) == ["002_d9a5e05a9b981f49"]
    summary = corpus.summary("002_d9a5e05a9b981f49")
    assert summary is not None and summary.status == "draft"

    # A new article, a deleted one.
    shutil.copy(article, root / "seeds" / "005_new.txt")
    (root / "seeds" / "000_99551782ef0ee64d.txt").unlink()
    report = corpus.refresh()
    assert (report.added, report.removed) == (1, 1)
    assert corpus.matching(parse("zebra")) == ["001_26d5d24b852057da", "005_new"]
    assert "000_99551782ef0ee64d" not in corpus.ids
    summary = corpus.summary("005_new")
    assert summary is not None and summary.status is None


def test_an_unreadable_article_is_reported_not_listed(tmp_path: Path) -> None:
    root = _copy_seeds(tmp_path)
    (root / "seeds" / "009_binary.txt").write_bytes(b"\x00\xff\xfe binary \x00")
    corpus = open_corpus(root)
    assert "009_binary" not in corpus.ids
    assert list(corpus.catalog.unreadable()) == ["009_binary"]
    assert len(corpus) == 5


def test_a_catalog_from_another_version_is_rebuilt(tmp_path: Path) -> None:
    root = _copy_seeds(tmp_path)
    corpus = open_corpus(root)
    path = corpus.catalog.path
    corpus.catalog.close()
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = 'old' WHERE key = 'version'")
    db.commit()
    db.close()
    again = open_corpus(root)
    assert again.matching(parse("تونس")) == open_corpus(root).matching(parse("تونس"))
    assert len(again) == 5


def test_a_damaged_catalog_is_a_clear_error(tmp_path: Path) -> None:
    root = _copy_seeds(tmp_path)
    (root / tables.FILE_NAME).write_bytes(b"not a database" * 100)
    result = subprocess.run(
        [sys.executable, "-m", "brief", "--corpus", str(root), "list", "x"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("brief: cannot open the catalog")
    assert "delete it" in result.stderr


def test_a_read_only_corpus_keeps_its_catalog_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy_seeds(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(tables.os, "access", lambda path, mode: False)
    corpus = open_corpus(root)
    assert corpus.catalog.path.parent == tmp_path / "cache" / "brief"
    assert len(corpus) == 5


def test_stamps_taken_in_worker_processes_equal_those_taken_here(
    corpus_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = stamps.start_scan(corpus_root)()
    monkeypatch.setattr(stamps, "PARALLEL_SCAN_FROM", 1)
    assert threading.active_count() == 1  # else the scan would not fork
    forked = stamps.start_scan(corpus_root)()
    assert forked == serial  # the stamps and their digest
    assert len(serial.stamps) == 155
    assert sum(1 for _, notes in serial.stamps.values() if notes) == 155


def test_a_file_whose_name_is_not_utf8_is_skipped_and_said(tmp_path: Path) -> None:
    """SQLite holds ids as UTF-8: such a file cannot be listed, and must not stop the rest."""
    root = _copy_seeds(tmp_path)
    shutil.copy(
        root / "seeds" / "001_26d5d24b852057da.txt", os.fsencode(root / "seeds") + b"/\xff.txt"
    )
    corpus = open_corpus(root)
    assert len(corpus) == 5
    assert corpus.catalog.skipped() == [f"{root}/seeds/\\xff.txt: its name is not UTF-8; rename it"]
    listed = subprocess.run(
        [sys.executable, "-m", "brief", "--corpus", str(root), "list"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 5
    assert listed.stderr == (
        f"brief: skipped {root}/seeds/\\xff.txt: its name is not UTF-8; rename it\n"
    )
    os.unlink(os.fsencode(root / "seeds") + b"/\xff.txt")
    corpus.refresh()
    assert corpus.catalog.skipped() == []


def test_two_briefs_making_one_catalog_at_once_both_open_it(tmp_path: Path) -> None:
    """Two readers started at once on a new corpus: neither may fail to make the catalog (the
    second's version row met the first's: UNIQUE constraint failed)."""
    import threading

    failures: list[str] = []
    for trial in range(10):
        root = tmp_path / f"corpus{trial}"
        shutil.copytree(ROOT / "seeds", root / "seeds")
        (root / "annotations").mkdir()

        def open_it(root: Path = root) -> None:
            try:
                Catalog(root).close()
            except CatalogError as error:
                failures.append(str(error))

        threads = [threading.Thread(target=open_it) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []


def test_a_full_sync_finds_each_annotation_change_and_only_those(tmp_path: Path) -> None:
    """The full sync compares the entries on disk and stored as sets: each change to an
    annotation file alone (added, removed, one for no article) is found, the rest left."""
    root = _copy_seeds(tmp_path)
    corpus = open_corpus(root)
    notes = root / "annotations" / "002_d9a5e05a9b981f49.yaml"
    kept = notes.read_bytes()
    notes.unlink()
    report = corpus.refresh()
    assert (report.updated, report.ids) == (1, {"002_d9a5e05a9b981f49"})
    summary = corpus.summary("002_d9a5e05a9b981f49")
    assert summary is not None and summary.status is None
    notes.write_bytes(kept)
    (root / "annotations" / "no_such_article.yaml").write_bytes(kept)
    report = corpus.refresh()
    assert (report.added, report.updated, report.ids) == (0, 1, {"002_d9a5e05a9b981f49"})
    summary = corpus.summary("002_d9a5e05a9b981f49")
    assert summary is not None and summary.status == "curated"
    assert corpus.refresh().changed == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_link_in_the_corpus_is_read_and_a_fifo_skipped_by_either_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The listing is names only: what is not a regular file is found by its stat, in the
    workers or here, and read or skipped as before."""
    root = _copy_seeds(tmp_path)
    (root / "seeds" / "linked.txt").symlink_to(root / "seeds" / "001_26d5d24b852057da.txt")
    os.mkfifo(root / "seeds" / "fifo.txt")
    serial = stamps.start_scan(root)()
    monkeypatch.setattr(stamps, "PARALLEL_SCAN_FROM", 1)
    forked = stamps.start_scan(root)()
    # A block of names with a link in it has a digest of its own in each scan: always looked at.
    assert replace(forked, blocks=()) == replace(serial, blocks=())
    assert "linked" in serial.stamps and "fifo" not in serial.stamps
    assert serial.skipped == (f"{root}/seeds/fifo.txt: a FIFO, not a file",)
    assert len(open_corpus(root)) == 6


def test_brief_list_after_edits_lists_in_id_order_without_stale_rows(tmp_path: Path) -> None:
    """brief list gives the lines' query the rowids unordered, stale ones among them: the
    lines come out in id order all the same, an edited article once, a word only its old text
    held matches nothing (exit status 1), an added article in its place."""
    root = _copy_seeds(tmp_path)
    seeds = sorted((root / "seeds").glob("*.txt"))
    kept = seeds[2].read_text("utf-8")
    seeds[2].write_text(kept + " qqxyz", "utf-8")
    open_corpus(root).close()
    seeds[2].write_text(kept, "utf-8")
    first = seeds[0]
    first.write_text(first.read_text("utf-8").replace("تونس", "zebra", 1) + " تونس", "utf-8")
    shutil.copy(seeds[3], root / "seeds" / f"{seeds[1].stem}a.txt")  # between two ids

    def listed(*query: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "brief", "--corpus", str(root), "list", *query],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )

    everything = listed()
    ids = [line.split("  ")[0] for line in everything.stdout.splitlines()]
    assert ids == sorted([path.stem for path in seeds] + [f"{seeds[1].stem}a"])
    common = listed("تونس")
    assert common.returncode == 0
    common_ids = [line.split("  ")[0] for line in common.stdout.splitlines()]
    assert common_ids == sorted(set(common_ids)) and first.stem in common_ids
    assert common.stdout == "".join(
        line + "\n" for line in everything.stdout.splitlines() if line.split("  ")[0] in common_ids
    )
    assert listed("zebra").stdout.split("  ")[0] == first.stem
    stale = listed("qqxyz")
    assert (stale.returncode, stale.stdout) == (1, "")
    (root / "seeds" / f"{seeds[1].stem}a.txt").unlink()
    gone = listed(f'"{seeds[3].read_text("utf-8").split()[0]}"')
    assert f"{seeds[1].stem}a" not in gone.stdout


def _fifo_in_place(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


BLOCK_CHANGES: dict[str, Callable[[Path], None]] = {
    "an article edited": lambda root: (root / "seeds" / "001_26d5d24b852057da.txt").write_text(
        "عنوان\n\nنص آخر.\n"
    ),
    "an annotation edited": lambda root: (
        root / "annotations" / "003_4c77df3cdd400cf5.yaml"
    ).write_text("schema_version: 2\nstatus: draft\n"),
    "an annotation emptied": lambda root: (
        root / "annotations" / "000_99551782ef0ee64d.yaml"
    ).write_bytes(b""),
    "an article made a FIFO": lambda root: _fifo_in_place(
        root / "seeds" / "004_0b6d1692144c6f75.txt"
    ),
    "an article removed": lambda root: (root / "seeds" / "002_d9a5e05a9b981f49.txt").unlink(),
    "an annotation added": lambda root: (root / "annotations" / "x05.yaml").write_text("x: 1\n"),
}
# Written over in place: the folders list the same names in the same order.
IN_PLACE = ("an article edited", "an annotation edited", "an annotation emptied")


@pytest.mark.parametrize("change", BLOCK_CHANGES)
def test_the_blocks_that_moved_plan_what_the_whole_comparison_plans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """With the names listed as at the last full sync, only the files of the blocks whose
    digest moved are looked at: the plan is the one comparing every entry gives, and the sync
    finds the change; with names come or gone, every entry is compared."""
    monkeypatch.setattr(stamps, "BLOCK", 2)
    root = _copy_seeds(tmp_path)
    for k in range(40):  # more blocks: two names each, in two slices a folder
        shutil.copy(root / "seeds" / "000_99551782ef0ee64d.txt", root / "seeds" / f"x{k:02}.txt")
    open_corpus(root)
    names = {folder: sorted(os.listdir(root / folder)) for folder in ("seeds", "annotations")}
    BLOCK_CHANGES[change](root)
    catalog = Catalog(root)
    scan = stamps.start_scan(root)()
    moved = scan.moved_since(tables.meta(catalog.db, "blocks"))
    if change in IN_PLACE:
        assert moved is not None and 0 < len(moved) <= 2  # a block's names, of 45 articles'
    elif any(sorted(os.listdir(root / f)) != n for f, n in names.items()):
        assert moved is None
    by_blocks = sync.plan(catalog.db, scan, True, tables.meta(catalog.db, "blocks"))
    by_entries = sync._plan_whole(catalog.db, scan)
    assert (by_blocks.gone, by_blocks.changed) == (by_entries.gone, by_entries.changed)
    assert by_blocks.whole and by_blocks.changed + by_blocks.gone
    report = Corpus(root, catalog).refresh()
    assert report.ids == set(by_entries.changed) | set(by_entries.gone)
    assert Corpus(root, catalog).refresh().changed == 0


def test_a_sync_of_some_articles_between_a_full_syncs_batches_is_not_forgotten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full sync commits batch by batch; the reader's or a watcher's sync of an article can
    store between two of them. What it stored is not in the full sync's scan, so the full
    sync's digests are not kept as a summary of the files: here an article renamed away and
    back (a rename keeps its stamp) while that happened would otherwise stay missing, and the
    name it had meanwhile listed, through every later sync (found by a second pair of eyes)."""
    monkeypatch.setattr(stamps, "BLOCK", 2)
    monkeypatch.setattr(sync, "BATCH", 2)
    root = _copy_seeds(tmp_path)
    for k in range(40):
        shutil.copy(root / "seeds" / "000_99551782ef0ee64d.txt", root / "seeds" / f"x{k:02}.txt")
    open_corpus(root)
    for k in range(10):  # a full sync of several batches
        with (root / "seeds" / f"x{k:02}.txt").open("a", encoding="utf-8") as article:
            article.write("\nسطر آخر.\n")
    moved, away = root / "seeds" / "x30.txt", root / "seeds" / "away.txt"

    def meanwhile(done: int, total: int) -> None:
        if done == 2:  # after the first batch: the file renamed, another sync, renamed back
            moved.rename(away)
            other = Catalog(root)
            other.sync(only=["x30", "away"])
            other.close()
            away.rename(moved)

    Catalog(root).sync(progress=meanwhile)
    (root / "seeds" / "x35.txt").write_text("عنوان\n\nنص جديد.\n", encoding="utf-8")
    corpus = open_corpus(root)  # a full sync, as brief list's
    assert set(corpus.ids) == {p.stem for p in (root / "seeds").glob("*.txt")}
