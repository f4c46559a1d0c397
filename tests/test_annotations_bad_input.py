"""Bad annotation files: each gets one clear message pointing at the problem, no traceback,
and no file is changed."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from brief.annotations.load import load_annotation
from brief.annotations.validate import validate

SEEDS = Path(__file__).parent.parent / "seeds"
ARTICLE = "000_99551782ef0ee64d"
VALID = """\
# yaml-language-server: $schema=schema.json
schema: 1
article: 000_99551782ef0ee64d
status: draft
title: {ar: "الكويت: ضرورة تعزيز التعاون العربي", en: "Kuwait urges Arab cooperation"}
who:
  - id: hamad-al-mahmoud
    name: {ar: "حمد المحمود", en: "Hamad Al-Mahmoud"}
    kind: person
    evidence: ["العقيد حمد المحمود"]
decisions:
  - what: {en: "Recommendations to come"}
    kind: announcement
    status: announced
    by: [hamad-al-mahmoud]
    evidence: ["المؤتمر ستنبثق عنه توصيات عملية"]
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "annotations").mkdir()
    shutil.copy(SEEDS / f"{ARTICLE}.txt", tmp_path / "seeds")
    return tmp_path


def _messages(corpus: Path, content: str | bytes) -> list[str]:
    path = corpus / "annotations" / f"{ARTICLE}.yaml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    report = validate(corpus)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "validate changed the file"
    return [p.format(corpus) for p in report.problems]


def test_valid_file_has_no_problems(corpus: Path) -> None:
    assert _messages(corpus, VALID) == []


def test_malformed_yaml_points_at_the_syntax_error(corpus: Path) -> None:
    [message] = _messages(corpus, "schema: 1\nwho: [a, b\nstatus: draft\n")
    assert message.startswith("annotations/000_99551782ef0ee64d.yaml:3:")
    assert "not valid YAML" in message


def test_wrong_type_points_at_the_node(corpus: Path) -> None:
    text = VALID.replace("    kind: person\n", "    kind: [person]\n")
    [message] = _messages(corpus, text)
    assert message == (
        "annotations/000_99551782ef0ee64d.yaml:9:11: who.0.kind: must be one of "
        "'person', 'organization' or 'group', not ['person']"
    )


def test_missing_field_points_at_its_parent(corpus: Path) -> None:
    text = VALID.replace("    kind: announcement\n", "")
    [message] = _messages(corpus, text)
    assert message == (
        "annotations/000_99551782ef0ee64d.yaml:12:5: decisions.0.kind: required field missing"
    )


def test_duplicate_key_is_refused(corpus: Path) -> None:
    [message] = _messages(corpus, VALID + "status: curated\n")
    assert message == (
        "annotations/000_99551782ef0ee64d.yaml:17:1: duplicate key 'status' (first at line 4)"
    )


def test_unsafe_tag_is_refused(corpus: Path) -> None:
    [message] = _messages(corpus, VALID + "notes: !!python/object/apply:os.system ['true']\n")
    assert message.startswith(
        "annotations/000_99551782ef0ee64d.yaml:17:8: unsafe or unknown YAML tag"
    )
    assert "!!python/object/apply:os.system" in message


def test_quote_not_in_the_article(corpus: Path) -> None:
    text = VALID.replace('["العقيد حمد المحمود"]', '["العقيد حمد المحمودي"]')
    [message] = _messages(corpus, text)
    assert message == (
        "annotations/000_99551782ef0ee64d.yaml:10:16: evidence not found in the article: "
        "'العقيد حمد المحمودي'"
    )


def test_undefined_by_id_is_a_warning(corpus: Path) -> None:
    text = VALID.replace("by: [hamad-al-mahmoud]", "by: [someone-else]")
    [message] = _messages(corpus, text)
    assert message == (
        "annotations/000_99551782ef0ee64d.yaml:15:10: warning: 'someone-else' in by is not "
        "defined in who"
    )


def test_huge_file_is_refused_without_reading_it(corpus: Path) -> None:
    [message] = _messages(corpus, b"# " + b"x" * (50 * 1024 * 1024) + b"\n")
    assert message == (
        "annotations/000_99551782ef0ee64d.yaml: file is 52.4 MB, over the 2 MiB limit for an "
        "annotation file"
    )


def test_non_utf8_bytes(corpus: Path) -> None:
    [message] = _messages(corpus, b"schema: 1\nnotes: caf\xe9\n")
    assert message == (
        "annotations/000_99551782ef0ee64d.yaml:2:11: not UTF-8 text (byte 0xe9 at offset 20)"
    )


def test_empty_file(corpus: Path) -> None:
    [message] = _messages(corpus, "")
    assert message == (
        "annotations/000_99551782ef0ee64d.yaml:1:1: empty file: expected a mapping with schema: 2"
    )


def test_directory_named_like_a_file(corpus: Path) -> None:
    (corpus / "annotations" / f"{ARTICLE}.yaml").mkdir()
    [problem] = validate(corpus).problems
    assert problem.format(corpus) == (
        "annotations/000_99551782ef0ee64d.yaml: is a directory, not an annotation file"
    )


def test_annotation_without_article_and_article_without_annotation(corpus: Path) -> None:
    (corpus / "annotations" / "999_orphan.yaml").write_text(
        VALID.replace(ARTICLE, "999_orphan"), encoding="utf-8"
    )
    messages = [p.format(corpus) for p in validate(corpus).problems]
    assert messages == [
        "annotations/999_orphan.yaml: warning: no article 999_orphan.txt in seeds/",
        "seeds/000_99551782ef0ee64d.txt: warning: article has no annotations file",
    ]


def test_cli_reports_problems_and_exits_1_without_traceback(corpus: Path) -> None:
    (corpus / "annotations" / f"{ARTICLE}.yaml").write_text("schema: [\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "brief", "--corpus", str(corpus), "validate"],
        capture_output=True,
        text=True,
        cwd=corpus,
    )
    assert result.returncode == 1
    assert result.stdout.startswith("annotations/000_99551782ef0ee64d.yaml:2:1: not valid YAML")
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == "1 annotation files checked: 1 error, 0 warnings"


def test_loader_refuses_a_scalar_document(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("just text\n", encoding="utf-8")
    [problem] = load_annotation(path).problems
    assert problem.message == "expected a mapping at the top, found str"


def billion_laughs(levels: int = 9) -> str:
    """Nested aliases: 10 KB of YAML that would expand to 10**levels strings."""
    anchors = ['  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    anchors += [f"  a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 10)}]" for k in range(1, levels)]
    return VALID.replace("kind: person", f"kind: *a{levels - 1}").replace(
        "who:\n", "lol:\n" + "\n".join(anchors) + "\nwho:\n"
    )


def test_anchors_and_aliases_are_refused_before_anything_expands(corpus: Path) -> None:
    assert _messages(corpus, billion_laughs()) == [
        "annotations/000_99551782ef0ee64d.yaml:7:7: &a0 is refused: annotation files have no "
        "anchors or aliases (& and *); write the value out"
    ]
    alias_only = VALID.replace("kind: person", "kind: *p")
    assert _messages(corpus, alias_only) == [
        "annotations/000_99551782ef0ee64d.yaml:9:11: the alias *p is refused: annotation files"
        " have no anchors or aliases (& and *); write the value out"
    ]
    # An & or * in text is no anchor.
    assert _messages(corpus, VALID.replace("Kuwait urges", "AT&T *and* Kuwait urge")) == []


def test_a_file_of_only_comments_is_empty(corpus: Path) -> None:
    for content in ("# yaml-language-server: $schema=schema.json\n", "# a\n\n# b\n", "---\n"):
        message = (
            "empty file: it holds no data (comments at most); expected a mapping with schema: 2"
        )
        assert _messages(corpus, content) == [f"annotations/{ARTICLE}.yaml:1:1: {message}"]


@pytest.mark.parametrize(
    ("key", "kind"), [("? [a, b]\n: 1\n", "list"), ("? {a: 1}\n: 1\n", "mapping")]
)
def test_a_list_or_mapping_as_a_key_is_one_line(corpus: Path, key: str, kind: str) -> None:
    assert _messages(corpus, VALID + key) == [
        f"annotations/{ARTICLE}.yaml:17:3: a key must be a name such as who, not a {kind}"
    ]


def test_messages_quote_a_short_excerpt_of_a_value(corpus: Path) -> None:
    huge = "ب" * 500_000
    [kind] = _messages(corpus, VALID.replace("kind: person", f'kind: "{huge}"'))
    assert kind == (
        f"annotations/{ARTICLE}.yaml:9:11: who.0.kind: must be one of 'person', 'organization' "
        "or 'group', not '" + "ب" * 59 + "…'"
    )
    quote = VALID.replace('evidence: ["العقيد حمد المحمود"]', f'evidence: ["\\e]0;{huge}"]')
    [evidence] = _messages(corpus, quote)
    assert evidence == (
        f"annotations/{ARTICLE}.yaml:10:16: evidence not found in the article: '␛]0;"
        + "ب" * 55
        + "…'"
    )


def test_more_values_than_any_annotation_holds_are_refused(corpus: Path) -> None:
    many = VALID + "tags: [" + ", ".join(["t"] * 20_000) + "]\n"
    assert _messages(corpus, many) == [
        f"annotations/{ARTICLE}.yaml:17:29864: more than 10,000 values: far more than an article's "
        "annotations hold, refused"
    ]


def test_problems_against_the_schema_are_capped(corpus: Path) -> None:
    many = VALID.replace("who:\n", "who:\n" + "  - {}\n" * 3000)
    messages = _messages(corpus, many)
    assert len(messages) == 51
    assert messages[-1] == (
        f"annotations/{ARTICLE}.yaml: and 11,950 more problems against the schema; fix these first"
    )


def test_billion_laughs_costs_little_in_every_command(corpus: Path) -> None:
    """validate, list and export (the catalog reads every annotation file) under a limit of
    memory and time: one line each, no traceback."""
    (corpus / "annotations" / f"{ARTICLE}.yaml").write_text(billion_laughs(), "utf-8")
    limit = (
        "import resource, runpy, sys; "
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
        "sys.argv = ['brief'] + sys.argv[1:]; runpy.run_module('brief', run_name='__main__')"
    )
    for command in (["validate"], ["list"], ["export"]):
        result = subprocess.run(
            [sys.executable, "-c", limit, *command, "--corpus", str(corpus)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr, command
        assert result.returncode in (0, 1), (command, result.stderr)


def test_list_and_export_say_which_annotation_files_do_not_load(corpus: Path) -> None:
    """A file left in conflict after a merge: its items are missing from every answer, and
    brief list and brief export say so rather than leave them out unsaid."""
    path = corpus / "annotations" / f"{ARTICLE}.yaml"
    path.write_text(VALID + "<<<<<<< ours\nwhere: []\n=======\n>>>>>>> theirs\n", "utf-8")
    said = (
        f"brief: warning: {path} does not load, so its annotations are left out "
        "(brief validate says why)\n"
    )
    for command in (["list"], ["export", "-o", str(corpus / "brief.md")]):
        result = subprocess.run(
            [sys.executable, "-m", "brief", *command],
            capture_output=True, text=True, cwd=corpus, timeout=120,
        )  # fmt: skip
        assert result.returncode == 0
        assert result.stderr.startswith(said), result.stderr
    path.write_text(VALID, "utf-8")  # resolved: nothing more is said
    listed = subprocess.run(
        [sys.executable, "-m", "brief", "list"], capture_output=True, text=True, cwd=corpus
    )
    assert listed.stderr == ""


@pytest.mark.parametrize(
    "text",
    [
        VALID,
        "a: 1\nb: true\nc: ~\nd: 2025-10-01\ne: 1.5\nf: '2'\ng: [x, 0x1f, no]\n",
        "other:\n  <<: {x: 1}\n  y: 2\n",  # a merge key: the loader merges it
        "? [a, b]\n: c\n",
        "1: one\n2: two\n",
        "a: 1\na: 2\n",
        "a: !!python/object:os.system x\n",
        "a: !mine x\n",
        "- [[[]]]\n- {}\n- ''\n",
    ],
)
def test_files_read_as_pyyaml_reads_them(text: str) -> None:
    """read_nodes builds plain data itself (a third of PyYAML's time): the same data, or the
    same refusal, as PyYAML's constructor."""
    import yaml

    from brief.annotations.load import _BaseLoader, _Loader, read_nodes

    def theirs() -> object:
        loader = _Loader(text)
        try:
            return loader.construct_document(loader.get_single_node())
        finally:
            loader.dispose()

    try:
        expected = theirs()
    except yaml.YAMLError as error:
        with pytest.raises(type(error)) as raised:
            read_nodes(text)
        assert str(raised.value) == str(error)
        return
    assert _BaseLoader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = read_nodes(text)[1]
    assert data == expected
    assert repr(data) == repr(expected)  # the same types: 1 an int, '2' a string
