"""Reading one spreadsheet cell as a pmo value, tolerantly: £ and commas, DD/MM/YYYY, £m, ratings.

Every reader returns the value or raises CellError saying what was expected; nothing here
guesses a value that is not in the cell (a month and day that could be either way round are
read day first, as the UK writes them, and only in the formats the mapping lists).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

from pmo.model.types import MONEY_MAX, YEAR_MAX, YEAR_MIN
from pmo.sheets.records import FieldSpec

CellValue = str | int | float | bool | date | datetime | None


class CellError(Exception):
    """The cell holds something that is not the field's kind; the message says what is wanted."""


#: RAG labels pmo reads (lowercase, spaces and slashes as hyphens) -> pmo's rating.
RATINGS: dict[str, str] = {
    "green": "green",
    "g": "green",
    "amber-green": "amber-green",
    "green-amber": "amber-green",
    "ag": "amber-green",
    "amber": "amber",
    "a": "amber",
    "amber-red": "amber-red",
    "red-amber": "amber-red",
    "ar": "amber-red",
    "red": "red",
    "r": "red",
}
EXPECTED: dict[str, str] = {
    "text": "text",
    "long": "text",
    "id": "an id (letters or digits)",
    "ref": "a programme's id",
    "slug": "a name (letters or digits)",
    "date": "a date like 31/03/2027 or 2027-03-31",
    "period": "a month like 2026-11",
    "fy": "a financial year like 2026/27",
    "money": "an amount of money like 1139.18 or £1,139.18",
    "number": "a number",
    "int": "a whole number",
    "bool": "yes or no (TRUE/FALSE)",
    "rag": "a rating: Green, Amber/Green, Amber, Amber/Red or Red",
    "lines": "text",
    "choice": "one of the choices",
}
DATE_FORMATS: dict[str, str] = {
    "YYYY-MM-DD": "%Y-%m-%d",
    "DD/MM/YYYY": "%d/%m/%Y",
    "DD-MM-YYYY": "%d-%m-%Y",
    "DD.MM.YYYY": "%d.%m.%Y",
    "DD/MM/YY": "%d/%m/%y",
    "D MMMM YYYY": "%d %B %Y",
    "D MMM YYYY": "%d %b %Y",
}
_SLUG_DROP = re.compile(r"[^a-z0-9]+")
_MONEY_SUFFIX = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}
_MONEY_RE = re.compile(
    r"^(-)?(?:£|gbp)?\s*(-)?([0-9][0-9,]*(?:\.[0-9]+)?(?:e[-+]?[0-9]+)?|\.[0-9]+)\s*(k|m|mn|bn)?$"
)
_PERIOD_RE = re.compile(r"^([0-9]{4})-([0-9]{1,2})$|^([0-9]{1,2})/([0-9]{4})$")
_FY_RE = re.compile(r"^(?:fy\s*)?([0-9]{4})\s*[/-]\s*([0-9]{2}|[0-9]{4})$")
MAX_ID = 60


def slugify(text: str) -> str:
    """``"DfE_0012 Schools"`` -> ``"dfe-0012-schools"`` (at most 60 characters)."""
    slug = _SLUG_DROP.sub("-", text.lower()).strip("-")
    return slug[:MAX_ID].rstrip("-")


def label(text: str) -> str:
    """A label as compared: lowercase, runs of spaces, slashes and underscores as one hyphen."""
    return re.sub(r"[\s/_-]+", "-", text.strip().lower())


def as_text(value: CellValue) -> str:
    """A cell as the text a person sees in it (whole numbers without ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def is_blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def withheld(value: CellValue, patterns: tuple[str, ...]) -> bool:
    """True when the cell's text matches a withheld pattern ("exempt*" is a prefix match)."""
    if not isinstance(value, str):
        return False
    text = " ".join(value.split()).lower()
    for pattern in patterns:
        if pattern.endswith("*"):
            if text.startswith(pattern[:-1]):
                return True
        elif text == pattern:
            return True
    return False


def _whole(number: float) -> int | float:
    return int(number) if number.is_integer() and abs(number) < 1e15 else number


def _number(value: CellValue) -> float:
    if isinstance(value, bool | date):
        raise CellError(EXPECTED["number"])
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = as_text(value).strip().replace(",", "").replace(" ", "")
        try:
            number = float(text)
        except ValueError:
            raise CellError(EXPECTED["number"]) from None
    if not math.isfinite(number) or abs(number) > MONEY_MAX:
        raise CellError(f"a number within ±{MONEY_MAX:,.0f}")
    return number


def read_money(value: CellValue, scale: float) -> int | float:
    """GBP from ``1139.18``, ``"£1,139.18"``, ``"£1.2m"``; a bare number is times ``scale``."""
    if isinstance(value, bool | date):
        raise CellError(EXPECTED["money"])
    factor = scale
    if isinstance(value, int | float):
        amount = float(value)
    else:
        match = _MONEY_RE.match(as_text(value).strip().lower().replace(" ", ""))
        if match is None:
            raise CellError(EXPECTED["money"])
        minus = match.group(1) or match.group(2)
        amount = float(match.group(3).replace(",", "")) * (-1 if minus else 1)
        if match.group(4):
            factor = _MONEY_SUFFIX[match.group(4)]
    amount *= factor
    if not math.isfinite(amount) or amount > MONEY_MAX:
        raise CellError(f"an amount of money up to £{MONEY_MAX:,.0f}")
    if amount < 0:
        raise CellError("an amount of money that is not negative")
    if factor != 1:  # 1139.18 x 1,000,000 is 1139180000.0000002: back to whole pence
        amount = round(amount, 2)
    return _whole(amount)


def read_date(value: CellValue, formats: tuple[str, ...]) -> date:
    """A date from a spreadsheet date or text in one of ``formats`` (names of DATE_FORMATS)."""
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        text = " ".join(as_text(value).split())
        text = text.removesuffix(" 00:00:00").removesuffix("T00:00:00")
        for name in formats:
            try:
                day = datetime.strptime(text, DATE_FORMATS[name]).date()
                break
            except (ValueError, KeyError):
                continue
        else:
            shown = " or ".join(formats)
            raise CellError(f"a date written {shown}")
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise CellError(f"a date from {YEAR_MIN} to {YEAR_MAX}")
    return day


def read_period(value: CellValue) -> str:
    """A month: ``2026-11``, ``11/2026``, or a spreadsheet date (its month)."""
    if isinstance(value, date):
        year, month = value.year, value.month
    else:
        match = _PERIOD_RE.match(as_text(value).strip())
        if match is None:
            raise CellError(EXPECTED["period"])
        if match.group(1):
            year, month = int(match.group(1)), int(match.group(2))
        else:
            year, month = int(match.group(4)), int(match.group(3))
    if not (1 <= month <= 12 and YEAR_MIN <= year <= YEAR_MAX):
        raise CellError(f"a month from {YEAR_MIN}-01 to {YEAR_MAX}-12")
    return f"{year:04d}-{month:02d}"


def read_fy(value: CellValue) -> str:
    """A financial year: ``2026/27``, ``2026-27``, ``2026/2027``, ``FY 2026/27``."""
    match = _FY_RE.match(as_text(value).strip().lower())
    if match is None:
        raise CellError(EXPECTED["fy"])
    first, second = int(match.group(1)), int(match.group(2)) % 100
    if (first + 1) % 100 != second or not YEAR_MIN <= first < YEAR_MAX:
        raise CellError("a financial year of two consecutive years like 2026/27")
    return f"{first}/{second:02d}"


def read_bool(value: CellValue) -> bool:
    if isinstance(value, bool):
        return value
    text = as_text(value).strip().lower()
    if text in {"true", "yes", "y", "1"}:
        return True
    if text in {"false", "no", "n", "0"}:
        return False
    raise CellError(EXPECTED["bool"])


def read_rag(value: CellValue, ratings: dict[str, str]) -> str:
    found = ratings.get(label(as_text(value))) or RATINGS.get(label(as_text(value)))
    if found is None:
        raise CellError(EXPECTED["rag"])
    return found


def read_choice(value: CellValue, choices: tuple[str, ...]) -> str:
    wanted = label(as_text(value))
    for choice in choices:
        if label(choice) == wanted:
            return choice
    raise CellError("one of: " + ", ".join(choices))


def read_cell(
    value: CellValue,
    spec: FieldSpec,
    *,
    scale: float = 1.0,
    dates: tuple[str, ...] = ("YYYY-MM-DD", "DD/MM/YYYY"),
    ratings: dict[str, str] | None = None,
) -> Any:
    """The cell read as ``spec``'s kind (the caller has dealt with blank and withheld cells)."""
    kind = spec.kind
    if kind in ("text", "ref"):
        return as_text(value).strip()
    if kind == "long":
        return as_text(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    if kind in ("id", "slug"):
        slug = slugify(as_text(value))
        if not slug:
            raise CellError(EXPECTED[kind])
        return slug
    if kind == "date":
        return read_date(value, dates)
    if kind == "period":
        return read_period(value)
    if kind == "fy":
        return read_fy(value)
    if kind == "money":
        return read_money(value, scale)
    if kind == "number":
        return _whole(_number(value))
    if kind == "int":
        number = _number(value)
        if not number.is_integer():
            raise CellError(EXPECTED["int"])
        return int(number)
    if kind == "bool":
        return read_bool(value)
    if kind == "rag":
        return read_rag(value, ratings or {})
    if kind == "lines":
        text = as_text(value).replace("\r\n", "\n").replace("\r", "\n")
        return [line.strip() for line in text.split("\n") if line.strip()]
    return read_choice(value, spec.choices)
