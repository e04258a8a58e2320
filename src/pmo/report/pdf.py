"""dmt-report.pdf: the HTML report printed by a headless Chromium, Chrome or Edge.

Why a browser and not WeasyPrint: council desktops already have Edge or Chrome (both
Chromium), whereas WeasyPrint needs the Pango/GLib libraries, which Windows does not have and
IT rarely installs. The browser prints exactly what DMT sees in it, including the CSS @page
rules (A4, running header, page numbers), as a tagged PDF (structure for screen readers) with
bookmarks from the headings. Nothing is fetched: the HTML is self-contained and
every host name fails to resolve.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["PdfError", "find_browser", "html_to_pdf", "no_browser_message"]

#: Environment variable naming the browser to print with (a path or a command name).
ENV = "PMO_BROWSER"
_NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
)
_WINDOWS = (
    r"Microsoft\Edge\Application\msedge.exe",
    r"Google\Chrome\Application\chrome.exe",
)
_MACOS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)
#: The PDF's own dates: blanked (same length, so the cross-reference offsets stay right).
_DATES = re.compile(rb"/(?:CreationDate|ModDate)\s*\([^)]*\)")
TIMEOUT = 180.0


class PdfError(Exception):
    """The PDF could not be made; the message says why and what to do."""


def find_browser() -> str | None:
    """The browser to print with: $PMO_BROWSER, else the first Chromium, Chrome or Edge found
    on PATH or in its usual install folder."""
    chosen = os.environ.get(ENV)
    if chosen:
        return shutil.which(chosen) or (chosen if Path(chosen).is_file() else None)
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    roots = [os.environ.get(v) for v in ("PROGRAMFILES(X86)", "PROGRAMFILES", "LOCALAPPDATA")]
    candidates = [Path(r) / p for r in roots if r for p in _WINDOWS] + [Path(p) for p in _MACOS]
    return next((str(p) for p in candidates if p.is_file()), None)


def no_browser_message() -> str:
    """What to do when no browser is found."""
    chosen = os.environ.get(ENV)
    if chosen:
        return f"{ENV} is set to {chosen!r}, which is not a program"
    return (
        "--pdf needs Microsoft Edge, Google Chrome or Chromium to print the report, and none "
        f"was found; install one, or set {ENV} to its path (the HTML report prints to PDF "
        "from any browser too)"
    )


def html_to_pdf(html: str, browser: str, timeout: float = TIMEOUT) -> bytes:
    """``html`` (a self-contained page) printed to A4 PDF by ``browser``: the same HTML and
    browser give the same bytes (the PDF's creation and modification dates are blanked)."""
    with tempfile.TemporaryDirectory(prefix="pmo-pdf-") as tmp:
        folder = Path(tmp)
        page, out = folder / "dmt-report.html", folder / "dmt-report.pdf"
        page.write_text(html, encoding="utf-8")
        args = [
            browser,
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-sync",
            "--disable-background-networking",
            "--disable-component-update",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={folder / 'profile'}",
            "--no-pdf-header-footer",  # our own header and page numbers come from @page
            "--print-to-pdf-no-header",  # the same, as browsers before 2023 spell it
            "--generate-pdf-document-outline",  # bookmarks from the headings
            f"--print-to-pdf={out}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
        args.append(page.as_uri())
        try:
            done = subprocess.run(
                args,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PdfError(f"{browser} did not finish printing within {timeout:.0f} s") from None
        except OSError as exc:
            raise PdfError(f"could not start {browser}: {exc.strerror or exc}") from None
        data = out.read_bytes() if out.is_file() else b""
        if done.returncode != 0 or not data.startswith(b"%PDF-"):
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
            detail = f": {said[0][:300]}" if said else ""
            raise PdfError(f"{browser} did not print the report (exit {done.returncode}){detail}")
    return _DATES.sub(lambda m: b" " * len(m.group()), data)
