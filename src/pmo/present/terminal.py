"""User text made safe for a terminal: control and bidi characters shown, never obeyed."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls; bidi marks, embeddings, overrides and
# isolates; zero-width, invisible and line-separating format characters that would hide or
# disguise text; lone surrogates (from JSON) that a terminal cannot even encode; Unicode tags.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb\ud800-\udfff"
    "\U000e0000-\U000e007f]"
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


def unsafe_chars(text: str) -> list[str]:
    """The control, bidi and invisible characters in ``text``, in order."""
    return _UNSAFE.findall(text)


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


def os_reason(exc: OSError) -> str:
    """An operating-system error in words, made safe: "No space left on device (reports/x.md)"."""
    where = f" ({exc.filename})" if exc.filename else ""
    return safe(f"{exc.strerror or exc}{where}", newlines=False)


_LIST_ITEM = re.compile(r"\s*([-*•]|\d+[.)])\s")


def reflow(text: str) -> str:
    """Text typed with hard line breaks (a YAML ``|`` block wrapped at 80) as paragraphs, as
    Markdown reads it: lines of a paragraph joined by a space, so the terminal wraps them to
    its width; blank lines and list items (``-``, ``*``, ``1.``) keep their breaks."""
    paragraphs: list[list[str]] = []
    joined: list[str] = []
    for line in text.strip().split("\n"):
        stripped = line.strip()
        if not stripped:
            if joined:
                paragraphs.append(joined)
                joined = []
            paragraphs.append([])
        elif not joined or _LIST_ITEM.match(line):
            if joined:
                paragraphs.append(joined)
            joined = [stripped]
        elif re.search(r"\w-$", joined[-1]):  # "sub-" / "regional": one hyphenated word
            joined[-1] += stripped
        else:
            joined.append(stripped)
    if joined:
        paragraphs.append(joined)
    out = "\n".join(" ".join(words) for words in paragraphs)
    return re.sub(r"\n{3,}", "\n\n", out)
