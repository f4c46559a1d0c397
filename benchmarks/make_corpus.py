"""A synthetic corpus for measuring: N articles made from the seeds' paragraphs, shuffled and
varied, each with an annotation file that validates.

    python benchmarks/make_corpus.py N DIR
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from brief.article.model import article_paths, read_article  # noqa: E402

ANNOTATION = """\
# yaml-language-server: $schema=schema.json
schema: 2
article: {stem}
status: {status}
title: {{ar: "{title}", en: "Synthetic article {number}"}}
who:
  - id: person-{person}
    name: {{en: "Person {person}", ar: "الشخص {person}"}}
    kind: person
    evidence: ["{quote}"]
events:
  - id: meeting-{meeting}
    name: {{en: "Meeting {meeting}", ar: "الاجتماع {meeting}"}}
    kind: meeting
    date: {year}-{month:02d}
    certainty: approximate
    participants: [person-{person}]
    evidence: ["{quote}"]
when:
  - date: {year}-{month:02d}
    certainty: approximate
    what: {{en: "Synthetic event", ar: "حدث مصطنع"}}
    event: meeting-{meeting}
    evidence: ["{quote}"]
decisions:
  - what: {{en: "Synthetic recommendation", ar: "توصية مصطنعة"}}
    kind: recommendation
    status: recommended
    by: [person-{person}]
    event: meeting-{meeting}
    evidence: ["{quote}"]
{discrepancy}tags: [synthetic, {tag}]
"""
DISCREPANCY = """\
discrepancies:
  - what: {{en: "Sources disagree on the date", ar: "تختلف المصادر في التاريخ"}}
    about: [meeting-{meeting}]
    evidence: ["{quote}"]
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    paragraphs = [
        p.text.strip()
        for path in article_paths(ROOT / "seeds")
        for p in read_article(path).paragraphs
        if p.boilerplate is None and p.duplicate_of is None and len(p.text) > 40
    ]
    titles = [read_article(path).title for path in article_paths(ROOT / "seeds")]
    seeds_dir, notes_dir = args.folder / "seeds", args.folder / "annotations"
    seeds_dir.mkdir(parents=True, exist_ok=True)
    notes_dir.mkdir(parents=True, exist_ok=True)
    for number in range(args.count):
        stem = f"{number:06d}_{rng.getrandbits(64):016x}"
        title = f"{rng.choice(titles)} {number}"
        body = rng.sample(paragraphs, k=rng.randint(3, 9))
        text = "\n\n".join([title, *body]) + "\n"
        (seeds_dir / f"{stem}.txt").write_text(text, encoding="utf-8")
        words = body[0].split()
        quote = " ".join(words[: min(6, len(words))])
        meeting = rng.randint(1, 200)  # one meeting, one date, in every file that reports it
        year, month = 2015 + meeting % 11, 1 + meeting % 12
        escaped = quote.replace('"', '\\"')
        discrepancy = DISCREPANCY.format(meeting=meeting, quote=escaped) if number % 10 == 0 else ""
        (notes_dir / f"{stem}.yaml").write_text(
            ANNOTATION.format(
                stem=stem,
                status=rng.choice(["draft", "curated", "reviewed"]),
                title=title.replace('"', '\\"'),
                number=number,
                person=rng.randint(1, 500),
                quote=escaped,
                year=year,
                month=month,
                meeting=meeting,
                discrepancy=discrepancy,
                tag=rng.choice(["cybercrime", "terrorism", "policing", "cooperation"]),
            ),
            encoding="utf-8",
        )
        if (number + 1) % 1000 == 0 or number + 1 == args.count:
            print(f"\r{number + 1} of {args.count} articles written", end="", file=sys.stderr)
    print(file=sys.stderr)


if __name__ == "__main__":
    main()
