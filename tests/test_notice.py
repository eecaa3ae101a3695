"""The public notice board: what goes on it, and that nothing private leaks off it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from test_report_cli import FORMATS, build_fixture, put_issue
from test_report_month import ev, issue

from ledger.notice import masked_name, notice, scrub

# -- scrub -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("联系电话13912345678", "联系电话***"),
        ("电话 139 1234 5678 找他", "电话 *** 找他"),
        ("139-1234-5678", "***"),
        ("+86 13912345678", "***"),
        ("座机0871-12345678", "座机***"),
        ("座机(0871)1234567", "座机***"),
        ("座机０８７１－１２３４５６７８", "座机***"),
        ("身份证530102199003071234补办", "身份证***补办"),
        ("身份证53010219900307123X", "身份证***"),
        ("身份证53010219900307123x。", "身份证***。"),
        ("530102 19900307 1234", "***"),
        ("手机１３９１２３４５６７８", "手机***"),
        # typed in groups however the clerk spaced them
        ("电话138\u30001234\u30005678找他", "电话***找他"),  # ideographic spaces
        ("138.1234.5678", "***"),
        ("138 - 1234 - 5678", "***"),
        ("+86\u3000138\u30001234\u30005678", "***"),
        ("１３８．１２３４．５６７８", "***"),
        ("身份证5301 0219 9003 0712 34", "身份证***"),
        ("身份证530102 1990 0307 123X。", "身份证***。"),
        ("530102\u300019900307\u30001234", "***"),
        ("530102-1990-0307-1234", "***"),
    ],
)
def test_scrub_hides_phones_and_id_cards(text, expected) -> None:
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        *("第42号", "2026年3月31日", "补助1200元", "3组12号", "2026-03-31", "户数412", "QL-1234"),
        *("2026-03-01 2026-03-31", "2026.3.5", "2026 03 05", "2025 2026年", "3组 12号 412户"),
    ],
)
def test_scrub_keeps_ordinary_numbers(text) -> None:
    assert scrub(text) == text


@pytest.mark.parametrize(
    "name, expected",
    [
        ("张三", "张某"),
        ("王小明", "王某"),
        ("欧阳娜娜", "欧阳某"),
        ("司马光", "司马某"),
        ("欧", "欧某"),
        ("", ""),
        (None, ""),
    ],
)
def test_reporter_shows_only_surname_and_mou(name, expected) -> None:
    assert masked_name(name) == expected


# -- what goes on the board ----------------------------------------------------------------


def test_board_keeps_public_open_and_closed_in_the_last_30_days() -> None:
    as_of = date(2026, 3, 31)
    issues = [
        issue(1, "2026-03-02"),  # open
        issue(2, "2026-02-01", ev("2026-03-01", "closed", disposition="resolved")),  # 30 days ago: kept
        issue(3, "2026-02-01", ev("2026-02-28", "closed", disposition="resolved")),  # 31 days: gone
        replace(issue(4, "2026-03-02"), private=True),  # private: gone
        issue(5, "2026-03-02", village="xiaoshan"),  # another village
        issue(6, "2026-04-01"),  # received after the board's day
        # Closed long ago but reopened this month: open again.
        issue(
            7,
            "2026-01-01",
            ev("2026-01-05", "closed", disposition="resolved"),
            ev("2026-03-30", "reopened", deadline="2026-04-06"),
        ),
        # Closed after the board's day: still open on the board.
        issue(8, "2026-03-02", ev("2026-04-03", "closed", disposition="resolved")),
    ]
    rows = notice(issues, "dapo", as_of)
    assert [(r["number"], r["status"]) for r in rows] == [
        ("1", "open"), ("2", "closed"), ("7", "open"), ("8", "open"),
    ]  # fmt: skip
    assert rows[1]["closed"] == date(2026, 3, 1)
    assert set(rows[0]) == {"number", "title", "category", "level", "owner", "deadline", "status", "closed",
                            "reporter"}  # fmt: skip
    assert rows[0]["reporter"] == "张某"


def test_reporters_full_name_is_shortened_inside_titles_and_owners() -> None:
    one = replace(issue(1, "2026-03-02"), title="张三家门口积水，张三电话13812345678", owner="张三")
    one = replace(one, events=(replace(one.events[0], owner="张三"),))
    [row] = notice([one], "dapo", date(2026, 3, 31))
    assert row["title"] == "张某家门口积水，张某电话***"
    assert row["owner"] == "张某"


# -- no leak in any format ---------------------------------------------------------------------

SECRETS = ["王小明", "李大柱", "欧阳娜娜", "赵六", "张三", "孙七", "13912345678", "13712345678",
           "15887654321", "0871-12345678", "530102199003071234", "村干部办事推诿",
           "家中有人偷电 13800001111"]  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_nothing_private_leaks_onto_the_board(ledger, run, fmt, lang) -> None:
    build_fixture(ledger)
    # A public issue whose title spells out a phone, and a private one that is not conduct.
    put_issue(ledger, 9, "dapo", "家中有人偷电 13800001111", "hardship", "2026-03-20", "2026-03-27",
              private=True, reporter={"name": "钱八"})  # fmt: skip
    put_issue(ledger, 10, "dapo", "欧阳娜娜反映：身份证 530102 19900307 1234 办不下来", "hardship",
              "2026-03-21", "2026-03-28",
              reporter={"name": "欧阳娜娜", "phone": "(0871)1234567"})  # fmt: skip
    seen = ""
    for village in ("dapo", "xiaoshan", "shuijing"):
        result = run("--lang", lang, "report", "notice", "--village", village, "--as-of", "2026-03-31",
                     "--format", fmt)  # fmt: skip
        assert result.exit_code == 0, result.output
        seen += result.stdout
    for secret in SECRETS:
        assert secret not in seen, secret
    assert "1234567" not in seen
    assert not re.search(r"\d{11}", seen)
    # The board is not empty: the public issues are there, with their reporters shortened.
    assert "欧阳某" in seen
    assert "王某" in seen
    assert "钱" not in seen  # issue 9 is private, so its reporter never shows


GROUPED_SECRETS = {
    "138\u30001234\u30005678": "13812345678",
    "139.8765.4321": "13987654321",
    "137-1111-2222": "13711112222",
    "5301 0219 9003 0712 34": "530102199003071234",
}


@pytest.mark.parametrize("fmt", [*FORMATS, "html"])
def test_numbers_typed_in_groups_never_reach_the_board(ledger, run, fmt) -> None:
    put_issue(ledger, 1, "dapo", "电话138\u30001234\u30005678，另139.8765.4321", "hardship", "2026-03-20",
              "2026-03-27", owner="李四 137-1111-2222")  # fmt: skip
    put_issue(ledger, 2, "dapo", "身份证5301 0219 9003 0712 34办不下来", "hardship", "2026-03-21",
              "2026-03-28")  # fmt: skip
    result = run("report", "notice", "--village", "dapo", "--as-of", "2026-03-31", "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "办不下来" in out  # the board is there
    digits = re.sub(r"\D", "", out)
    for typed, plain in GROUPED_SECRETS.items():
        assert typed not in out, typed
        assert plain[-8:] not in digits, typed


def test_markdown_board_keeps_its_columns_and_shows_html_as_text(ledger, run) -> None:
    put_issue(ledger, 1, "dapo", "路灯|不亮 <script>alert(1)</script> a\\|b", "hardship", "2026-03-20",
              "2026-03-27", owner="李四|王五")  # fmt: skip
    put_issue(ledger, 2, "dapo", "水渠堵塞", "hardship", "2026-03-21", "2026-03-28")
    result = run("report", "notice", "--village", "dapo", "--as-of", "2026-03-31", "--format", "markdown")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("|")]
    assert len(rows) == 4  # header, rule, two issues

    def columns(line: str) -> int:  # GFM: a | not escaped by a backslash separates cells
        return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line))

    assert len({columns(line) for line in rows}) == 1, rows
    assert "<script" not in result.stdout
    assert "&lt;script&gt;" in result.stdout
    assert r"路灯\|不亮" in result.stdout and r"a\\\|b" in result.stdout
