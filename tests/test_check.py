"""`caseledger check`: each problem a hand edit can make, found with its `path:line:`.

As in beancount's tests, the YAML of each case is written inline, next to the assertion on the
message it must produce. The `ledger` fixture (two townships, three villages) is clean.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from ledger import checks, rules
from ledger.checks import RECORD_VALIDATORS, check_ledger
from ledger.i18n import t
from ledger.lifecycle import close, escalate, open_issue
from ledger.rules import ISSUE_VALIDATORS
from ledger.store import Ledger

# A valid issue file, as a clerk could type it by hand; tests change one thing in it.
ISSUE = """\
number: 1
title: 路灯坏了
category: hardship
village: dapo
received: 2026-10-01
level: village
status: open
deadline: 2026-10-08
history:
  - at: 2026-10-01T09:00:00+08:00
    by: 王五
    action: opened
    deadline: 2026-10-08
"""


def write(ledger: Ledger, rel: str, text: str | bytes) -> Path:
    path = ledger.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def lines(run) -> list[str]:
    result = run("check")
    assert result.exit_code == (1 if result.stdout else 0), result.stdout + result.stderr
    return result.stdout.splitlines()


# -- clean ledgers ----------------------------------------------------------------------------


def test_clean_ledger_exits_0_with_a_count_on_stderr(run, ledger: Ledger) -> None:
    open_issue(ledger, village="dapo", title="路灯坏了", category="hardship", actor="王五")
    result = run("check")
    assert result.exit_code == 0
    assert result.stdout == ""
    # ledger.yaml + 2 townships + 3 villages + 1 issue
    assert result.stderr.strip() == "ok: 7 records checked"


def test_a_ledger_worked_through_the_lifecycle_is_clean(ledger: Ledger) -> None:
    first = open_issue(ledger, village="dapo", title="路灯坏了", category="hardship", actor="王五")
    second = open_issue(ledger, village="shuijing", title="路灯又坏了", category="hardship", actor="王五")
    escalate(ledger, first.number, reason="村里修不了", actor="王五")
    close(ledger, second.number, disposition="duplicate", of=first.number, note="同一件事", actor="王五")
    close(ledger, first.number, disposition="resolved", note="已修好", actor="王五")
    assert check_ledger(ledger) == []


def test_a_hand_written_issue_is_clean(run, ledger: Ledger) -> None:
    write(ledger, "issues/000/1.yaml", ISSUE)
    assert lines(run) == []


# -- files that cannot be read ----------------------------------------------------------------


def test_yaml_syntax_error_names_its_line(run, ledger: Ledger) -> None:
    write(
        ledger,
        "villages/dapo.yaml",
        """\
        code: dapo
        name: 大坡村
        township: [qinglong
        kind: village
        """,
    )
    [line] = lines(run)
    assert line.startswith("villages/dapo.yaml:4: YAML syntax error")


def test_not_utf8_names_its_line(run, ledger: Ledger) -> None:
    write(
        ledger, "issues/000/1.yaml", ISSUE.replace("路灯坏了", "路灯").encode("utf-8") + b"note: \xb7\xb0\n"
    )
    assert lines(run) == ["issues/000/1.yaml:14: the file is not UTF-8 text"]


def test_gbk_file_is_not_utf8(run, ledger: Ledger) -> None:
    write(ledger, "townships/qinglong.yaml", "code: qinglong\nname: 青龙镇\n".encode("gbk"))
    assert lines(run) == ["townships/qinglong.yaml:2: the file is not UTF-8 text"]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file_is_a_problem_not_a_crash(run, ledger: Ledger, text: str) -> None:
    write(ledger, "issues/000/1.yaml", text)
    write(ledger, "villages/dapo.yaml", text)
    assert lines(run) == ["issues/000/1.yaml:1: the file is empty", "villages/dapo.yaml:1: the file is empty"]


def test_tag_names_its_line(run, ledger: Ledger) -> None:
    write(
        ledger,
        "villages/dapo.yaml",
        """\
        code: dapo
        name: !!python/object:os.system 大坡村
        township: qinglong
        """,
    )
    [line] = lines(run)
    assert line.startswith("villages/dapo.yaml:2: ")
    assert "tag" in line


def test_alias_names_its_line(run, ledger: Ledger) -> None:
    write(
        ledger,
        "villages/dapo.yaml",
        """\
        code: dapo
        name: &n 大坡村
        township: *n
        """,
    )
    [line] = lines(run)
    assert line.startswith("villages/dapo.yaml:2: ")
    assert line == f"villages/dapo.yaml:2: {t('error.yaml.alias', 'en')}"


def test_duplicate_key_names_its_line(run, ledger: Ledger) -> None:
    write(
        ledger,
        "villages/dapo.yaml",
        """\
        code: dapo
        name: 大坡村
        township: qinglong
        name: 小坡村
        """,
    )
    assert lines(run) == ["villages/dapo.yaml:4: a key appears twice"]


def test_bad_enum_in_an_issue_names_its_line(run, ledger: Ledger) -> None:
    write(ledger, "issues/000/1.yaml", ISSUE.replace("category: hardship", "category: potholes"))
    [line] = lines(run)
    assert line.startswith("issues/000/1.yaml:3: category: ")


def test_merge_conflict_markers_are_a_syntax_error(run, ledger: Ledger) -> None:
    write(
        ledger,
        "issues/000/1.yaml",
        "<<<<<<< HEAD\n"
        + ISSUE
        + "=======\n"
        + ISSUE.replace("路灯坏了", "水管坏了")
        + ">>>>>>> origin/main\n",
    )
    [line] = lines(run)
    assert line.startswith("issues/000/1.yaml:") and "YAML syntax error" in line


# -- references between records ---------------------------------------------------------------


def test_unknown_village_in_an_issue(run, ledger: Ledger) -> None:
    write(ledger, "issues/000/1.yaml", ISSUE.replace("village: dapo", "village: nowhere"))
    assert lines(run) == ["issues/000/1.yaml:4: unknown village nowhere"]


def test_unknown_township_in_a_village(run, ledger: Ledger) -> None:
    write(
        ledger,
        "villages/hekou.yaml",
        """\
        # 河口村, added by hand
        code: hekou
        name: 河口村
        township: nowhere
        """,
    )
    assert lines(run) == ["villages/hekou.yaml:4: unknown township nowhere"]


def test_unknown_village_in_a_pairing(run, ledger: Ledger) -> None:
    write(
        ledger,
        "pairings/P1.yaml",
        """\
        id: P1
        kind: unit-village
        party: 县水务局
        village: nowhere
        since: 2026-01-01
        """,
    )
    assert lines(run) == ["pairings/P1.yaml:4: unknown village nowhere"]


def test_duplicate_of_pointing_nowhere(run, ledger: Ledger) -> None:
    closed = ISSUE.replace("status: open", "status: closed") + textwrap.indent(
        textwrap.dedent(
            """\
            - at: 2026-10-02T09:00:00+08:00
              by: 王五
              action: closed
              disposition: duplicate
              of: '99'
              note: 同一件事
            """
        ),
        "  ",
    )
    closed += "disposition: duplicate\nduplicate_of: '99'\nclosed: 2026-10-02\n"
    write(ledger, "issues/000/1.yaml", closed)
    assert lines(run) == [
        "issues/000/1.yaml:18: duplicate of issue 99, which does not exist",
        "issues/000/1.yaml:21: duplicate of issue 99, which does not exist",
    ]


def test_duplicate_of_itself(run, ledger: Ledger) -> None:
    text = ISSUE.replace("status: open", "status: closed") + textwrap.dedent(
        """\
          - at: 2026-10-02T09:00:00+08:00
            by: 王五
            action: closed
            disposition: duplicate
            of: '1'
            note: 同一件事
        disposition: duplicate
        duplicate_of: '1'
        closed: 2026-10-02
        """
    )
    write(ledger, "issues/000/1.yaml", text)
    assert lines(run) == [
        "issues/000/1.yaml:18: an issue cannot be a duplicate of itself (1)",
        "issues/000/1.yaml:21: an issue cannot be a duplicate of itself (1)",
    ]


# -- names and uniqueness ---------------------------------------------------------------------


def test_duplicate_number_names_both_files(run, ledger: Ledger) -> None:
    write(ledger, "issues/000/1.yaml", ISSUE)
    write(ledger, "issues/000/2.yaml", ISSUE)  # copied by hand, number not changed
    assert lines(run) == [
        "issues/000/1.yaml:1: issue number 1 is used twice (also in issues/000/2.yaml)",
        "issues/000/2.yaml:1: the file name does not match the record: it belongs in issues/000/1.yaml",
        "issues/000/2.yaml:1: issue number 1 is used twice (also in issues/000/1.yaml)",
    ]


def test_issue_in_the_wrong_bucket(run, ledger: Ledger) -> None:
    write(ledger, "issues/001/1.yaml", ISSUE)
    assert lines(run) == [
        "issues/001/1.yaml:1: the file name does not match the record: it belongs in issues/000/1.yaml"
    ]


def test_prefixed_issue_in_the_unprefixed_folder(run, ledger: Ledger) -> None:
    write(ledger, "issues/000/QL-1.yaml", ISSUE.replace("number: 1", "number: QL-1"))
    assert lines(run) == [
        "issues/000/QL-1.yaml:1: the file name does not match the record:"
        " it belongs in issues/QL/000/QL-1.yaml"
    ]


def test_village_file_named_after_another_code(run, ledger: Ledger) -> None:
    write(ledger, "villages/dapo2.yaml", "code: dapo\nname: 大坡村\ntownship: qinglong\n")
    assert lines(run) == [
        "villages/dapo.yaml:1: code dapo is used twice (also in villages/dapo2.yaml)",
        "villages/dapo2.yaml:1: the file name does not match the record: it belongs in villages/dapo.yaml",
        "villages/dapo2.yaml:1: code dapo is used twice (also in villages/dapo.yaml)",
    ]


# -- history ----------------------------------------------------------------------------------


def test_out_of_order_history(run, ledger: Ledger) -> None:
    text = ISSUE + textwrap.indent(
        textwrap.dedent(
            """\
            - at: 2026-10-03T09:00:00+08:00
              by: 王五
              action: noted
              note: 去看过了
            - at: 2026-10-02T09:00:00+08:00
              by: 王五
              action: noted
              note: 补记
            """
        ),
        "  ",
    )
    write(ledger, "issues/000/1.yaml", text)
    assert lines(run) == [
        "issues/000/1.yaml:18: history out of order: 2026-10-02T09:00:00+08:00 is earlier than"
        " the event before it (2026-10-03T09:00:00+08:00)"
    ]


def test_history_must_start_with_opened(run, ledger: Ledger) -> None:
    text = ISSUE.replace(
        "    action: opened\n    deadline: 2026-10-08\n", "    action: noted\n    note: 先记一笔\n"
    )
    write(ledger, "issues/000/1.yaml", text)
    assert lines(run) == ["issues/000/1.yaml:12: the history must start with an opened event, not noted"]


def test_status_inconsistent_with_history(run, ledger: Ledger) -> None:
    write(ledger, "issues/000/1.yaml", ISSUE.replace("status: open", "status: closed"))
    assert lines(run) == ["issues/000/1.yaml:7: status is closed but the history says open"]


def test_closed_without_a_closed_day_or_disposition(run, ledger: Ledger) -> None:
    text = ISSUE.replace("status: open", "status: closed") + textwrap.indent(
        "- at: 2026-10-05T09:00:00+08:00\n  by: 王五\n  action: closed\n"
        "  disposition: resolved\n  note: 修好了\n",
        "  ",
    )
    write(ledger, "issues/000/1.yaml", text)
    assert lines(run) == [
        "issues/000/1.yaml:1: closed is null but the history says 2026-10-05",
        "issues/000/1.yaml:1: disposition is null but the history says resolved",
    ]
    write(ledger, "issues/000/1.yaml", text + "disposition: explained\nclosed: 2026-10-04\n")
    assert lines(run) == [
        "issues/000/1.yaml:19: disposition is explained but the history says resolved",
        "issues/000/1.yaml:20: closed is 2026-10-04 but the history says 2026-10-05",
    ]


def test_level_inconsistent_with_escalations(run, ledger: Ledger) -> None:
    write(ledger, "issues/000/1.yaml", ISSUE.replace("level: village", "level: county"))
    assert lines(run) == ["issues/000/1.yaml:6: level is county but the escalations say village"]


def test_level_given_on_the_opened_event_is_respected(run, ledger: Ledger) -> None:
    text = ISSUE.replace("level: village", "level: township").replace(
        "    action: opened\n", "    action: opened\n    level: township\n"
    )
    write(ledger, "issues/000/1.yaml", text)
    assert lines(run) == []


def test_level_after_an_escalation(run, ledger: Ledger) -> None:
    issue = open_issue(ledger, village="dapo", title="路灯坏了", category="hardship", actor="王五")
    escalate(ledger, issue.number, reason="村里修不了", actor="王五")
    path = ledger.issue_path(issue.number)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("level: township", "level: village", 1), encoding="utf-8")
    line = text.splitlines().index("level: township") + 1
    assert lines(run) == [f"issues/000/1.yaml:{line}: level is village but the escalations say township"]


# -- many at once, order, formats, language ----------------------------------------------------


def test_every_problem_is_reported_not_only_the_first(run, ledger: Ledger) -> None:
    write(ledger, "issues/000/1.yaml", ISSUE.replace("village: dapo", "village: nowhere"))
    write(
        ledger,
        "issues/000/2.yaml",
        ISSUE.replace("number: 1", "number: 2").replace("status: open", "status: closed"),
    )
    write(ledger, "issues/000/3.yaml", "number: 3\ntitle: [\n")
    write(ledger, "villages/hekou.yaml", "code: hekou\nname: 河口村\ntownship: nowhere\n")
    write(ledger, "townships/empty.yaml", "")
    found = lines(run)
    assert found[:2] == [
        "issues/000/1.yaml:4: unknown village nowhere",
        "issues/000/2.yaml:7: status is closed but the history says open",
    ]
    assert found[2].startswith("issues/000/3.yaml:") and "YAML syntax error" in found[2]
    assert found[3:] == [
        "townships/empty.yaml:1: the file is empty",
        "villages/hekou.yaml:3: unknown township nowhere",
    ]


def test_problems_are_sorted_by_file_then_line(ledger: Ledger) -> None:
    write(
        ledger,
        "issues/000/1.yaml",
        ISSUE.replace("village: dapo", "village: nowhere").replace("status: open", "status: closed"),
    )
    found = [(p.file, p.line) for p in check_ledger(ledger)]
    assert found == [("issues/000/1.yaml", 4), ("issues/000/1.yaml", 7)]


def test_json_format(run, ledger: Ledger) -> None:
    write(ledger, "issues/000/1.yaml", ISSUE.replace("village: dapo", "village: nowhere"))
    result = run("check", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "ok": False,
        "problems": [{"file": "issues/000/1.yaml", "line": 4, "message": "unknown village nowhere"}],
    }


def test_json_format_when_clean(run) -> None:
    result = run("check", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"ok": True, "problems": []}


def test_csv_format(run, ledger: Ledger) -> None:
    write(ledger, "issues/000/1.yaml", ISSUE.replace("village: dapo", "village: nowhere"))
    result = run("check", "--format", "csv")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["file,line,message", "issues/000/1.yaml,4,unknown village nowhere"]


def test_chinese_messages(run, ledger: Ledger) -> None:
    write(ledger, "issues/000/1.yaml", ISSUE.replace("village: dapo", "village: nowhere"))
    write(ledger, "villages/dapo.yaml", "")
    result = run("--lang", "zh", "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "issues/000/1.yaml:4: 不存在的村（社区）nowhere",
        "villages/dapo.yaml:1: 文件是空的",
    ]


def test_bad_settings_file_is_a_problem(run, ledger: Ledger) -> None:
    settings = ledger.root / "ledger.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    found = check_ledger(Ledger(ledger.root))
    assert [(p.file, p.key) for p in found] == [("ledger.yaml", "error.field")]
    assert found[0].line == len(settings.read_text(encoding="utf-8").splitlines())


def test_same_result_with_and_without_the_index(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    write(ledger, "issues/000/1.yaml", ISSUE.replace("village: dapo", "village: nowhere"))
    write(ledger, "issues/000/2.yaml", "")
    cold = check_ledger(ledger)
    warm = check_ledger(ledger)
    monkeypatch.setenv("CASELEDGER_NO_INDEX", "1")
    plain = check_ledger(ledger)
    assert cold == warm == plain
    assert len(cold) == 2


def test_every_validator_message_is_in_the_catalog() -> None:
    import re

    from ledger.catalog import MESSAGES

    folder = Path(__file__).resolve().parent.parent / "ledger"
    source = "".join((folder / name).read_text(encoding="utf-8") for name in ("checks.py", "rules.py"))
    keys = set(re.findall(r'"(check\.[a-z_]+)"', source))
    assert len(keys) >= 15
    assert keys <= set(MESSAGES), keys - set(MESSAGES)
    assert len(RECORD_VALIDATORS) + len(ISSUE_VALIDATORS) >= 7


def _validators_in(module: object, first: str) -> set[str]:
    """Names of the module's own functions shaped as validators: (ledger, `first`) -> list[Found]."""
    import inspect

    found = set()
    for name, value in vars(module).items():
        if inspect.isfunction(value) and value.__module__ == module.__name__:  # type: ignore[attr-defined]
            signature = inspect.signature(value)
            params = list(signature.parameters)
            if params == ["ledger", first] and signature.return_annotation == "list[Found]":
                found.add(name)
    return found


def test_one_validator_list_per_kind_and_check_runs_exactly_it(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every validator is in one list, once: issue rules in `rules.ISSUE_VALIDATORS` (the index
    and the plain read both run it), rules across records in `checks.RECORD_VALIDATORS`. No
    other list names them; and a rule added to a list is what check then reports, with the
    index cold or warm and without it."""
    import inspect

    issue_rules = [v.__name__ for v in ISSUE_VALIDATORS]
    record_rules = [v.__name__ for v in RECORD_VALIDATORS]
    assert sorted(issue_rules) == sorted(_validators_in(rules, "issue")) and len(set(issue_rules)) == len(
        issue_rules
    )
    assert sorted(record_rules) == sorted(_validators_in(checks, "loaded"))
    assert len(set(record_rules)) == len(record_rules)
    for module in (checks, rules):  # no second list of them anywhere
        lists = [
            v for v in vars(module).values() if isinstance(v, list | tuple) and v and inspect.isfunction(v[0])
        ]
        assert all(v is ISSUE_VALIDATORS or v is RECORD_VALIDATORS for v in lists)

    def every_issue(ledger_: Ledger, issue: object) -> list[rules.Found]:
        return [rules.Found(issue.file, ("title",), "check.status", {"value": "x", "expected": "y"})]  # type: ignore[attr-defined]

    def every_village(ledger_: Ledger, loaded: checks.Loaded) -> list[rules.Found]:
        return [
            rules.Found(v.origin.file, ("name",), "check.status", {"value": "v", "expected": "w"})
            for v in loaded.villages
        ]

    write(ledger, "issues/000/1.yaml", ISSUE)
    assert check_ledger(ledger) == []
    ISSUE_VALIDATORS.append(every_issue)
    RECORD_VALIDATORS.append(every_village)
    try:
        monkeypatch.setenv("CASELEDGER_NO_INDEX", "1")
        plain = check_ledger(ledger)
        monkeypatch.delenv("CASELEDGER_NO_INDEX")
        shutil.rmtree(ledger.root / ".caseledger", ignore_errors=True)
        cold = check_ledger(ledger)
    finally:
        ISSUE_VALIDATORS.remove(every_issue)
        RECORD_VALIDATORS.remove(every_village)
    assert plain == cold
    villages = {f"villages/{path.name}" for path in (ledger.root / "villages").glob("*.yaml")}
    assert "villages/dapo.yaml" in villages
    assert {p.file for p in plain} == {"issues/000/1.yaml"} | villages


def test_a_broken_file_does_not_also_break_its_references(run, ledger: Ledger) -> None:
    write(ledger, "villages/dapo.yaml", "code: dapo\nname: [\n")
    write(ledger, "issues/000/1.yaml", ISSUE)  # village dapo: its file exists, only unreadable
    [line] = lines(run)
    assert line.startswith("villages/dapo.yaml:") and "YAML syntax error" in line


def test_history_order_compares_times_not_text_across_offsets(run, ledger: Ledger) -> None:
    # 09:00 at +07:00 is 10:00 in Beijing: the next event, 09:30 at +08:00, is earlier.
    base = ISSUE.replace("2026-10-01T09:00:00+08:00", "2026-10-01T09:00:00+07:00")
    later_text_earlier_time = (
        "  - at: 2026-10-01T09:30:00+08:00\n    by: 王五\n    action: noted\n    note: 补记\n"
    )
    write(ledger, "issues/000/1.yaml", base + later_text_earlier_time)
    [line] = lines(run)
    assert line.startswith("issues/000/1.yaml:14: history out of order: 2026-10-01T09:30:00+08:00")
    fine = "  - at: 2026-10-01T08:30:00+06:00\n    by: 王五\n    action: noted\n    note: 补记\n"
    write(ledger, "issues/000/1.yaml", base + fine)  # 10:30 in Beijing: in order, text not sorted
    assert lines(run) == []


def test_schema_comment_is_accepted_and_survives_a_rewrite(run, ledger: Ledger) -> None:
    from ledger.lifecycle import escalate as escalate_issue

    comment = "# yaml-language-server: $schema=../../schemas/issue.schema.json\n"
    path = write(ledger, "issues/000/1.yaml", comment + ISSUE)
    assert lines(run) == []
    escalate_issue(ledger, "1", reason="村里修不了", actor="王五")
    assert path.read_text(encoding="utf-8").startswith(comment)
    assert lines(run) == []


def test_readme_schema_comments_point_at_the_schemas() -> None:
    import re

    repo = Path(__file__).resolve().parent.parent
    readme = (repo / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"\| `([^`]+)` \| `# yaml-language-server: \$schema=([^`]+)` \|", readme)
    assert len(rows) == 8
    for file, target in rows:
        # a ledger holding a copy of schemas/ at its root, as the README says
        resolved = (Path("/ledger") / file).parent / target
        rel = Path(*[p for p in resolved.parts if p not in ("/",)])
        parts: list[str] = []
        for part in rel.parts:
            if part == "..":
                parts.pop()
            else:
                parts.append(part)
        assert parts[0] == "ledger" and parts[1] == "schemas", (file, target)
        assert (repo / "schemas" / parts[-1]).is_file(), (file, target)


@pytest.mark.parametrize(
    "received, value",
    [("2026-13-01", "2026-13-01"), ("2026-02-30", "2026-02-30")],
)
def test_an_impossible_bare_date_is_a_date_problem_on_its_line(run, ledger: Ledger, received, value) -> None:
    write(ledger, "issues/000/1.yaml", ISSUE.replace("received: 2026-10-01", f"received: {received}"))
    [line] = lines(run)
    assert line == f"issues/000/1.yaml:5: {t('error.yaml.bad_date', 'en', value=value)}"
    assert "syntax" not in line
    zh = run("--lang", "zh", "check").stdout
    assert zh.startswith("issues/000/1.yaml:5: ") and "不是日历上的日期" in zh


def test_an_impossible_event_time_is_a_date_problem_on_its_line(run, ledger: Ledger) -> None:
    write(ledger, "issues/000/1.yaml", ISSUE.replace("2026-10-01T09:00:00", "2026-10-32T09:00:00"))
    [line] = lines(run)
    assert line.startswith("issues/000/1.yaml:10: 2026-10-32T09:00:00+08:00 is not a date")


def test_every_bad_field_of_one_file_is_reported_on_its_line(run, ledger: Ledger) -> None:
    write(
        ledger,
        "issues/000/1.yaml",
        ISSUE.replace("category: hardship", "category: 困难户")
        .replace("level: village", "level: moon")
        .replace("    action: opened", "    action: danced"),
    )
    write(ledger, "villages/dapo.yaml", "code: dapo\nname: ''\ntownship: qinglong\nhouseholds: -3\n")
    found = lines(run)
    assert [line.split(": ", 1)[0] for line in found] == [
        "issues/000/1.yaml:3",
        "issues/000/1.yaml:6",
        "issues/000/1.yaml:12",
        "villages/dapo.yaml:2",
        "villages/dapo.yaml:4",
    ], found
    assert "category" in found[0] and "level" in found[1] and "history.0.action" in found[2]
    data = json.loads(run("check", "--format", "json").stdout)
    assert [(p["file"], p["line"]) for p in data["problems"]][:3] == [
        ("issues/000/1.yaml", 3), ("issues/000/1.yaml", 6), ("issues/000/1.yaml", 12)
    ]  # fmt: skip


def test_every_bad_field_with_a_warm_index_too(ledger: Ledger) -> None:
    write(ledger, "issues/000/1.yaml", ISSUE.replace("category: hardship", "category: x").replace(
        "status: open", "status: maybe"))  # fmt: skip
    first = [(p.file, p.line) for p in check_ledger(ledger)]
    again = [(p.file, p.line) for p in check_ledger(ledger)]  # from the index this time
    assert first == again == [("issues/000/1.yaml", 3), ("issues/000/1.yaml", 7)]


def test_people_records_checked_alike_through_the_records_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check` reads visits, pairings and aid as the records index keeps them (light rows, no
    model per record): every cross-record rule finds the same problems, on the same lines,
    with the index cold, warm and off."""
    root = tmp_path / "demo"
    demo = Path(__file__).resolve().parent.parent / "data"
    shutil.copytree(demo, root, ignore=shutil.ignore_patterns(".*"))
    visit = root / "visits/000/V1.yaml"
    text = visit.read_text(encoding="utf-8")
    visit.write_text(text.replace("date: 2026-07-01", "date: 2025-12-31"), encoding="utf-8")  # C13 not yet
    shutil.copy(visit, root / "visits/000/V999.yaml")  # a copy: wrong file name, duplicate id
    aid = root / "aid/000/A1.yaml"
    aid.write_text(aid.read_text(encoding="utf-8").replace("pairing: P6", "pairing: P1"), encoding="utf-8")
    ledger = Ledger(root)
    cold = check_ledger(ledger)
    warm = check_ledger(Ledger(root))
    monkeypatch.setenv("CASELEDGER_NO_INDEX", "1")
    plain = check_ledger(Ledger(root))
    assert cold == warm == plain
    keys = {(p.file, p.key) for p in plain}
    assert ("visits/000/V1.yaml", "check.visit_cadre_inactive") in keys
    assert ("visits/000/V999.yaml", "check.file_name") in keys
    assert ("visits/000/V999.yaml", "check.duplicate_id") in keys
    assert ("aid/000/A1.yaml", "check.aid_pairing_village") in keys
    lines = {(p.file, p.key): p.line for p in plain}  # located on their lines
    assert lines["visits/000/V1.yaml", "check.visit_cadre_inactive"] == 5  # `  - C13`
    assert lines["aid/000/A1.yaml", "check.aid_pairing_village"] == 7  # `pairing: P1`
