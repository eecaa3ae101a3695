"""A new clerk's findings on main (the review): each refusal exits with one `error:` line and
writes nothing; what a clerk types or reads comes back in the words and dates they used."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from ledger.store import Ledger

# -- html on a terminal -----------------------------------------------------------------------

HTML_COMMANDS = [
    ("cards",),
    ("cards", "--format", "html"),
    ("report", "month", "2026-03", "--format", "html"),
    ("report", "overdue", "--format", "html"),
    ("report", "notice", "--village", "dapo", "--format", "html"),
    ("report", "visits", "2026", "--format", "html"),
    ("report", "cadres", "2026", "--format", "html"),
    ("report", "aid", "2026", "--format", "html"),
    ("report", "alerts", "--format", "html"),
    ("report", "bulletin", "2026-Q1", "--format", "html"),
    ("village", "list", "--format", "html"),
]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner's stdout taken for a terminal (`--output` still buffers into a StringIO)."""
    monkeypatch.setattr(
        "caseledger.commands.output.stdout_is_terminal", lambda: not isinstance(sys.stdout, io.StringIO)
    )


@pytest.mark.parametrize("argv", HTML_COMMANDS, ids=" ".join)
def test_html_on_a_terminal_is_refused(ledger: Ledger, run, snapshot, terminal, argv) -> None:
    before = snapshot(ledger.root)
    result = run("--lang", "zh", *argv)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("错误: html 网页无法显示在屏幕上")
    assert "--output" in result.stderr and "-f json" in result.stderr
    assert snapshot(ledger.root) == before


def test_html_with_output_on_a_terminal_is_written(ledger: Ledger, run, terminal, tmp_path: Path) -> None:
    out = tmp_path / "cards.html"
    result = run("cards", "--output", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_json_on_a_terminal_still_prints(ledger: Ledger, run, terminal) -> None:
    result = run("cards", "-f", "json")
    assert result.exit_code == 0 and result.stdout.strip() == "[]"


def test_html_piped_is_the_page(ledger: Ledger, run) -> None:
    result = run("cards")
    assert result.exit_code == 0
    assert result.stdout.lstrip().lower().startswith("<!doctype html")


# -- init keeps the language it ran in ---------------------------------------------------------


def _invoke(*args: str):
    from typer.testing import CliRunner

    from caseledger.cli import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.mark.parametrize("how", ["option", "CASELEDGER_LANG", "LANG"])
def test_init_in_chinese_writes_lang_zh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    root = tmp_path / "z"
    argv = ["init", str(root), "--name", "台账", "--git", "--autocommit"]
    if how == "option":
        argv = ["--lang", "zh", *argv]
    else:
        monkeypatch.setenv(how, "zh" if how == "CASELEDGER_LANG" else "zh_CN.UTF-8")
    result = _invoke(*argv)
    assert result.exit_code == 0, result.output
    assert Ledger(root).settings.lang == "zh"
    assert "lang: zh" in (root / "ledger.yaml").read_text(encoding="utf-8")
    # commit messages follow it (SPEC §4), whoever writes next
    monkeypatch.delenv("CASELEDGER_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert _invoke("-C", str(root), "township", "add", "qinglong", "--name", "青龙镇").exit_code == 0
    subject = subprocess.run(["git", "log", "-1", "--format=%s"], cwd=root, capture_output=True, text=True,
                             check=True).stdout  # fmt: skip
    assert "青龙镇" in subject and "township" not in subject


def test_init_lang_option_beats_the_language_it_runs_in(tmp_path: Path) -> None:
    root = tmp_path / "e"
    assert _invoke("--lang", "zh", "init", str(root), "--name", "台账", "--lang", "en").exit_code == 0
    assert Ledger(root).settings.lang == "en"


# -- an import's notes in the ledger's language ------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_import_notes_follow_the_ledgers_lang(tmp_path: Path, lang: str) -> None:
    from ledger.places import add_township, add_village
    from ledger.setup import init_ledger

    lg = init_ledger(tmp_path / "l", "台账", lang=lang)
    add_township(lg, "qinglong", "青龙镇", actor="测试员")
    add_village(lg, "dapo", "大坡村", "qinglong", actor="测试员")
    sheet = tmp_path / "走访台账.csv"
    sheet.write_text(
        "村,反映问题,类别,受理日期,办结日期,办理结果\n"
        "大坡村,路灯坏了,实际困难,2026-03-02,2026-03-09,已解决\n",
        encoding="utf-8",
    )
    result = _invoke("-C", str(lg.root), "import", "issues", str(sheet))
    assert result.exit_code == 0, result.output
    text = next((lg.root / "issues").rglob("*.yaml")).read_text(encoding="utf-8")
    if lang == "zh":
        assert "从 走访台账.csv:2 导入" in text and "纸质台账上已办结（走访台账.csv:2）" in text
        assert "imported from" not in text and "closed on paper" not in text
    else:
        assert "imported from 走访台账.csv:2 on" in text and "closed on paper (走访台账.csv:2)" in text


# -- a pairing within its cadre's days on the roster -------------------------------------------


@pytest.fixture
def wang_fang_left(ledger: Ledger, run) -> Ledger:
    assert run("cadre", "add", "--name", "王芳", "--rank", "village", "--since", "2026-01-01").exit_code == 0
    assert run("cadre", "end", "王芳", "--date", "2026-03-31").exit_code == 0
    return ledger


@pytest.mark.parametrize("since", ["2026-5-1", "2025-12-31"])
def test_pairing_outside_the_cadres_days_is_refused(wang_fang_left: Ledger, run, snapshot, since) -> None:
    before = snapshot(wang_fang_left.root)
    result = run("--lang", "zh", "pairing", "add", "--kind", "cadre-household", "--village", "dapo",
                 "--household", "王建国", "--cadre", "王芳", "--since", since)  # fmt: skip
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1 and "王芳" in result.stderr
    assert "2026-01-01" in result.stderr and "2026-03-31" in result.stderr
    assert snapshot(wang_fang_left.root) == before


def test_pairing_within_the_cadres_days_is_added(wang_fang_left: Ledger, run) -> None:
    result = run("pairing", "add", "--kind", "cadre-household", "--village", "dapo", "--household", "王建国",
                 "--cadre", "王芳", "--since", "2026-03-31", "--until", "2026-03-31")  # fmt: skip
    assert result.exit_code == 0, result.output


def test_village_show_marks_an_ended_pairing(ledger: Ledger, run) -> None:
    run("pairing", "add", "--kind", "unit-village", "--party", "县水务局", "--village", "dapo",
        "--since", "2026-01-01", "--until", "2026-03-31")  # fmt: skip
    run("pairing", "add", "--kind", "work-team", "--party", "县工作队", "--village", "dapo",
        "--since", "2026-01-01")  # fmt: skip
    shown = run("--lang", "zh", "village", "show", "dapo").stdout
    assert "县水务局（至 2026-03-31）" in shown
    assert "县工作队（至" not in shown
    assert "县水务局 (until 2026-03-31)" in run("village", "show", "dapo", "-f", "plain").stdout


# -- numbers as read, and where else they are ------------------------------------------------


def _open(run) -> str:
    result = run("issue", "open", "--village", "dapo", "--title", "路灯不亮", "--category", "hardship")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def test_a_number_not_found_is_said_as_read(ledger: Ledger, run, snapshot) -> None:
    before = snapshot(ledger.root)
    result = run("--lang", "zh", "issue", "show", "999号")
    assert result.exit_code == 1
    assert result.stderr == "错误: 没有编号为 999 的问题\n"
    assert run("issue", "show", "ql-7").stderr == "error: no issue QL-7\n"
    assert snapshot(ledger.root) == before


def test_a_number_under_another_prefix_is_suggested(
    ledger: Ledger, run, snapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASELEDGER_OFFICE", "QL")
    _open(run), _open(run)
    monkeypatch.delenv("CASELEDGER_OFFICE")
    before = snapshot(ledger.root)
    result = run("issue", "note", "2", "已联系")
    assert result.exit_code == 1
    assert result.stderr == "error: no issue 2 (did you mean QL-2?)\n"
    zh = run("--lang", "zh", "issue", "show", "第2号")
    assert zh.stderr == "错误: 没有编号为 2 的问题（是否想用 QL-2？）\n"
    assert run("issue", "show", "3").stderr == "error: no issue 3\n"  # nothing numbered 3 anywhere
    assert snapshot(ledger.root) == before
    # another office's clone: QL-1 is found by its own number, a BS-1 beside it is suggested
    monkeypatch.setenv("CASELEDGER_OFFICE", "BS")
    assert run("issue", "show", "QL-1").exit_code == 0
    assert run("issue", "show", "1").stderr == "error: no issue 1 (did you mean QL-1?)\n"


# -- import KIND as clerks type it -------------------------------------------------------------


KIND_WORDS = [("issue", "issues"), ("Issues", "issues"), ("village", "villages"), ("cadre", "cadres"),
              ("visit", "visits"), ("问题", "issues"), ("帮扶", "aid"),
              (" townships ", "townships")]  # fmt: skip


@pytest.mark.parametrize(("typed", "kind"), KIND_WORDS)
def test_import_kind_singular_and_chinese(typed: str, kind: str) -> None:
    from ledger.importer import import_kind

    assert import_kind(typed) == kind


def test_import_issue_singular_imports(ledger: Ledger, run, tmp_path: Path) -> None:
    sheet = tmp_path / "台账.csv"
    sheet.write_text("村,反映问题,类别,受理日期\n大坡村,路灯坏了,实际困难,2026-03-02\n", encoding="utf-8")
    result = run("import", "issue", str(sheet))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().startswith("1 added")


def test_import_unknown_kind_is_refused(ledger: Ledger, run, tmp_path: Path, snapshot) -> None:
    sheet = tmp_path / "台账.csv"
    sheet.write_text("村,反映问题,类别,受理日期\n大坡村,路灯坏了,实际困难,2026-03-02\n", encoding="utf-8")
    before = snapshot(ledger.root)
    result = run("import", "issuez", str(sheet))
    assert result.exit_code == 2 and "issues" in result.stderr and result.stderr.count("\n") == 1
    assert snapshot(ledger.root) == before


# -- words: a person's name, the report group's help, the total row ---------------------------


def test_cadre_list_and_show_head_the_name_as_a_persons(ledger: Ledger, run) -> None:
    assert run("cadre", "add", "--name", "王芳", "--rank", "village", "--since", "2026-01-01").exit_code == 0
    listed = run("--lang", "zh", "cadre", "list", "-f", "csv").stdout  # csv heads with keys: not this
    assert listed.splitlines()[0].startswith("id,name")
    table = run("--lang", "zh", "cadre", "list", "-f", "markdown").stdout
    assert "姓名" in table.splitlines()[0] and "名称" not in table
    shown = run("--lang", "zh", "cadre", "show", "王芳", "-f", "plain").stdout
    assert "姓名" in shown and "名称" not in shown


def test_cadre_list_exported_reads_back(ledger: Ledger, run, tmp_path: Path) -> None:
    run("cadre", "add", "--name", "王芳", "--rank", "village", "--since", "2026-01-01")
    out = tmp_path / "干部.xlsx"
    assert run("--lang", "zh", "cadre", "list", "-f", "xlsx", "-o", str(out)).exit_code == 0
    result = run("import", "cadres", str(out), "--dry-run")
    assert result.exit_code == 0, result.output


def test_report_help_names_every_report() -> None:
    from ledger.i18n import t

    for lang, words in (("zh", ("月底汇总", "走访", "干部", "帮扶", "预警", "季度通报")),
                        ("en", ("month-end", "visits", "cadres", "aid", "alerts", "bulletin"))):  # fmt: skip
        said = t("help.report", lang)
        assert all(w in said for w in words), said


def test_visits_total_row_is_named_as_months(ledger: Ledger, run) -> None:
    import json

    month = json.loads(run("report", "month", "2026-03", "-f", "json").stdout)["total"]
    visits = json.loads(run("report", "visits", "2026-Q1", "-f", "json").stdout)["total"]
    by_village = json.loads(run("report", "visits", "2026-Q1", "--township", "qinglong", "-f", "json").stdout)
    assert visits["name"] == month["name"] == by_village["total"]["name"] == "total"
    assert visits["township"] == month["township"] == "total"
