"""Every problem of an imported row is reported, each as FILE:ROW: message (reviewer's finding: a
row with a bad village, category 困难户 and date 2026年13月1日 said only the village)."""

from __future__ import annotations

from pathlib import Path

from test_import import refused, xlsx
from test_import_aid import HEADER

from ledger.store import Ledger


def test_every_problem_of_an_issue_row_is_said(ledger: Ledger, run, snapshot, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "台账.xlsx",
        [
            ["序号", "村", "反映问题", "类别", "受理日期", "联系电话"],
            [1, "大破村", "路灯不亮", "困难户", "2026年13月1日", "138123"],
            [2, "dapo", "水管破裂", "实际困难", "2026-03-01", None],
        ],
    )
    said = refused(run, ledger, snapshot, path).strip().splitlines()
    row2 = [line for line in said if line.startswith(f"{path}:2: ")]
    assert len(row2) == 4, said
    assert any("大破村" in line for line in row2)
    assert any("困难户" in line for line in row2)
    assert any("2026年13月1日" in line for line in row2)
    assert any("138123" in line for line in row2)
    assert not any(line.startswith(f"{path}:3:") for line in said)


def test_every_problem_of_an_aid_row_is_said(ledger: Ledger, run, snapshot, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "帮扶台账.xlsx", [HEADER[:6], [1, "2026-02-30", "无此村", "现金", "补助", "三千"]])
    said = refused(run, ledger, snapshot, path, kind="aid").strip().splitlines()
    row2 = [line for line in said if line.startswith(f"{path}:2: ")]
    assert len(row2) == 4, said
    for value in ("2026-02-30", "现金", "三千"):
        assert any(value in line for line in row2), (value, said)
