"""The article model on the five seeds, pinned exactly, and on bad or tricky files."""

from __future__ import annotations

from pathlib import Path

import pytest

from brief.article.model import ArticleError, Metadata, read_article, resolve_article
from brief.text.dates import numeric_date, written_dates

SEEDS = Path(__file__).parent.parent / "seeds"

# Per seed: title, title paragraph, paragraph count, and every paragraph that is not plain
# content: number -> (boilerplate, duplicate_of, heading).
EXPECTED = {
    "000_99551782ef0ee64d": (
        "الكويت: ضرورة تعزيز التعاون العربي لمواجهة الجرائم الإلكترونية العابرة للحدود",
        2,
        15,
        {
            1: ("outlet", None, False),
            2: (None, None, True),
            3: (None, 2, True),
            4: (None, 2, True),
            5: (None, 2, True),
            8: ("caption", None, False),
            14: ("advertisement", None, False),
            15: ("read-also", None, False),
        },
    ),
    "001_26d5d24b852057da": (
        "انطلاق المؤتمر الثاني لمواجهة جرائم تقنية المعلومات في تونس",
        2,
        8,
        {2: (None, None, True), 4: (None, None, True), 6: (None, None, True)},
    ),
    "002_d9a5e05a9b981f49": (
        "«وزراء الداخلية العرب» يدعون الدول الأعضاء لبناء منظومة دفاعية ضد جرائم تقنية المعلومات",
        1,
        12,
        {
            1: (None, None, True),
            2: ("relative-time", None, False),
            3: (None, 1, True),
            12: ("share-button", None, False),
        },
    ),
    "003_4c77df3cdd400cf5": (
        "أختتم بمدينة طنجة بالمملكة المغربية المؤتمر السابع والأربعون لقادة الشرطة والأمن العرب",
        1,
        13,
        {1: (None, None, True), **{n: (None, n - 6, False) for n in range(8, 14)}},
    ),
    "004_0b6d1692144c6f75": (
        "الأمانة العامة لمجلس التعاون تشارك في اجتماع وزراء الداخلية العرب",
        1,
        11,
        {
            1: (None, None, True),
            2: ("timestamp", None, False),
            3: ("counter", None, False),
            4: ("counter", None, False),
            9: (None, 6, False),
            10: (None, 7, False),
            11: (None, 8, False),
        },
    ),
}

EXPECTED_METADATA = {
    "000_99551782ef0ee64d": Metadata(
        outlet="حال الكويت",
        author="ناصر المحيسن",
        agency="كونا",
        dateline="تونس",
        published="2025-10-01T22:15:00",
        published_text="1 أكتوبر 2025 10:15 مساءً",
    ),
    "001_26d5d24b852057da": Metadata(None, None, None, None, None, None),
    "002_d9a5e05a9b981f49": Metadata(None, None, None, None, None, None),
    "003_4c77df3cdd400cf5": Metadata(None, None, None, None, None, None),
    "004_0b6d1692144c6f75": Metadata(
        outlet="الشبكة الإعلامية السعودية",
        author=None,
        agency=None,
        dateline="تونس",
        # 03-02-2020 read month first: the article reports a meeting on 1 March 2020.
        published="2020-03-02T17:11:00",
        published_text="03-02-2020 05:11 مساءً",
    ),
}


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_seed_title_flags_and_metadata(stem: str) -> None:
    article = read_article(SEEDS / f"{stem}.txt")
    title, title_paragraph, count, flags = EXPECTED[stem]
    assert article.id == stem
    assert article.title == title
    assert article.title_paragraph == title_paragraph
    assert len(article.paragraphs) == count
    assert [p.number for p in article.paragraphs] == list(range(1, count + 1))
    found = {
        p.number: (p.boilerplate, p.duplicate_of, p.heading)
        for p in article.paragraphs
        if p.boilerplate or p.duplicate_of or p.heading
    }
    assert found == flags
    assert article.meta == EXPECTED_METADATA[stem]


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_paragraphs_keep_their_exact_source_text(stem: str) -> None:
    article = read_article(SEEDS / f"{stem}.txt")
    raw = (SEEDS / f"{stem}.txt").read_bytes().decode("utf-8")
    assert article.text == raw
    lines = raw.split("\n")
    for p in article.paragraphs:
        assert article.text[p.start : p.start + len(p.text)] == p.text
        assert p.text in lines[p.line - 1]


def test_gallery_lines_keep_their_leading_bullets() -> None:
    article = read_article(SEEDS / "000_99551782ef0ee64d.txt")
    assert article.paragraphs[2].text.startswith("  • الكويت:")
    assert article.paragraphs[2].text.endswith("1/3")


def test_glued_boilerplate_is_split_at_the_boundary(tmp_path: Path) -> None:
    path = tmp_path / "glued.txt"
    path.write_text(
        "عنوان الخبر هنا\nنص الخبر.\nقد تقرأ أيضاأكد كومان أن المجلس لعب دورا.\n"
        "شاركأختتم المؤتمر أعماله.\nشاركت الأمانة العامة في الاجتماع.\n",
        encoding="utf-8",
    )
    article = read_article(path)
    pieces = [(p.text, p.boilerplate, p.line) for p in article.paragraphs]
    assert pieces == [
        ("عنوان الخبر هنا", None, 1),
        ("نص الخبر.", None, 2),
        ("قد تقرأ أيضا", "read-also", 3),
        ("أكد كومان أن المجلس لعب دورا.", None, 3),
        ("شارك", "share-button", 4),
        ("أختتم المؤتمر أعماله.", None, 4),
        ("شاركت الأمانة العامة في الاجتماع.", None, 5),
    ]
    for p in article.paragraphs:
        assert article.text[p.start : p.start + len(p.text)] == p.text


def test_dates_in_the_forms_arabic_outlets_write() -> None:
    [found] = written_dates("الأربعاء 1 أكتوبر 2025 10:15 مساءً")
    assert found.iso == "2025-10-01T22:15:00"
    [found] = written_dates("يوم الأحد الموافق ١ مارس ٢٠٢٠م في مقر")
    assert found.iso == "2020-03-01"
    [found] = written_dates("في ۱۵ آذار ۲۰۲۴ صباحا")
    assert found.iso == "2024-03-15"
    [found] = written_dates("12 كانون الثاني 2023 12:30 صباحاً")
    assert found.iso == "2023-01-12T00:30:00"
    assert written_dates("31 فبراير 2023") == []
    day_first = numeric_date("03-02-2020 05:11 مساءً")
    assert day_first is not None and day_first.iso == "2020-02-03T17:11:00"
    month_first = numeric_date("03-02-2020 05:11 مساءً", not_before="2020-03-01")
    assert month_first is not None and month_first.iso == "2020-03-02T17:11:00"
    unambiguous = numeric_date("٢٥-١٢-٢٠١٩", not_before="2020-03-01")
    assert unambiguous is not None and unambiguous.iso == "2019-12-25"


def test_prefix_resolution() -> None:
    assert resolve_article(SEEDS, "000").name == "000_99551782ef0ee64d.txt"
    assert resolve_article(SEEDS, "004_0b6d1692144c6f75").stem == "004_0b6d1692144c6f75"
    with pytest.raises(ArticleError, match="'0' matches 5 articles"):
        resolve_article(SEEDS, "0")
    with pytest.raises(ArticleError, match="no article 'zzz'"):
        resolve_article(SEEDS, "zzz")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"caf\xe9", "not UTF-8 text (invalid byte 0xe9 at offset 3)"),
        (b"abc\x00def", "a binary file (NUL bytes), not UTF-8 text"),
        (b"", "empty article (no text)"),
        (b"\n  \n\t\n", "empty article (no text)"),
    ],
)
def test_bad_files_are_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError) as error:
        read_article(path)
    assert str(error.value) == f"{path}: {message}"


def test_directory_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(ArticleError, match="is a directory, not an article"):
        read_article(tmp_path / "dir.txt")
    with pytest.raises(ArticleError, match=r"cannot read \(No such file or directory\)"):
        read_article(tmp_path / "missing.txt")
