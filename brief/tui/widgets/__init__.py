"""The reader's widgets: the three panes (ArticleList, ArticleView, AnnotationPanel), the
BottomBar (filter and search), the StatusLine, the KeyFooter, and what they are built from:
Choices (lists keyed j/k/g/G, laid out at their width), LaidOutText, and the text fields
(fields.py: the one place that makes them)."""
