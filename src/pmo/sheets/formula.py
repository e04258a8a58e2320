"""CSV formula injection: text a spreadsheet would run as a formula is written after a quote.

OWASP's rule: a text cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is written with one leading ``'`` so that Excel, LibreOffice and Google Sheets show it
as text instead of running it. Text already beginning with ``'`` gets one too, so the rule is
unambiguous: reading strips one ``'`` exactly when the next character is one of these (or
another ``'``), and any text survives export then import unchanged. Numbers are never quoted.
"""

from __future__ import annotations

#: First characters that make a spreadsheet read a cell as a formula, and the quote itself.
TRIGGERS = frozenset("=+-@\t\r'")
QUOTE = "'"


def escape_text(text: str) -> str:
    """``=SUM(A1)`` -> ``'=SUM(A1)``, ``'quoted`` -> ``''quoted``; other text as it is."""
    return QUOTE + text if text[:1] in TRIGGERS else text


def unescape_text(text: str) -> str:
    """The text ``escape_text`` was given: one leading ``'`` removed when it was added."""
    return text[1:] if text[:1] == QUOTE and text[1:2] in TRIGGERS else text
