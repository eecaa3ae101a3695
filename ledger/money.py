"""Money, exact end to end (SPEC §9): amounts in yuan as `Decimal`, never through a float.

Three doors, one rule (at most two decimals, never negative, finite, below `MAX_AMOUNT`):
- `parse_amount(text)`: what a clerk types after `--amount` (`3000`, `3000.50`, `3,000.50`,
  `3万`, `0.5万`, in full-width digits too);
- `from_yaml(value)`: what a record file holds (`amount: 12000.50`, read by `ledger.yamlio`
  and `ledger.fastyaml` as a `Decimal` from its text);
- `to_json` / `to_yaml` / `to_cents` / `from_cents`: how an amount is printed, written and kept.
Sums are taken in integer cents (`to_cents`), which are exact at any size.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from ledger.errors import UsageError

# 一万亿元: far beyond any one aid record (the seeds' whole county totals 1.07亿), and it keeps a
# mistyped figure such as 3万万 or a pasted ID-card number from passing as money.
MAX_AMOUNT = Decimal("1000000000000")
CENT = Decimal("0.01")
TEN_THOUSAND = Decimal(10000)

# Digits with optional thousands separators (all groups of three) or none, then an optional
# fraction; then optionally 万 (ten thousand) and/or 元 (yuan).
_AMOUNT_RE = re.compile(r"^(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?(?P<wan>万)?元?$")


class AmountProblem(ValueError):
    """Why a value is not an amount: `key` is a catalog key (for the CLI and for `check`)."""

    def __init__(self, key: str, value: Any) -> None:
        super().__init__(key)
        self.key = key
        self.value = value


def parse_amount(text: str) -> Decimal:
    """A typed amount in yuan; anything else is a usage error naming the value."""
    try:
        return read_amount(text)
    except AmountProblem as exc:
        raise UsageError(exc.key, value=text) from None


def read_amount(text: str) -> Decimal:
    """`parse_amount` raising `AmountProblem` (pure; for callers that collect problems)."""
    if not isinstance(text, str):
        raise AmountProblem("error.amount.bad", text)
    # NFKC makes full-width digits, commas and points (３，０００．５０) plain ASCII.
    value = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if value.startswith("-"):
        raise AmountProblem("error.amount.negative", text)
    match = _AMOUNT_RE.match(value)
    if not match:
        raise AmountProblem("error.amount.bad", text)
    digits = match.group("int").replace(",", "")
    frac = match.group("frac")
    amount = Decimal(digits + ("." + frac if frac else ""))
    if match.group("wan"):
        amount *= TEN_THOUSAND
    return checked(amount, text)


def checked(amount: Decimal, shown: Any = None) -> Decimal:
    """`amount` if it is a valid amount (finite, ≥ 0, ≤ 2 decimals, < MAX_AMOUNT), else AmountProblem."""
    shown = amount if shown is None else shown
    if not amount.is_finite():
        raise AmountProblem("error.amount.bad", shown)
    if amount < 0:
        raise AmountProblem("error.amount.negative", shown)
    if amount >= MAX_AMOUNT:  # checked first: below it, quantizing to cents is always exact
        raise AmountProblem("error.amount.too_big", shown)
    if amount != amount.quantize(CENT):
        raise AmountProblem("error.amount.decimals", shown)
    return normal(amount)


def normal(amount: Decimal) -> Decimal:
    """The amount with exactly two decimals (`12000.5` → `12000.50`), so equal amounts print alike."""
    return amount.quantize(CENT)


def from_yaml(value: Any) -> Decimal:
    """An amount as a record file holds it: a plain YAML number (int or decimal).

    A float never gets here from our loaders (they read decimals from the text); one is
    refused rather than trusted, as is quoted text, which the SPEC does not allow.
    """
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise AmountProblem("error.amount.not_number", value)
    try:
        return checked(Decimal(value), value)
    except InvalidOperation:
        raise AmountProblem("error.amount.bad", value) from None


def to_json(amount: Decimal | None) -> str | None:
    """`"12000.50"`: two decimals, as a string (JSON numbers are floats to most readers)."""
    return None if amount is None else f"{normal(amount):f}"


def to_yaml(amount: Decimal) -> Decimal | int:
    """What is written to the file: `3000` for whole yuan, else `12000.50`."""
    amount = normal(amount)
    if amount == amount.to_integral_value():
        return int(amount)
    return amount


def to_cents(amount: Decimal) -> int:
    return int(normal(amount) * 100)


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def cents_json(cents: int) -> str:
    """An integer number of cents as `to_json` prints it (sums are kept in cents)."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}.{part:02d}"
