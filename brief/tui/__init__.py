"""The reader, in Textual: `run(corpus_root)` starts it (`brief` with no command).

app.py       the app: the corpus, the threads that keep it in step, the dialogs' flows
messages.py  what widgets, screens and threads tell the app, one message per intent
commands.py  the command palette
display.py   the display boundary: every string shown that may hold Arabic goes through it
keeper.py    keeping the catalog in step with the files (watcher or timer), in threads
filtering.py what the filter shows; editing.py: saves, undo, recovery, apart from screens
widgets/     the panes, the bottom bar, the status line, the footer, lists and text fields
screens/     the main screen and the dialogs
"""
