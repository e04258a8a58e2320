"""The footer: `?` and `q` always first (a narrow terminal cuts the end), rebuilt only on change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

FIRST = ("help", "quit")
"""Actions whose keys lead the footer, so that even 80 columns show them."""


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
        return (self.show_command_palette, keys)

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
        self.styles.grid_size_columns = len(ordered)
        for binding, enabled, tooltip in ordered:
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, _ = found
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )
