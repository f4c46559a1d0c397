"""The one boundary where text from files leaves brief, for a terminal or for a document.

Articles come from the open web and annotation files from colleagues' branches: every character
of them, of a file's name and of a query is untrusted. What a terminal would obey (C0 controls
but newline and tab, DEL, C1 controls, so every escape sequence) is shown as a control picture
(`␛`), or named when it has no picture (a C1 control: `¦CSI¦`); invisible bidi controls, which
reorder the text around them, as markers (`¦RLO¦`); a byte of a name that is not UTF-8 as
`\\x9b` (in a document `�`, which holds no backslash to escape the format's own escaping).

visible(text)        the text with nothing a terminal or a reader's screen would obey
visible_char(char)   one character as a terminal cell shows it (the bidi layout's glyphs)
excerpt(value)       a short quoted excerpt for a message, never the whole of a huge value
shortened(text)      at most a line's worth of a message, controls shown
for_document(text)   a document's text made visible, with the warning a brief then carries
json_text(value)     JSON whose strings hold their controls as \\u escapes
Terminal(stream)     a text stream that passes only what `visible` gives, and brief's own
                     sequences (`control`), SGR styles (`styled`) and layout rows (`row`);
                     `main` wraps stdout and stderr in one, so every command writes
                     through it; Terminal.buffer() renders text for a pager (Rendered)
"""

from __future__ import annotations

import io
import json
import re
import reprlib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # rich is imported only when styled text is written: brief list needs none
    from collections.abc import Iterable

    from rich.style import Style

# Invisible characters that change the order text is shown in, with the marker that reveals them.
BIDI_CONTROLS = {
    char: f"¦{name}¦"
    for char, name in {
        "\u200e": "LRM",
        "\u200f": "RLM",
        "\u061c": "ALM",
        "\u202a": "LRE",
        "\u202b": "RLE",
        "\u202c": "PDF",
        "\u202d": "LRO",
        "\u202e": "RLO",
        "\u2066": "LRI",
        "\u2067": "RLI",
        "\u2068": "FSI",
        "\u2069": "PDI",
    }.items()
}
_BIDI = "".join(BIDI_CONTROLS)
_BIDI_PATTERN = re.compile(f"[{_BIDI}]")
# What a terminal obeys, as ranges of code points: C0 (newline and tab are kept where `keep`
# says), DEL, C1; the lone surrogates Python gives for bytes of a name that are not UTF-8; and
# the bidi controls.
_UNSAFE = (
    (0x00, 0x1F),
    (0x7F, 0x9F),
    (0xD800, 0xDFFF),
    *((ord(char), ord(char)) for char in BIDI_CONTROLS),
)
# The only sequences brief itself writes, one or several in a row: a carriage return (a
# progress line); CSI SGR (m), set and reset mode (h, l: BDSM, VTE's autodetection), SCP
# ( k); mlterm's and Konsole's OSC bidi switches (5379, 50). Not a title, not the clipboard.
_OWN_SEQUENCE = re.compile(
    r"(?:\r|\x1b\[[0-9;?]*(?:[mhl]| k)|\x1b\](?:5379|50);[ -~]*(?:\x07|\x1b\\))+"
)
# The direction marks the layout sets in a row for a terminal that reorders by itself; the
# text's own bidi controls it shows as markers.
_OWN_MARKS = "\u200e\u200f"
# The C1 controls' names (ECMA-48): ¦CSI¦ for U+009B.
_C1 = (
    "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU",
    "RI", "SS2", "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGC",
    "SCI", "CSI", "ST", "OSC", "PM", "APC",
)  # fmt: skip
EXCERPT = 60  # characters of a value a message quotes
_BOUNDED = reprlib.Repr()  # a few levels and items of a list or mapping, at most
_BOUNDED.maxlevel, _BOUNDED.maxlist, _BOUNDED.maxdict = 2, 4, 4
_BOUNDED.maxstring = _BOUNDED.maxother = EXCERPT


def _shown(char: str) -> str:
    """A control's visible form for a terminal."""
    code = ord(char)
    if char in BIDI_CONTROLS:
        return BIDI_CONTROLS[char]
    if code < 0x20:
        return chr(0x2400 + code)  # control pictures: ␛ for ESC, ␊ for a line feed
    if code == 0x7F:
        return "\u2421"  # ␡
    if code < 0xA0:
        return f"¦{_C1[code - 0x80]}¦"  # ¦CSI¦: no ASCII markup in it, so documents may hold it
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte that is not UTF-8, as the shell shows it
    return "\ufffd"  # any other lone surrogate


def _in_document(char: str) -> str:
    """A control's visible form for a document: no ASCII punctuation in it, since it goes in
    after the format's escaping (a backslash would escape the escaping)."""
    return "\ufffd" if 0xD800 <= ord(char) <= 0xDFFF else _shown(char)


@lru_cache(maxsize=8)
def _pattern(keep: str) -> re.Pattern[str]:
    """One character class of what is shown, the kept characters cut out of its ranges: a
    lookahead for them before each character costs four times as much over brief list's
    megabytes."""
    ranges: list[tuple[int, int]] = []
    for low, high in _UNSAFE:
        for code in sorted({ord(char) for char in keep if low <= ord(char) <= high}):
            if low < code:
                ranges.append((low, code - 1))
            low = code + 1
        if low <= high:
            ranges.append((low, high))
    return re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges) + "]")


def visible(text: str, keep: str = "\n\t") -> str:
    """`text` with every control shown (`␛`), every bidi control marked (`¦RLO¦`); the
    characters in `keep` (newline and tab by default; none for a one-line message) stay."""
    pattern = _pattern(keep)
    if pattern.search(text) is None:  # the common case: one scan, no copy
        return text
    return pattern.sub(lambda found: _shown(found.group()), text)


def visible_char(char: str) -> str:
    """The character a terminal cell is sent for `char`: a tab is a space there, a control its
    picture. Bidi controls are the layout's (it hides or reveals them), so they pass."""
    code = ord(char)
    if 0x20 <= code < 0x7F or 0xA0 <= code < 0xD800 or code > 0xDFFF:  # all but a few
        return char
    return " " if char == "\t" else _shown(char)


def bidi_control_count(text: str) -> int:
    """How many invisible bidi controls `text` holds (one pass, for an article of megabytes)."""
    return len(_BIDI_PATTERN.findall(text))


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """A value as a message quotes it: repr-like quotes, controls shown, and at most `limit`
    characters of it (a long one cut with …), so a huge value costs nothing to report."""
    if isinstance(value, str):
        return "'" + shortened(value, limit).replace("'", "\\'") + "'"
    return shortened(_BOUNDED.repr(value), limit)


def shortened(text: str, limit: int = EXCERPT) -> str:
    """At most `limit` characters of `text` on one line (a long one cut with …), controls
    shown: a message that quotes a library's words, which may quote a value."""
    cut = text[: limit + 1]
    return visible(cut if len(cut) <= limit else cut[: limit - 1] + "…", keep="")


@dataclass(frozen=True, slots=True)
class Shown:
    """A document's text made visible, and what was found in it."""

    text: str
    controls: int  # controls shown as pictures
    bidi: tuple[str, ...]  # the names of the bidi controls shown as markers, in order found

    @property
    def warning(self) -> str | None:
        """The line a document carries when text in it held bidi controls: they are shown,
        since on the recipient's screen they would reorder the text around them."""
        if not self.bidi:
            return None
        names = ", ".join(dict.fromkeys(self.bidi))
        count = len(self.bidi)
        return (
            f"Warning: the sources hold {count} invisible direction control"
            f"{'s' * (count != 1)} ({names}), shown here as markers such as ¦{self.bidi[0]}¦: "
            "left in, they would reorder the text around them."
        )


def for_document(text: str) -> Shown:
    """Text for a document (every export format): controls as pictures, bidi controls as
    markers, newlines and tabs kept. Escaping for Markdown or HTML is the format's own job."""
    pattern = _pattern("\n\t")
    found = pattern.findall(text)
    if not found:
        return Shown(text, 0, ())
    bidi = tuple(BIDI_CONTROLS[c][1:-1] for c in found if c in BIDI_CONTROLS)
    shown = pattern.sub(lambda found: _in_document(found.group()), text)
    return Shown(shown, len(found) - len(bidi), bidi)


_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\ud800-\udfff{_BIDI}]")


def json_text(value: Any, indent: int | None = 2) -> str:
    """JSON with text as is (ensure_ascii off) but nothing a terminal obeys: C0 controls are
    escaped by JSON itself, DEL, C1, bidi controls and lone surrogates as \\u escapes, so the
    data is exact and a terminal safe."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class Rendered(str):
    """Text the boundary wrote (a Terminal's `buffer`, `own`): visible text and brief's own
    sequences, nothing else. A Terminal writes it as it is, and so may a pager be given it;
    any other str is made visible. Text joined to it is a str again."""


def own(sequences: str) -> Rendered:
    """One or several of brief's own sequences (a carriage return; CSI it built, such as SGR,
    BDSM or SCP; its OSC bidi switches), to write as they are; anything else is a bug."""
    if sequences and _OWN_SEQUENCE.fullmatch(sequences) is None:
        raise ValueError(f"not a sequence brief writes: {sequences!r}")
    return Rendered(sequences)


class Terminal(io.TextIOBase):
    """A text stream (stdout, stderr, or a buffer for a pager) through which nothing raw
    passes: every write is made `visible`; brief's own sequences go through `control`, its
    styles through `styled`, the rows of the bidi layout through `row`."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    @classmethod
    def of(cls, stream: TextIO) -> Terminal:
        """`stream` as a Terminal, wrapped once."""
        return stream if isinstance(stream, Terminal) else cls(stream)

    @classmethod
    def buffer(cls) -> Terminal:
        """A Terminal that keeps what is written (`rendered`), for a pager or a count."""
        return cls(io.StringIO())

    def rendered(self) -> Rendered:
        """What was written to a `buffer`."""
        if not isinstance(self.stream, io.StringIO):
            raise TypeError("only a Terminal.buffer() keeps what is written")
        return Rendered(self.stream.getvalue())

    def write(self, text: str) -> int:
        self._write(text if isinstance(text, Rendered) else visible(text))
        return len(text)

    def control(self, sequences: str) -> None:
        """Brief's own sequences (see `own`)."""
        self._write(own(sequences))

    def row(self, text: str) -> None:
        """A row the bidi layout made: the direction marks it set for a terminal that
        reorders by itself pass; every other control is shown, as by `write`."""
        self._write(visible(text, keep="\n\t" + _OWN_MARKS))

    def styled(self, runs: Iterable[tuple[Style, str]], marks: bool = False) -> None:
        """Runs of text, each made visible and its style written as SGR (16 colours, which
        any terminal shows); links and meta are dropped, so only SGR is written. `marks`: a
        row's own direction marks pass, as in `row`."""
        from rich.color import ColorSystem

        keep = "\n\t" + _OWN_MARKS if marks else "\n\t"
        self._write(
            "".join(
                style.clear_meta_and_links().render(
                    visible(text, keep), color_system=ColorSystem.STANDARD
                )
                for style, text in runs
            )
        )

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
        except UnicodeEncodeError:  # a terminal that is not UTF-8: escapes, not a traceback
            encoding = getattr(self.stream, "encoding", None) or "ascii"
            self.stream.write(text.encode(encoding, "backslashreplace").decode(encoding))

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.stream, "errors", None)
