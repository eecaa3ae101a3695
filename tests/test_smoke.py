"""A first end-to-end pass over the foundation commands."""

from __future__ import annotations

import json


def test_village_list_json_lists_every_village(run) -> None:
    result = run("village", "list", "--format", "json")
    assert result.exit_code == 0, result.output
    codes = [v["code"] for v in json.loads(result.stdout)]
    assert codes == ["shuijing", "dapo", "xiaoshan"]


def test_unknown_township_is_refused_and_nothing_written(run, ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    result = run("village", "add", "x1", "--name", "某村", "--township", "nowhere")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no township 'nowhere'")
    assert snapshot(ledger.root) == before
