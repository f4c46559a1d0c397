"""The reader, in Textual: `app.run(corpus_root)` starts it (`brief` with no command). Only this
package imports Textual; it reaches the catalog only through brief.corpus.

app        the app: the corpus, the threads that keep it in step, the dialogs' flows
messages   what widgets, screens and threads tell the app, one message per intent
commands   the command palette
display    the display boundary: every string shown that may hold Arabic goes through it
keeper     keeping the catalog in step with the files (watcher or timer), in threads
keys       keys handled in the order typed, each where the focus is once the one before is done
filtering  what the filter shows
editing    saves, undo and recovery, apart from any screen
widgets    the panes, the bottom bar, the status line, the footer, lists and text fields
screens    the main screen and the dialogs
"""

__all__ = [
    "app",
    "commands",
    "display",
    "editing",
    "filtering",
    "keeper",
    "keys",
    "messages",
    "screens",
    "widgets",
]
