"""One function per whole-ledger report command: read, refuse or skip bad files (SPEC §4,
`ledger.badfiles`), compute the figures (`ledger.report`, `ledger.notice`), hand back rows.

The commands call exactly one of these and render what it returns.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.badfiles import (
    Rows,
    issue_problems,
    place_problems,
    settle,
    unknown_village_problems,
    usable_rows,
    without,
)
from ledger.kinds import MISPLACED

if TYPE_CHECKING:
    from ledger.scan import Progress
    from ledger.store import Ledger


def month_report(
    ledger: Ledger,
    month: str,
    *,
    township: str | None = None,
    skip_bad: bool = False,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """SPEC §6's `report month` JSON: rows per township, total; `skipped` with `skip_bad`."""
    from ledger.dates import parse_month
    from ledger.report import figures_by_township, village_counts
    from ledger.scan import month_counts_and_bad, scan_issues

    first_day, last_day = parse_month(month)
    if township is not None:
        township = ledger.township(township).code  # a code or its name; NotFound (exit 1) when unknown
    townships, villages, problems = place_problems(ledger)
    counts, issue_bad = month_counts_and_bad(ledger, first_day, last_day, progress)
    problems += issue_bad
    known = {v.code for v in villages}
    unknown = [code for code in counts if code not in known]
    if unknown:  # name the files: read the issues of those villages
        bad = {p.file for p in problems}
        for code in unknown:
            found = [f for f in scan_issues(ledger, where={"village": code}).issues if f.file not in bad]
            problems += unknown_village_problems(ledger, found, villages)
    skipped = settle(problems, skip_bad)
    if any(p.key in MISPLACED for p in issue_bad) and skipped:
        # A copy's counts are folded into its folder's: count the files left without it.
        counts = village_counts(without(scan_issues(ledger).issues, skipped), first_day, last_day)
    result = figures_by_township(counts, townships, villages, first_day, last_day, township=township)
    if skip_bad:
        result["skipped"] = skipped
    return result


def _issues(
    ledger: Ledger, skip_bad: bool, progress: Progress | None
) -> tuple[list[Any], list[Any], list[str]]:
    """Every usable issue's facts, the usable villages, and the files skipped."""
    from ledger.scan import scan_issues

    _townships, villages, problems = place_problems(ledger)
    scan = scan_issues(ledger, progress)
    problems += scan.problems + issue_problems(ledger, scan.issues, villages)
    skipped = settle(problems, skip_bad)
    return without(scan.issues, skipped), villages, skipped


def _in_unknown_villages(
    ledger: Ledger, used: set[str], villages: list[Any], problems: list[Any]
) -> list[Any]:
    """The problems of the issues naming a village of `used` that does not exist, found by
    reading only those villages' issues; files already among `problems` are left to them."""
    from ledger.scan import scan_issues

    known = {v.code for v in villages}
    bad = {p.file for p in problems}
    found: list[Any] = []
    for code in sorted(used - known):
        found += [f for f in scan_issues(ledger, where={"village": code}).issues if f.file not in bad]
    return unknown_village_problems(ledger, found, villages)


def _attention(
    ledger: Ledger, as_of: date, skip_bad: bool, progress: Progress | None
) -> tuple[list[tuple[Any, Any]], list[Any], list[str]]:
    """(issue, state at `as_of`) of every usable issue that may need attention that day
    (`scan.attention`), the usable villages, and the files skipped: the same files refused or
    skipped as `_issues` would, found without unpacking every issue."""
    from ledger.scan import attention

    _townships, villages, problems = place_problems(ledger)
    pairs, issue_bad, used = attention(ledger, as_of, progress)
    problems += issue_bad
    problems += _in_unknown_villages(ledger, used, villages, problems)
    skipped = settle(problems, skip_bad)
    return without(pairs, skipped, lambda pair: pair[0].file), villages, skipped


def overdue_report(
    ledger: Ledger, as_of: date | None = None, *, skip_bad: bool = False, progress: Progress | None = None
) -> Rows[dict[str, Any]]:
    """`report overdue`: open issues past the deadline in force as of `as_of` (default today)."""
    from ledger.report import overdue_of

    day = as_of or ledger.today()
    pairs, villages, skipped = _attention(ledger, day, skip_bad, progress)
    return Rows(overdue_of(pairs, day, villages), skipped)


def alerts_report(
    ledger: Ledger,
    as_of: date | None = None,
    within: int | None = None,
    *,
    skip_bad: bool = False,
    progress: Progress | None = None,
) -> Rows[dict[str, Any]]:
    """`report alerts` (预警, SPEC §9): overdue, due-soon and unsatisfied cases as of `as_of`
    (default today), `within` days ahead (default 3; below 0 is a usage error)."""
    from ledger.alerts import DEFAULT_WITHIN, alert_rows_of
    from ledger.errors import UsageError

    ahead = DEFAULT_WITHIN if within is None else within
    if ahead < 0:
        raise UsageError("error.within_negative", value=ahead)
    day = as_of or ledger.today()
    pairs, villages, skipped = _attention(ledger, day, skip_bad, progress)
    return Rows(alert_rows_of(pairs, day, ahead, villages), skipped)


def bulletin_report(
    ledger: Ledger, period_text: str, *, skip_bad: bool = False, progress: Progress | None = None
) -> dict[str, Any]:
    """`report bulletin PERIOD` (季度通报, SPEC §9): the five rates per township with their ranks.

    The issue counts are §6's with the period in place of the month (`report.village_counts`
    over the whole period; the index keeps them for every month, quarter and year): a quarter's
    `carried_over`, `closed` and `reopened` are not sums of its months' (an issue closed in
    July, reopened and closed again in September is one close of the quarter), while `new` and
    `followups` are. The same files are refused or skipped as by a reader of every issue."""
    from ledger.bulletin import bulletin_figures
    from ledger.people_report import visit_figures
    from ledger.periods import parse_period
    from ledger.report import village_counts
    from ledger.scan import period_counts_and_bad, scan_issues

    period = parse_period(period_text)
    townships, villages, problems = place_problems(ledger)
    counts, issue_bad, used = period_counts_and_bad(ledger, period.first, period.last, period.unit, progress)
    problems += issue_bad
    problems += _in_unknown_villages(ledger, used, villages, problems)
    # the period's visits too, their bad files named with the issues' (or left out with them)
    rows, skipped = usable_rows(ledger, {"visit": (period.first, period.last)}, villages, skip_bad=skip_bad,
                                also=problems, progress=progress)  # fmt: skip
    if any(p.key in MISPLACED for p in issue_bad) and skipped:
        # A copy's counts are folded into its folder's: count the files left without it.
        counts = village_counts(without(scan_issues(ledger).issues, skipped), period.first, period.last)
    seen = visit_figures(period, townships, villages, rows["visit"])
    visits = {row["township"]: (row["visited"], row["households"]) for row in seen["rows"]}
    result = bulletin_figures(counts, visits, townships, villages, period.first, period.last, period.label)
    if skip_bad:
        result["skipped"] = skipped
    return result


def notice_board(
    ledger: Ledger,
    village: str,
    as_of: date | None = None,
    *,
    skip_bad: bool = False,
    progress: Progress | None = None,
) -> tuple[dict[str, Any], str]:
    """`report notice`'s JSON (the village's public board, every text scrubbed) and the
    board's heading (township and village name, scrubbed)."""
    from ledger.notice import notice, scrub

    day = as_of or ledger.today()
    place = ledger.village(village)  # NotFound (exit 1) when unknown
    issues, _villages, skipped = _issues(ledger, skip_bad, progress)
    town = ledger.township(place.township)  # NotFound when the board's own village is bad
    data: dict[str, Any] = {
        "village": place.code,
        "name": scrub(place.name),
        "township": town.code,
        "as_of": day.isoformat(),
        "issues": notice(issues, place.code, day),
    }
    if skip_bad:
        data["skipped"] = skipped
    return data, scrub(f"{town.name}{place.name}")
