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
    (("issue", "show"), "缺少参数 NUMBER", ("NUMBER",)),
    (("issue", "list", "--bogus"), "没有选项 --bogus", ()),
    (("issue", "show", "1", "2"), "多余的参数（2）", ()),
    (("issue", "list", "--format", "xx"), "--format：“xx”不是可用的值", ("table", "json", "csv", "tsv",
                                                                       "markdown", "plain", "xlsx", "html")),
    (("issue", "close", "1", "--note"), "选项 --note 后面需要给出值", ()),
    (("issue", "list", "--overdue=3"), "选项 --overdue 不带值", ()),
    (("issue", "shwo", "1"), "没有命令 shwo（是否想用 show？）", ("shwo", "show")),
    (("village", "add", "x", "--name", "新村", "--township", "qinglong", "--households", "many"),
     "--households 应为整数", ()),
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
