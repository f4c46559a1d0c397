"""The reader: article list, article and annotations side by side."""

from __future__ import annotations

import sys
from collections.abc import Callable
from multiprocessing import resource_tracker
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Footer, Input, Label

from brief.annotations.index import CorpusIndex
from brief.annotations.store import EditHistory, write_atomic
from brief.article.layout import Highlight
from brief.article.model import ArticleError
from brief.corpus import Corpus
from brief.export.markdown import export_brief
from brief.settings import DEFAULT_KEYS, Settings, load_settings
from brief.text.bidi import is_rtl_text, visual_line
from brief.text.boundary import Terminal
from brief.text.fold import find_all
from brief.tui import editing
from brief.tui.article_list import ArticleList
from brief.tui.article_view import (
    CURRENT_HIT_STYLE,
    EVIDENCE_STYLE,
    SEARCH_STYLE,
    SELECTION_STYLE,
    ArticleView,
)
from brief.tui.commands import BriefCommands
from brief.tui.filtering import ListFilter
from brief.tui.keeping import INDEX_LIMIT, CorpusKeeper
from brief.tui.panes import AnnotationPanel
from brief.tui.screens import (
    EntitiesScreen,
    ExportScreen,
    HelpScreen,
    TimelineScreen,
    help_sections,
)

# ECMA-48 BDSM: explicit mode, so a terminal that reorders by itself leaves our rows alone.
EXPLICIT_BIDI = "\x1b[8l"
IMPLICIT_BIDI = "\x1b[8h"
WIDE, MEDIUM = 150, 110  # widths at which three, then two panes show at once


class BriefApp(App[None]):
    CSS_PATH = "brief.tcss"
    TITLE = "brief"
    COMMANDS = App.COMMANDS | {BriefCommands}
    BINDINGS = [
        Binding(DEFAULT_KEYS["quit"], "quit", "Quit", id="quit"),
        Binding(DEFAULT_KEYS["help"], "help", "Help", id="help"),
        Binding(DEFAULT_KEYS["filter"], "filter", "Filter", id="filter"),
        Binding(DEFAULT_KEYS["search"], "search", "Search", id="search"),
        Binding(DEFAULT_KEYS["next_article"], "next", "Next", id="next_article"),
        Binding(DEFAULT_KEYS["previous_article"], "previous", "Prev", id="previous_article"),
        Binding("N", "previous_hit", "Previous match", show=False),
        Binding(
            DEFAULT_KEYS["toggle_language"], "toggle_language", "Translate", id="toggle_language"
        ),
        Binding(DEFAULT_KEYS["entities"], "entities", "Entities", id="entities"),
        Binding(DEFAULT_KEYS["timeline"], "timeline", "Timeline", id="timeline"),
        Binding("escape", "back", "Back or clear", show=False),
        Binding(DEFAULT_KEYS["undo"], "undo", "Undo", id="undo"),
        Binding(DEFAULT_KEYS["export"], "export", "Export", id="export"),
        Binding("ctrl+r", "reload", "Look for changed files now", show=False),
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, priority=True),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, priority=True),
    ]

    language: reactive[str] = reactive("en")
    mode: reactive[str] = reactive("")  # "", "filter" or "search": what the bar at the bottom does

    def __init__(self, corpus_root: Path, settings: Settings | None = None) -> None:
        super().__init__()
        # A large first build spawns worker processes, which need multiprocessing's resource
        # tracker; started once Textual has replaced sys.stderr (fileno() -1), it fails.
        resource_tracker.ensure_running()
        self.corpus_root = corpus_root
        self.settings = settings or Settings()
        self.corpus: Corpus | None = None
        self.corpus_index: CorpusIndex | None = None  # None: not read (a large corpus)
        self.current: str | None = None
        self.hits: list[tuple[int, int]] = []
        self.hit_index = -1
        self.evidence: tuple[Highlight, ...] = ()
        self.list_filter = ListFilter(self)
        self.loaded = False
        self.selection: tuple[int, int] | None = None  # mouse-selected text of the article
        self.history = EditHistory()
        self.keeper = CorpusKeeper(self)

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ArticleList(id="articles")
            yield ArticleView(id="reader")
            yield AnnotationPanel(id="annotations")
        yield Label("", id="status")
        yield Label("", id="bar-preview")
        yield Input(id="bar")
        yield Footer()

    def on_mount(self) -> None:
        self.theme = self.settings.theme
        self.language = self.settings.language
        self.set_keymap({action: self.settings.key_for(action) for action in self.settings.keys})
        reader = self.query_one(ArticleView)
        reader.shape = self.settings.shape
        reader.bidi = self.settings.bidi
        self.query_one("#articles").styles.width = self.settings.panels.list_width
        self.query_one("#annotations").styles.width = self.settings.panels.annotations_width
        self.query_one("#bar").display = False
        self.query_one("#bar-preview").display = False
        self.show_status("Loading the corpus…")
        self.keeper.start()

    def on_unmount(self) -> None:
        self.keeper.stop()

    def show_first(self, changed: bool = False) -> None:
        """The list as the catalog has it now (`changed`: rows too), and an article open."""
        assert self.corpus is not None
        self.list_filter.apply(changed)
        if self.current is None and self.list_filter.shown:
            first = self.corpus.catalog.ids(self.list_filter.shown[:1])
            if first:
                self.open_article(first[0])
                self.query_one(ArticleView).focus()

    def show_changed(self, article_ids: set[str]) -> None:
        """Articles changed in the catalog: show them as they are now."""
        assert self.corpus is not None
        self.corpus.forget(article_ids)
        if self.corpus_index is not None:
            for article_id in article_ids:
                self.corpus_index.remove(article_id)
                loaded = self.corpus.loaded_annotation(article_id)
                if loaded is not None:
                    self.corpus_index.add(article_id, loaded.annotation, loaded.problems)
            self.corpus_index.finish()
        if self.current in article_ids and self.current not in self.corpus:
            self.current = None
        self.show_first(changed=True)
        if self.current is None or self.current not in article_ids:
            return
        shown = self.query_one(ArticleView).article
        try:
            text = self.corpus.article(self.current).text
        except ArticleError:
            text = None
        if shown is None or text != shown.text:
            self.open_article(self.current)  # the text changed: laid out again from the top
        else:
            self._show_annotations()

    def action_reload(self) -> None:
        self.show_status("Checking the files for changes…")
        self.keeper.look_now(told=True)

    def show_status(self, message: str) -> None:
        self.query_one("#status", Label).update(message)

    @property
    def visible_ids(self) -> list[str]:
        """Ids of the articles the filter matches, in order."""
        return self.corpus.catalog.ids(self.list_filter.matched) if self.corpus else []

    def refresh_list(self, changed: bool = False) -> None:
        if self.corpus is None:
            return
        articles = self.query_one(ArticleList)
        articles.fetch = self.corpus.catalog.summaries
        current = self.corpus.catalog.rowid(self.current) if self.current else None
        articles.show(self.list_filter.shown, keep=current, changed=changed)

    def open_article(self, article_id: str) -> None:
        if self.corpus is None:
            return
        try:
            article = self.corpus.article(article_id)
        except ArticleError as error:
            self.show_status(str(error))
            return
        self.current = article_id
        self.hits, self.hit_index, self.evidence = [], -1, ()
        self.selection = None
        self.query_one(ArticleView).show(article)
        self._show_annotations()
        rowid = self.corpus.catalog.rowid(article_id)
        if rowid is not None:
            self.query_one(ArticleList).select(rowid)
        self.sub_title = article.title

    def _show_annotations(self) -> None:
        corpus, current = self.corpus, self.current
        article = corpus.article(current) if corpus and current else None
        loaded = corpus.loaded_annotation(current) if corpus and current else None
        annotation = loaded.annotation if loaded else None
        problems = [
            f"line {p.line}: {p.message}" if p.line else p.message
            for p in (loaded.problems if loaded and annotation is None else [])
            if not p.warning
        ]
        self.query_one(AnnotationPanel).show(article, annotation, self.language, problems)

    def watch_language(self) -> None:
        if self.corpus is not None:
            self._show_annotations()

    # Layout: all three panes when wide, fewer when narrow (a hidden pane shows when focused).
    def on_resize(self, event: events.Resize) -> None:
        self._arrange(event.size.width)  # self.size is still the old one here

    def on_descendant_focus(self) -> None:
        self._arrange()

    def action_cycle_pane(self, step: int) -> None:
        """Tab: the next pane, shown first when the terminal is too narrow to show it always."""
        panes = ["articles", "reader", "annotations"]
        focused = self.focused.id if self.focused else None
        current = focused if focused in panes else "reader"
        target = self.query_one(f"#{panes[(panes.index(current) + step) % len(panes)]}")
        target.display = True
        target.focus()

    def _arrange(self, width: int | None = None) -> None:
        width = width or self.size.width
        focused = self.focused.id if self.focused else None
        articles, panel = self.query_one("#articles"), self.query_one("#annotations")
        articles.display = width >= WIDE or focused == "articles"
        panel.display = width >= MEDIUM or focused == "annotations"
        if width < MEDIUM and focused == "articles":
            panel.display = False

    # Opening, moving between articles.
    @on(ArticleList.Selected)
    def _selected(self, event: ArticleList.Selected) -> None:
        self.open_article(event.article_id)
        self.query_one(ArticleView).focus()

    def _step(self, delta: int) -> None:
        shown = self.list_filter.matched
        if not shown or self.corpus is None:
            return
        current = self.corpus.catalog.rowid(self.current) if self.current else None
        position = shown.index(current) if current in shown else -1
        target = shown[(position + delta) % len(shown)]
        self.open_article(*self.corpus.catalog.ids([target]))

    def action_next(self) -> None:
        if self.hits:
            self._go_to_hit(self.hit_index + 1)
        else:
            self._step(1)

    def action_previous(self) -> None:
        self._step(-1)

    def action_previous_hit(self) -> None:
        if self.hits:
            self._go_to_hit(self.hit_index - 1)

    # Evidence.
    @on(AnnotationPanel.EvidenceSelected)
    def _evidence(self, event: AnnotationPanel.EvidenceSelected) -> None:
        if self.corpus is None or self.current is None:
            return
        text = self.corpus.article(self.current).text
        spans = [
            span
            for quote in (event.item.quotes if event.item else ())
            for span in _exact(text, quote)
        ]
        self.evidence = tuple(Highlight(start, end, EVIDENCE_STYLE) for start, end in spans)
        self._apply_highlights()
        if spans:
            self.query_one(ArticleView).scroll_to_offset(min(spans)[0])
            self.show_status(f"{len(spans)} evidence quote(s) highlighted")
        elif event.item:
            self.show_status("Evidence quote not found in the article (brief validate)")

    @on(AnnotationPanel.Edit)
    def _edit(self, event: AnnotationPanel.Edit) -> None:
        editing.handle_edit(self, event)

    def action_undo(self) -> None:
        editing.undo(self)

    def action_export(self) -> None:
        """Export what the filter shows to a Markdown brief, after a preview."""
        if self.corpus is None:
            return
        ids = self.visible_ids
        text = export_brief(self.corpus, ids, query=self.list_filter.text)
        default = self.corpus_root / "brief.md"

        def write(choice: tuple[Path, str] | None) -> None:
            if choice is None:
                return
            path, brief = choice
            try:
                write_atomic(path, brief)
            except OSError as error:
                self.notify(f"cannot write {path}: {error.strerror or error}", severity="error")
                return
            count = len(ids)
            self.show_status(f"wrote {path} ({count} article{'s' * (count != 1)})")

        self.push_screen(ExportScreen(text, len(ids), default), write)

    @on(ArticleView.Selected)
    def _selected_text(self, event: ArticleView.Selected) -> None:
        self.selection = (event.start, event.end)
        self._apply_highlights()
        self.show_status(
            f"{event.end - event.start} characters selected: add or edit an item on the "
            "annotations panel to use them as evidence"
        )

    def _apply_highlights(self) -> None:
        selected = (
            (Highlight(*self.selection, SELECTION_STYLE),) if self.selection is not None else ()
        )
        hits = tuple(
            Highlight(start, end, CURRENT_HIT_STYLE if k == self.hit_index else SEARCH_STYLE)
            for k, (start, end) in enumerate(self.hits)
        )
        self.query_one(ArticleView).set_highlights(self.evidence + hits + selected)

    # The bar: filter (the corpus) and search (the article).
    def action_filter(self) -> None:
        self._open_bar("filter", "Filter: who:koman where:تونس when:2025 -word …")

    def action_search(self) -> None:
        self._open_bar("search", "Search this article")

    def _open_bar(self, mode: str, placeholder: str) -> None:
        bar = self.query_one("#bar", Input)
        self.mode = mode
        bar.placeholder = placeholder
        bar.display = True
        bar.focus()

    @on(Input.Changed, "#bar")
    def _bar_changed(self, event: Input.Changed) -> None:
        # The input shows what is typed in logical order; Arabic is also shown as it reads.
        preview = self.query_one("#bar-preview", Label)
        preview.display = self.query_one("#bar").display and is_rtl_text(event.value)
        preview.update(Text.assemble(("reads: ", "dim"), visual_line(event.value)))
        if self.mode == "filter":
            self.apply_filter(event.value, from_bar=True)
        elif self.mode == "search":
            self._search(event.value)

    @on(Input.Submitted, "#bar")
    def _bar_submitted(self) -> None:
        target = "#articles" if self.mode == "filter" else "#reader"
        self.query_one(target).focus()

    def apply_filter(self, text: str, from_bar: bool = False) -> None:
        if self.corpus is None:
            return
        if not from_bar:
            bar = self.query_one("#bar", Input)
            self.mode = "filter"
            bar.value = text  # posts Changed, which filters
            bar.display = True
            return
        self.list_filter.text = text
        message = self.list_filter.apply()
        if message:
            self.show_status(message)

    def _search(self, text: str) -> None:
        if self.corpus is None or self.current is None:
            return
        article_text = self.corpus.article(self.current).text
        # The whole text typed is one phrase, as in a pager: a hit is then a ready quote.
        terms = [text] if text.strip() else []
        self.hits = sorted({span for term in terms for span in find_all(article_text, term)})
        if self.hits:
            self._go_to_hit(0)
        else:
            self.hit_index = -1
            self._apply_highlights()
            self.show_status("no match in this article" if text.strip() else "")

    def _go_to_hit(self, index: int) -> None:
        self.hit_index = index % len(self.hits)
        self._apply_highlights()
        self.query_one(ArticleView).scroll_to_offset(self.hits[self.hit_index][0])
        self.show_status(f"match {self.hit_index + 1} of {len(self.hits)} · n/N: next/previous")

    async def action_back(self) -> None:
        """Esc: close the bar, then clear the search, then the evidence highlight."""
        bar = self.query_one("#bar", Input)
        self.query_one("#bar-preview").display = False
        if bar.display and self.mode == "search":
            bar.display, self.mode, bar.value = False, "", ""
            self.hits, self.hit_index = [], -1
        elif bar.display:
            bar.display, self.mode = False, ""
        elif self.evidence or self.hits or self.selection:
            self.hits, self.hit_index, self.evidence = [], -1, ()
            self.selection = None
        self._apply_highlights()
        self.query_one(ArticleView).focus()

    def action_clear_filter(self) -> None:
        self.apply_filter("")

    def action_toggle_language(self) -> None:
        self.language = "ar" if self.language == "en" else "en"

    def action_toggle_shaping(self) -> None:
        reader = self.query_one(ArticleView)
        reader.shape = not reader.shape

    def action_help(self) -> None:
        self.push_screen(HelpScreen(help_sections(self)))

    def action_entities(self) -> None:
        self._with_index(
            lambda index: self.push_screen(EntitiesScreen(index, self.language), self._filter_to)
        )

    def _filter_to(self, query: str | None) -> None:
        if query:
            self.apply_filter(query)

    def action_timeline(self) -> None:
        self._with_index(
            lambda index: self.push_screen(
                TimelineScreen(index, self.language), self._open_from_timeline
            )
        )

    def _open_from_timeline(self, article_id: str | None) -> None:
        if article_id:
            self.open_article(article_id)

    def _with_index(self, show: Callable[[CorpusIndex], object]) -> None:
        """Entities and timeline: of the whole corpus when small, else of what the filter
        shows, read in a thread."""
        if self.corpus is None:
            return
        if self.corpus_index is not None and not self.list_filter.text:
            show(self.corpus_index)
            return
        count = len(self.list_filter.matched)
        if count > INDEX_LIMIT:
            self.show_status(
                f"{count:,} articles shown: filter to at most {INDEX_LIMIT:,} "
                "for their entities and timeline"
            )
            return
        self.show_status(f"Reading the annotations of {count:,} articles…")
        self._read_index(self.visible_ids, show)

    @work(thread=True, exclusive=True, group="index")
    def _read_index(self, ids: list[str], show: Callable[[CorpusIndex], object]) -> None:
        assert self.corpus is not None
        index = self.corpus.index_of(ids)
        self.call_from_thread(show, index)


def _exact(text: str, quote: str) -> list[tuple[int, int]]:
    """Every exact occurrence of an evidence quote in the article."""
    spans, start = [], text.find(quote)
    while start != -1 and quote:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + len(quote))
    return spans


def run(corpus_root: Path) -> int:
    settings = load_settings(corpus_root)
    app = BriefApp(corpus_root, settings)
    out = Terminal.of(sys.stdout)
    explicit = settings.bidi == "app" and out.isatty()
    if explicit:
        out.control(EXPLICIT_BIDI)
        out.flush()
    try:
        app.run()
    finally:
        # Restored after a normal quit, an exception or ctrl+c alike.
        if explicit:
            out.control(IMPLICIT_BIDI)
            out.flush()
    return app.return_code or 0
