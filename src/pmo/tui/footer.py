"""A Footer that rebuilds its keys only when the keys it would show have changed."""

from __future__ import annotations

from collections.abc import Hashable

from textual.widgets import Footer


class QuietFooter(Footer):
    """Textual's Footer, minus redundant rebuilds.

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
