"""The footer: as many of the keys that apply now as fit the terminal's width, whole, by
priority (help first, then how to reach the hidden panes, then the focused pane's keys, then the
rest); every key is in the help. A dialog has its own, which shows the dialog's keys."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# Shown first: the help and the way to the other panes; in a form, saving and cancelling.
FIRST = ("app.help", "cycle_pane(1)", "save", "cancel")
PALETTE = 14  # cells of "^p palette" at the right, with its border


class KeyFooter(Footer):
    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        bindings: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in bindings:
                bindings[binding.action] = (binding, enabled, tooltip)
        ranked = [a for a in FIRST if a in bindings] + [a for a in bindings if a not in FIRST]
        room = (self.size.width or self.app.size.width) - 1
        kept: set[str] = set()
        for action in ranked:
            binding, _, _ = bindings[action]
            cells = cell_len(self.app.get_key_display(binding)) + cell_len(binding.description) + 3
            if cells > room:
                break
            room -= cells
            kept.add(action)
        if len(kept) == len(ranked) and room >= PALETTE and self.show_command_palette:
            kept.add("palette")
        for action, (binding, enabled, tooltip) in bindings.items():
            if action in kept:
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    disabled=not enabled,
                    tooltip=tooltip or binding.tooltip,
                ).data_bind(compact=Footer.compact)
        if "palette" in kept and self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _, binding, enabled, tooltip = palette
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )

    def on_resize(self) -> None:
        self.call_after_refresh(self.recompose)
