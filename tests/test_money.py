"""Money is exact end to end: typed amounts, amounts in files, JSON text and sums (SPEC §9)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import money
from ledger.errors import UsageError
from ledger.fastyaml import fast_load
from ledger.money import AmountProblem, from_yaml, parse_amount, to_json
from ledger.yamlio import dump, load_plain


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3000", "3000.00"),
        ("3000.50", "3000.50"),
        ("3000.5", "3000.50"),
        ("3,000.50", "3000.50"),
        ("1,234,567", "1234567.00"),
        ("3万", "30000.00"),
        ("0.5万", "5000.00"),
        ("1.2345万", "12345.00"),
        ("1.234567万", "12345.67"),
        ("３０００．５０", "3000.50"),
        ("３，０００", "3000.00"),
        ("３万", "30000.00"),
        (" 200元 ", "200.00"),
        ("0", "0.00"),
        ("1.500", "1.50"),
    ],
)
def test_typed_amounts(typed: str, expected: str) -> None:
    amount = parse_amount(typed)
    assert isinstance(amount, Decimal)
    assert to_json(amount) == expected


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("abc", "error.amount.bad"),
        ("", "error.amount.bad"),
        ("-5", "error.amount.negative"),
        ("－5", "error.amount.negative"),
        ("1.005", "error.amount.decimals"),
        ("1.2345678万", "error.amount.decimals"),
        ("3万万", "error.amount.bad"),
        ("3,00", "error.amount.bad"),
        ("30,00.5", "error.amount.bad"),
        ("1e3", "error.amount.bad"),
        ("nan", "error.amount.bad"),
        ("Infinity", "error.amount.bad"),
        ("+5", "error.amount.bad"),
        (".5", "error.amount.bad"),
        ("5.", "error.amount.bad"),
        ("1000000000000", "error.amount.too_big"),
        ("1亿", "error.amount.bad"),
    ],
)
def test_refused_amounts(typed: str, key: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_amount(typed)
    assert caught.value.key == key
    assert caught.value.params["value"] == typed
    assert typed in caught.value.message("en") or not typed


def test_amount_from_the_yaml_text_never_a_float() -> None:
    text = "amount: 12000.50\nsmall: 0.10\nwhole: 3000\n"
    for data in (load_plain(text), fast_load(text)):
        assert data is not None
        assert type(data["amount"]) is Decimal and str(data["amount"]) == "12000.50"
        assert type(data["small"]) is Decimal and str(data["small"]) == "0.10"
        assert from_yaml(data["amount"]) == Decimal("12000.50")
        assert from_yaml(data["whole"]) == Decimal("3000.00")


def test_a_float_or_text_in_a_file_is_refused() -> None:
    for value in (12000.5, "12000.50", True, None, [1]):
        with pytest.raises(AmountProblem) as caught:
            from_yaml(value)
        assert caught.value.key == "error.amount.not_number"
    for value, key in ((Decimal("1.005"), "error.amount.decimals"), (-5, "error.amount.negative")):
        with pytest.raises(AmountProblem) as caught:
            from_yaml(value)
        assert caught.value.key == key
    inf = load_plain("amount: .inf\n")["amount"]
    with pytest.raises(AmountProblem):
        from_yaml(inf)


def test_written_as_a_plain_number_and_read_back() -> None:
    cases = (("12000.5", "amount: 12000.50\n"), ("3000", "amount: 3000\n"), ("0.1", "amount: 0.10\n"))
    for typed, written in cases:
        text = dump({"amount": money.to_yaml(parse_amount(typed))})
        assert text == written
        assert from_yaml(load_plain(text)["amount"]) == parse_amount(typed)


cents = st.integers(min_value=0, max_value=int(money.MAX_AMOUNT * 100) - 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(cents, max_size=60))
def test_sum_of_many_amounts_is_exact(values: list[int]) -> None:
    texts = [money.cents_json(c) for c in values]
    exact = sum((Decimal(t) for t in texts), Decimal(0))
    # through the file: written, read back, summed in cents
    data = load_plain(dump({"amounts": [money.to_yaml(Decimal(t)) for t in texts] or None}))
    data["amounts"] = data["amounts"] or []
    total = sum(money.to_cents(from_yaml(v)) for v in data["amounts"])
    assert money.cents_json(total) == f"{exact:.2f}"
    # through the command line's door
    assert sum(money.to_cents(parse_amount(t)) for t in texts) == total
