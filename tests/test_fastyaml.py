"""The strict reader gives exactly what the safe loader gives, or declines: on made-up texts.

`fast_load` remembers what lines and scalars read as (a pure function of their text), so each
text is read twice: once as new, once from what was remembered.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import fastyaml
from ledger.errors import LedgerError
from ledger.fastyaml import fast_load
from ledger.yamlio import load_plain

KEYS = ["a", "b", "number", "title", "at", "by", "_x", "action", "level", "k1", "A"]
ODD_KEYS = ["true", "No", "a b", "1", "k-1", "y"]
PLAIN = [
    "x", "张三", "路灯 坏了", "'quoted'", "'it''s'", "1", "0", "42", "20250301", "2025-03-01", "true",
    "false", "null", "[]", "[x, z]", "t01-v02", "'2025-03-01T09:00:00+08:00'", "'14505190865'",
    "12000.50", "0.10", "3000.5",
]  # fmt: skip
ODD = [
    "'open", "012", "0o17", "1_000", "-1", "+1", "1.5", ".5", "2025-02-30", "2025-03-01T09:00:00+08:00",
    "True", "yes", "no", "Null", "~", "y", "[x, 'y']", "[a: b]", "{}", "{a: 1}", "&anchor x", "*alias",
    "!!str x", "| block", ">", "x # comment", "x #y", "a: b", "-", "- x", "=", "<<", "%", "@x", "`x",
    "\"double\"", "x\u2028y", "x\x85y", ".inf", ".nan", "123456789012345678901", "x\ty",
    "12000.", "01.5", "1.5e3", "1_0.5", "-0.5",
]  # fmt: skip
# Mostly good values, so that most documents are read (an odd one makes fast_load decline).
scalars = st.sampled_from(PLAIN * 12 + ODD)
keys = st.sampled_from(KEYS * 12 + ODD_KEYS)


@st.composite
def documents(draw: Any) -> str:
    """Mostly what caseledger writes (a mapping of scalars, lists and lists of records), with
    now and then an odd scalar, key, indentation or comment."""
    lines: list[str] = []

    def noise(indent: str) -> None:
        if draw(st.integers(0, 6)) == 0:
            lines.append(draw(st.sampled_from([indent + "# note", "", "  ", indent + "#", "   # x: y"])))

    for key in draw(st.lists(keys, min_size=1, max_size=6, unique=True)):
        shape = draw(st.sampled_from(["scalar", "scalar", "empty", "list", "records"]))
        noise("")
        if shape == "scalar":
            lines.append(f"{key}: {draw(scalars)}")
            continue
        lines.append(f"{key}:")
        dash = draw(st.sampled_from(["  ", "  ", "", "    "]))
        for _ in range(draw(st.integers(0 if shape == "empty" else 1, 3)) if shape != "empty" else 0):
            noise(dash)
            if shape == "list":
                lines.append(f"{dash}- {draw(scalars)}")
                continue
            fields = draw(st.lists(keys, min_size=1, max_size=3, unique=True))
            lines.append(f"{dash}- {fields[0]}: {draw(scalars)}")
            lines.extend(f"{dash}  {field}: {draw(scalars)}" for field in fields[1:])
    return "\n".join(lines) + draw(st.sampled_from(["\n", ""]))


def typed(value: Any) -> Any:
    """`value` with every scalar's type made visible, so True ≠ 1 and a date ≠ a string."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    if isinstance(value, Decimal):
        return ("Decimal", str(value))  # 0.10 and 0.1 are equal but not the same text
    return (type(value).__name__, value)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.booleans())
def test_fast_load_is_exact_or_declines(text: str, forget_first: bool) -> None:
    if forget_first:
        fastyaml._SCALARS.clear()
        fastyaml._KEY_LINES.clear()
    try:
        expected = load_plain(text)
    except LedgerError:
        expected = LedgerError
    for _ in range(2):  # new, then remembered
        fast = fast_load(text)
        if fast is None:
            continue
        assert expected is not LedgerError, text  # what the safe loader refuses is never read quickly
        assert typed(fast) == typed(expected), text


def test_remembered_values_are_not_shared_when_mutable() -> None:
    first = fast_load("a: [x, z]\nb: 2025-03-01\n")
    second = fast_load("a: [x, z]\nb: 2025-03-01\n")
    assert first == second and first is not None and second is not None
    assert first["a"] is not second["a"]  # a list read twice is two lists
    first["a"].append("z")
    assert fast_load("a: [x, z]\n") == {"a": ["x", "z"]}


def test_caches_are_bounded(monkeypatch: Any) -> None:
    monkeypatch.setattr(fastyaml, "_CACHE_MAX", 5)
    for n in range(20):
        assert fast_load(f"k{n}: v{n}\n") == {f"k{n}": f"v{n}"}
    assert len(fastyaml._SCALARS) <= 5 and len(fastyaml._KEY_LINES) <= 5


# -- known texts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: '2'\nc: 2025-03-01\nd: true\ne:\nf: []\ng: [x, y]\n",
        "a: yes\n",
        "a: Null\n",
        "a: 0o17\n",
        "a: 1_000\n",
        "a: 012\n",
        "a: 1.5\n",
        "a: .inf\n",
        "a: ~\n",
        "a: 2025-02-30\n",
        "a: 2025-03-01T09:00:00+08:00\n",
        "a: text # comment\nb: 2\n",
        "# header comment\na: x\n  # indented comment\nb:\n  - c: 1\n    d: 2\n  -   e: 3\n",
        "a:\n- x\n- y\n",
        "a: &anchor x\nb: *anchor\n",
        "a: !!python/object x\n",
        "a: |\n  block\n  text\n",
        "a: plain\n  continued\n",
        "a: 'it''s'\n",
        "a: 'unterminated\n  more'\n",
        'a: "double"\n',
        "a: x: y\n",
        "a: {b: 1}\n",
        "a: [x, 'y']\n",
        "---\na: 1\n",
        "a: 1\na: 2\n",
        "true: 1\n",
        "a: 张三 李四\n",
        "a:\n  b:\n    - 1\n    -\n    - - 2\n",
        "a: x\u2028y\n",
        "a: x\u2029y\n",
        "a: x\x85y\n",
        "a: x\x7fy\n",
        "a: x\ufeffy\n",
        "a: -\n",
        "a: - x\n",
        "a: =\n",
        "a: <<\n",
        "a: 123456789012345678901\n",
        "a: 0\n",
        "a: +1\n",
        "a: -1\n",
    ],
)
def test_known_texts_are_read_exactly_or_declined(text: str) -> None:
    fast = fast_load(text)
    try:
        expected = load_plain(text)
    except LedgerError:
        assert fast is None, text  # what the safe loader refuses is never read quickly
        return
    if fast is not None:
        assert typed(fast) == typed(expected), text


def test_fast_load_declines_what_it_does_not_know() -> None:
    assert fast_load("a: yes\n") is None
    assert fast_load("a: &x 1\n") is None
    assert fast_load("a: 'x' # c\n") is None
    assert fast_load("- 1\n") is None
    assert fast_load("a: 1\na: 2\n") is None
