"""The analyst's part of a brief (`brief export --brief FILE.yaml`): its title, the key
judgements with their confidence and citations, the gaps and what to collect next. Read and
checked like an annotation file: against its model (briefs/schema.json is generated from it),
and every cited quote against its article."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import Field, StringConstraints

from brief.annotations.load import LoadedFile, Problem, UnreadableFile, parse_file, read_text
from brief.annotations.model import Bilingual, Quote, Strict
from brief.annotations.validate import nfc
from brief.article.model import ArticleError, read_article, resolve_article

BRIEF_VERSION = 1
Confidence = Literal["low", "moderate", "high"]
CONFIDENCES: tuple[Confidence, ...] = get_args(Confidence)
CONFIDENCE_TITLES = {
    "en": {"low": "low confidence", "moderate": "moderate confidence", "high": "high confidence"},
    "ar": {"low": "ثقة منخفضة", "moderate": "ثقة متوسطة", "high": "ثقة عالية"},
}


class Citation(Strict):
    """A quote that backs a judgement, from one article."""

    article: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="the article's id, or a unique prefix of it (000)"
    )
    evidence: Quote


class Judgement(Strict):
    """A key judgement: what the analyst concludes, how sure, on what evidence."""

    what: Bilingual = Field(description="the judgement, one or two sentences")
    confidence: Confidence = Field(
        description="low: plausible, thinly sourced; moderate: credibly sourced, not "
        "corroborated; high: several reliable sources agree"
    )
    citations: list[Citation] = Field(
        min_length=1, description="quotes from the articles that back it"
    )


class BriefFile(Strict):
    """brief export --brief FILE.yaml: what the analyst writes above the curated detail."""

    brief: Literal[1] = Field(description="the brief file format's version: 1")
    title: Bilingual = Field(description="the brief's title")
    key_judgements: list[Judgement] = Field(
        default_factory=list, description="the bottom line: judgements with confidence"
    )
    gaps: list[Bilingual] = Field(default_factory=list, description="what is still unknown")
    collection_needs: list[Bilingual] = Field(
        default_factory=list, description="what to collect next to close the gaps"
    )


def brief_json_schema() -> dict[str, Any]:
    """The JSON Schema of a brief file, for briefs/schema.json."""
    schema = BriefFile.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "brief: the analyst's part of a brief, version 1"
    return schema


def load_brief(path: Path, corpus: Path) -> tuple[BriefFile | None, list[Problem]]:
    """A brief file read and checked: the model, then each citation against its article."""
    try:
        text = read_text(path)
    except UnreadableFile as problem:
        return None, [Problem(path, problem.line, problem.column, problem.reason)]
    loaded, brief = parse_file(path, text, BriefFile, "brief: 1")
    if brief is None:
        return None, loaded.problems
    problems = _check_citations(loaded, brief, corpus)
    return (brief if not problems else None), problems


def cited_article(corpus: Path, citation: Citation) -> str:
    """The id of the article a citation names (ArticleError when none or several)."""
    return resolve_article(corpus / "seeds", citation.article).stem


def _check_citations(loaded: LoadedFile, brief: BriefFile, corpus: Path) -> list[Problem]:
    problems = []
    for k, judgement in enumerate(brief.key_judgements):
        for c, citation in enumerate(judgement.citations):
            where = ("key_judgements", k, "citations", c)
            try:
                article = read_article(resolve_article(corpus / "seeds", citation.article))
            except ArticleError as error:
                line, column = loaded.position((*where, "article"))
                problems.append(Problem(loaded.path, line, column, str(error)))
                continue
            if nfc(citation.evidence) not in nfc(article.text):
                line, column = loaded.position((*where, "evidence"))
                message = f"evidence not found in {article.id}: {citation.evidence!r}"
                problems.append(Problem(loaded.path, line, column, message))
    return problems
