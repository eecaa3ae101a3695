"""With --lang zh every word is Chinese (SPEC §4): usage errors, validation messages, the words
inside sentences, YAML parser text and commit messages; English stays as it was under --lang en."""

from __future__ import annotations

import re

import pytest

from ledger.store import Ledger

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def english_words(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """Latin words of three letters or more, other than codes and option names the clerk typed."""
    cleaned = re.sub(r"--?[\w-]+", "", text)
    for word in allowed:
        cleaned = cleaned.replace(word, "")
    return LATIN_WORD.findall(cleaned)


# -- click's usage errors ---------------------------------------------------------------------------

USAGE = [
    (("issue", "close", "1", "--disposition", "resolved"), "缺少选项 --note", ()),
    (("issue", "show"), "缺少参数 编号", ()),
    (("issue", "list", "--bogus"), "没有选项 --bogus", ()),
    (("issue", "show", "1", "2"), "多余的参数（2）", ()),
    (("issue", "list", "--format", "xx"), "--format：“xx”不是可用的值", ("table", "json", "csv", "tsv",
                                                                       "markdown", "plain", "xlsx", "html")),
    (("issue", "close", "1", "--note"), "选项 --note 后面需要给出值", ()),
    (("issue", "list", "--overdue=3"), "选项 --overdue 不带值", ()),
    (("issue", "shwo", "1"), "没有命令 shwo（是否想用 show？）", ("shwo", "show")),
    (("village", "add", "x", "--name", "新村", "--township", "qinglong", "--households", "many"),
     "而不是“many”", ("many",)),
]  # fmt: skip


@pytest.mark.parametrize(("args", "said", "allowed"), USAGE)
def test_usage_errors_are_one_chinese_line(ledger: Ledger, run, snapshot, args, said, allowed) -> None:
    before = snapshot(ledger.root)
    result = run("--lang", "zh", *args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("错误")
    assert said in result.stderr
    assert not english_words(result.stderr.partition(":")[2], allowed), result.stderr
    assert snapshot(ledger.root) == before


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("issue", "close", "1", "--disposition", "resolved"), "Missing option '--note'."),
        (("issue", "list", "--bogus"), "No such option: --bogus"),
        (("issue", "show", "1", "2"), "Got unexpected extra argument(s) (2)"),
    ],
)
def test_usage_errors_stay_english_in_english(run, args, said) -> None:
    result = run("--lang", "en", *args)
    assert result.exit_code == 2 and said in result.stderr


def test_a_bad_lang_is_said_in_the_language_chosen_otherwise(run) -> None:
    result = run("--lang", "fr", "issue", "show", "1")
    assert result.exit_code == 2 and "--lang" in result.stderr


# -- validation messages: the field by its label, the problem from the catalog ---------------------


def test_a_blank_title_is_said_in_chinese(ledger: Ledger, run, snapshot) -> None:
    before = snapshot(ledger.root)
    args = ("issue", "open", "--village", "dapo", "--title", " ", "--category", "hardship")
    result = run("--lang", "zh", *args)
    assert result.exit_code == 1
    assert "标题：不能为空" in result.stderr and not english_words(result.stderr)
    assert snapshot(ledger.root) == before
    english = run("--lang", "en", *args)
    assert "title: must not be empty" in english.stderr


@pytest.mark.parametrize(
    ("body", "said", "english"),
    [
        ("kind: bad\n", "类型：“bad”不是可用的值，可用：village（村）、community（社区）", "kind: Input"),
        ("mayor: 张三\n", "mayor：不是这类记录的字段", "mayor: Extra inputs are not permitted"),
        (
            "户数: 300\n",
            "户数：不是这类记录的字段：是否应写作 households？",
            "户数: is not a key of this kind of record: did you mean households?",
        ),
        (
            "househlds: 300\n",
            "househlds：不是这类记录的字段：是否应写作 households？",
            "househlds: is not a key of this kind of record: did you mean households?",
        ),
        ("households: many\n", "户数：应为整数，而不是“many”", "households: Input should be a valid integer"),
        ("households: -4\n", "户数：不能小于 0", "households: Input should be greater than or equal to 0"),
    ],
)
def test_a_bad_record_file_is_said_in_chinese(ledger: Ledger, run, body, said, english) -> None:
    path = ledger.root / "villages" / "dapo.yaml"
    path.write_text("code: dapo\nname: 大坡村\ntownship: qinglong\n" + body, encoding="utf-8")
    result = run("--lang", "zh", "check")
    assert result.exit_code == 1
    assert f"villages/dapo.yaml:4: {said}" in result.stdout + result.stderr
    assert english in run("--lang", "en", "check").stdout


@pytest.mark.parametrize(
    ("body", "line", "said"),
    [
        ("name: 大坡村\nfoo: [\n", 4, "YAML 语法错误：此处缺少值"),
        ("name: a: b\n", 2, "YAML 语法错误：此处不能有冒号"),
        ("\tname: x\n", 2, "YAML 语法错误：含有制表符（Tab），请用空格缩进"),
        ('name: "abc\n', 3, "YAML 语法错误：文件在未闭合的引号或括号中结束"),
    ],
)
def test_yaml_parser_text_is_said_in_chinese_on_its_line(ledger: Ledger, run, body, line, said) -> None:
    (ledger.root / "villages" / "dapo.yaml").write_text("code: dapo\n" + body, encoding="utf-8")
    result = run("--lang", "zh", "check")
    assert f"villages/dapo.yaml:{line}: {said}" in result.stdout + result.stderr


def test_enum_kinds_are_named_in_chinese(ledger: Ledger, run) -> None:
    run("issue", "open", "--village", "dapo", "--title", "路灯坏了", "--category", "hardship")
    result = run("--lang", "zh", "issue", "close", "1", "--disposition", "nope", "--note", "好了")
    assert "不是有效的办理结果" in result.stderr
    result = run("--lang", "zh", "issue", "escalate", "1", "--reason", "要协调", "--to", "nowhere")
    assert "不是有效的层级" in result.stderr


# -- commit messages: the ledger's language, a bounded subject ------------------------------------


def _git_ledger(tmp_path, lang: str | None):
    import subprocess

    from ledger.places import add_township, add_village
    from ledger.setup import init_ledger

    ledger = init_ledger(tmp_path / "git-ledger", "测试县民情台账", git=True, lang=lang, actor="测试员")
    add_township(ledger, "qinglong", "青龙镇", actor="测试员", commit=True)
    add_village(ledger, "dapo", "大坡村", "qinglong", actor="测试员", commit=True)

    def log(fmt: str) -> list[str]:
        done = subprocess.run(["git", "-C", str(ledger.root), "log", f"--format={fmt}%x1e"],
                              capture_output=True, text=True, check=True)  # fmt: skip
        return [entry.strip() for entry in done.stdout.split("\x1e")[:-1]]

    return ledger, log


def test_commit_messages_follow_the_ledgers_lang(tmp_path, run) -> None:
    ledger, log = _git_ledger(tmp_path, "zh")
    run = type(run)(ledger.root)
    run("--commit", "issue", "open", "--village", "dapo", "--title", "路灯不亮", "--category", "hardship")
    run("--commit", "issue", "escalate", "1", "--reason", "需乡镇协调")
    run("--commit", "issue", "close", "1", "--disposition", "resolved", "--note", "修好了")
    subjects = log("%s")
    assert subjects[:3] == [
        "问题 1：销号（已解决）",
        "问题 1：上报 村级 → 乡镇级：需乡镇协调",
        "问题 1：登记 大坡村：路灯不亮",
    ]
    assert subjects[-1] == "新建台账：测试县民情台账" and "乡镇 qinglong：新增 青龙镇" in subjects
    for subject in subjects:
        assert not english_words(subject, ("qinglong", "dapo")), subject


def test_a_long_note_makes_a_bounded_subject_and_the_rest_goes_in_the_body(tmp_path, run) -> None:
    from caseledger.commands.helptext import text_width

    ledger, log = _git_ledger(tmp_path, None)
    run = type(run)(ledger.root)
    run("--commit", "issue", "open", "--village", "dapo", "--title", "路灯不亮", "--category", "hardship")
    note = "村民反映路灯自去年冬天起一直不亮，" * 12 + "需要乡镇协调电力所。"
    result = run("--commit", "issue", "note", "1", note)
    assert result.exit_code == 0, result.stderr
    subject, body = log("%s")[0], log("%b")[0]
    assert subject.startswith("issue 1: note: 村民反映") and subject.endswith("…")
    assert text_width(subject) <= 72
    assert note in body
    assert log("%s")[1] == "issue 1: open 大坡村: 路灯不亮" and log("%b")[1] == ""  # short: no body


def test_vocabulary_values_inside_chinese_sentences_are_chinese(ledger: Ledger, run, snapshot) -> None:
    run("issue", "open", "--village", "dapo", "--title", "路灯坏了", "--category", "hardship")
    run("issue", "escalate", "1", "--reason", "要协调")
    before = snapshot(ledger.root)
    result = run("--lang", "zh", "issue", "escalate", "1", "--reason", "再上报", "--to", "village")
    assert result.exit_code == 1
    assert "问题 1 在乡镇级办理，--to 村级不比它高" in result.stderr
    assert not english_words(result.stderr)
    assert snapshot(ledger.root) == before
    english = run("--lang", "en", "issue", "escalate", "1", "--reason", "再上报", "--to", "village")
    assert "at the township level; --to village is not higher" in english.stderr
