"""`issue supervise` (挂牌督办, 包案领导), `issue list --supervised`, and `check` holding the
supervised keys to the history."""

from __future__ import annotations

import json

import pytest

from ledger.store import Ledger


@pytest.fixture
def opened(run, ledger: Ledger):
    assert (
        run("cadre", "add", "--name", "张县长", "--rank", "county", "--since", "2026-01-01").stdout == "C1\n"
    )
    for title in ("饮水井水泵损坏", "道路塌方"):
        run("issue", "open", "--village", "dapo", "--title", title, "--category", "hardship",
            "--date", "2026-08-01")  # fmt: skip
    return run


def _issue(ledger: Ledger, number: str = "1") -> dict:
    from ledger.yamlio import load_plain

    return load_plain((ledger.root / f"issues/000/{number}.yaml").read_text(encoding="utf-8"), "x")


def test_supervise_with_a_cadre_lead_and_a_deadline(opened, ledger: Ledger) -> None:
    result = opened("issue", "supervise", "1", "--lead", "张县长", "--reason", "群众反映强烈",
                    "--deadline", "2026-08-05", "--date", "2026-08-02")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "2026-08-05" in result.stdout
    data = _issue(ledger)
    assert (data["supervised"], data["lead"], data["lead_cadre"]) == (True, "张县长", "C1")
    event = data["history"][-1]
    assert (
        event["action"] == "supervised" and event["lead_cadre"] == "C1" and event["reason"] == "群众反映强烈"
    )
    assert str(data["deadline"]) == "2026-08-05"  # earlier than the 2026-08-08 in force: replaced
    shown = json.loads(opened("issue", "show", "1", "-f", "json").stdout)
    assert (shown["supervised"], shown["lead"], shown["lead_cadre"]) == (True, "张县长", "C1")
    table = opened("--lang", "zh", "issue", "show", "1").stdout
    assert "挂牌督办" in table and "包案领导" in table and "张县长" in table
    assert "包案领导" in opened("--lang", "zh", "issue", "log", "1").stdout
    assert opened("check").exit_code == 0


def test_a_later_deadline_replaces_the_one_in_force_too(opened, ledger: Ledger) -> None:
    opened("issue", "supervise", "1", "--lead", "C1", "--reason", "r", "--deadline", "2026-09-30",
           "--date", "2026-08-02")  # fmt: skip
    assert str(_issue(ledger)["deadline"]) == "2026-09-30"


def test_without_a_deadline_the_one_in_force_stays(opened, ledger: Ledger) -> None:
    opened("issue", "supervise", "1", "--lead", "县水务局", "--reason", "r", "--date", "2026-08-02")
    data = _issue(ledger)
    assert str(data["deadline"]) == "2026-08-08"
    assert data["lead"] == "县水务局" and "lead_cadre" not in data  # free text: no cadre id


def test_repeating_changes_the_lead(opened, ledger: Ledger) -> None:
    opened("issue", "supervise", "1", "--lead", "C1", "--reason", "r", "--date", "2026-08-02")
    opened("issue", "supervise", "1", "--lead", "县水务局", "--reason", "换人", "--date", "2026-08-03")
    data = _issue(ledger)
    assert (data["supervised"], data["lead"], data.get("lead_cadre")) == (True, "县水务局", None)
    assert [e["action"] for e in data["history"]] == ["opened", "supervised", "supervised"]
    assert opened("check").exit_code == 0


def test_issue_list_supervised(opened) -> None:
    opened("issue", "supervise", "2", "--lead", "C1", "--reason", "r", "--date", "2026-08-02")
    listed = json.loads(opened("issue", "list", "--supervised", "-f", "json").stdout)
    assert [row["number"] for row in listed] == ["2"]
    assert len(json.loads(opened("issue", "list", "-f", "json").stdout)) == 2
    opened("issue", "close", "2", "--disposition", "resolved", "--note", "修好", "--date", "2026-08-04")
    assert json.loads(opened("issue", "list", "--supervised", "-f", "json").stdout) == []
    closed = json.loads(opened("issue", "list", "--supervised", "--status", "all", "-f", "json").stdout)
    assert [row["number"] for row in closed] == ["2"]


@pytest.mark.parametrize(
    ("setup", "args", "code", "says"),
    [
        ("close", ["1", "--lead", "C1", "--reason", "r"], 1, "closed"),
        (None, ["9", "--lead", "C1", "--reason", "r"], 1, "9"),
        (None, ["1", "--lead", "C9", "--reason", "r"], 1, "C9"),  # id-shaped, no such cadre
        (
            None,
            ["1", "--lead", "C1", "--reason", "r", "--deadline", "2026-07-01", "--date", "2026-08-02"],
            1,
            "2026-07-01",
        ),
        (None, ["1", "--lead", "C1", "--reason", "r", "--date", "2026-07-01"], 1, "2026-07-01"),
        (None, ["1", "--lead", "C1", "--reason", "r", "--deadline", "someday"], 2, "someday"),
        (None, ["1", "--reason", "r"], 2, "--lead"),
    ],
)
def test_supervise_refusals_write_nothing(opened, ledger: Ledger, snapshot, setup, args, code, says) -> None:
    if setup == "close":
        opened("issue", "close", "1", "--disposition", "resolved", "--note", "n", "--date", "2026-08-02")
    before = snapshot(ledger.root)
    result = opened("issue", "supervise", *args)
    assert result.exit_code == code, result.stdout + result.stderr
    assert result.stderr.startswith("error: ") and says in result.stderr
    assert snapshot(ledger.root) == before


def test_check_holds_the_supervised_keys_to_the_history(opened, ledger: Ledger) -> None:
    opened("issue", "supervise", "1", "--lead", "C1", "--reason", "r", "--date", "2026-08-02")
    path = ledger.root / "issues/000/1.yaml"
    good = path.read_text(encoding="utf-8")

    def messages(text: str) -> list[str]:
        path.write_text(text, encoding="utf-8")
        return [p["message"] for p in json.loads(opened("check", "-f", "json").stdout)["problems"]]

    assert messages(good) == []
    assert any("lead" in m for m in messages(good.replace("\nlead: 张县长", "\nlead: 李四")))
    assert any("supervised" in m for m in messages(good.replace("supervised: true", "supervised: false")))
    other = ledger.root / "issues/000/2.yaml"
    path.write_text(good, encoding="utf-8")
    plain = other.read_text(encoding="utf-8")
    other.write_text(plain + "supervised: true\n", encoding="utf-8")
    assert any("supervised" in m for m in messages(good))
