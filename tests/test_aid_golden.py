"""The demo's `report bulletin`, `report alerts` and `report aid` as golden files in every text
format (UPDATE_GOLDEN=1 rewrites them, then read the diff), and what the demo must show."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import REPO, Run
from test_report_cli import FORMATS, golden

DEMO_REPORTS: list[tuple[str, list[str]]] = [
    ("demo-bulletin-2026-Q3", ["report", "bulletin", "2026-Q3"]),
    ("demo-alerts-2026-11-20", ["report", "alerts", "--as-of", "2026-11-20"]),
    ("demo-aid-2026-Q3", ["report", "aid", "2026-Q3"]),
    ("demo-aid-2026-by-cadre", ["report", "aid", "2026", "--by", "cadre"]),
    ("demo-aid-2026-Q3-by-party", ["report", "aid", "2026-Q3", "--by", "party"]),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Run:
    root = tmp_path_factory.mktemp("demo") / "data"
    shutil.copytree(REPO / "data", root, ignore=shutil.ignore_patterns(".caseledger"))
    return Run(root)


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_demo_aid_alerts_bulletin(demo: Run, fmt: str) -> None:
    for name, args in DEMO_REPORTS:
        result = demo(*args, "--format", fmt)
        assert result.exit_code == 0, result.output
        golden(name, fmt, result.stdout)


def json_of(demo: Run, *args: str):
    result = demo(*args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_demo_bulletin_has_ties_and_a_null_rate(demo: Run) -> None:
    rows = json_of(demo, "report", "bulletin", "2026-Q3")["rows"]
    rates = ("visit_rate", "close_rate", "on_time_rate", "resolution_rate", "satisfaction_rate")
    ranks = [[r[f"{k}_rank"] for r in rows if r[f"{k}_rank"] is not None] for k in rates]
    assert any(len(found) != len(set(found)) for found in ranks), "no tie in the demo's Q3 bulletin"
    assert any(r[k] is None and r[f"{k}_rank"] is None for r in rows for k in rates)


def test_the_demo_has_aid_of_every_kind_and_supervised_cases(demo: Run) -> None:
    aid = json_of(demo, "aid", "list")
    assert {a["kind"] for a in aid} == {"funds", "goods", "project", "service", "training"}
    assert {a["pairing"] for a in aid if a["pairing"]} >= {"P1", "P4", "P6", "P9", "P11"}
    assert any(a["household"] for a in aid) and any(a["issue"] for a in aid) and any(a["cadres"] for a in aid)
    supervised = json_of(demo, "issue", "list", "--supervised")
    assert len(supervised) >= 3
    alerts = json_of(demo, "report", "alerts", "--as-of", "2026-11-20")
    assert alerts[0]["supervised"] is True and alerts[0]["alert"] == "overdue" and alerts[0]["lead"]
    deeds = {r["cadre"]: r["deeds"] for r in json_of(demo, "report", "cadres", "2026-Q3")["rows"]}
    assert deeds["C16"] >= 2  # 赵晓燕's aid in Q3 counts as 实事
