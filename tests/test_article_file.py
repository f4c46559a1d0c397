"""brief show and brief edit find an article without listing a large folder: an id's file is
opened directly, a prefix is looked up in the catalog, and never in a catalog that may be
behind the folder's names (an article added since its last full sync is still found, and a
prefix it makes ambiguous is refused)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from brief.article.model import ArticleError
from brief.catalog.tables import catalog_path
from brief.corpus import article_file, open_corpus

ROOT = Path(__file__).parent.parent


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for folder in ("seeds", "annotations"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_an_id_is_opened_without_a_catalog(corpus: Path) -> None:
    assert article_file(corpus, "003_4c77df3cdd400cf5").name == "003_4c77df3cdd400cf5.txt"
    assert article_file(corpus, "003").name == "003_4c77df3cdd400cf5.txt"  # the folder, listed
    assert not catalog_path(corpus).exists()  # nothing built or written


def test_a_prefix_is_looked_up_in_the_catalog(corpus: Path) -> None:
    open_corpus(corpus).catalog.close()
    seeds = corpus / "seeds"
    # The catalog names one 003 that a listing would not: the folder's stamp kept, it is asked.
    db = sqlite3.connect(catalog_path(corpus))
    with db:
        db.execute("UPDATE articles SET id = '003_zzzz' WHERE id = '003_4c77df3cdd400cf5'")
    db.close()
    stamp = seeds.stat()
    (seeds / "003_zzzz.txt").write_text("عنوان\n\nنص.\n", encoding="utf-8")
    os.utime(seeds, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert article_file(corpus, "003").name == "003_zzzz.txt"
    # A name changed in the folder since: it is listed, and the two are one too many.
    os.utime(seeds)
    with pytest.raises(ArticleError, match="'003' matches 2 articles"):
        article_file(corpus, "003")


def test_an_article_added_since_the_catalog_is_found(corpus: Path) -> None:
    open_corpus(corpus).catalog.close()
    shutil.copy(corpus / "seeds" / "001_26d5d24b852057da.txt", corpus / "seeds" / "009_new.txt")
    assert article_file(corpus, "009").name == "009_new.txt"
    shutil.copy(corpus / "seeds" / "001_26d5d24b852057da.txt", corpus / "seeds" / "001_new.txt")
    with pytest.raises(ArticleError, match="'001' matches 2 articles: 001_26d5d24b852057da, "):
        article_file(corpus, "001")


def test_a_removed_article_is_not_found(corpus: Path) -> None:
    open_corpus(corpus).catalog.close()
    (corpus / "seeds" / "002_d9a5e05a9b981f49.txt").unlink()
    with pytest.raises(ArticleError, match="no article '002'"):
        article_file(corpus, "002")


def test_a_path_is_not_an_id(corpus: Path) -> None:
    (corpus / "outside.txt").write_text("x\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"no article '\.\./outside'"):
        article_file(corpus, "../outside")
