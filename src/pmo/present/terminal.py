"""User text made safe for a terminal: control and bidi characters shown, never obeyed."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls; bidi embeddings, overrides and isolates;
# zero-width and other invisible format characters that would hide or disguise text.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_NAMED = {"\x1b": "\\x1b", "\r": "\\r", "\x00": "\\x00"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0xA0 else f"⟨U+{code:04X}⟩"


def has_unsafe(text: str) -> bool:
    """True when ``text`` holds a control, bidi or invisible format character."""
    return _UNSAFE.search(text) is not None


def safe(text: str, *, newlines: bool = True) -> str:
    r"""``text`` with every control, bidi and invisible character shown as an escape.

    ESC becomes ``\x1b``, U+202E becomes ``⟨U+202E⟩``; tabs stay, newlines stay unless
    ``newlines`` is false (then ``\n``). The result is plain text: never pass it to anything that
    interprets markup (use ``rich.text.Text(safe(x))``, not an f-string of markup).
    """
    out = _UNSAFE.sub(_visible, text)
    return out if newlines else out.replace("\n", "\\n")


def shorten(text: str, limit: int = 80) -> str:
    """``text`` made safe and cut to ``limit`` characters with an ellipsis and the full length."""
    clean = safe(text, newlines=False)
    if len(clean) <= limit:
        return clean
    return f"{clean[: max(limit - 1, 1)]}… ({len(text):,} characters)"
