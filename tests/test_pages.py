"""`--format html` pages read back with html.parser: every figure of the JSON on the page,
everything a user typed escaped, nothing that would load, and the SVG charts' own rules.
(The same pages in a real browser: tests/test_browser.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pagecheck import external_references, parse
from test_report_cli import build_fixture, put_issue

from ledger.pages import svg
from ledger.pages.html import css_string, esc, rate_text
from ledger.pages.reports import month_page
from ledger.report import COUNT_KEYS, RATE_KEYS

REPO = Path(__file__).resolve().parent.parent
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile_run(ledger, run):
    """The report fixture plus issues whose texts are markup, a village named with markup."""
    build_fixture(ledger)
    put_issue(ledger, 20, "dapo", SCRIPT, "hardship", "2026-03-06", "2026-03-13",
              reporter={"name": "张大山"}, owner=IMG, private=False)  # fmt: skip
    put_issue(ledger, 21, "dapo", f"标题{IMG}", "suggestion", "2026-03-07", "2026-03-14", owner="</style>")
    return run


def page_of(run, *args: str) -> tuple[str, object]:
    html = run(*args, "--format", "html")
    assert html.exit_code == 0, html.output
    data = run(*args, "--format", "json")
    assert data.exit_code == 0, data.output
    return html.stdout, json.loads(data.stdout)


# -- report month -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_month_page_holds_every_figure_of_the_json(hostile_run, lang) -> None:
    html, data = page_of(hostile_run, "--lang", lang, "report", "month", "2026-03")
    page = parse(html)
    for row in [*data["rows"], data["total"]]:
        for key in COUNT_KEYS:
            cell = page.figure(key, row["township"])
            assert cell.text == str(row[key]) and json.loads(cell.value) == row[key]
        for key in RATE_KEYS:
            cell = page.figure(key, row["township"])
            assert json.loads(cell.value) == row[key]  # the exact fraction, as in the JSON
            assert cell.text == (f"{row[key] * 100:.1f}%" if row[key] is not None else "—")
    heading = parse(html).text
    assert "测试县民情台账" in heading and "2026-03-01" in heading and "2026-03-31" in heading
    if lang == "zh":
        assert '<html lang="zh-CN">' in html and "月底梳理汇总" in html and "按期办结率" in html
    else:
        assert '<html lang="en">' in html and "Month-end summary" in html and "办结率" not in html


def test_month_page_charts_rates_and_dispositions(hostile_run) -> None:
    html, data = page_of(hostile_run, "report", "month", "2026-03")
    assert html.count("<svg") == 2
    page = parse(html)
    qinglong = next(r for r in data["rows"] if r["township"] == "qinglong")
    svg_text = page.text
    assert "Close and on-time rates by township" in svg_text and "Closes by disposition" in svg_text
    # the rate written beside its bar, each disposition in the legend
    assert rate_text(qinglong["close_rate"], "en") in svg_text
    for word in ("Resolved", "Explained", "Referred", "Duplicate", "Withdrawn"):
        assert word in svg_text


def test_month_page_repeats_headers_and_keeps_rows_whole() -> None:
    result = {"month": "2026-03", "as_of": "2026-03-31", "rows": [], "total": dict.fromkeys(COUNT_KEYS, 0)}
    result["total"] |= {"township": "total", "name": "total"} | dict.fromkeys(RATE_KEYS)
    html = month_page(result, ledger_name="x", lang="en")
    assert "thead{display:table-header-group}" in html
    assert "tr{break-inside:avoid;page-break-inside:avoid}" in html
    assert "@page{size:A4;" in html
    assert all("<thead>" in part for part in html.split("<table")[1:])


def test_month_page_splits_many_townships_over_tables(ledger, run) -> None:
    from ledger.places import add_township

    for n in range(9):
        add_township(ledger, f"t{n}", f"乡镇{n}", actor="x")
    page = parse(run("report", "month", "2026-03", "--format", "html").stdout)
    assert page.tags.count("table") == 2  # 11 townships and the total: 6 columns a table
    assert len([c for c in page.cells if c.key == "new"]) == 12


# -- escaping and nothing to load ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("report", "month", "2026-03"),
        ("report", "overdue", "--as-of", "2026-04-30"),
        ("report", "notice", "--village", "dapo", "--as-of", "2026-03-31"),
        ("issue", "list", "--status", "all"),
    ],
)
def test_user_text_is_shown_as_text_and_nothing_loads(hostile_run, args) -> None:
    html = hostile_run(*args, "--format", "html").stdout
    page = parse(html)
    assert external_references(html) == []
    assert page.tags.count("style") == 1 and "script" not in page.tags and "img" not in page.tags
    assert html.count("</style>") == 1
    if args[1] != "month":
        assert SCRIPT in page.text and IMG in page.text  # shown, as typed
        assert esc(SCRIPT) in html


def test_the_reference_check_finds_what_would_load() -> None:
    bad = [
        '<img src="http://x/a.png">',
        "<script>1</script>",
        '<link rel="stylesheet" href="s.css">',
        '<a href="https://example.org">x</a>',
        '<div style="background:url(http://x/b.png)">',
        "<style>@import 'x.css';</style>",
        '<svg><rect fill="url(http://x/p)"/></svg>',
        '<p onclick="x()">',
        '<meta http-equiv="refresh" content="0;url=http://x">',
    ]
    for snippet in bad:
        assert external_references(snippet), snippet
    assert external_references('<svg><rect fill="url(#p-1)"/></svg><a href="#top">') == []


def test_css_strings_cannot_end_the_style() -> None:
    text = css_string('</style><script>"\\')
    assert "<" not in text and '"' not in text[1:-1] and "\\" in text


# -- overdue and notice -------------------------------------------------------------------------


def test_overdue_page_holds_every_row(hostile_run) -> None:
    html, rows = page_of(hostile_run, "report", "overdue", "--as-of", "2026-04-30")
    page = parse(html)
    assert rows
    for row in rows:
        for key in ("number", "title", "owner", "received", "deadline"):
            assert page.figure(key, row["number"]).text == (row[key] or "")
        assert page.figure("days_overdue", row["number"]).text == str(row["days_overdue"])
        for key in ("village", "township", "category", "level"):
            assert json.loads(page.figure(key, row["number"]).value) == row[key]
    assert page.figure("village", rows[0]["number"]).text == "大坡村"  # names, not codes
    assert "As of: 2026-04-30" in page.text


def test_overdue_page_when_nothing_is_overdue(run) -> None:
    page = parse(run("report", "overdue", "--as-of", "2026-04-30", "--format", "html").stdout)
    assert "No issue is past its deadline." in page.text


def test_notice_page_keeps_the_privacy_rules(hostile_run) -> None:
    html, data = page_of(
        hostile_run, "--lang", "zh", "report", "notice", "--village", "dapo", "--as-of", "2026-03-31"
    )
    page = parse(html)
    numbers = [r["number"] for r in data["issues"]]
    assert "4" not in numbers  # conduct: private
    for row in data["issues"]:
        for key in ("title", "reporter", "owner", "deadline", "closed"):
            assert page.figure(key, row["number"]).text == (row[key] or "")
    assert "13912345678" not in html and "王小明" not in html and "张大山" not in html
    assert "王某" in page.text and "张某" in page.text
    assert "村干部办事推诿" not in html
    assert "青龙镇大坡村民情办理公示栏" in page.text and "截至：2026-03-31" in page.text
    assert "font-size:14pt" in html  # large type for the board


def test_notice_page_scrubs_the_heading_too(ledger, run) -> None:
    from ledger.places import add_village

    add_village(ledger, "x1", "新村13912345678", "qinglong", actor="x")
    html = run("report", "notice", "--village", "x1", "--as-of", "2026-03-31", "--format", "html").stdout
    assert "13912345678" not in html and "新村***" in html
    assert "Nothing to post" in parse(html).text


# -- the charts ---------------------------------------------------------------------------------


def test_text_width_counts_wide_characters_as_one_em() -> None:
    assert svg.text_width("大坡村", 10) == 30
    assert svg.text_width("abc", 10) == pytest.approx(18)


def test_a_long_label_is_squeezed_into_its_box_and_stays_text() -> None:
    short = svg.label(0, 0, "大坡村", fit=100)
    long = svg.label(0, 0, "一个名字非常非常长的乡镇街道办事处", fit=100)
    assert "textLength" not in short
    assert 'textLength="100.0"' in long and ">一个名字非常非常长的乡镇街道办事处</text>" in long


def test_grouped_bars_one_pattern_per_series_and_every_label() -> None:
    chart = svg.grouped_bars(
        "c",
        "t",
        ["甲", "乙<b>"],
        [
            svg.Series("办结率", [0.5, None], ["50.0%", "—"]),
            svg.Series("按期", [1.0, 0.25], ["100.0%", "25.0%"]),
        ],
        ticks=[(0.5, "50%")],
    )
    page = parse(chart)
    assert chart.count("<pattern ") == 2 and 'fill="url(#c-0)"' in chart and 'fill="url(#c-1)"' in chart
    assert "solid" not in chart  # patterns are drawn, not named
    for text in ("50.0%", "—", "100.0%", "25.0%", "办结率", "按期", "甲", "乙<b>", "50%"):
        assert text in page.texts
    assert "<b>" not in chart  # escaped
    assert len(bar_widths(chart)) == 3  # no bar for None


def bar_widths(chart: str) -> list[float]:
    found, width, is_bar = [], None, False
    for tag, name, value in parse(chart).attrs:
        if tag != "rect":
            continue
        if name == "class":
            if is_bar and width is not None:
                found.append(width)
            is_bar, width = value == "bar", None
        elif name == "width":
            width = float(value or 0)
    if is_bar and width is not None:
        found.append(width)
    return found


def test_bar_lengths_are_proportional() -> None:
    chart = svg.grouped_bars("c", "t", ["a", "b"], [svg.Series("s", [0.5, 1.0], ["50%", "100%"])])
    widths = bar_widths(chart)
    assert len(widths) == 2 and widths[1] == pytest.approx(2 * widths[0], abs=0.1)


def test_stacked_bars_number_wide_segments_and_total_every_bar() -> None:
    chart = svg.stacked_bars(
        "d", "t", ["甲", "乙"], [("已解决", [9, 0]), ("已撤回", [1, 3])], totals=["10", "3"]
    )
    page = parse(chart)
    assert chart.count("<pattern ") == 2
    assert {"9", "10", "3", "已解决", "已撤回"} <= set(page.texts)
    nine, one, three = bar_widths(chart)
    assert nine == pytest.approx(9 * one, abs=0.1) and three == pytest.approx(3 * one, abs=0.1)


# -- start-up -----------------------------------------------------------------------------------


def test_only_the_html_format_imports_the_pages(ledger) -> None:
    code = (
        "import runpy, sys\n"
        "sys.argv = ['caseledger', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('caseledger', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write('PAGES %s\\n' % ('ledger.pages' in sys.modules))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))

    def pages_imported(*args: str) -> bool:
        done = subprocess.run([sys.executable, "-c", code, "-C", str(ledger.root), *args],
                              capture_output=True, text=True, env=env, cwd=REPO, timeout=60)  # fmt: skip
        return "PAGES True" in done.stderr

    assert not pages_imported("report", "month", "2026-03")
    assert not pages_imported("report", "month", "2026-03", "--format", "json")
    assert pages_imported("report", "month", "2026-03", "--format", "html")


# -- visits, cadres, aid, bulletin (from their JSON) --------------------------------------------

PERIOD = {"period": "2026-Q3", "from": "2026-07-01", "to": "2026-09-30"}


def visits_json(by: str = "township") -> dict:
    rows = [
        {
            by: "baishui",
            "name": "白水乡",
            "villages": 1,
            "households": 230,
            "visited": 46,
            "visit_rate": 0.2,
            "visits": 9,
            "people": 60,
            "cadre_days": 4,
            "unvisited": 0,
            "answered": 3,
            "raised": 2,
        },
        {
            by: "qinglong",
            "name": "青龙镇<i>",
            "villages": 2,
            "households": 0,
            "visited": 5,
            "visit_rate": None,
            "visits": 2,
            "people": 5,
            "cadre_days": 0,
            "unvisited": 1,
            "answered": 0,
            "raised": 1,
        },
    ]
    total = (
        {by: "total", "name": "total"}
        | {
            k: sum(r[k] for r in rows)
            for k in (
                "villages",
                "households",
                "visited",
                "visits",
                "people",
                "cadre_days",
                "unvisited",
                "answered",
                "raised",
            )
        }
        | {"visit_rate": 51 / 230}
    )
    return PERIOD | {"rows": rows, "total": total}


def assert_figures(page, data: dict, keys, of: str) -> None:
    for row in [*data["rows"], *([data["total"]] if data.get("total") else [])]:
        for key in keys:
            cell = page.figure(key, row[of])
            assert json.loads(cell.value) == row[key], (key, row[of])
            value = row[key]
            if key.endswith("rate"):
                assert cell.text == rate_text(value, "en")
            else:
                assert cell.text == ("—" if value is None else str(value)), (key, cell.text)


@pytest.mark.parametrize("by", ["township", "village"])
def test_visits_page(by) -> None:
    from ledger.pages.reports import VISIT_KEYS, visits_page

    data = visits_json(by)
    html = visits_page(data, ledger_name="测试县", lang="en")
    page = parse(html)
    assert_figures(page, data, VISIT_KEYS, by)
    assert "青龙镇<i>" in page.texts and "<i>" not in html.replace("&lt;i&gt;", "")
    caption = "Visit rate by township" if by == "township" else "Visit rate by village"
    assert html.count("<svg") == 1 and caption in page.text and "22.2%" in page.texts
    assert "Period: 2026-Q3 (2026-07-01 to 2026-09-30)" in page.text and external_references(html) == []


def cadres_json() -> dict:

    row = {
        "cadre": "C1",
        "name": "杨秀兰",
        "rank": "county",
        "unit": "县民政局",
        "visits": 3,
        "households": 7,
        "households_target": None,
        "days": 2,
        "days_target": 3,
        "owned": 1,
        "closed": 2,
        "closed_on_time": 1,
        "deeds": 1,
        "deeds_target": 1,
        "behind": True,
    }
    return PERIOD | {
        "rows": [
            row,
            row
            | {
                "cadre": "C2",
                "behind": False,
                "rank": "village",
                "unit": "县人力资源和社会保障局（县就业服务中心）",
            },
        ]
    }


def test_cadres_page() -> None:
    from ledger.pages.reports import CADRE_KEYS, cadres_page

    data = cadres_json()
    html = cadres_page(data, ledger_name="测试县", lang="zh")
    page = parse(html)
    for r in data["rows"]:
        for key in CADRE_KEYS:
            assert json.loads(page.figure(key, r["cadre"]).value) == r[key]
    assert page.figure("behind", "C1").text == "是" and page.figure("behind", "C2").text == "否"
    assert page.figure("households_target", "C1").text == "—"
    assert "@page{size:A4 landscape" in html


@pytest.mark.parametrize("by", ["township", "party", "cadre"])
def test_aid_page(by) -> None:
    from ledger.pages.reports import AID_KEYS, aid_page

    money = {
        "funds": "3000.00",
        "goods": "12000.50",
        "project": "0.00",
        "service": "0.00",
        "training": "0.00",
        "amount": "15000.50",
    }
    rows = [
        {by: "k1", "records": 2, "households": 1} | money,
        {by: None, "records": 1, "households": 0} | money,
    ]
    if by != "party":
        rows = [r | {"name": None if r[by] is None else "名"} for r in rows]
    data = PERIOD | {"by": by, "rows": rows, "total": {by: "total", "records": 3, "households": 1} | money}
    page = parse(aid_page(data, ledger_name="测试县", lang="zh"))
    for row, of in ((rows[0], "k1"), (rows[1], "none"), (data["total"], "total")):
        for key in AID_KEYS:
            cell = page.figure(key, of)
            assert cell.text == str(row[key]) and json.loads(cell.value) == row[key]
    assert page.figure(by, "none").text == "—"
    assert "合计" in page.text


def bulletin_json() -> dict:
    from ledger.pages.reports import BULLETIN_COUNTS, BULLETIN_RATES

    counts = dict.fromkeys(BULLETIN_COUNTS, 1)
    rows = [
        {"township": "a", "name": "甲镇"}
        | counts
        | {k: 0.5 for k in BULLETIN_RATES}
        | {f"{k}_rank": 1 for k in BULLETIN_RATES},
        {"township": "b", "name": "乙乡"}
        | counts
        | {k: None for k in BULLETIN_RATES}
        | {f"{k}_rank": None for k in BULLETIN_RATES},
    ]
    total = {"township": "total", "name": "total"} | counts | {k: 0.5 for k in BULLETIN_RATES}
    total |= {f"{k}_rank": None for k in BULLETIN_RATES}
    return PERIOD | {"rows": rows, "total": total}


def test_bulletin_page_charts_each_rate_with_its_ranks() -> None:
    from ledger.pages.reports import BULLETIN_COUNTS, BULLETIN_RATES, bulletin_page

    data = bulletin_json()
    html = bulletin_page(data, ledger_name="测试县", lang="zh")
    page = parse(html)
    keys = [*BULLETIN_RATES, *(f"{k}_rank" for k in BULLETIN_RATES), *BULLETIN_COUNTS]
    assert_figures(page, data, keys, "township")
    assert html.count("<svg") == 5
    assert page.texts.count("50.0% · 第1名") == 5  # each rate's chart names the rank
    for word in ("走访率", "办结率", "按期办结率", "化解率", "满意率"):
        assert word in page.texts


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("month_html", ("--lang", "zh", "report", "month", "2026-03")),
        ("notice_html", ("--lang", "zh", "report", "notice", "--village", "dapo", "--as-of", "2026-03-31")),
    ],
)
def test_pages_golden(hostile_run, name, args) -> None:
    from test_report_cli import golden

    result = hostile_run(*args, "--format", "html")
    assert result.exit_code == 0, result.output
    golden(name, "html", result.stdout)


@pytest.mark.parametrize("by_village", [False, True])
def test_visits_page_from_the_command(run, by_village) -> None:
    from ledger.pages.reports import VISIT_KEYS

    assert run("cadre", "add", "--name", "杨秀兰", "--rank", "county", "--since", "2026-01-01").exit_code == 0
    added = run("visit", "add", "--village", "dapo", "--cadre", "杨秀兰", "--household", "3组12号",
                "--stayed", "--date", "2026-08-04")  # fmt: skip
    assert added.exit_code == 0, added.output
    args = ("report", "visits", "2026-Q3", *(("--township", "qinglong") if by_village else ()))
    html, data = page_of(run, *args)
    assert_figures(parse(html), data, VISIT_KEYS, "village" if by_village else "township")
    assert data["total"]["visited"] == 1
