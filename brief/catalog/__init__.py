"""The catalog: one SQLite file per corpus that answers queries without reading the articles,
kept in step with the files. Above brief.article and brief.annotations.

catalog    Catalog: the rows the list shows, the changes logged, its queries and its sync
matching   queries answered from the full-text tables, each term's rowids kept
indexing   one article as the catalog indexes it (run in worker processes)
stamps     the files' stamps (mtime and size), taken fast, and their hashes
watch      keeping the catalog in step as files change (inotify), and asking a watcher
query      the query language of the filter bar and `brief list QUERY`
"""

__all__ = ["catalog", "indexing", "matching", "query", "stamps", "watch"]
