"""The catalog: one SQLite file per corpus that answers queries without reading the articles,
kept in step with the files. Above brief.article and brief.annotations.

catalog    Catalog: the rows the list shows and the changes logged; it holds its queries and
           its sync, and keeps them in step
tables     the SQLite file: where it is kept, its schema, the reads the others share
sync       a sync with the files, planned from their stamps and applied in batches
matching   queries answered from the full-text and grams tables, each term's rowids kept
grams      the bitmaps of rowids that answer one- and two-character terms
indexing   one article as the catalog indexes it (in worker processes for a large build)
stamps     the files' stamps (mtime and size), taken fast, and their hashes
watch      keeping the catalog in step as files change (inotify), and asking a watcher
query      the query language of the filter bar and `brief list QUERY`
"""

__all__ = ["catalog", "grams", "indexing", "matching", "query", "stamps", "sync", "tables", "watch"]
