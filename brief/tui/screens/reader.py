"""The main screen: the article list, the article and its annotations side by side, the status
line, the filter and search bar, and the footer.

It shows the corpus the app hands it (calls down: `use_corpus`, `show_changed`, `say`) and leaves
edits and dialogs to the app (its panes post messages; its keys for them are `app.` actions).
All three panes show when the terminal is wide; fewer when it is narrow, and a hidden pane shows
when Tab brings it forward, the list also while the filter is typed.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen

from brief.article.model import Article, ArticleError
from brief.catalog.query import Query
from brief.corpus import Corpus
from brief.settings import DEFAULT_KEYS, Settings
from brief.tui import filtering
from brief.tui.commands import BriefCommands
from brief.tui.filtering import ListFilter
from brief.tui.messages import MatchesCounted, Notice
from brief.tui.widgets.annotation_panel import AnnotationPanel
from brief.tui.widgets.article_list import ArticleList
from brief.tui.widgets.article_view import ArticleView
from brief.tui.widgets.bottom_bar import BottomBar
from brief.tui.widgets.footer import KeyFooter
from brief.tui.widgets.status_line import StatusLine

WIDE, MEDIUM = 150, 110  # widths at which three, then two panes show at once
PANES = ("articles", "reader", "annotations")
MARKS = ("search", "evidence", "selection")  # status lines about what is marked in the article


PANES_TIP = "the list, the article, the annotations in turn; a hidden one shows"
BACK_TIP = "one level: the bar, the marks, then back to the article"
RELOAD_TIP = "look for files changed outside the reader now"
FORMATS_SAID = "Markdown, HTML or Word, by the file's suffix (.md, .html, .docx)"


def _bound(action_id: str, action: str, description: str, tooltip: str) -> Binding:
    """A binding whose keys the settings can change (`[keys]`, by `action_id`)."""
    return Binding(DEFAULT_KEYS[action_id], action, description, id=action_id, tooltip=tooltip)


class ReaderScreen(Screen[None]):
    COMMANDS = {BriefCommands}
    # The article has the focus from the first frame, as once one is open: a narrow terminal
    # shows it alone at once, not the list first and then it.
    AUTO_FOCUS = "#reader"
    BINDINGS: ClassVar[list[BindingType]] = [
        _bound("help", "app.help", "Help", "every key, the query language"),
        Binding("tab", "cycle_pane(1)", "Panes", tooltip=PANES_TIP),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False),
        _bound("filter", "filter", "Filter", "the corpus, as you type (the queries below)"),
        _bound("search", "search", "Search", "this article, its matches marked"),
        _bound("next_article", "next", "Next", "the next article (after /: the next match)"),
        _bound("previous_article", "previous", "Prev", "the previous article"),
        Binding("N", "previous_hit", "Previous match", show=False),
        _bound(
            "toggle_language", "toggle_language", "Language", "annotations in English or Arabic"
        ),
        _bound(
            "entities", "app.entities", "Entities", "who, where and events (Enter filters to one)"
        ),
        _bound("timeline", "app.timeline", "Timeline", "dated events (Enter opens the article)"),
        _bound(
            "export", "app.export", "Export", f"what the filter shows, to a brief: {FORMATS_SAID}"
        ),
        _bound("undo", "app.undo", "Undo", "the session's saves, the last first"),
        _bound("quit", "app.quit", "Quit", ""),
        Binding("escape", "back", "Back", show=False, tooltip=BACK_TIP),
        Binding("ctrl+r", "app.reload", "Reload", show=False, tooltip=RELOAD_TIP),
    ]

    # Not run at its first reading (init): that would read the annotations of the first
    # article before the first screen is drawn.
    language: reactive[str] = reactive("en", init=False)

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.corpus: Corpus | None = None
        self.current: str | None = None
        self.list_filter = ListFilter()
        self.indexing = True  # the catalog is not yet in step with the files

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ArticleList(id="articles")
            yield ArticleView(id="reader")
            yield AnnotationPanel(id="annotations")
        yield StatusLine("Loading the corpus…", id="status")
        yield BottomBar(id="bar")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.language = self.settings.language
        view = self.query_one(ArticleView)
        view.shape = self.settings.shape
        view.bidi = self.settings.bidi
        self.query_one("#articles").styles.width = self.settings.panels.list_width
        self.query_one("#annotations").styles.width = self.settings.panels.annotations_width
        self._arrange(self.app.size.width)  # as the first frame will have it (AUTO_FOCUS)

    # Calls from the app.
    def say(self, message: str, about: str = "") -> None:
        self.query_one(StatusLine).say(message, about)

    def clear_status(self, *about: str) -> None:
        self.query_one(StatusLine).clear(*about)

    def use_corpus(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.query_one(ArticleList).fetch = corpus.summaries
        self.show_first()

    def show_first(self, changed: bool = False) -> None:
        """The list as the catalog has it now (`changed`: rows too), and an article open."""
        self._filter(changed, say=False)
        if self.corpus is not None and self.current is None and self.list_filter.shown:
            first = self.corpus.ids_of(self.list_filter.shown[:1])
            if first:
                # The panel is filled once the list and the article are on screen: reading
                # the annotation file loads the annotations' models (pydantic) first.
                self.open_article(first[0], annotations_later=True)
                self.query_one(ArticleView).focus()

    def show_changed(self, article_ids: set[str]) -> None:
        """Articles changed in the catalog (their files read again): show them as they are."""
        if self.corpus is None:
            return
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
            self.show_annotations()

    def open_article(self, article_id: str, annotations_later: bool = False) -> None:
        if self.corpus is None:
            return
        try:
            article = self.corpus.article(article_id)
        except ArticleError as error:
            self.say(str(error))
            return
        self.current = article_id
        self.query_one(ArticleView).show(article)
        self.clear_status(*MARKS)
        if annotations_later:
            self.query_one(AnnotationPanel).reading(article, self.language)
            self.call_after_refresh(self._annotations_of, article_id)
        else:
            self.show_annotations()
        rowid = self.corpus.rowid(article_id)
        if rowid is not None:
            self.query_one(ArticleList).select(rowid)

    def _annotations_of(self, article_id: str) -> None:
        if self.current == article_id:  # not another article since
            self.show_annotations()

    def show_annotations(self) -> None:
        article = self.article
        loaded = self.corpus.loaded_annotation(article.id) if self.corpus and article else None
        annotation = loaded.annotation if loaded else None
        problems = [
            f"line {p.line}: {p.message}" if p.line else p.message
            for p in (loaded.problems if loaded and annotation is None else [])
            if not p.warning
        ]
        self.query_one(AnnotationPanel).show(article, annotation, self.language, problems)

    @property
    def article(self) -> Article | None:
        """The article shown."""
        if self.corpus is None or self.current is None:
            return None
        try:
            return self.corpus.article(self.current)
        except ArticleError:
            return None

    @property
    def quote(self) -> str | None:
        """What is marked in the article to use as evidence (a selection, the current match)."""
        return self.query_one(ArticleView).quote

    def saved(self) -> None:
        """An edit was saved: the selection it may have quoted is used."""
        view = self.query_one(ArticleView)
        view.selection = None
        view.unmark(search=False)

    def apply_filter(self, text: str) -> None:
        """Filter the list to `text`, shown in the bar."""
        self.query_one(BottomBar).open("filter", text, focus=False)

    def filter_to(self, text: str) -> None:
        """The list filtered to what the bar holds, its count said."""
        self.list_filter.text = text
        self._filter()

    @property
    def filter_text(self) -> str:
        return self.list_filter.text

    @property
    def matched(self) -> list[int]:
        """Rowids of every article the filter matches, counted now if a thread still is."""
        if self.list_filter.counting is not None:
            self._filter(whole=True)
        return self.list_filter.shown

    @property
    def visible_ids(self) -> list[str]:
        """Ids of the articles the filter matches, in order."""
        return self.corpus.ids_of(self.matched) if self.corpus else []

    # The filter.
    def _filter(self, changed: bool = False, whole: bool = False, say: bool = True) -> None:
        """Show what the filter matches; `say` its count on the status line."""
        if self.corpus is None:
            return
        articles = self.query_one(ArticleList)
        page = articles.page_size
        filtered = self.list_filter.apply(self.corpus, page, self.indexing, whole)
        current = self.corpus.rowid(self.current) if self.current else None
        articles.show(self.list_filter.shown, keep=current, changed=changed)
        if filtered.count is not None:
            count = partial(self._count, self.corpus, filtered.count)
            self.run_worker(count, name="count", group="count", thread=True, exclusive=True)
        if say:
            self.say(filtered.message, about="filter")

    def _count(self, corpus: Corpus, query: Query) -> None:
        """In a thread: every match of the query read, the list shows them all."""
        trouble = filtering.count(corpus, query)
        if trouble is None:
            self.post_message(MatchesCounted(query))
        elif trouble:  # else a later keystroke stopped it: its own count follows
            self.post_message(Notice(trouble, about="filter"))

    @on(MatchesCounted)
    def _counted(self, event: MatchesCounted) -> None:
        if event.query == self.list_filter.counting:  # else the filter changed meanwhile
            self._filter()

    # The bar.
    def action_filter(self) -> None:
        self.query_one(BottomBar).open("filter")
        self._arrange()

    def action_search(self) -> None:
        self.query_one(BottomBar).open("search")

    @on(BottomBar.Changed)
    def _typed(self, event: BottomBar.Changed) -> None:
        if event.mode == "filter":
            self.filter_to(event.text)
        elif event.mode == "search":
            self.say(self.query_one(ArticleView).search(event.text), about="search")

    @on(BottomBar.Submitted)
    def _submitted(self, event: BottomBar.Submitted) -> None:
        self.query_one("#articles" if event.mode == "filter" else "#reader").focus()

    def action_clear_filter(self) -> None:
        self.apply_filter("")

    # Moving between articles and matches.
    @on(ArticleList.Selected)
    def _chosen(self, event: ArticleList.Selected) -> None:
        self.open_article(event.article_id)
        self.query_one(ArticleView).focus()

    def _step(self, delta: int) -> None:
        shown = self.matched
        if not shown or self.corpus is None:
            return
        current = self.corpus.rowid(self.current) if self.current else None
        position = shown.index(current) if current in shown else -1
        for article_id in self.corpus.ids_of([shown[(position + delta) % len(shown)]]):
            self.open_article(article_id)

    def action_next(self) -> None:
        view = self.query_one(ArticleView)
        if view.hits:
            self.say(view.go_to_hit(view.hit + 1), about="search")
        else:
            self._step(1)

    def action_previous(self) -> None:
        self._step(-1)

    def action_previous_hit(self) -> None:
        view = self.query_one(ArticleView)
        if view.hits:
            self.say(view.go_to_hit(view.hit - 1), about="search")

    # What is marked in the article.
    @on(AnnotationPanel.ItemHighlighted)
    def _evidence(self, event: AnnotationPanel.ItemHighlighted) -> None:
        quotes = event.item.quotes if event.item else ()
        message = self.query_one(ArticleView).show_evidence(quotes)
        if message:
            self.say(message, about="evidence")
        else:
            self.clear_status("evidence")

    @on(ArticleView.Selected)
    def _selected(self, event: ArticleView.Selected) -> None:
        self.say(
            f"{event.end - event.start} characters selected: add or edit an item (a, or on the "
            "annotations pane) to use them as evidence",
            about="selection",
        )

    @on(Notice)
    def _notice(self, event: Notice) -> None:
        event.stop()
        self.say(event.text, event.about)

    def action_back(self) -> None:
        """Esc: close the bar (a search with it), else clear the marks; back to the article."""
        bar = self.query_one(BottomBar)
        view = self.query_one(ArticleView)
        if bar.display:
            searching = bar.mode == "search"
            bar.close()
            if searching:
                view.unmark()
                self.clear_status("search")
        elif view.unmark():
            self.clear_status(*MARKS)
        view.focus()

    def action_toggle_language(self) -> None:
        self.language = "ar" if self.language == "en" else "en"

    def action_toggle_shaping(self) -> None:
        view = self.query_one(ArticleView)
        view.shape = not view.shape

    def watch_language(self) -> None:
        if self.corpus is not None:
            self.show_annotations()

    # Layout.
    def on_resize(self, event: events.Resize) -> None:
        self._arrange(event.size.width)  # self.size is still the old one here

    def on_descendant_focus(self) -> None:
        self._arrange()

    def action_cycle_pane(self, step: int) -> None:
        """Tab: the next pane, shown first when the terminal is too narrow to show it always."""
        focused = self.focused.id if self.focused else None
        current = focused if focused in PANES else "reader"
        target = self.query_one(f"#{PANES[(PANES.index(current) + step) % len(PANES)]}")
        target.display = True
        target.focus()

    def _arrange(self, width: int | None = None) -> None:
        width = width or self.size.width
        focused = self.focused.id if self.focused else None
        bar = self.query_one(BottomBar)
        filtering = bar.display and bar.mode == "filter"
        articles, panel = self.query_one("#articles"), self.query_one("#annotations")
        articles.display = width >= WIDE or focused == "articles" or filtering
        panel.display = width >= MEDIUM or focused == "annotations"
        if width < MEDIUM and articles.display:
            panel.display = False
