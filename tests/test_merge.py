"""`brief merge` as git runs it: real repositories (a corpus from `brief init --git`), two
branches that each change an annotation file through brief's own writer, `git merge`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from brief.annotations.merge import merge_texts
from brief.annotations.store import AnnotationFile
from brief.annotations.validate import check_text

ROOT = Path(__file__).parent.parent
ARTICLE = "000_99551782ef0ee64d"
GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="needs git")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        # git finds this brief (the venv's) as `brief`, as it would an installed one.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)


def git(*args: str, cwd: Path) -> str:
    result = run("git", *args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A corpus in git with the seeds and their curated annotations, on main."""
    corpus = tmp_path / "news"
    made = run(sys.executable, "-m", "brief", "init", str(corpus), "--git", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    # The driver by its full path: git may run it where the venv's brief is not on PATH.
    driver = git("config", "merge.brief.driver", cwd=corpus).strip()
    assert driver.endswith(" merge %O %A %B %P") and Path(driver.split()[0]).is_absolute()
    for seed in (ROOT / "seeds").glob("*.txt"):  # the events of one refer to the others'
        shutil.copy(seed, corpus / "seeds")
        shutil.copy(ROOT / "annotations" / f"{seed.stem}.yaml", corpus / "annotations")
    git("checkout", "-q", "-b", "main", cwd=corpus)
    git("add", "-A", cwd=corpus)
    git("commit", "-q", "-m", "seed", cwd=corpus)
    return corpus


def path_of(corpus: Path) -> Path:
    return corpus / "annotations" / f"{ARTICLE}.yaml"


def on_branch(corpus: Path, branch: str, change: object, base: str = "main") -> None:
    """`change(AnnotationFile)` made and saved through brief's writer, committed on `branch`."""
    git("checkout", "-q", "-b", branch, base, cwd=corpus)
    edited = AnnotationFile.open(corpus, ARTICLE)
    change(edited)  # type: ignore[operator]
    edited.save()
    git("commit", "-q", "-am", branch, cwd=corpus)


def place_ids(text: str) -> list[str]:
    where = text.split("\nwhere:\n")[1].split("\nevents:")[0]
    return [line.removeprefix("  - id: ") for line in where.splitlines() if "  - id: " in line]


def place(place_id: str, english: str, quote: str) -> dict[str, object]:
    return {"id": place_id, "name": {"en": english}, "kind": "venue", "evidence": [quote]}


def test_two_branches_each_adding_a_place_merge_without_conflict(repo: Path) -> None:
    secretariat = "الأمانة العامة لمجلس وزراء الداخلية العرب"
    on_branch(repo, "a", lambda f: f.add_item("where", place("secretariat", "HQ", secretariat)))
    on_branch(repo, "b", lambda f: f.add_item("where", place("tunis-venue", "Venue", "بتونس")))
    git("checkout", "-q", "a", cwd=repo)
    merged = run("git", "merge", "--no-edit", "b", cwd=repo)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    text = path_of(repo).read_text(encoding="utf-8")
    base = git("show", f"main:annotations/{ARTICLE}.yaml", cwd=repo)
    assert place_ids(text) == [*place_ids(base), "secretariat", "tunis-venue"]
    assert "<<<<<<<" not in text
    assert run(sys.executable, "-m", "brief", "validate", "--strict", cwd=repo).returncode == 0
    # What neither side touched is byte for byte as it was.
    assert text.startswith(base.split("\nevents:")[0])
    assert text.endswith(base.split("\nevents:")[1])


def test_without_the_driver_git_conflicts(repo: Path) -> None:
    """The issue this driver answers: both writers append at the same place."""
    (repo / ".gitattributes").unlink()
    git("commit", "-q", "-am", "no driver", cwd=repo)
    on_branch(repo, "a", lambda f: f.add_item("where", place("hq", "HQ", "بتونس")))
    on_branch(repo, "b", lambda f: f.add_item("where", place("venue", "Venue", "بتونس")), "main")
    git("checkout", "-q", "a", cwd=repo)
    assert run("git", "merge", "--no-edit", "b", cwd=repo).returncode == 1


def test_a_clone_is_told_how_to_set_the_driver_and_then_merges(repo: Path) -> None:
    """git does not copy a repository's config into a clone: the colleague's first merge of
    two additions conflicts; brief validate says why and how; after brief init --git it merges."""
    clone = repo.parent / "colleague"
    git("clone", "-q", str(repo), str(clone), cwd=repo.parent)
    git("checkout", "-q", "-B", "main", "origin/main", cwd=clone)
    on_branch(clone, "a", lambda f: f.add_item("where", place("hq", "HQ", "بتونس")))
    on_branch(clone, "b", lambda f: f.add_item("where", place("venue", "Venue", "بتونس")))
    git("checkout", "-q", "a", cwd=clone)
    assert run("git", "merge", "--no-edit", "b", cwd=clone).returncode == 1
    checked = run(sys.executable, "-m", "brief", "validate", cwd=clone)
    assert checked.returncode == 1
    assert checked.stderr.endswith(
        "brief: git here has no merge driver for annotation files (a clone does not copy it): "
        "brief init --git sets it, so that merges keep both sides' additions\n"
    )
    git("merge", "--abort", cwd=clone)
    assert run(sys.executable, "-m", "brief", "init", "--git", cwd=clone).returncode == 0
    merged = run("git", "merge", "--no-edit", "b", cwd=clone)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert place_ids(path_of(clone).read_text("utf-8"))[-2:] == ["hq", "venue"]
    again = run(sys.executable, "-m", "brief", "validate", cwd=clone)
    assert again.returncode == 0 and "merge driver" not in again.stderr


def test_a_true_conflict_is_marked_around_that_item_only(repo: Path) -> None:
    def kind(value: str) -> object:
        def change(edited: AnnotationFile) -> None:
            at = [item["id"] for item in edited.document["where"]].index("kuwait")
            item = dict(edited.document["where"][at])
            edited.replace_item("where", at, {**item, "kind": value})
            edited.add_item("where", place(f"place-{value}", value, "بتونس"))

        return change

    on_branch(repo, "a", kind("region"))
    on_branch(repo, "b", kind("other"))
    git("checkout", "-q", "a", cwd=repo)
    merged = run("git", "merge", "--no-edit", "b", cwd=repo)
    assert merged.returncode == 1
    assert "1 conflict marked around the items" in merged.stdout + merged.stderr
    text = path_of(repo).read_text(encoding="utf-8")
    lines = text.splitlines()
    start, middle, end = (lines.index(m) for m in ("<<<<<<< ours", "=======", ">>>>>>> theirs"))
    assert lines[start + 1] == lines[middle + 1] == "  - id: kuwait"
    assert "    kind: region" in lines[start:middle] and "    kind: other" in lines[middle:end]
    assert text.count("<<<<<<<") == 1
    # Both sides' additions are kept outside the markers.
    assert "  - id: place-region" in lines[end:] and "  - id: place-other" in lines[end:]
    # brief validate names the markers with their lines.
    checked = run(sys.executable, "-m", "brief", "validate", cwd=repo)
    assert checked.returncode == 1
    shown = f"annotations/{ARTICLE}.yaml"
    assert checked.stdout.splitlines()[:3] == [
        f"{shown}:{start + 1}:1: unresolved merge conflict marker <<<<<<<: keep one side (or "
        "both) and remove the markers",
        f"{shown}:{middle + 1}:1: unresolved merge conflict marker =======: keep one side (or "
        "both) and remove the markers",
        f"{shown}:{end + 1}:1: unresolved merge conflict marker >>>>>>>: keep one side (or "
        "both) and remove the markers",
    ]


def test_hand_comments_are_kept_where_they_stand(repo: Path) -> None:
    path = path_of(repo)
    text = path.read_text(encoding="utf-8")
    extra = '  - id: extra\n    name: {en: "Extra"}\n    kind: city\n    evidence: ["بتونس"]\n'
    comment = "  # the delegation's country (hand comment)\n"
    text = text.replace("  - id: kuwait\n", f"{extra}{comment}  - id: kuwait\n")
    text = text.replace("status: curated\n", "status: curated  # checked against the article\n")
    path.write_text(text, encoding="utf-8")
    git("commit", "-q", "-am", "comments", cwd=repo)

    def ours(edited: AnnotationFile) -> None:
        edited.set_field("tags", ["cybercrime", "artificial-intelligence", "tunis"])

    def theirs(edited: AnnotationFile) -> None:
        at = [item["id"] for item in edited.document["where"]].index("extra")
        edited.delete_item("where", at)  # the comment above kuwait, after it, stays

    on_branch(repo, "a", ours)
    on_branch(repo, "b", theirs)
    git("checkout", "-q", "a", cwd=repo)
    assert run("git", "merge", "--no-edit", "b", cwd=repo).returncode == 0
    merged = path.read_text(encoding="utf-8")
    assert "status: curated  # checked against the article\n" in merged
    assert "\n  # the delegation's country (hand comment)\n  - id: kuwait\n" in merged
    assert "  - id: extra\n" not in merged
    assert "tags: [cybercrime, artificial-intelligence, tunis]" in merged


def test_the_result_is_validated(repo: Path) -> None:
    """Merged cleanly, but not valid: exit 1 and the problem said, so git leaves it to resolve."""
    base = path_of(repo).read_text(encoding="utf-8")
    bad = '  - id: bad\n    name: {en: "X"}\n    evidence: ["not in the article at all"]\n'
    theirs = base.replace("  - id: kuwait\n", bad + "  - id: kuwait\n")
    files = {name: repo / f"{name}.yaml" for name in ("base", "ours", "theirs")}
    for name, text in (("base", base), ("ours", base), ("theirs", theirs)):
        files[name].write_text(text, encoding="utf-8")
    args = [str(files[n]) for n in ("base", "ours", "theirs")]
    named = f"annotations/{ARTICLE}.yaml"
    result = run(sys.executable, "-m", "brief", "merge", *args, named, cwd=repo)
    assert result.returncode == 1
    assert "evidence not found in the article: 'not in the article at all'" in result.stderr
    assert result.stderr.endswith("merged, but not valid: fix it, then git add\n")
    assert files["ours"].read_text(encoding="utf-8") == theirs


def test_the_seeds_merge_each_addition_kept() -> None:
    """Every bundled file: one side adds a place, the other a decision and a tag."""
    for path in sorted((ROOT / "annotations").glob("*.yaml")):
        base = path.read_text(encoding="utf-8")
        added = '  - id: added-by-a\n    name: {en: "A"}\n    evidence: ["في"]\n'
        ours = base.replace("\nwhere:\n", "\nwhere:\n" + added, 1)
        theirs = base.replace("\ntags: [", "\ntags: [added-by-b, ", 1)
        merged = merge_texts(base, ours, theirs)
        assert merged.conflicts == 0, path
        assert "  - id: added-by-a\n" in merged.text and "added-by-b" in merged.text, path
        problems = [p for p in check_text(ROOT, path, merged.text) if not p.warning]
        assert problems == [], path


def test_both_adding_the_same_item_alike_is_one_item_and_differently_a_conflict() -> None:
    base = 'schema: 2\narticle: x\nstatus: draft\ntitle: {ar: "ع"}\n'
    item = '  - id: tunis\n    name: {ar: "تونس"}\n    evidence: ["تونس"]\n'
    alike = merge_texts(base, base + "where:\n" + item, base + "where:\n" + item)
    assert (alike.conflicts, alike.text.count("- id: tunis")) == (0, 1)
    other = item.replace('تونس"}', 'تونس", en: "Tunis"}')
    differ = merge_texts(base, base + "where:\n" + item, base + "where:\n" + other)
    assert differ.conflicts == 1
    assert (
        differ.text
        == base + "where:\n<<<<<<< ours\n" + item + "=======\n" + other + ">>>>>>> theirs\n"
    )


def test_a_version_that_is_not_yaml_is_merged_by_lines() -> None:
    base = "schema: 2\nstatus: draft\n"
    merged = merge_texts(base, "schema: 2\nstatus: [\n", "schema: 2\nstatus: curated\n")
    assert merged.by_lines and merged.conflicts == 1
    assert "<<<<<<< ours" in merged.text
