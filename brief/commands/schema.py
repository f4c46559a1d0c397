"""`brief schema`: the JSON Schema of annotation files, or of brief files."""

from __future__ import annotations

import argparse
import json
import sys

from brief.commands.common import (
    corpus_dir,
)

SUMMARY = "print the JSON Schema of annotation files"


def arguments(schema: argparse.ArgumentParser) -> None:
    schema.add_argument(
        "--write",
        action="store_true",
        help="write annotations/schema.json (with --brief: briefs/schema.json)",
    )
    schema.add_argument(
        "--brief", action="store_true", help="the schema of brief files (export --brief)"
    )


def run(args: argparse.Namespace) -> int:
    from brief.annotations.briefing import brief_json_schema
    from brief.annotations.model import json_schema
    from brief.text.files import write_atomic

    schema = brief_json_schema() if args.brief else json_schema()
    text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    if args.write:
        folder = "briefs" if args.brief else "annotations"
        target = corpus_dir(args.corpus) / folder / "schema.json"
        target.parent.mkdir(exist_ok=True)
        write_atomic(target, text)  # a link there is replaced, not written through
        print(f"wrote {target}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
