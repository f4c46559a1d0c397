"""Keys handled in the order they were typed, each by what had the focus once the key before it
was done: never a keystroke lost or applied late, however fast they come.

Textual hands each key to the focused widget as soon as it reads it; a key that widget does not
take itself (Tab, Backspace, an arrow, any binding) goes back up to the app, which runs its
binding then. The keys read meanwhile are already with the widget: typed fast, `abc` Tab `def`
put `def` in the field Tab was leaving, and `ab` Backspace `c` gave `ab`. So each key read is
held until the one before it has gone all the way up: a `Handled` message sent after it, the same
way, says so when it reaches the app (or, should it be lost with a widget removed meanwhile,
`HELD_AT_MOST` seconds do).

A key may also open a dialog: its binding posts a message (AddItem) that starts a worker, which
pushes the dialog's screen later, so the keys typed after it would go to the screen below. So
the marker goes up twice (the second time behind every message the key made), and while a
worker of `OPENING_GROUP` runs with no dialog on screen, the next keys wait for the dialog to
be up and focused (at most `OPENING_AT_MOST` seconds).
"""

from __future__ import annotations

import time
from collections import deque
from functools import partial
from typing import ClassVar

from textual import events, on
from textual.app import App
from textual.message import Message
from textual.worker import WorkerState

HELD_AT_MOST = 0.5  # seconds a key waits for the one before it, at most
OPENING_AT_MOST = 2.0  # seconds keys wait for a dialog a key opens, at most
_LOOK_AGAIN = 0.01  # seconds between looks at whether that dialog is up


class Handled(Message):
    """Sent to a key's widget after the key: at the app, the key is done."""

    def __init__(self, serial: int, rounds: int = 1) -> None:
        super().__init__()
        self.serial = serial
        self.rounds = rounds  # the ways up still to go after this one


class KeysInOrder(App[None]):
    OPENING_GROUP: ClassVar[str | None] = None  # the workers that open dialogs

    def __init__(self) -> None:
        super().__init__()
        self._held: deque[events.Key | events.Paste] = deque()
        self._waiting: int | None = None  # the serial of the key being handled
        self._serial = 0
        self._opening_since: float | None = None  # a dialog awaited since then
        self._looking = False  # a look again at it is due

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._held.append(event)
            await self._hand_on()
        else:
            await super().on_event(event)

    async def _hand_on(self) -> None:
        """The keys held, in turn, while none is being handled nor a dialog is opening."""
        # With no screen left the app is closing: the keys typed after its quit go nowhere.
        while self._held and self.screen_stack and self._waiting is None and not self._opening():
            event = self._held.popleft()
            await super().on_event(event)
            if event.is_forwarded:  # not a priority binding's: it is on its way up
                self._serial += 1
                self._waiting = self._serial
                self._post_up(Handled(self._serial, rounds=1))
                self.set_timer(HELD_AT_MOST, partial(self._done, self._serial))

    def _post_up(self, marker: Handled) -> None:
        """The marker sent the way the key went; when the app is closing and has no screen
        left, there is nowhere to send it (the timer ends the wait)."""
        if self.screen_stack:
            (self.focused or self.screen).post_message(marker)

    def _opening(self) -> bool:
        """Whether a dialog is on its way: a worker that opens one runs while the default
        screen has no dialog on it, or the dialog has no focus yet. Looked at again soon."""
        group = self.OPENING_GROUP
        if group is None:
            return False
        up = len(self.screen_stack) > 1 and (
            self.screen.focused is not None or not self.screen.focus_chain
        )
        running = any(
            w.group == group and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for w in self.workers
        )
        if up or not running:
            self._opening_since = None
            return False
        now = time.monotonic()
        self._opening_since = self._opening_since or now
        if now - self._opening_since > OPENING_AT_MOST:
            return False
        if not self._looking:
            self._looking = True
            self.set_timer(_LOOK_AGAIN, self._look_again)
        return True

    async def _look_again(self) -> None:
        self._looking = False
        await self._hand_on()

    @on(Handled)
    async def _handled(self, message: Handled) -> None:
        message.stop()
        if message.rounds and self._waiting == message.serial:
            # Once more, behind the messages the key made (AddItem), so that they are here.
            self._post_up(Handled(message.serial, rounds=message.rounds - 1))
            return
        await self._done(message.serial)

    async def _done(self, serial: int) -> None:
        if self._waiting == serial:
            self._waiting = None
            await self._hand_on()
