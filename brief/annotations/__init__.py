"""An article's annotations: schema v2 of the YAML files beside the articles. Above brief.text
and brief.article (quotes are checked against the article's text).

vocabulary the values a field may take and the item lists, in panel order (no pydantic)
model      the pydantic model and the JSON Schema made from it and the vocabulary
load       safe loading that points at the line and column of every problem
validate   `brief validate`: files against the schema, quotes against their articles
store      editing a file without losing comments or work (round-trip YAML, atomic saves)
editor     `brief edit`: a file through $VISUAL/$EDITOR, as `kubectl edit` does
recovery   edits that could not be saved, kept until they are restored or dropped
merge      `brief merge`: three versions of a file merged by item, for git
regions    a file's text cut into its keys and items, each with the comments above it
index      entities, events, one timeline and the decisions across many articles
items      the annotation panel's items, in English or Arabic
briefing   the analyst's brief file (export --brief): judgements, gaps, collection needs
"""

__all__ = [
    "briefing",
    "editor",
    "index",
    "items",
    "load",
    "merge",
    "model",
    "recovery",
    "regions",
    "store",
    "validate",
    "vocabulary",
]
