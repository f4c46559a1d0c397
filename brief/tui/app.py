"""The reader's app: the corpus and the threads that keep it in step with the files, the main
screen, and the dialogs. Widgets, screens and threads tell it what happened (messages); it
answers with calls down (to the reader screen) and dialogs: edits, the index, the export."""

from __future__ import annotations

import dataclasses
import os
import sys
from functools import partial
from multiprocessing import resource_tracker
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import SuspendNotSupported
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen

from brief.article.model import short_id
from brief.catalog.watch import Watcher
from brief.corpus import Corpus
from brief.settings import Settings, load_settings
from brief.terminal import EXPLICIT_BIDI, IMPLICIT_BIDI, detect
from brief.text.boundary import Terminal
from brief.tui import messages
from brief.tui.display import counted, shown, use_bidi
from brief.tui.editing import Conflict, Curator, Invalid, Mutation, Saved
from brief.tui.keeper import INDEX_LIMIT, TICK_SECONDS, CorpusKeeper, WatcherFactory
from brief.tui.keys import KeysInOrder
from brief.tui.screens.reader import ReaderScreen

# What the first screen does not need (the forms, the dialogs, the export, the editor, the
# palette, and the annotation modules under them) is imported when it is first asked for:
# importing it all at start took longer than Textual itself.
if TYPE_CHECKING:
    from brief.annotations.index import CorpusIndex
    from brief.annotations.recovery import KeptEdit
    from brief.annotations.store import AnnotationFile


class BriefApp(KeysInOrder):  # keys handled as typed, at any speed
    OPENING_GROUP = "dialog"  # the keys after one that opens a dialog wait for it
    CSS_PATH = "brief.tcss"
    TITLE = "brief"

    def __init__(
        self, corpus_root: Path, settings: Settings | None = None, watcher: WatcherFactory = Watcher
    ) -> None:
        super().__init__()
        # A large first build spawns worker processes, which need multiprocessing's resource
        # tracker; started once Textual has replaced sys.stderr (fileno() -1), it fails.
        resource_tracker.ensure_running()
        self.corpus_root = corpus_root
        self.settings = settings or Settings()
        use_bidi(self.settings.bidi)
        self.corpus: Corpus | None = None
        self.loaded = False
        self.curator = Curator(corpus_root)
        self.keeper = CorpusKeeper(corpus_root, self.post_message, watcher)
        self.reader = ReaderScreen(self.settings)

    def get_default_screen(self) -> Screen[None]:
        return self.reader

    def on_mount(self) -> None:
        self.theme = self.settings.theme
        self.set_keymap({action: self.settings.key_for(action) for action in self.settings.keys})
        self.run_worker(self.keeper.load, name="load", group="load", thread=True)

    def on_unmount(self) -> None:
        self.keeper.stop()

    @property
    def corpus_index(self) -> CorpusIndex | None:
        """Every annotation (None: not read, a large corpus)."""
        return self.keeper.index

    @property
    def current(self) -> str | None:
        """The id of the article shown."""
        return self.reader.current

    @property
    def visible_ids(self) -> list[str]:
        """Ids of the articles the filter matches, in order."""
        return self.reader.visible_ids

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A toast, through the display boundary; never markup (paths and names are not)."""
        super().notify(
            shown(message).plain,
            title=shown(title).plain,
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The palette runs the reader's commands: not over a dialog.
        return not (action == "command_palette" and isinstance(self.screen, ModalScreen))

    def action_command_palette(self) -> None:
        """ctrl+p: Textual's palette, with a query field that shows Arabic as it reads."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            from brief.tui.widgets.bidi_palette import BidiCommandPalette

            self.push_screen(BidiCommandPalette(id="--command-palette"))

    # From the keeper's threads.
    @on(messages.CorpusOpened)
    def _opened(self, event: messages.CorpusOpened) -> None:
        self.corpus = event.corpus
        self.reader.use_corpus(event.corpus)
        self.reader.say(f"{counted(len(event.corpus), 'article')}; checking the files for changes…")
        self.call_after_refresh(self.keeper.drawn.set)

    @on(messages.IndexProgress)
    def _indexed(self, event: messages.IndexProgress) -> None:
        if self.corpus is not None:
            self.reader.show_first()
            self.reader.say(
                f"Indexing the corpus: {event.done:,} of {counted(event.total, 'article')} (once)"
            )

    @on(messages.CorpusLoaded)
    def _loaded(self, event: messages.CorpusLoaded) -> None:
        self.keeper.index = event.index
        self.reader.indexing = False
        self._catch_up(quiet=True)
        self.reader.say(self.keeper.notes())
        self.loaded = True
        self.curator.tidy()
        self._offer_recovery()
        self.set_interval(TICK_SECONDS, self._tick)

    @on(messages.CatalogChanged)
    def _changed(self, event: messages.CatalogChanged) -> None:
        self._catch_up(told=event.told)

    @on(messages.Notice)
    def _notice(self, event: messages.Notice) -> None:
        self.reader.say(event.text, event.about)

    def _tick(self) -> None:
        due = self.keeper.due()
        if due == "catch up":
            self._catch_up()
        elif due == "look":
            self._look()

    def _look(self, told: bool = False) -> None:
        if self.keeper.may_look():
            look = partial(self.keeper.look, told=told)
            self.run_worker(look, name="look", group="look", thread=True)

    def action_reload(self) -> None:
        self.reader.say("Checking the files for changes…")
        self._look(told=True)

    def _catch_up(self, told: bool = False, quiet: bool = False) -> None:
        """Show the articles changed in the catalog since the last look. `told`: say how many
        even when none; `quiet`: say nothing."""
        if self.corpus is None:
            return
        ids = self.keeper.catch_up()
        if ids:
            self.reader.show_changed(ids)
        changed = self.keeper.from_elsewhere(ids)
        if not quiet and (changed or told):
            self.reader.say(
                f"{counted(len(self.corpus), 'article')}; {len(changed):,} changed on disk"
            )

    def _reload(self, article_id: str) -> None:
        """One article's annotation file read again into the catalog, and shown."""
        if self.corpus is not None and article_id in self.corpus:
            self.keeper.wrote(article_id)
            self.corpus.refresh([article_id])
            self._catch_up(quiet=True)

    # Edits, asked for by the annotations pane (and `a` in the article).
    @on(messages.AddItem)
    @work(group="dialog")
    async def _add_item(self) -> None:
        from brief.annotations.store import AnnotationFile
        from brief.tui.screens.dialogs import ChooseSection
        from brief.tui.screens.form_fields import item_kinds
        from brief.tui.screens.forms import ItemForm

        article = self.reader.article
        if article is None:
            return
        section = await self.push_screen_wait(ChooseSection(item_kinds()))
        if section is None:
            return
        document = self.curator.open(article.id, article.title)
        form = ItemForm(section, article.text, None, self._known_ids(), self.reader.quote)
        data = await self.push_screen_wait(form)
        if data is not None:
            add = partial(AnnotationFile.add_item, section=section, item=data)
            await self._save(document, add, f"{section} added")

    @on(messages.EditItem)
    @work(group="dialog")
    async def _edit_item(self, event: messages.EditItem) -> None:
        from brief.annotations.store import AnnotationFile
        from brief.tui.screens.forms import ItemForm

        article = self.reader.article
        annotation = self.corpus.annotation(article.id) if self.corpus and article else None
        if article is None or annotation is None:
            return
        section, index = event.item.key.split(":")
        item = getattr(annotation, section)[int(index)].model_dump(exclude_none=True)
        document = self.curator.open(article.id, article.title)
        form = ItemForm(section, article.text, item, self._known_ids(), self.reader.quote)
        data = await self.push_screen_wait(form)
        if data is not None:
            replace = partial(
                AnnotationFile.replace_item, section=section, index=int(index), item=data
            )
            await self._save(document, replace, "saved")

    @on(messages.DeleteItem)
    @work(group="dialog")
    async def _delete_item(self, event: messages.DeleteItem) -> None:
        from brief.annotations.store import AnnotationFile
        from brief.tui.screens.dialogs import Confirm

        article = self.reader.article
        if article is None:
            return
        section, index = event.item.key.split(":")
        document = self.curator.open(article.id, article.title)
        question = Confirm(
            f"Delete this {section} item?", event.item.label, "Delete", "Keep", default=False
        )
        if await self.push_screen_wait(question):
            delete = partial(AnnotationFile.delete_item, section=section, index=int(index))
            await self._save(document, delete, "deleted")

    @on(messages.EditArticleFields)
    @work(group="dialog")
    async def _edit_article_fields(self) -> None:
        from brief.tui.screens.forms import ArticleForm

        article = self.reader.article
        if article is None:
            return
        document = self.curator.open(article.id, article.title)
        before = self.curator.article_fields(document)
        data = await self.push_screen_wait(ArticleForm(before))
        if data is None:
            return
        mutate = self.curator.set_fields(before, data)
        if mutate is None:
            self.reader.say("unchanged: nothing saved")
        else:
            await self._save(document, mutate, "article fields")

    async def _save(self, document: AnnotationFile, mutate: Mutation, done: str) -> None:
        """Save an edit; if the file changed on disk since, show how and offer to apply the edit
        again to the new version."""
        from brief.tui.screens.dialogs import Confirm

        title = self.reader.article.title if self.reader.article else ""
        outcome = self.curator.save(document, mutate, done)
        if isinstance(outcome, Saved):
            self._reload(outcome.article_id)
            self.reader.saved()
            self.reader.say(outcome.status)
        elif isinstance(outcome, Conflict):
            self._reload(outcome.article_id)
            question = Confirm(outcome.message, outcome.diff, "Apply again", "Keep for later")
            if await self.push_screen_wait(question):
                outcome.kept.unlink(missing_ok=True)
                await self._save(self.curator.open(outcome.article_id, title), mutate, done)
            else:
                self.notify(f"Your edit is kept in {outcome.kept}", title="Not saved")
        else:
            self.notify(outcome.message, title="Not saved", severity="error")

    def _known_ids(self) -> list[str]:
        return sorted(self.corpus_index.entities) if self.corpus_index else []

    @on(messages.OpenInEditor)
    @work(group="dialog")
    async def _open_in_editor(self) -> None:
        """Rounds in $VISUAL/$EDITOR until the edit is valid, unchanged or discarded."""
        from brief.annotations.editor import EditSession
        from brief.tui.screens.dialogs import Confirm

        article = self.reader.article
        if article is None:
            return
        restored = await self._kept_for_the_editor(article.id)
        session = EditSession.start(self.corpus_root, article.id, article.title, restored)
        while True:
            try:
                with self.suspend():
                    session.run_editor()
            except SuspendNotSupported:  # no terminal to hand over (tests): run it anyway
                session.run_editor()
            outcome = self.curator.finish_editing(session)
            if not isinstance(outcome, Invalid):
                break
            question = Confirm(
                "The edit is not valid and was not saved.",
                outcome.details,
                "Re-open the editor",
                "Discard",
            )
            if not await self.push_screen_wait(question):
                self.reader.say(f"discarded; your text is kept in {session.keep()}")
                return
        self._reload(article.id)
        if isinstance(outcome, Saved):
            self.reader.say(outcome.status)
        else:
            self.notify(outcome.message, severity="error")

    def action_undo(self) -> None:
        outcome = self.curator.undo()
        if isinstance(outcome, Saved):
            self._reload(outcome.article_id)
            self.reader.say(outcome.status)
        elif outcome.message == "nothing to undo":
            self.reader.say(outcome.message)
        else:
            self.notify(outcome.message, severity="error")

    @work(group="dialog")
    async def _offer_recovery(self) -> None:
        """At start: each edit kept from an earlier session is offered back: restored over
        the file as it is now (the dialog shows what that changes), kept, or dropped."""
        from brief.tui.screens.dialogs import OfferKept

        left = []
        for kept in self.curator.kept():
            question = (
                f"An edit of {short_id(kept.article_id)} could not be saved ({kept.kept_at}) "
                f"and is kept in {kept.path}. Restore it over the file as it is now?"
            )
            choice = await self.push_screen_wait(OfferKept(question, self.curator.kept_diff(kept)))
            if choice == "drop":
                kept.drop()
                self.reader.say(f"dropped {kept.path.name}")
                continue
            outcome = self.curator.restore(kept) if choice == "restore" else None
            if isinstance(outcome, Saved):
                self._reload(outcome.article_id)
                self.reader.say(outcome.status)
                continue
            if outcome is not None:
                self.notify(outcome.message)
            left.append(kept)
        if left:
            self.reader.say(f"{counted(len(left), 'kept edit')} left in {left[0].path.parent}")

    async def _kept_for_the_editor(self, article_id: str) -> KeptEdit | None:
        """Each edit kept of this article, offered back before the editor opens: the one to
        restore into the editor, if any (the others stay kept, or are dropped)."""
        from brief.tui.screens.dialogs import OfferKept

        for kept in self.curator.kept(article_id):
            question = (
                f"An edit of {short_id(article_id)} could not be saved ({kept.kept_at}) and is "
                f"kept in {kept.path}. Restore it into the editor?"
            )
            details = self.curator.kept_diff(kept)
            choice = await self.push_screen_wait(OfferKept(question, details, "Restore"))
            if choice == "restore":
                return kept
            if choice == "drop":
                kept.drop()
        return None

    # Dialogs asked for by the reader's keys.
    def action_help(self) -> None:
        from brief.tui.screens.help import HelpScreen, help_sections

        self.push_screen(HelpScreen(help_sections(self.settings, self.get_key_display)))

    def action_export(self) -> None:
        """Export what the filter shows to a brief (Markdown, HTML or Word, by the suffix of
        the file typed), after a preview."""
        from brief.export.build import ExportError, build_brief
        from brief.export.formats import format_for, render
        from brief.export.markdown import render_markdown
        from brief.text.files import write_atomic
        from brief.tui.screens.export import ExportScreen

        if self.corpus is None:
            return
        ids = self.reader.visible_ids
        doc = build_brief(self.corpus, ids, query=self.reader.filter_text)

        def write(path: Path | None) -> None:
            if path is None:
                return
            try:
                write_atomic(path, render(doc, format_for(None, str(path))))
            except (OSError, ExportError) as error:
                said = error.strerror if isinstance(error, OSError) else None
                self.notify(f"cannot write {path}: {said or error}", severity="error")
                return
            self.reader.say(f"wrote {path} ({counted(len(ids), 'article')})")

        preview = render_markdown(doc)
        self.push_screen(ExportScreen(preview, len(ids), self.corpus_root / "brief.md"), write)

    def action_entities(self) -> None:
        self._with_index("entities")

    def action_timeline(self) -> None:
        self._with_index("timeline")

    def _with_index(self, purpose: str) -> None:
        """Entities and timeline: of the whole corpus when small, else of what the filter
        shows, read in a thread."""
        if self.corpus is None:
            return
        if self.corpus_index is not None and not self.reader.filter_text:
            self._show_index(messages.IndexRead(self.corpus_index, purpose))
            return
        count = len(self.reader.matched)
        if count > INDEX_LIMIT:
            self.reader.say(
                f"{count:,} articles shown: filter to at most {INDEX_LIMIT:,} "
                "for their entities and timeline"
            )
            return
        self.reader.say(f"Reading the annotations of {counted(count, 'article')}…", about="index")
        self._read_index(self.reader.visible_ids, purpose)

    @work(thread=True, exclusive=True, group="index")
    def _read_index(self, ids: list[str], purpose: str) -> None:
        assert self.corpus is not None
        self.post_message(messages.IndexRead(self.corpus.index_of(ids), purpose))

    @on(messages.IndexRead)
    def _show_index(self, event: messages.IndexRead) -> None:
        from brief.tui.screens.index import EntitiesScreen, TimelineScreen

        self.reader.clear_status("index")
        language = self.reader.language
        if event.purpose == "entities":
            self.push_screen(EntitiesScreen(event.index, language), self._filter_to)
        else:
            self.push_screen(TimelineScreen(event.index, language), self._open_from_timeline)

    def _filter_to(self, query: str | None) -> None:
        if query:
            self.reader.apply_filter(query)

    def _open_from_timeline(self, article_id: str | None) -> None:
        if article_id:
            self.reader.open_article(article_id)


def run(corpus_root: Path) -> int:
    settings = load_settings(corpus_root)
    out = Terminal.of(sys.stdout)  # the output boundary's: BDSM and the like are brief's own
    before = after = ""
    if settings.bidi == "app" and out.isatty():
        before, after = EXPLICIT_BIDI, IMPLICIT_BIDI
        terminal = detect(os.environ)
        if terminal.ignores_bdsm:
            # mlterm, Konsole: their bidi off for the session (the alternate screen is gone
            # when it comes back on); it takes their shaping with it, so brief shapes.
            before, after = before + terminal.bidi_off, terminal.bidi_on + after
            settings = dataclasses.replace(settings, shape=True)
    app = BriefApp(corpus_root, settings)
    out.control(before)
    out.flush()
    try:
        app.run()
    finally:
        # Restored after a normal quit, an exception or ctrl+c alike.
        out.control(after)
        out.flush()
    return app.return_code or 0
