"""`report visits PERIOD` and `report cadres PERIOD` (SPEC §8): pure figures from the dated
records, and one library call per command that reads what they need.

Every figure depends only on records dated in the period (and, for issues, on their history as
of the period's end, asked of `ledger.state`), so re-running a past period later, or adding a
visit dated outside it, never changes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ledger.cadre_work import IssueWork
from ledger.kinds import KINDS, id_order
from ledger.periods import Period, period_target

if TYPE_CHECKING:
    from ledger.store import Ledger

VISIT_KEYS = (
    "villages", "households", "visited", "visit_rate", "visits", "people", "cadre_days",
    "unvisited", "answered", "raised",
)  # fmt: skip
COUNT_KEYS = tuple(k for k in VISIT_KEYS if k != "visit_rate")
CADRE_KEYS = (
    "cadre", "name", "rank", "unit", "visits", "households", "households_target", "days", "days_target",
    "owned", "closed", "closed_on_time", "deeds", "deeds_target", "behind",
)  # fmt: skip
TARGETED = (("households", "households_target"), ("days", "days_target"), ("deeds", "deeds_target"))


def _rate(part: int, whole: int) -> float | None:
    # Unrounded, as `report month`'s rates (SPEC §6); above 1 when visits name more household
    # labels than the village's `households` count says it has: shown as it is.
    return None if whole == 0 else part / whole


def _in(visits: Iterable[Any], period: Period) -> list[Any]:
    return [v for v in visits if period.first <= v.date <= period.last]


# -- report visits ----------------------------------------------------------------------------


class _VisitSum:
    __slots__ = ("answered", "cadre_days", "households", "people", "raised", "villages", "visited", "visits")

    def __init__(self) -> None:
        self.villages = 0
        self.households = 0
        self.visited: set[tuple[str, str]] = set()
        self.visits = 0
        self.people = 0
        self.cadre_days: set[tuple[str, Any]] = set()
        self.answered = 0
        self.raised = 0

    def add_visit(self, visit: Any) -> None:
        self.visits += 1
        self.people += visit.people
        self.visited |= {(visit.village, label.strip()) for label in visit.households}
        if visit.stayed:
            self.cadre_days |= {(cadre, visit.date) for cadre in visit.cadres}
        self.answered += len(visit.answered)
        self.raised += len(visit.issues)

    def figures(self, unvisited: int) -> dict[str, Any]:
        return {
            "villages": self.villages,
            "households": self.households,
            "visited": len(self.visited),
            "visit_rate": _rate(len(self.visited), self.households),
            "visits": self.visits,
            "people": self.people,
            "cadre_days": len(self.cadre_days),
            "unvisited": unvisited,
            "answered": self.answered,
            "raised": self.raised,
        }


def visit_figures(
    period: Period,
    townships: Sequence[Any],
    villages: Sequence[Any],
    visits: Iterable[Any],
    township: str | None = None,
) -> dict[str, Any]:
    """One row per township (all, by code, zeros kept) and a `total` whose counts are the sums of
    the rows and whose rate is total visited / total households; with `township`, one row per
    village of it (key `village`). Rates are unrounded (None when households is 0)."""
    dated = _in(visits, period)
    by_village: dict[str, list[Any]] = {}
    for visit in dated:
        by_village.setdefault(visit.village, []).append(visit)
    rows: list[dict[str, Any]] = []
    if township is None:
        names = {t.code: t.name for t in townships}
        groups: dict[str, list[Any]] = {code: [] for code in sorted(names)}
        for village in villages:
            if village.township in groups:
                groups[village.township].append(village)
        for code, members in groups.items():
            rows.append({"township": code, "name": names[code]} | _group(members, by_village))
        total: dict[str, Any] = {"township": "total", "name": "total"}
    else:
        members = sorted((v for v in villages if v.township == township), key=lambda v: v.code)
        for village in members:
            rows.append({"village": village.code, "name": village.name} | _group([village], by_village))
        total = {"village": "total", "name": "total"}
    for key in COUNT_KEYS:
        total[key] = sum(row[key] for row in rows)
    total["visit_rate"] = _rate(total["visited"], total["households"])
    total = {k: total[k] for k in (next(iter(total)), "name", *VISIT_KEYS)}
    return {"period": period.label, "from": period.first, "to": period.last, "rows": rows, "total": total}


def _group(members: Sequence[Any], by_village: Mapping[str, list[Any]]) -> dict[str, Any]:
    acc = _VisitSum()
    unvisited = 0
    for village in members:
        acc.villages += 1
        acc.households += village.households or 0
        seen = by_village.get(village.code, [])
        if not seen:
            unvisited += 1
        for visit in seen:
            acc.add_visit(visit)
    return acc.figures(unvisited)


# -- report cadres ----------------------------------------------------------------------------


def issue_work(issues: Iterable[Any], period: Period) -> dict[str, IssueWork]:
    """Per cadre id: issues open at the period's end with the cadre the owner in force then;
    issues closed at the period's end whose last close falls in the period with the cadre the
    owner in force at that close (of those: on or before the deadline in force, and `resolved`).
    The rule is `ledger.cadre_work`'s, the states `ledger.state`'s."""
    from ledger.cadre_work import issue_work as work_of

    return work_of(issues, period.first, period.last)


def cadre_figures(
    period: Period,
    cadres: Sequence[Any],
    visits: Iterable[Any],
    work: Mapping[str, IssueWork],
    targets_of: Any,
    *,
    aid_deeds: Mapping[str, int] | None = None,
    township: str | None = None,
    rank: str | None = None,
) -> dict[str, Any]:
    """One row per cadre active on any day of the period (filtered by home `township` and
    `rank`), by id in numeric order. `targets_of(cadre)` gives the yearly targets in force;
    each is pro-rated over the cadre's active days of the period (`period_target`).
    `aid_deeds`: per cadre id, aid records dated in the period that list the cadre (SPEC §9)."""
    dated = _in(visits, period)
    mine: dict[str, list[Any]] = {}
    for visit in dated:
        for cid in visit.cadres:
            mine.setdefault(cid, []).append(visit)
    kind = KINDS["cadre"]
    rows: list[dict[str, Any]] = []
    for cadre in sorted(cadres, key=lambda c: id_order(kind, c.id)):
        active = period.overlap(cadre.since, cadre.until)
        rank_key = str(getattr(cadre.rank, "value", cadre.rank))
        if active == 0 or (township is not None and cadre.township != township):
            continue
        if rank is not None and rank_key != rank:
            continue
        own = mine.get(cadre.id, [])
        yearly = targets_of(cadre)
        year = period.first.year
        done = work.get(cadre.id, IssueWork())
        row: dict[str, Any] = {
            "cadre": cadre.id,
            "name": cadre.name,
            "rank": rank_key,
            "unit": cadre.unit,
            "visits": len(own),
            "households": len({(v.village, label.strip()) for v in own for label in v.households}),
            "households_target": period_target(yearly.households, active, year),
            "days": len({v.date for v in own if v.stayed}),
            "days_target": period_target(yearly.days, active, year),
            "owned": done.owned,
            "closed": done.closed,
            "closed_on_time": done.closed_on_time,
            "deeds": done.resolved + (aid_deeds or {}).get(cadre.id, 0),
            "deeds_target": period_target(yearly.deeds, active, year),
        }
        row["behind"] = any(row[t] is not None and row[k] < row[t] for k, t in TARGETED)
        rows.append(row)
    return {"period": period.label, "from": period.first, "to": period.last, "rows": rows}


# -- the commands' library calls --------------------------------------------------------------


def visits_report(
    ledger: Ledger,
    period_text: str,
    township: str | None = None,
    progress: Any = None,
    *,
    skip_bad: bool = False,
) -> dict[str, Any]:
    """`report visits PERIOD [--township CODE]`; `progress(done, total)` while visit files are
    read (a cold index). Bad files are refused naming them, or with `skip_bad` left out and
    listed under `skipped` (SPEC §4)."""
    from ledger.badfiles import place_problems, usable_rows
    from ledger.periods import parse_period

    period = parse_period(period_text)
    if township is not None:
        township = ledger.township(township).code  # a code or its name (SPEC §4)
    townships, villages, place_bad = place_problems(ledger)
    # the period's visits only: the rest would not count
    rows, skipped = usable_rows(
        ledger, {"visit": (period.first, period.last)}, villages, skip_bad=skip_bad, also=place_bad,
        progress=progress,
    )  # fmt: skip
    result = visit_figures(period, townships, villages, rows["visit"], township)
    if skip_bad:
        result["skipped"] = skipped
    return result


def cadres_report(
    ledger: Ledger,
    period_text: str,
    township: str | None = None,
    rank: str | None = None,
    progress: Any = None,
    *,
    skip_bad: bool = False,
) -> dict[str, Any]:
    """`report cadres PERIOD [--township CODE] [--rank R]`. Bad files (cadres, the period's
    visits and aid, issues, places) are refused naming them all, or with `skip_bad` left out
    and listed under `skipped` (SPEC §4)."""
    from ledger.aids import deeds_of
    from ledger.badfiles import place_problems, usable_rows
    from ledger.enums import Rank
    from ledger.periods import parse_period
    from ledger.scan import cadre_work

    period = parse_period(period_text)
    member = Rank.parse(rank).value if rank is not None else None
    if township is not None:
        township = ledger.township(township).code  # a code or its name (SPEC §4)
    settings = ledger.settings
    _townships, villages, place_bad = place_problems(ledger)
    work, issue_bad = cadre_work(ledger, period.first, period.last, progress)  # unreadable: no work
    # The period's visits and aid only: the rest would not count (aid: the deeds, SPEC §9).
    days = (period.first, period.last)
    rows, skipped = usable_rows(
        ledger, {"cadre": None, "visit": days, "aid": days}, villages, skip_bad=skip_bad,
        also=[*place_bad, *issue_bad], progress=progress,
    )  # fmt: skip
    result = cadre_figures(
        period,
        rows["cadre"],
        rows["visit"],
        work,
        lambda cadre: settings.targets_of(cadre.rank, cadre.targets),
        aid_deeds=deeds_of(rows["aid"], period),
        township=township,
        rank=member,
    )
    if skip_bad:
        result["skipped"] = skipped
    return result
