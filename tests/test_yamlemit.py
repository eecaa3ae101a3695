"""ledger/yamlemit.py writes exactly what ruamel writes, or gives up."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.yamlemit import fast_dump
from ledger.yamlio import _rt, load_plain

REPO = Path(__file__).resolve().parent.parent


def ruamel(data: object) -> str:
    stream = io.StringIO()
    _rt().dump(data, stream)
    return stream.getvalue()


def test_every_demo_record_is_written_as_ruamel_writes_it() -> None:
    written = 0
    for path in sorted((REPO / "data").rglob("*.yaml")):
        if path.name.startswith("ledger"):
            continue
        data = load_plain(path.read_text(encoding="utf-8"))
        text = fast_dump(data)
        if text is not None:
            assert text == ruamel(data), path
            written += 1
    assert written > 50  # the fast path is taken for most records


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
    st.text(max_size=30),
    st.text(alphabet="路灯坏了水管QL-12 :#'\"a.xlsx/年月日，。（）0123456789yesnoTtrue", max_size=20),
)
keys = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(keys, values, min_size=1, max_size=6))
def test_made_up_records_are_written_as_ruamel_writes_them_or_left_to_it(data: dict) -> None:
    text = fast_dump(data)
    if text is not None:
        assert text == ruamel(data)


def test_it_gives_up_on_what_it_does_not_write() -> None:
    assert fast_dump({"a": 1.5}) is None
    assert fast_dump({"a": "x\ny"}) is None
    assert fast_dump({"a": "key: value"}) is None
    assert fast_dump({"a": "="}) is None  # YAML 1.1 reads a bare = as its "value" key: ruamel quotes it
    assert fast_dump({"a": [[1]]}) is None
    assert fast_dump({"n": "12", "d": Decimal("3.50")}) == "n: '12'\nd: 3.50\n"
