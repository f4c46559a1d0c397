"""The query language as the filter bar and `brief list` read it: what parses, and the one-line
message, starting with the term as typed, for what does not."""

from __future__ import annotations

import pytest

from brief.catalog.query import QueryError, Term, parse

REFUSED = [
    # Unknown field names: a run of ASCII letters right before the colon is a field.
    (
        "foo:bar",
        "foo:bar uses no field foo: to search the text, quote it: "
        '"foo:bar"; the fields are who, where, when, decision, status, tag and id',
    ),
    (
        "تونس -Tunis:x",
        "-Tunis:x uses no field tunis: to search the text, quote it: "
        '-"Tunis:x"; the fields are who, where, when, decision, status, tag and id',
    ),
    (
        "note:",
        "note: uses no field note: to search the text, quote it: "
        '"note:"; the fields are who, where, when, decision, status, tag and id',
    ),
    # Impossible dates and ranges.
    ("when:2020-13", "when:2020-13 is not a date: there is no month 13 (months 01 to 12)"),
    ("when:2020-00", "when:2020-00 is not a date: there is no month 00 (months 01 to 12)"),
    ("when:2020-02-30", "when:2020-02-30 is not a date: 2020-02 has days 01 to 29"),
    ("when:2021-02-29", "when:2021-02-29 is not a date: 2021-02 has days 01 to 28"),
    ("when:2020-04-00", "when:2020-04-00 is not a date: 2020-04 has days 01 to 30"),
    (
        "when:2019..2020-13",
        "when:2019..2020-13 is not a date: there is no month 13 (months 01 to 12)",
    ),
    (
        "when:2025..2020",
        "when:2025..2020 ends before it starts: did you mean when:2020..2025?",
    ),
    (
        "when:2020-05..2020-03-31",
        "when:2020-05..2020-03-31 ends before it starts: did you mean when:2020-03-31..2020-05?",
    ),
    (
        "when:yesterday",
        "when:yesterday is not a date: use when:2025, when:2025-10, when:2025-10-01 or "
        "when:2020-03..2025-12",
    ),
    # Empty field values.
    ("who:", "who: needs a value right after the colon, as in who:koman"),
    ("koman where:", "where: needs a value right after the colon, as in where:tunis"),
    ("when: 2020", "when: needs a value right after the colon, as in when:2025"),
    ("-tag:", "-tag: needs a value right after the colon, as in tag:cybercrime"),
    ('id:""', 'id:"" needs a value right after the colon, as in id:000'),
    ("DECISION:", "DECISION: needs a value right after the colon, as in decision:recommendation"),
    ("status:", "status: needs a value right after the colon, as in status:curated"),
    (
        "who:ـــ",
        "who:ـــ has nothing to search once harakat and tatweel are left out: give a word, as "
        "in who:koman",
    ),
    # Unclosed quotes.
    ('"unclosed', '"unclosed has no closing quote: end the phrase with one, as in "unclosed"'),
    (
        'koman who:"abc def',
        'who:"abc def has no closing quote: end the phrase with one, as in who:"abc def"',
    ),
    ('-"abc', '-"abc has no closing quote: end the phrase with one, as in -"abc"'),
]


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_a_bad_query_is_refused_with_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(QueryError) as refused:
        parse(text)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        # A colon that does not follow a run of ASCII letters is part of the word.
        ("الكويت:", [Term(None, "الكويت:")]),
        ("الكويت: التعاون", [Term(None, "الكويت:"), Term(None, "التعاون")]),
        ("10:15", [Term(None, "10:15")]),
        ("abc1:x", [Term(None, "abc1:x")]),
        ("whoالكويت:x", [Term(None, "whoالكويت:x")]),
        (":koman", [Term(None, ":koman")]),
        # Quoted, a colon is searched as typed.
        ('"foo:bar"', [Term(None, "foo:bar")]),
        ('-"who:"', [Term(None, "who:", negated=True)]),
        ('""', []),
        ("when:2020-02-29", [Term("when", "2020-02-29")]),
        ("when:..2020", [Term("when", "..2020")]),
        ("when:2020..", [Term("when", "2020..")]),
        ("when:2020..2020-12", [Term("when", "2020..2020-12")]),
        ("when:2020-12..2020-12-31", [Term("when", "2020-12..2020-12-31")]),
        ("WHO:Koman", [Term("who", "koman")]),
        ("who:koman:x", [Term("who", "koman:x")]),
        ('who:"حمد المحمود"', [Term("who", "حمد المحمود")]),
        # id: keeps the value as typed (ids are file names), not folded.
        ("id:000_9955", [Term("id", "000_9955")]),
        ("-id:ABC", [Term("id", "ABC", negated=True)]),
    ],
)
def test_look_alikes_of_bad_queries_parse(text: str, terms: list[Term]) -> None:
    assert list(parse(text).terms) == terms


def test_bare_words_are_told_from_quoted_ones() -> None:
    """`brief list 000` names an article; `brief list '"000"'` searches the text."""
    assert parse("000 004").bare_words() == ["000", "004"]
    assert parse("Abc_D").bare_words() == ["Abc_D"]  # as typed, not folded
    for text in ('"000"', "000 -004", "000 who:x", "id:000", ""):
        assert parse(text).bare_words() is None, text


def test_bytes_that_are_not_utf8_are_refused() -> None:
    """As the command line passes them (surrogate escapes), and not to SQLite."""
    with pytest.raises(QueryError) as refused:
        parse("تونس \udcff\udcffab")
    assert str(refused.value) == "\\xff\\xffab is not UTF-8 text: brief reads queries as UTF-8"
