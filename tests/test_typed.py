"""Input as clerks type it (SPEC §4): numbers, ids, dates, months, counts and phones through the
one parsing module, `ledger.typed`, worked by hand and by hypothesis."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger import typed
from ledger.errors import Invalid, LedgerError, UsageError

FULL = str.maketrans("0123456789-/.#", "０１２３４５６７８９－／．＃")


def full_width(text: str) -> str:
    return text.translate(FULL)


# -- numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", (None, 12)),
        ("#12", (None, 12)),
        ("＃12", (None, 12)),
        ("１２", (None, 12)),
        ("＃１２", (None, 12)),
        ("12号", (None, 12)),
        ("第12号", (None, 12)),
        ("第 12 号", (None, 12)),
        ("No. 12", (None, 12)),
        ("QL-12", ("QL", 12)),
        ("ql－１２", ("QL", 12)),
        ("ＱＬ－１２号", ("QL", 12)),
        (" 42 ", (None, 42)),
    ],
)
def test_numbers_as_clerks_type_them(text: str, expected: tuple[str | None, int]) -> None:
    assert typed.parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "0", "012", "12a", "号", "第号", "1 2", "-12", "QL-", "12号号", "十二"])
def test_what_is_not_a_number_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        typed.parse_number(text)
    assert caught.value.key == "error.bad_number"


@given(st.integers(1, 999_999_999), st.sampled_from(["", "QL-", "hn-"]), st.booleans(), st.booleans())
def test_every_typed_form_of_a_number_reads_the_same(n: int, prefix: str, wide: bool, mark: bool) -> None:
    text = f"{prefix}{n}"
    if wide:
        text = full_width(text)
    if mark:
        text = f"第{text}号"
    assert typed.parse_number(text) == (prefix[:-1].upper() or None, n)


# -- dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-05",
        "2026-3-5",
        "2026/3/5",
        "2026/03/05",
        "2026.3.5",
        "2026年3月5日",
        "2026年03月05日",
        "2026 年 3 月 5 日",
        "2026年3月5号",
        "２０２６－０３－０５",
        "２０２６年３月５日",
        "２０２６／３／５",
        " 2026-03-05 ",
    ],
)
def test_dates_as_clerks_type_them(text: str) -> None:
    assert typed.parse_day(text, "--date") == date(2026, 3, 5)


@pytest.mark.parametrize(
    "text", ["", "tomorrow", "3/5", "2026-02-30", "2026-3/5", "2026/13/1", "26-3-5", "2026年3月", "20260305"]
)
def test_what_is_not_a_date_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        typed.parse_day(text, "--date")
    assert caught.value.key == "error.bad_date"


@pytest.mark.parametrize(
    "text", ["0001-01-01", "1999-12-31", "2100-01-01", "9999-12-31", "１９００年１月１日"]
)
def test_implausible_dates_are_refused_naming_the_range(text: str) -> None:
    with pytest.raises(Invalid) as caught:
        typed.parse_day(text, "--date")
    message = caught.value.message("en")
    assert caught.value.exit_code == 1
    assert "2000-01-01" in message and "2099-12-31" in message and text in message


@given(
    st.dates(typed.EARLIEST, typed.LATEST),
    st.sampled_from(["-", "/", ".", "年"]),
    st.booleans(),
    st.booleans(),
)
def test_every_form_of_a_plausible_date_reads_the_same(day: date, sep: str, pad: bool, wide: bool) -> None:
    m, d = (f"{day.month:02d}", f"{day.day:02d}") if pad else (str(day.month), str(day.day))
    text = f"{day.year}年{m}月{d}日" if sep == "年" else f"{day.year}{sep}{m}{sep}{d}"
    if wide:
        text = full_width(text)
    assert typed.parse_day(text) == day


@given(st.text(max_size=20))
def test_any_text_is_a_date_or_one_clear_error(text: str) -> None:
    try:
        day = typed.parse_day(text)
    except (UsageError, Invalid) as exc:
        assert exc.key in ("error.bad_date", "input.implausible_date")
    else:
        assert typed.EARLIEST <= day <= typed.LATEST


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-05 10:30", datetime(2026, 3, 5, 10, 30)),
        ("2026/3/5 9:05", datetime(2026, 3, 5, 9, 5)),
        ("2026年3月5日 10:30", datetime(2026, 3, 5, 10, 30)),
        ("2026-03-05T10:30:15", datetime(2026, 3, 5, 10, 30, 15)),
    ],
)
def test_a_date_with_a_time_gets_the_machines_offset(text: str, expected: datetime) -> None:
    moment = typed.parse_moment(text)
    assert isinstance(moment, datetime) and moment.tzinfo is not None
    assert moment.replace(tzinfo=None) == expected


def test_a_date_with_a_time_keeps_its_offset() -> None:
    moment = typed.parse_moment("2026/3/5T10:30+08:00")
    assert isinstance(moment, datetime)
    assert moment.utcoffset() == timedelta(hours=8) and (moment.hour, moment.minute) == (10, 30)
    assert typed.parse_moment("２０２６－０３－０５") == date(2026, 3, 5)


@pytest.mark.parametrize("text", ["2026-03-05 25:00", "2026-03-05 10", "now", "0001-01-01 10:00"])
def test_bad_moments_are_refused(text: str) -> None:
    with pytest.raises(LedgerError):
        typed.parse_moment(text)


@pytest.mark.parametrize(
    "text",
    ["2026-03", "2026-3", "2026/3", "2026.3", "2026年3月", "2026年03月", "２０２６－０３", "２０２６年３月"],
)
def test_months_as_clerks_type_them(text: str) -> None:
    assert typed.parse_month(text) == (2026, 3)


@pytest.mark.parametrize("text", ["2026-13", "2026-0", "March", "0001-01", "9999-12", "2026-03-01", "202603"])
def test_bad_months_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError):
        typed.parse_month(text)


# -- counts and phones ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("412", 412), ("４１２", 412), ("412户", 412), ("412 户", 412), ("1,200", 1200), (0, 0)],
)
def test_counts_as_clerks_type_them(text: str | int, expected: int) -> None:
    assert typed.parse_count(text, "--households", "households") == expected


@pytest.mark.parametrize("text", ["many", "1.5", "1,20", "", "12 34", "--1"])
def test_what_is_not_a_count_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError):
        typed.parse_count(text, "--households", "households")


@pytest.mark.parametrize("text", ["99999999999999999999999", "100001", 10**30, "-1", -5])
def test_implausible_counts_are_refused_naming_the_bound(text: str | int) -> None:
    with pytest.raises(Invalid) as caught:
        typed.parse_count(text, "--households", "households")
    assert "100,000" in caught.value.message("en") or "below 0" in caught.value.message("en")


@given(st.integers(0, typed.COUNT_LIMITS["people"]), st.booleans())
def test_every_plausible_count_reads_back(n: int, wide: bool) -> None:
    text = full_width(str(n)) if wide else str(n)
    assert typed.parse_count(text, "--people", "people") == n


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("138　1234　5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("0871-5123456", "0871-5123456"),
        ("0871 51234567", "0871-51234567"),
        ("(0871)5123456", "0871-5123456"),
        ("5123456", "5123456"),
    ],
)
def test_phones_as_clerks_type_them(text: str, stored: str) -> None:
    assert typed.parse_phone(text) == stored


@pytest.mark.parametrize("text", ["138123", "1381234567890", "12345", "abc", "", "23812345678", "0871-123"])
def test_what_is_not_a_phone_is_refused(text: str) -> None:
    with pytest.raises(Invalid) as caught:
        typed.parse_phone(text)
    assert caught.value.key == "input.not_a_phone"


# -- text that is not UTF-8 ----------------------------------------------------------------------------


def test_text_from_a_gbk_terminal_is_recognized() -> None:
    gbk = "大坡村".encode("gbk").decode("utf-8", "surrogateescape")
    assert typed.undecodable(gbk) and not typed.undecodable("大坡村")
    with pytest.raises(UsageError) as caught:
        typed.check_utf8(["issue", "open", "--village", gbk])
    assert "大坡村" in caught.value.message("en") and "GBK" in caught.value.message("en")
    assert typed.shown_bytes("\udcff") == "\\xff"
    typed.check_utf8(["issue", "open", "--village", "大坡村"])


# -- ids of other kinds ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "letter", "expected"),
    [
        ("P3", "P", (None, 3)),
        ("p3", "P", (None, 3)),
        ("Ｐ３", "P", (None, 3)),
        ("P3号", "P", (None, 3)),
        ("#V12", "V", (None, 12)),
        ("＃ｖ１２", "V", (None, 12)),
        ("ql-c3", "C", ("QL", 3)),
        ("ＱＬ－Ｃ３", "C", ("QL", 3)),
        ("C3", "P", None),
        ("张三", "C", None),
        ("P0", "P", None),
    ],
)
def test_ids_as_clerks_type_them(text: str, letter: str, expected: tuple[str | None, int] | None) -> None:
    assert typed.record_id(text, letter) == expected


def test_an_id_without_prefix_means_this_office_first() -> None:
    assert typed.id_candidates("p3", "P", "QL") == ["QL-P3", "P3"]
    assert typed.id_candidates("hn-p3", "P", "QL") == ["HN-P3"]
    assert typed.id_candidates("V7号", "V", None) == ["V7"]


def test_a_sheet_reads_dates_as_every_command_does() -> None:
    from ledger.importing import parse_day

    assert (
        parse_day("２０２６年３月５日")
        == parse_day("2026.3.5")
        == parse_day(datetime(2026, 3, 5, 9, 0))
        == date(2026, 3, 5)
    )
    for cell in ("1900-01-01", date(1900, 1, 1), "9999/12/31"):
        with pytest.raises(Invalid) as caught:
            parse_day(cell)
        assert caught.value.key == "input.implausible_date"
    with pytest.raises(Invalid) as caught:
        parse_day("明天")
    assert caught.value.key == "error.import.bad_date"


@given(st.text(max_size=30))
def test_any_text_is_read_or_refused_with_one_clear_error_by_every_reader(text: str) -> None:
    readers = (
        typed.parse_number,
        typed.parse_month,
        typed.parse_moment,
        typed.parse_phone,
        lambda value: typed.parse_count(value, "--people", "people"),
        lambda value: typed.id_candidates(value, "V", "QL"),
    )
    for read in readers:
        try:
            read(text)
        except LedgerError as exc:
            assert exc.message("en") and exc.message("zh")


@given(st.sampled_from(["", "第", "#", "＃"]), st.integers(1, 10**9 - 1), st.sampled_from(["", "号", "號"]))
def test_numbers_with_marks_read_back(mark: str, n: int, suffix: str) -> None:
    assert typed.parse_number(f"{mark}{full_width(str(n))}{suffix}") == (None, n)
