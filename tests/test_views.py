"""`issue show` and `issue log` through one library call each (`ledger.views`): the same values
as `issue list` for the same file, whatever a hand edit wrote, and csv keys as list gives them."""

from __future__ import annotations

import csv
import io
import json
import textwrap

import pytest

from ledger.store import Ledger
from ledger.views import issue_history, issue_view

# Written by hand: Chinese labels for the vocabularies, padded text, summary keys that the
# history contradicts (a later deadline, another owner, a status typed as a label).
HAND = """\
number: 1
title: "  路灯坏了  "
detail: |
  村口三盏路灯不亮
category: 实际困难
village: dapo
received: 2026-03-01
owner: 随便写的
level: 村级
status: 办理中
deadline: 2026-12-31
history:
  - at: 2026-03-01T09:00:00+08:00
    by: 王五
    action: 登记
    owner: 村支书李明
    deadline: 2026-03-08
  - at: 2026-03-05T10:00:00+08:00
    by: 王五
    action: escalated
    from: 村级
    to: township
    reason: 村里修不了
    deadline: 2026-03-20
    owner: 镇建设办
"""


@pytest.fixture
def hand(ledger: Ledger) -> Ledger:
    path = ledger.root / "issues" / "000" / "1.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(HAND), encoding="utf-8")
    return ledger


def test_show_and_list_print_the_same_values_for_the_same_file(hand: Ledger, run) -> None:
    shown = json.loads(run("issue", "show", "1", "--format", "json").stdout)
    [listed] = json.loads(run("issue", "list", "--status", "all", "--format", "json").stdout)
    assert set(listed) <= set(shown)
    assert {key: shown[key] for key in listed} == listed
    # …and both say what the history says, not the file's own words
    assert (shown["category"], shown["level"], shown["status"]) == ("hardship", "township", "open")
    assert (shown["deadline"], shown["owner"], shown["title"]) == ("2026-03-20", "镇建设办", "路灯坏了")
    assert shown["detail"] == "村口三盏路灯不亮"


def test_show_csv_gives_keys_as_list_csv_does(hand: Ledger, run) -> None:
    [shown] = list(csv.DictReader(io.StringIO(run("issue", "show", "1", "--format", "csv").stdout)))
    [listed] = list(csv.DictReader(io.StringIO(run("issue", "list", "--status", "all", "-f", "csv").stdout)))
    assert set(listed) <= set(shown)
    assert {key: shown[key] for key in listed} == listed
    assert shown["reporter"] == "" and "history" not in shown
    tsv = run("--lang", "zh", "issue", "show", "1", "--format", "tsv").stdout.splitlines()
    assert tsv[0].split("\t")[:3] == ["number", "title", "detail"]  # keys, never translated labels
    assert len(tsv) == 2


def test_the_library_gives_show_and_log_their_view(hand: Ledger) -> None:
    view = issue_view(hand, "#1")
    assert view["township"] == "qinglong" and view["source"] == "visit" and view["private"] is False
    history = issue_history(hand, "1")
    assert [e["action"] for e in history] == ["opened", "escalated"]  # 登记 read as its key
    assert history[1]["from"] == "village"
    assert view["history"] == history


def test_log_json_gives_keys_and_the_table_labels(hand: Ledger, run) -> None:
    log = json.loads(run("issue", "log", "1", "--format", "json").stdout)
    assert [e["action"] for e in log] == ["opened", "escalated"]
    assert "登记" in run("--lang", "zh", "issue", "log", "1").stdout


def test_a_history_the_state_cannot_read_shows_the_files_words(ledger: Ledger, run) -> None:
    path = ledger.root / "issues" / "000" / "1.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HAND.replace("2026-03-01T09:00:00+08:00", "someday"), encoding="utf-8")
    shown = json.loads(run("issue", "show", "1", "--format", "json").stdout)
    assert shown["deadline"] == "2026-12-31" and shown["owner"] == "随便写的"
    assert shown["category"] == "hardship"
