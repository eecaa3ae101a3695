"""The printable pages in a real browser (headless chromium with fonts-noto-cjk, SPEC §11):
a screenshot of each kind of page, kept in tests/artifacts/ for a person to look at; nothing
requested while it loads; nothing overflowing its box at A4; a PDF print on A4 sheets that
breaks between table rows, repeats the header and draws Chinese with a CJK font."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from browser import (
    A4_PX,
    overflows,
    pdf_pages,
    pdf_text,
    print_pdf,
    screenshot,
)
from conftest import Run
from pagecheck import external_references
from test_report_cli import put_issue

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "tests" / "artifacts"

# name → command line on the demo ledger (data/). A new kind of page gets a line here.
DEMO_PAGES = {
    "report-month-zh": ("--lang", "zh", "report", "month", "2026-10"),
    "report-month-en": ("--lang", "en", "report", "month", "2026-10"),
    "report-overdue-zh": ("--lang", "zh", "report", "overdue", "--as-of", "2026-11-20"),
    "report-notice-zh": ("--lang", "zh", "report", "notice", "--village", "huaxi", "--as-of", "2026-11-20"),
    "report-visits-zh": ("--lang", "zh", "report", "visits", "2026-Q3"),
    "issue-list-zh": ("--lang", "zh", "issue", "list", "--village", "huaxi"),
    "cards-zh": ("--lang", "zh", "cards"),
    "report-aid-zh": ("--lang", "zh", "report", "aid", "2026-Q3"),
    "report-aid-cadre-en": ("--lang", "en", "report", "aid", "2026", "--by", "cadre"),
    "report-bulletin-zh": ("--lang", "zh", "report", "bulletin", "2026-Q3"),
}


def sample_pages() -> dict[str, str]:
    """Pages whose command is not on the demo yet, drawn from made-up JSON of the SPEC's shape."""
    from test_cards import card_list
    from test_pages import bulletin_json, cadres_json, visits_json

    from ledger.pages.cards import cards_page
    from ledger.pages.reports import bulletin_page, cadres_page, visits_page

    name = "华宁县民情台账"
    return {
        "sample-visits-zh": visits_page(visits_json(), ledger_name=name, lang="zh"),
        "sample-cadres-zh": cadres_page(cadres_json(), ledger_name=name, lang="zh"),
        "sample-bulletin-zh": bulletin_page(bulletin_json(), ledger_name=name, lang="zh"),
        "sample-cards-zh": cards_page(
            card_list(11), ledger_name=name, lang="zh", villages={"dapo": "大坡村"}
        ),
    }


@pytest.fixture(scope="module")
def demo_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each demo page written to tests/artifacts/NAME.html (beside its screenshot)."""
    root = tmp_path_factory.mktemp("demo") / "data"
    shutil.copytree(REPO / "data", root, ignore=shutil.ignore_patterns(".caseledger"))
    run = Run(root)
    ARTIFACTS.mkdir(exist_ok=True)
    pages = {}
    for name, args in DEMO_PAGES.items():
        result = run(*args, "--format", "html")
        assert result.exit_code == 0, result.output
        path = ARTIFACTS / f"{name}.html"
        path.write_text(result.stdout, encoding="utf-8")
        pages[name] = path
    for name, html in sample_pages().items():
        path = ARTIFACTS / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        pages[name] = path
    return pages


PAGES = [*DEMO_PAGES, "sample-visits-zh", "sample-cadres-zh", "sample-bulletin-zh", "sample-cards-zh"]


def png_size(png: Path) -> tuple[int, int]:
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


@pytest.mark.parametrize("name", PAGES)
def test_screenshot_of_each_page_and_no_request_leaves_it(demo_pages, name) -> None:
    png = ARTIFACTS / f"{name}.png"
    png.unlink(missing_ok=True)
    assert external_references(demo_pages[name].read_text(encoding="utf-8")) == []  # src/href: none
    assert screenshot(demo_pages[name], png) == []  # and the browser asked for nothing
    width, height = png_size(png)
    assert sorted((width, height)) == sorted(A4_PX)


def test_the_network_check_sees_a_page_request(tmp_path) -> None:
    page = tmp_path / "loads.html"
    page.write_text(
        '<!DOCTYPE html><meta charset="utf-8"><img src="http://example.invalid/x.png">', encoding="utf-8"
    )
    assert screenshot(page, tmp_path / "loads.png") == ["http://example.invalid/x.png"]


@pytest.mark.parametrize("name", PAGES)
def test_nothing_overflows_at_a4(demo_pages, name) -> None:
    assert overflows(demo_pages[name]) == []


def test_the_overflow_check_sees_an_overflow(tmp_path) -> None:
    page = tmp_path / "wide.html"
    page.write_text(
        '<!DOCTYPE html><meta charset="utf-8"><body style="max-width:186mm;margin:auto">'
        '<table style="width:100%"><tr><td style="white-space:nowrap">' + "很长" * 80 + "</td></tr></table>"
        '<svg viewBox="0 0 100 20"><text x="60" y="15">大坡村大坡村大坡村</text></svg></body>',
        encoding="utf-8",
    )
    found = overflows(page)
    assert any(f.startswith("past the column td") for f in found)
    assert any(f.startswith("outside its chart text") for f in found)


def test_month_prints_on_a4_with_a_cjk_font(demo_pages, tmp_path) -> None:
    pdf = ARTIFACTS / "report-month-zh.pdf"
    print_pdf(demo_pages["report-month-zh"], pdf)
    pages, size = pdf_pages(pdf)
    assert "(A4)" in size and 1 <= pages <= 3
    text = re.sub(r"\s+", "", pdf_text(pdf))
    for words in (
        "华宁县民情台账",
        "2026-10月底梳理汇总",
        "各乡镇办结率与按期办结率",
        "办结方式分布",
        "按期办结率",
    ):
        assert words in text
    assert "第1页/共" in text  # the page foot


def test_a_long_list_breaks_between_rows_and_repeats_its_header(ledger, tmp_path) -> None:
    """Rows three lines high over several sheets: each row whole on one sheet, the header on each."""
    for n in range(1, 61):
        owner = " ".join(f"o{n}-{part}" for part in "abcdefghijklmnopqrstuvwx")
        put_issue(ledger, n, "dapo", f"第{n}件", "hardship", "2026-03-01", "2026-03-08", owner=owner)
    html = Run(ledger.root)(
        "--lang", "zh", "report", "overdue", "--as-of", "2026-04-30", "--format", "html"
    ).stdout
    page = tmp_path / "overdue.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp_path / "overdue.pdf"
    print_pdf(page, pdf)
    pages, _ = pdf_pages(pdf)
    assert pages >= 3
    sheets = [pdf_text(pdf, n) for n in range(1, pages + 1)]
    for sheet in sheets:
        assert "办结时限" in sheet  # the header row on every sheet
    for n in range(1, 61):
        first = [i for i, sheet in enumerate(sheets) if f"o{n}-a" in sheet]
        last = [i for i, sheet in enumerate(sheets) if f"o{n}-x" in sheet]
        assert first == last, f"row {n} is cut between sheets {first} and {last}"


def test_chinese_glyphs_are_drawn_not_boxes(tmp_path) -> None:
    """In the pages' own fonts, two different Chinese words must look different, and unlike
    characters no font has (which every font draws as the same empty box)."""
    from ledger.pages.html import FONTS

    shots = {}
    for name, text in {
        "a": "民情台账",
        "b": "办结公示",
        "tofu": "\U000f0001\U000f0002\U000f0003\U000f0004",
    }.items():
        page = tmp_path / f"{name}.html"
        page.write_text(
            f'<!DOCTYPE html><meta charset="utf-8"><p style="font:40px {FONTS.replace(chr(34), chr(39))}">'
            f"{text}</p>",
            encoding="utf-8",
        )
        screenshot(page, tmp_path / f"{name}.png")
        shots[name] = (tmp_path / f"{name}.png").read_bytes()
    assert shots["a"] != shots["b"], "Chinese is drawn as boxes: is fonts-noto-cjk installed?"
    assert shots["tofu"] not in (shots["a"], shots["b"]), "Chinese is drawn as boxes"
