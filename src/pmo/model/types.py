"""Shared field types of the YAML contract: slugs, dates, periods, financial years, RAG."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

SLUG_RE = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PERIOD_RE = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
FY_RE = r"^[0-9]{4}/[0-9]{2}$"
DATE_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

#: What each pattern means, in the words an error message uses.
PATTERN_HELP: dict[str, str] = {
    SLUG_RE: "a lowercase id like 'home-to-school-transport' (a-z, 0-9, single hyphens)",
    PERIOD_RE: "a month YYYY-MM like 2026-11",
    FY_RE: "a financial year YYYY/YY like 2026/27",
}


class Base(BaseModel):
    """Every contract model: unknown fields are errors, types are strict (no silent coercion)."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        populate_by_name=True,
        frozen=True,
        allow_inf_nan=False,
        defer_build=True,
    )


_date_re = re.compile(DATE_RE)


_day_first = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\s*$")


def _day_first_hint(value: str) -> str:
    """``"; write 2027-01-04 (year first)"`` for a date written day first, as the UK does."""
    found = _day_first.match(value)
    if found is None:
        return ""
    day, month, year = int(found[1]), int(found[3]), int(found[4])
    try:
        return f"; write {date(year, month, day).isoformat()} (year first)"
    except ValueError:
        return "; write it year first, YYYY-MM-DD"


def _to_date(value: Any) -> Any:
    """Accept a YAML date or a quoted ISO date string; explain impossible dates."""
    if isinstance(value, datetime):
        raise PydanticCustomError(
            "date_has_time",
            "expected a date YYYY-MM-DD, got a date and time {value}",
            {"value": value.isoformat(sep=" ")},
        )
    if isinstance(value, date) or not isinstance(value, str):
        return value
    if not _date_re.match(value):
        raise PydanticCustomError(
            "date_format",
            "expected a date YYYY-MM-DD, got '{value}'{hint}",
            {"value": value, "hint": _day_first_hint(value)},
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        year, month = int(value[:4]), int(value[5:7])
        if 1 <= month <= 12:
            days = calendar.monthrange(year, month)[1]
            raise PydanticCustomError(
                "date_not_real",
                "{value} is not a real date ({month} {year} has {days} days)",
                {
                    "value": value,
                    "month": calendar.month_name[month],
                    "year": year,
                    "days": days,
                },
            ) from None
        raise PydanticCustomError(
            "date_not_real",
            "{value} is not a real date (month {month} does not exist)",
            {"value": value, "month": month},
        ) from None


def _check_fy(value: Any) -> Any:
    if isinstance(value, str) and re.match(FY_RE, value):
        first, second = int(value[:4]), int(value[5:])
        if not YEAR_MIN <= first < YEAR_MAX:
            raise _year_out_of_range("financial year", value)
        if (first + 1) % 100 != second:
            raise PydanticCustomError(
                "fy_not_consecutive",
                "financial year {value} should be {expected} (April to March)",
                {"value": value, "expected": f"{first}/{(first + 1) % 100:02d}"},
            )
    return value


YEAR_MIN, YEAR_MAX = 2000, 2100
"""The years pmo handles: every date, month and financial year lies within them."""
MONEY_MAX = 1e13
"""The largest amount of money (GBP) or measured value pmo accepts: whatever validates can be
added up, discounted and printed without overflowing."""


def _year_out_of_range(what: str, value: object) -> PydanticCustomError:
    return PydanticCustomError(
        "year_out_of_range",
        "{what} {value} is outside the years pmo handles ({low} to {high})",
        {"what": what, "value": str(value), "low": YEAR_MIN, "high": YEAR_MAX},
    )


def _date_in_range(value: date) -> date:
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        raise _year_out_of_range("date", value.isoformat())
    return value


def _period_in_range(value: str) -> str:
    if not YEAR_MIN <= int(value[:4]) <= YEAR_MAX:
        raise _year_out_of_range("month", value)
    return value


def period_in_range(text: str) -> bool:
    """True for a YYYY-MM month within the years pmo handles."""
    return re.match(PERIOD_RE, text) is not None and YEAR_MIN <= int(text[:4]) <= YEAR_MAX


Date = Annotated[
    date,
    BeforeValidator(_to_date, json_schema_input_type=str),
    AfterValidator(_date_in_range),
    Field(json_schema_extra={"format": "date"}),
]
Slug = Annotated[str, Field(pattern=SLUG_RE, max_length=60)]
Period = Annotated[str, Field(pattern=PERIOD_RE), AfterValidator(_period_in_range)]
FinancialYear = Annotated[str, BeforeValidator(_check_fy), Field(pattern=FY_RE)]
Money = Annotated[float, Field(ge=0, le=MONEY_MAX)]
Value = Annotated[float, Field(ge=-MONEY_MAX, le=MONEY_MAX)]
"""A measured or target value in a benefit's own unit."""
Fte = Annotated[float, Field(ge=0, le=100)]
Score = Annotated[int, Field(ge=1, le=5)]
Contribution = Annotated[int, Field(ge=1, le=3)]
Weight = Annotated[float, Field(ge=0, le=100)]
Text = Annotated[str, Field(min_length=1)]

Rag = Literal["red", "amber-red", "amber", "amber-green", "green"]
THREE_POINT: tuple[str, ...] = ("red", "amber", "green")
FIVE_POINT: tuple[str, ...] = ("red", "amber-red", "amber", "amber-green", "green")


def period_of(day: date) -> str:
    """The YYYY-MM period a date falls in."""
    return f"{day.year:04d}-{day.month:02d}"


def fy_of_period(period: str) -> str:
    """The April-March financial year of a YYYY-MM period, e.g. 2026-03 -> 2025/26."""
    year, month = int(period[:4]), int(period[5:7])
    start = year if month >= 4 else year - 1
    return f"{start}/{(start + 1) % 100:02d}"


@lru_cache(maxsize=65536)
def period_end(period: str) -> date:
    """The last day of a YYYY-MM period."""
    year, month = int(period[:4]), int(period[5:7])
    return date(year, month, calendar.monthrange(year, month)[1])
