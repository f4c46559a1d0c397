"""Arabic letters in their joined forms, for terminals that do not shape them.

arabic-reshaper picks each letter's contextual form and makes the lam-alef ligatures; it returns
only a string, so each output character is matched back to the logical characters it shows, which
keeps styles and the bidi levels on the right letters.
"""

from __future__ import annotations

from collections import deque
from functools import cache
from typing import TYPE_CHECKING

from brief.text.bidi._ucd import category, normalize

if TYPE_CHECKING:
    from arabic_reshaper import ArabicReshaper

_LAM_ALEF = (
    "ARABIC LIGATURE LAM WITH ALEF",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
    "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE",
)


@cache
def _reshaper() -> ArabicReshaper:
    # Imported on first use: only `--shape` needs it, and start-up stays fast.
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.reshaper_config import default_config

    # Only lam-alef is an obligatory ligature; word ligatures (Allah, …) would hide letters that
    # an analyst may be quoting.
    config = {key: "LIGATURE" not in key and value for key, value in default_config.items()}
    config.update({"delete_harakat": False, "support_ligatures": True})
    config.update(dict.fromkeys(_LAM_ALEF, True))
    return ArabicReshaper(configuration=config)


def shape(text: str) -> list[tuple[str, tuple[int, ...]]] | None:
    """Shaped characters of `text`, each with the logical indices it shows, in logical order.

    None when the output cannot be matched back to the input; the caller then shows the letters
    unshaped rather than risk showing a letter that is not in the source.
    """
    try:
        shaped = _reshaper().reshape(text)
    except IndexError:  # arabic-reshaper 3.1.0 on a joiner before a lam-alef ("\u200dلا")
        return None
    result: list[tuple[str, tuple[int, ...]]] = []
    moved_marks: deque[int] = deque()  # harakat the reshaper moved after a ligature
    i = 0
    for out in shaped:
        if moved_marks and out == text[moved_marks[0]]:
            result.append((out, (moved_marks.popleft(),)))
            continue
        letters = normalize("NFKC", out) if out != text[i : i + 1] else out
        origins: list[int] = []
        for letter in letters:
            while i < len(text) and text[i] != letter:
                if origins and _is_mark(text[i]):
                    moved_marks.append(i)
                elif _is_format_control(text[i]):
                    # The reshaper consumes joiners (ZWJ); they stay, invisible, for reordering.
                    result.append((text[i], (i,)))
                else:
                    break
                i += 1
            if i >= len(text) or text[i] != letter:
                return None
            origins.append(i)
            i += 1
        result.append((out, tuple(origins)))
    if moved_marks or any(not _is_format_control(char) for char in text[i:]):
        return None
    result += [(text[k], (k,)) for k in range(i, len(text))]
    return result


def _is_mark(char: str) -> bool:
    return category(char) == "Mn"


def _is_format_control(char: str) -> bool:
    return category(char) == "Cf"
