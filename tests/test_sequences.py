"""Generated sequences (hypothesis): whatever mix of valid and invalid lifecycle actions clerks
throw at a ledger, refused ones change no byte, accepted ones append exactly one event, every
history stays chronological and consistent with the status, and numbers stay unique. Generated
record files, loaded through the store, raise nothing but `LedgerError`.

`max_examples` is kept modest through a settings profile (`HYPOTHESIS_PROFILE=thorough` for a
longer local run). Failing examples hypothesis found are kept below as plain tests.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from ledger.errors import LedgerError
from ledger.store import Ledger

settings.register_profile(
    "ci",
    max_examples=20,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.register_profile("thorough", max_examples=300, stateful_step_count=40, deadline=None)
CI = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

NOW = "2026-06-30T18:00:00+08:00"
FIRST_DAY = date(2026, 1, 1)

lifecycle = pytest.importorskip("ledger.lifecycle")


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".caseledger" not in p.relative_to(root).parts
    }


def _template() -> Path:
    """One small ledger built once; each example works on a fresh copy of it."""
    from ledger.places import add_township, add_village
    from ledger.setup import init_ledger

    base = Path(tempfile.mkdtemp(prefix="caseledger-seq-"))
    ledger = init_ledger(base / "ledger", "生成测试台账")
    add_township(ledger, "qinglong", "青龙镇", actor="t")
    add_village(ledger, "dapo", "大坡村", "qinglong", actor="t")
    return ledger.root


_TEMPLATE: Path | None = None

days = st.integers(min_value=0, max_value=200).map(lambda n: (FIRST_DAY + timedelta(days=n)).isoformat())
bad_days = st.sampled_from(["2026-02-30", "tomorrow", "2099-01-01", "", "2026-07-01"])
# Mostly now (pinned), often a back-dated day, sometimes a date that must be refused.
maybe_day = st.sampled_from([0] * 5 + [1] * 2 + [2]).flatmap(lambda i: (st.none(), days, bad_days)[i])
good_texts = st.sampled_from(["修路", "饮水 😀", "مياه الشرب", "כפר המים", "water pipe", "路灯坏了\n第二行"])
bad_texts = st.sampled_from(["  ", "", "a\x07b", "x" * 30_000, "\x00"])
texts = st.sampled_from([0] * 6 + [1, 2]).flatmap(lambda i: (good_texts, bad_texts, st.text(max_size=12))[i])
actors = st.sampled_from(["张三", "李四", "clerk"])
categories = st.sampled_from(["hardship"] * 4 + ["conduct", "干部作风", "Conduct", "x"])
villages = st.sampled_from(["dapo"] * 6 + ["nowhere", "../dapo"])
levels = st.sampled_from([None] * 4 + ["township", "county", "village", "Town"])
dispositions = st.sampled_from(["resolved"] * 3 + ["已解释", "duplicate", "Resolved", "?"])
satisfactions = st.sampled_from(["satisfied"] * 3 + ["基本满意", "unsatisfied", "SATISFIED"])


class LedgerMachine(RuleBasedStateMachine):
    """Applies lifecycle actions to a real ledger and checks each outcome against the files."""

    def __init__(self) -> None:
        super().__init__()
        global _TEMPLATE
        if _TEMPLATE is None:
            _TEMPLATE = _template()
        self.tmp = Path(tempfile.mkdtemp(prefix="caseledger-run-"))
        shutil.copytree(_TEMPLATE, self.tmp / "ledger")
        self.ledger = Ledger(self.tmp / "ledger")
        self.numbers: list[str] = []
        os.environ["CASELEDGER_NOW"] = NOW

    def teardown(self) -> None:
        os.environ.pop("CASELEDGER_NOW", None)
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- the frame every rule goes through ---------------------------------------------------

    def attempt(self, action: str, number: str | None, call) -> None:
        before = _files(self.ledger.root)
        old = self._history(number)
        try:
            result = call()
        except LedgerError:
            event(f"{action}: refused")
            assert _files(self.ledger.root) == before, f"refused {action} changed files"
            return
        event(f"{action}: accepted")
        after = _files(self.ledger.root)
        changed = {rel for rel in set(before) | set(after) if before.get(rel) != after.get(rel)}
        assert len(changed) == 1, changed
        if action == "opened":
            number = result.number
            assert number not in self.numbers
            self.numbers.append(number)
            assert [e.action.value for e in self._issue(number).history] == ["opened"]
            return
        new = self._history(number)
        assert new[: len(old)] == old, "an accepted action rewrote earlier events"
        assert len(new) == len(old) + 1
        assert new[-1].action.value == action

    def _issue(self, number: str):
        from ledger.issue import Issue

        return self.ledger.read_record(Issue, self.ledger.issue_path(number))

    def _history(self, number: str | None) -> list:
        if number is None or number not in self.numbers:
            return []
        return list(self._issue(number).history)

    def pick(self, data, *, known: bool = True) -> str:
        if known and self.numbers:
            return data.draw(st.sampled_from(self.numbers))
        return data.draw(st.sampled_from(["999", "#0", "../1", "QL-1", "", "1/../2"]))

    # -- rules ----------------------------------------------------------------------------------

    @initialize(title=texts, day=maybe_day)
    def first(self, title: str, day: str | None) -> None:
        self.attempt("opened", None, lambda: lifecycle.open_issue(
            self.ledger, village="dapo", title=title, category="hardship", date=day, actor="张"))  # fmt: skip

    @rule(title=texts, category=categories,
          village=villages, day=maybe_day, actor=actors)  # fmt: skip
    def open(self, title, category, village, day, actor) -> None:
        self.attempt("opened", None, lambda: lifecycle.open_issue(
            self.ledger, village=village, title=title, category=category, date=day, actor=actor))  # fmt: skip

    @rule(data=st.data(), reason=texts, to=levels,
          day=maybe_day)  # fmt: skip
    def escalate(self, data, reason, to, day) -> None:
        number = self.pick(data)
        self.attempt("escalated", number, lambda: lifecycle.escalate(
            self.ledger, number, reason=reason, to=to, date=day, actor="李四"))  # fmt: skip

    @rule(data=st.data(), owner=texts, day=maybe_day)
    def assign(self, data, owner, day) -> None:
        number = self.pick(data)
        self.attempt("assigned", number, lambda: lifecycle.assign(
            self.ledger, number, owner=owner, date=day, actor="李四"))  # fmt: skip

    @rule(data=st.data(), extra=st.integers(-30, 60), reason=texts, day=maybe_day)
    def extend(self, data, extra, reason, day) -> None:
        number = self.pick(data)
        try:
            current = lifecycle.find_issue(self.ledger, number)[1].deadline
        except LedgerError:
            current = date(2026, 3, 1)
        deadline = current + timedelta(days=extra)
        self.attempt("extended", number, lambda: lifecycle.extend(
            self.ledger, number, deadline=deadline, reason=reason, date=day, actor="李四"))  # fmt: skip

    @rule(data=st.data(), text=texts, day=maybe_day)
    def note(self, data, text, day) -> None:
        number = self.pick(data)
        self.attempt("noted", number, lambda: lifecycle.note(
            self.ledger, number, text, date=day, actor="张三"))  # fmt: skip

    @rule(data=st.data(), disposition=dispositions,
          note=texts, day=maybe_day)  # fmt: skip
    def close(self, data, disposition, note, day) -> None:
        number = self.pick(data)
        of = data.draw(st.sampled_from([None] * 4 + ["1", "999", number]), "of")
        self.attempt("closed", number, lambda: lifecycle.close(
            self.ledger, number, disposition=disposition, note=note, of=of, date=day, actor="张"),
        )  # fmt: skip

    @rule(data=st.data(), reason=texts, day=maybe_day)
    def reopen(self, data, reason, day) -> None:
        number = self.pick(data)
        self.attempt("reopened", number, lambda: lifecycle.reopen(
            self.ledger, number, reason=reason, date=day, actor="张三"))  # fmt: skip

    @rule(data=st.data(), satisfaction=satisfactions,
          day=maybe_day)  # fmt: skip
    def followup(self, data, satisfaction, day) -> None:
        number = self.pick(data)
        self.attempt("followed-up", number, lambda: lifecycle.followup(
            self.ledger, number, satisfaction=satisfaction, date=day, actor="李四"))  # fmt: skip

    @rule(data=st.data())
    def unknown_number(self, data) -> None:
        number = self.pick(data, known=False)
        self.attempt("noted", number, lambda: lifecycle.note(self.ledger, number, "x", actor="张三"))

    # -- invariants -----------------------------------------------------------------------------

    @invariant()
    def histories_are_whole(self) -> None:
        files = sorted(self.ledger.issue_files())
        assert len(files) == len(self.numbers)
        seen = set()
        for path in files:
            issue = self._issue(path.stem)
            assert issue.number == path.stem and self.ledger.issue_path(issue.number) == path
            assert issue.number not in seen
            seen.add(issue.number)
            moments = [e.at for e in issue.history]
            assert moments == sorted(moments), "history out of order"
            assert issue.history[0].action.value == "opened"
            assert all(e.action.value != "opened" for e in issue.history[1:])
            turns = [e.action.value for e in issue.history if e.action.value in ("closed", "reopened")]
            expected = "closed" if turns and turns[-1] == "closed" else "open"
            assert issue.status.value == expected, "status does not match history"
        assert seen == set(self.numbers)
        assert sorted(int(n) for n in seen) == list(range(1, len(seen) + 1))


LedgerMachine.TestCase.settings = CI
TestLedgerSequences = LedgerMachine.TestCase


# -- generated record files -----------------------------------------------------------------

yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
    st.dates(), st.sampled_from(["2026-02-30", "open", "village", "1", "QL-1", "&a", "*a", "!!str"]),
)  # fmt: skip
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
issue_keys = st.sampled_from(
    ["number", "title", "category", "village", "received", "deadline", "status", "level", "history", "x"]
)
record_like = st.dictionaries(st.one_of(issue_keys, st.text(max_size=6)), yaml_values, max_size=8)


def _yaml_text(data) -> str:
    from ledger.yamlio import dump

    return dump(data)


@settings(CI, max_examples=CI.max_examples * 2)
@given(data=record_like)
@example(data={"number": 1, "title": "t", "category": "hardship", "village": "dapo",
               "received": "2026-02-30", "deadline": "2026-03-01",
               "history": [{"at": "x", "by": "y", "action": "opened"}]})  # fmt: skip
@example(data={"number": "../1", "title": None})
@example(data={"history": "not a list", "status": "Closed"})
def test_generated_issue_files_raise_only_ledger_errors(tmp_path_factory, data) -> None:
    from ledger.issue import Issue

    root = tmp_path_factory.mktemp("gen")
    path = root / "1.yaml"
    path.write_text(_yaml_text(data), encoding="utf-8")
    ledger = Ledger(root)
    with contextlib.suppress(LedgerError):
        ledger.read_record(Issue, path)
    with contextlib.suppress(LedgerError):
        ledger.read_raw(path)


@settings(CI, max_examples=CI.max_examples * 2)
@given(raw=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
@example(raw=b"\xef\xbb\xbf")
@example(raw=b"a: &x 1\nb: *x\n")
@example(raw=b"? [a, b]\n: c\n")
@example(raw=b"- !!binary aGVsbG8=\n")
@example(raw=b"{a: 1, a: 2}")
@example(raw=b"%YAML 1.1\n---\na: 1\n")
@example(raw=b"a: 1\n---\nb: 2\n")
def test_generated_bytes_raise_only_ledger_errors(tmp_path_factory, raw) -> None:
    from ledger.township import Township

    root = tmp_path_factory.mktemp("raw")
    path = root / "t.yaml"
    path.write_bytes(raw)
    ledger = Ledger(root)
    for read in (lambda: ledger.read_record(Township, path), lambda: ledger.read_raw(path)):
        with contextlib.suppress(LedgerError):
            read()
