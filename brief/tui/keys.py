"""Keys handled in the order they were typed, each by what had the focus once the key before it
was done: never a keystroke lost or applied late, however fast they come.

Textual hands each key to the focused widget as soon as it reads it; a key that widget does not
take itself (Tab, Backspace, an arrow, any binding) goes back up to the app, which runs its
binding then. The keys read meanwhile are already with the widget: typed fast, `abc` Tab `def`
put `def` in the field Tab was leaving, and `ab` Backspace `c` gave `ab`. So each key read is
held until the one before it has gone all the way up: a `Handled` message sent after it, the same
way, says so when it reaches the app (or, should it be lost with a widget removed meanwhile,
`HELD_AT_MOST` seconds do).
"""

from __future__ import annotations

from collections import deque
from functools import partial

from textual import events, on
from textual.app import App
from textual.message import Message

HELD_AT_MOST = 0.5  # seconds a key waits for the one before it, at most


class Handled(Message):
    """Sent to a key's widget after the key: at the app, the key is done."""

    def __init__(self, serial: int) -> None:
        super().__init__()
        self.serial = serial


class KeysInOrder(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self._held: deque[events.Key | events.Paste] = deque()
        self._waiting: int | None = None  # the serial of the key being handled
        self._serial = 0

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._held.append(event)
            await self._hand_on()
        else:
            await super().on_event(event)

    async def _hand_on(self) -> None:
        """The keys held, in turn, while none is being handled."""
        while self._held and self._waiting is None:
            event = self._held.popleft()
            await super().on_event(event)
            if event.is_forwarded:  # not a priority binding's: it is on its way up
                self._serial += 1
                self._waiting = self._serial
                (self.focused or self.screen).post_message(Handled(self._serial))
                self.set_timer(HELD_AT_MOST, partial(self._done, self._serial))

    @on(Handled)
    async def _handled(self, message: Handled) -> None:
        message.stop()
        await self._done(message.serial)

    async def _done(self, serial: int) -> None:
        if self._waiting == serial:
            self._waiting = None
            await self._hand_on()
