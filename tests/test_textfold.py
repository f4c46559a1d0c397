"""Arabic-aware folding: how an analyst types finds how an outlet spelled it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from brief.text.fold import find_all, fold, fold_with_map


def test_alef_forms_harakat_tatweel_and_case_fold() -> None:
    assert fold("الإلكترونية") == fold("الالكترونية") == "الالكترونيه"
    assert fold("مُحَمَّد") == "محمد"
    assert fold("جـــرائم") == "جرائم"
    assert fold("آذار أحمد إبراهيم ٱلله") == "اذار احمد ابراهيم الله"
    assert fold("مستشفى") == fold("مستشفي")
    assert fold("KoMan") == "koman"


def test_arabic_indic_and_persian_digits_read_as_latin() -> None:
    assert fold("١ مارس ٢٠٢٠م") == "1 مارس 2020م"
    assert fold("۱۴۰۲") == "1402"


def test_find_all_maps_matches_back_to_source_characters() -> None:
    text = "جرائم الإلكترونية و الالكترونية"
    spans = find_all(text, "الالكترونية")
    assert [text[a:b] for a, b in spans] == ["الإلكترونية", "الالكترونية"]


def test_find_all_keeps_the_marks_of_the_last_letter() -> None:
    text = "قال مُحَمَّدٌ اليوم"
    [(start, end)] = find_all(text, "محمد")
    assert text[start:end] == "مُحَمَّدٌ"


def test_find_all_with_digits_across_scripts() -> None:
    text = "يوم ١ مارس ٢٠٢٠م وفي 2020"
    assert [text[a:b] for a, b in find_all(text, "2020")] == ["٢٠٢٠", "2020"]


def test_empty_needle_finds_nothing() -> None:
    assert find_all("abc", "\u064e") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="أإآٱاةهىيبت٠١٢۳AbCﻻﺑ\u064e\u0651\u0640\u200f\u0301 ", max_size=40))
def test_bulk_fold_equals_the_mapped_fold(text: str) -> None:
    assert fold(text) == fold_with_map(text)[0]


def test_every_presentation_form_folds_even_those_with_no_other_form() -> None:
    """The ornate brackets ﴾﴿ quote the Quran in Arabic news; they and the other presentation
    forms NFKC leaves as they are (U+FBB2…) folded in a loop of their own before."""
    forms = [chr(n) for n in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF))]
    for form in forms:
        folded, origins = fold_with_map(form)
        assert fold(form) == folded and set(origins) <= {0}
    assert fold("قال ﴿إِنَّا أَعْطَيْنَاكَ﴾ ﻻ") == "قال ﴿انا اعطيناك﴾ لا"


def test_bulk_fold_equals_the_mapped_fold_over_the_arabic_blocks() -> None:
    """Every character of the Arabic blocks, alone, doubled and between letters, folds in bulk
    as one by one (the bulk fold replaces the mapped characters one after the other)."""
    for code in [*range(0x0600, 0x0780), *range(0x08A0, 0x0900), *range(0x20, 0x7F)]:
        char = chr(code)
        for text in (char, char * 2, f"ب{char}أ{char}٣"):
            assert fold(text) == fold_with_map(text)[0], hex(code)
