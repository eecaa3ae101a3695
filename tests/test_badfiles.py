"""SPEC §4's rule for whole-ledger readers: a bad or copied record file is never silently left
out or counted twice. Without --skip-bad: nothing on stdout, the files named on stderr, exit 1;
with it: the result without them, a warning, and `skipped` in JSON objects."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable

import pytest

from ledger.lifecycle import close, open_issue
from ledger.store import Ledger

READERS = [
    ("issue", "list", "--status", "all"),
    ("issue", "list", "--overdue"),
    ("report", "month", "2026-03"),
    ("report", "overdue", "--as-of", "2026-03-31"),
    ("report", "notice", "--village", "dapo", "--as-of", "2026-03-31"),
]


@pytest.fixture
def six(ledger: Ledger) -> Ledger:
    for n in range(1, 7):
        open_issue(
            ledger, village="dapo", title=f"路灯{n}", category="hardship", date="2026-03-02", actor="t"
        )
    close(ledger, "6", disposition="resolved", note="修好了", date="2026-03-05", actor="t")
    return ledger


def _edit(old: str, new: str) -> Callable[[Ledger], str]:
    def apply(lg: Ledger) -> str:
        path = lg.issue_path("3")
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return "issues/000/3.yaml"

    return apply


def _village_typo(lg: Ledger) -> str:
    path = lg.root / "villages" / "dapo.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("township: qinglong", "township: qinglnog"))
    return "villages/dapo.yaml"


def _copy(name: str, source: str = "3") -> Callable[[Ledger], str]:
    def apply(lg: Ledger) -> str:
        target = lg.root / "issues" / "000" / name
        if target.exists():
            target.unlink()
        shutil.copy(lg.issue_path(source), target)
        return f"issues/000/{name}"

    return apply


BREAKS = {
    "chinese colon": _edit("owner: ", "owner："),
    "tab": _edit("\n  - at:", "\n\t- at:"),
    "bad indentation": _edit("  - at:", " - at:"),
    "unknown category": _edit("category: hardship", "category: 困难户"),
    "unknown village": _edit("village: dapo", "village: dapoo"),
    "village township typo": _village_typo,
    "windows copy": _copy("6 - 副本.yaml"),
    "copy under another number": _copy("15.yaml"),
}


@pytest.mark.parametrize("case", list(BREAKS))
def test_every_reader_refuses_a_bad_file_and_skips_it_when_asked(six: Ledger, run, case: str) -> None:
    if case == "chinese colon":  # an owner key to break
        from ledger.lifecycle import assign

        assign(six, "3", owner="李四", date="2026-03-03", actor="t")
    bad = BREAKS[case](six)
    assert run("check").exit_code == 1
    for reader in READERS:
        result = run(*reader)
        assert result.exit_code == 1, (case, reader, result.output)
        assert result.stdout == "", (case, reader)
        assert bad in result.stderr and "caseledger check" in result.stderr, (case, reader, result.stderr)
        skipped = run(*reader, "--skip-bad", "-f", "json")
        if case == "village township typo" and "notice" in reader:  # the board's own village
            assert skipped.exit_code == 1 and skipped.stdout == ""
            continue
        assert skipped.exit_code == 0, (case, reader, skipped.output)
        assert bad in skipped.stderr and "--skip-bad" in skipped.stderr
        data = json.loads(skipped.stdout)
        if isinstance(data, dict):
            assert bad in data["skipped"]
        else:
            assert isinstance(data, list)


def test_a_copy_is_not_counted_twice(six: Ledger, run) -> None:
    before = json.loads(run("report", "month", "2026-03", "-f", "json").stdout)["total"]
    _copy("6 - 副本.yaml", "6")(six)
    after = json.loads(run("report", "month", "2026-03", "--skip-bad", "-f", "json").stdout)
    assert after["skipped"] == ["issues/000/6 - 副本.yaml"]
    assert after["total"] == before
    assert before["new"] == 6 and before["closed"] == 1 and before["resolved"] == 1


def test_skip_bad_leaves_out_only_the_bad_file(six: Ledger, run) -> None:
    _edit("category: hardship", "category: 困难户")(six)
    listed = json.loads(run("issue", "list", "--status", "all", "--skip-bad", "-f", "json").stdout)
    assert [row["number"] for row in listed] == ["1", "2", "4", "5", "6"]
    month = json.loads(run("report", "month", "2026-03", "--skip-bad", "-f", "json").stdout)
    assert month["total"]["new"] == 5 and month["skipped"] == ["issues/000/3.yaml"]


def test_the_message_names_at_most_ten_files(six: Ledger, run) -> None:
    for n in range(20, 32):
        shutil.copy(six.issue_path("1"), six.root / "issues" / "000" / f"{n}.yaml")
    result = run("report", "overdue")
    assert result.exit_code == 1
    named = [line for line in result.stderr.splitlines() if line.startswith("issues/000/")]
    assert len(named) == 10 and "2 more" in result.stderr and result.stdout == ""
