"""The footer: `?` and `q` always first, only whole keys that fit, rebuilt only on change."""

from __future__ import annotations

from collections.abc import Hashable

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

FIRST = ("help", "quit")
"""Actions whose keys lead the footer, so that even 80 columns show them."""
KEY_PADDING = 3
"""Cells a footer key takes besides its key and description (" k Description ")."""
PALETTE_PADDING = 4
"""The same for the command palette's key, docked right behind a bar."""


def key_width(key: str, description: str, padding: int = KEY_PADDING) -> int:
    """The cells one footer key takes."""
    return cell_len(key) + cell_len(description) + padding


class QuietFooter(Footer):
    """Textual's Footer with `?` Help and `q` Quit first, minus redundant rebuilds.

    Footer recomposes on every bindings signal (screen push, focus change, …), several times
    per screen open, remounting every key even when nothing changed. This one skips a
    recompose when the bindings (key, action, description, shown, enabled, tooltip) are the same.
    """

    _shown: Hashable = None

    def _keys(self) -> Hashable:
        bindings = self.screen.active_bindings.values()
        keys = tuple(
            (b.key, b.action, b.description, b.show, on, tip) for _, b, on, tip in bindings
        )
        return (self.show_command_palette, keys, self.size.width)

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and self._keys() != self._shown:
            self.call_after_refresh(self.recompose)

    async def recompose(self) -> None:
        if not self.is_attached or not self._bindings_ready:
            await super().recompose()
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        seen: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in seen:
                seen[binding.action] = (binding, enabled, tooltip)
        ordered = sorted(
            seen.values(),
            key=lambda item: FIRST.index(item[0].action) if item[0].action in FIRST else 9,
        )
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        room = self.size.width or self.app.size.width
        if palette is not None:
            binding = palette[1]
            room -= key_width(
                self.app.get_key_display(binding), binding.description, PALETTE_PADDING
            )
        fitting: list[tuple[Binding, bool, str]] = []
        for item in ordered:  # whole keys only: a cut "h Ri" helps nobody
            room -= key_width(self.app.get_key_display(item[0]), item[0].description)
            if room < 0 and fitting:
                break
            fitting.append(item)
        self.styles.grid_size_columns = len(fitting)
        for binding, enabled, tooltip in fitting:
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        if palette is not None:
            _, binding, enabled, _ = palette
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )
