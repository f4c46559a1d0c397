"""Bad inputs, built in a corpus folder as an attacker or an unlucky user would leave them:
articles and annotation files that brief must refuse or show safely, each said in one line.

Each case is a function that makes its file(s) under a corpus root and returns what the line
that names it must say (None: the file is served, and shown safely).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
from collections.abc import Callable
from pathlib import Path

SEEDS = Path(__file__).parent.parent / "seeds"
ANNOTATIONS = Path(__file__).parent.parent / "annotations"
ARTICLE_000 = "000_99551782ef0ee64d"
# What a terminal would obey, in anything brief writes: controls but newline and tab, C1, DEL,
# and the invisible bidi controls.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
# Untrusted text that must stay text in a brief: markup, HTML, links and autolinks.
INJECTIONS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![i](http://evil.example/i.png)",
    "www.evil.example",
    "www.evil.example/x?y=1",
    "evil@evil.example",
    "mailto:evil@evil.example",
    "https://evil.example/p",
    "<https://evil.example>",
    "`rm -rf`",
    "| a | b |",
    "<!-- c -->",
    "**bold** _em_ ~~del~~",
)
ESCAPES = "\x1b]0;pwned\x07 \x1b]52;c;ZXZpbA==\x07 \x1b[2J \x9b31m \\\x1b]8;;http://x\x1b\\"


def _seed(number: int) -> str:
    return next(SEEDS.glob(f"{number:03d}_*.txt")).read_text(encoding="utf-8")


def make_corpus(root: Path) -> Path:
    """The five seeds and their annotations."""
    shutil.copytree(SEEDS, root / "seeds")
    shutil.copytree(ANNOTATIONS, root / "annotations", ignore=shutil.ignore_patterns("*.json"))
    return root


def _write(root: Path, name: str, content: bytes | str, folder: str = "seeds") -> Path:
    path = Path(os.fsdecode(os.fsencode(root / folder) + b"/" + os.fsencode(name)))
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _annotation(article: str, title_en: str = "x", extra: str = "") -> str:
    return (
        "# yaml-language-server: $schema=schema.json\n"
        f"schema: 1\narticle: {article}\nstatus: draft\n"
        f'title: {{ar: "عنوان", en: "{title_en}"}}\n{extra}'
    )


# Articles and names.
def escapes_in_the_title(root: Path) -> None:
    _write(root, "100_escapes.txt", f"عنوان {ESCAPES}\nنص {ESCAPES} و\u202eعكس\u202c مسح\n")


def bidi_controls_everywhere(root: Path) -> None:
    text = "\u202eعنوان مقلوب\u202c\nالعقيد \u2067حمد\u2069 قال \u200fنعم\n"
    _write(root, "101_bidi.txt", text)
    quote = "العقيد \u2067حمد\u2069 قال"
    extra = (
        f'summary: {{en: "a \u202eRLO\u202c summary"}}\n'
        'who:\n  - id: hamad\n    name: {ar: "حمد", en: "Hamad \u202eRLO"}\n'
        f'    kind: person\n    evidence: ["{quote}"]\n'
    )
    _write(root, "101_bidi.yaml", _annotation("101_bidi", "Bidi", extra), "annotations")


def injection_in_text_and_annotations(root: Path) -> None:
    evil = " ".join(INJECTIONS)
    _write(root, "102_inject.txt", f"عنوان {evil}\nالفقرة الأولى {evil}\n")
    quoted = evil.replace("\\", "\\\\").replace('"', '\\"')
    extra = (
        f'summary: {{en: "{quoted}", ar: "ملخص {quoted}"}}\n'
        f'source: {{outlet: "{quoted}"}}\n'
        f'who:\n  - id: evil\n    name: {{ar: "شخص {quoted}", en: "{quoted}"}}\n'
        f'    kind: person\n    role: {{en: "{quoted}"}}\n    aliases: ["{quoted}"]\n'
        f'    evidence: ["الفقرة الأولى {quoted}"]\n'
        f'when:\n  - date: 2025-10-01\n    certainty: stated\n    what: {{en: "{quoted}"}}\n'
        f'    evidence: ["الفقرة الأولى"]\n'
        f'decisions:\n  - what: {{en: "{quoted}", ar: "قرار {quoted}"}}\n'
        "    kind: decision\n    status: adopted\n    by: [evil]\n"
        f'    evidence: ["الفقرة الأولى"]\n'
        f'tags: [evil]\nnotes: "{quoted}"\n'
    )
    _write(root, "102_inject.yaml", _annotation("102_inject", quoted, extra), "annotations")


def markup_in_a_file_name(root: Path) -> None:
    _write(root, "<img src=x onerror=alert(1)> www.evil.example.txt", "عنوان\nنص الخبر\n")


def escape_sequences_in_a_name(root: Path) -> str:
    _write(root, "zz_\x1b]0;T\x07_\x1b[2J.txt", _seed(1))
    return "zz_␛]0;T␇_␛[2J.txt: its name holds control characters; rename it"


def a_newline_in_a_name(root: Path) -> str:
    _write(root, "zz_a\nb.txt", _seed(1))
    return "zz_a␊b.txt: its name holds control characters; rename it"


def a_bidi_control_in_a_name(root: Path) -> str:
    _write(root, "zz_\u202etxt.exe.txt", _seed(1))
    return "zz_¦RLO¦txt.exe.txt: its name holds control characters; rename it"


def a_name_not_in_utf8(root: Path) -> str:
    _write(root, "zz_\udcff.txt", _seed(1))
    return "zz_\\xff.txt: its name is not UTF-8; rename it"


def a_fifo(root: Path) -> str:
    os.mkfifo(root / "seeds" / "x.txt")
    return "x.txt: a FIFO, not a file"


def a_socket(root: Path) -> str:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(root / "seeds" / "sock.txt"))
    server.close()
    return "sock.txt: a socket, not a file"


def a_folder(root: Path) -> str:
    (root / "seeds" / "dir.txt").mkdir()
    return "dir.txt: a folder, not a file"


def a_symlink_loop(root: Path) -> str:
    (root / "seeds" / "loop.txt").symlink_to("loop.txt")
    return "loop.txt: a symbolic link that loops"


def a_dangling_symlink(root: Path) -> str:
    (root / "seeds" / "dangling.txt").symlink_to("nowhere.txt")
    return "dangling.txt: a symbolic link to nowhere.txt, which does not exist"


def a_symlink_out_of_the_corpus(root: Path) -> str:
    secret = root.parent / "id_rsa"
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nسر\n", encoding="utf-8")
    (root / "seeds" / "passwd.txt").symlink_to(secret)
    return f"passwd.txt: a symbolic link to {secret}, outside the corpus"


def a_symlink_to_a_fifo(root: Path) -> str:
    os.mkfifo(root / "seeds" / "pipe")
    (root / "seeds" / "topipe.txt").symlink_to("pipe")
    return "topipe.txt: a symbolic link to a FIFO, not a file"


def binary(root: Path) -> str:
    _write(root, "bin.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
    return "bin.txt: a binary file (NUL bytes), not UTF-8 text"


def latin1(root: Path) -> str:
    _write(root, "latin1.txt", "Déclaration du ministère à Tunis\n".encode("latin-1"))
    return "latin1.txt: not UTF-8 text (invalid byte 0xe9 at offset 1)"


def utf16(root: Path) -> str:
    _write(root, "utf16.txt", _seed(1).encode("utf-16"))
    return "utf16.txt: UTF-16 (little-endian) text, not UTF-8"


def windows_1256(root: Path) -> str:
    _write(root, "cp1256.txt", _seed(1).replace("\u200f", "").encode("cp1256", errors="ignore"))
    return "cp1256.txt: Windows-1256 (Arabic) text, not UTF-8"


def empty(root: Path) -> str:
    _write(root, "empty.txt", b"")
    return "empty.txt: empty article (no text)"


def nul_in_utf8(root: Path) -> str:
    _write(root, "nul.txt", "عنوان\nنص\x00 مخفي\n")
    return "nul.txt: a binary file (NUL bytes), not UTF-8 text"


def over_the_size_limit(root: Path) -> str:
    with (root / "seeds" / "huge.txt").open("wb") as handle:
        handle.truncate(65 * 2**20)  # sparse: costs no disk
    return "huge.txt: cannot read (68.2 MB, over the 64 MiB limit)"


# Annotation files: the article is a copy of seed 001, the file is bad.
def _article_with(root: Path, stem: str, annotation: bytes | str | None) -> Path:
    _write(root, f"{stem}.txt", _seed(1))
    if annotation is None:
        return root / "annotations" / f"{stem}.yaml"
    return _write(root, f"{stem}.yaml", annotation, "annotations")


def billion_laughs(root: Path) -> str:
    anchors = '  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    anchors += "".join(f"  a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 10)}]\n" for k in range(1, 9))
    extra = "lol:\n" + anchors + "who:\n  - id: x\n    name: {ar: x}\n    kind: *a8\n"
    _article_with(root, "200_laughs", _annotation("200_laughs", extra=extra))
    return "200_laughs.yaml:7:7: &a0 is refused: annotation files have no anchors or aliases"


def only_a_comment(root: Path) -> str:
    _article_with(root, "201_comment", "# yaml-language-server: $schema=schema.json\n")
    return "201_comment.yaml:1:1: empty file: it holds no data"


def a_list_as_a_key(root: Path) -> str:
    _article_with(root, "202_key", _annotation("202_key", extra="? [a, b]\n: 1\n"))
    return "202_key.yaml:6:3: a key must be a name such as who, not a list"


def an_unsafe_tag(root: Path) -> str:
    extra = "notes: !!python/object/apply:os.system [touch /tmp/pwned]\n"
    _article_with(root, "203_tag", _annotation("203_tag", extra=extra))
    return "203_tag.yaml:6:8: unsafe or unknown YAML tag '!!python/object/apply:os.system'"


def an_annotation_fifo(root: Path) -> str:
    os.mkfifo(_article_with(root, "204_fifo", None))
    return "204_fifo.yaml: cannot read: a FIFO, not a file"


def an_annotation_out_of_the_corpus(root: Path) -> str:
    secret = root.parent / "secret.yaml"
    secret.write_text(_annotation("205_out", "SECRET"), encoding="utf-8")
    _article_with(root, "205_out", None).symlink_to(secret)
    return f"205_out.yaml: cannot read: a symbolic link to {secret}, outside the corpus"


def an_annotation_in_utf16(root: Path) -> str:
    _article_with(root, "206_utf16", _annotation("206_utf16").encode("utf-16"))
    return "206_utf16.yaml:1:1: UTF-16 (little-endian) text, not UTF-8"


def an_annotation_with_escapes(root: Path) -> str:
    _article_with(root, "207_escape", _annotation("207_escape", extra="notes: \x1b]0;t\x07\n"))
    return "207_escape.yaml:6:8: not valid YAML: the control character U+001B is not allowed"


def too_many_values(root: Path) -> str:
    extra = "tags: [" + ", ".join(["t"] * 12_000) + "]\n"
    _article_with(root, "208_many", _annotation("208_many", extra=extra))
    return "208_many.yaml:6:"


def duplicate_keys(root: Path) -> str:
    _article_with(root, "209_dup", _annotation("209_dup", extra="status: curated\n"))
    return "209_dup.yaml:6:1: duplicate key 'status' (first at line 4)"


def an_annotation_too_large(root: Path) -> str:
    path = _article_with(root, "210_large", _annotation("210_large"))
    with path.open("ab") as handle:
        handle.truncate(3 * 2**20)
    return "210_large.yaml: file is 3.1 MB, over the 2 MiB limit for an annotation file"


# Served, and shown safely.
SERVED: dict[str, Callable[[Path], None]] = {
    "escapes in the title": escapes_in_the_title,
    "bidi controls everywhere": bidi_controls_everywhere,
    "injection in text and annotations": injection_in_text_and_annotations,
    "markup in a file name": markup_in_a_file_name,
}
# Left out of the corpus: each said in one line by brief list and brief export.
ARTICLES_LEFT_OUT: dict[str, Callable[[Path], str]] = {
    "escape sequences in a name": escape_sequences_in_a_name,
    "a newline in a name": a_newline_in_a_name,
    "a bidi control in a name": a_bidi_control_in_a_name,
    "a name not in UTF-8": a_name_not_in_utf8,
    "a FIFO": a_fifo,
    "a socket": a_socket,
    "a folder": a_folder,
    "a symlink loop": a_symlink_loop,
    "a dangling symlink": a_dangling_symlink,
    "a symlink out of the corpus": a_symlink_out_of_the_corpus,
    "a symlink to a FIFO": a_symlink_to_a_fifo,
    "binary": binary,
    "Latin-1": latin1,
    "UTF-16": utf16,
    "Windows-1256": windows_1256,
    "empty": empty,
    "a NUL in UTF-8": nul_in_utf8,
    "over the size limit": over_the_size_limit,
}
# Bad annotation files: each said in one line by brief validate; the article is served.
ANNOTATIONS_REFUSED: dict[str, Callable[[Path], str]] = {
    "billion laughs": billion_laughs,
    "only a comment": only_a_comment,
    "a list as a key": a_list_as_a_key,
    "an unsafe tag": an_unsafe_tag,
    "an annotation FIFO": an_annotation_fifo,
    "an annotation out of the corpus": an_annotation_out_of_the_corpus,
    "an annotation in UTF-16": an_annotation_in_utf16,
    "escapes in an annotation": an_annotation_with_escapes,
    "too many values": too_many_values,
    "duplicate keys": duplicate_keys,
    "an annotation too large": an_annotation_too_large,
}


def hostile_corpus(root: Path) -> dict[str, str]:
    """A corpus with every case in it; what each line that names a bad file must say."""
    make_corpus(root)
    for build in SERVED.values():
        build(root)
    said = {name: build(root) for name, build in ARTICLES_LEFT_OUT.items()}
    said.update({name: build(root) for name, build in ANNOTATIONS_REFUSED.items()})
    return said


def snapshot(root: Path) -> dict[str, tuple[int, str]]:
    """Every file of the corpus but the catalog's: its mode and its bytes (a link: its target;
    a FIFO or socket: its kind), to see that nothing was changed."""
    found: dict[str, tuple[int, str]] = {}
    for folder in ("seeds", "annotations"):
        for entry in os.scandir(root / folder):
            mode = entry.stat(follow_symlinks=False).st_mode
            if entry.is_symlink():
                content = os.fsencode(os.readlink(entry.path))
            elif entry.is_file(follow_symlinks=False):
                content = Path(entry.path).read_bytes()
            else:
                content = b""
            found[os.fsdecode(entry.path)] = (mode, hashlib.blake2b(content).hexdigest())
    return found
