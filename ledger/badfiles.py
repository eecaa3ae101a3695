"""SPEC §4's rule for whole-ledger readers (listings, reports, exports, cards, …): never leave a
record out silently, never count one twice.

A reader gathers the problems of the records it needs (files that cannot be read or fail
validation, files not named by their id, two files claiming one id, references to villages or
townships that do not exist) and hands them to `settle`: without `skip_bad` it raises
`BadFiles` (the command prints nothing on stdout, names the files on stderr, exit 1); with it,
it returns the paths to leave out, which the reader drops with `without` and reports as
`skipped`. Any record kind's reader uses the same three calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ledger.errors import BadFiles

if TYPE_CHECKING:
    from datetime import date

    from ledger.store import Ledger, Problem

T = TypeVar("T")


class Rows(list[T]):
    """A reader's list of results, and the files it left out (`--skip-bad`); still a list."""

    skipped: list[str]

    def __init__(self, items: Iterable[T] = (), skipped: Iterable[str] = ()) -> None:
        super().__init__(items)
        self.skipped = sorted(set(skipped))


def settle(problems: list[Problem], skip_bad: bool) -> list[str]:
    """Raise `BadFiles` for `problems`, or (with `skip_bad`) return their files, sorted."""
    if not problems:
        return []
    if not skip_bad:
        raise BadFiles(sorted(problems, key=lambda p: (p.file, p.line)))
    return sorted({p.file for p in problems})


def without(records: Iterable[T], skipped: Iterable[str], file_of: Any = None) -> list[T]:
    """`records` less those whose file (`.file`, or `file_of(record)`) was skipped."""
    gone = set(skipped)
    if not gone:
        return list(records)
    get = file_of or (lambda r: r.file)
    return [r for r in records if get(r) not in gone]


def place_problems(ledger: Ledger) -> tuple[list[Any], list[Any], list[Problem]]:
    """Townships, villages and the problems of their files (unreadable; a village whose
    township does not exist)."""
    from ledger.store import Problem

    # A copy (`dapo - 副本.yaml`) is a bad file too: a village listed or counted twice otherwise.
    townships, problems = kind_records(ledger, "township", ())
    villages, bad_villages = kind_records(ledger, "village", ())
    problems = [*problems, *bad_villages]
    unusable = {p.file for p in problems}
    file_of = record_file(False)
    townships = [t for t in townships if file_of(t) not in unusable]
    codes = {t.code for t in townships}
    for village in villages:
        file = file_of(village)
        if file in unusable:
            continue
        if village.township not in codes:
            problems.append(
                Problem(
                    file,
                    _line(ledger, file, ("township",)),
                    "check.unknown_township",
                    {"code": village.township},
                )
            )
    bad = {p.file for p in problems}
    villages = [v for v in villages if file_of(v) not in bad]
    return townships, villages, problems


def issue_problems(ledger: Ledger, issues: Iterable[Any], villages: Iterable[Any]) -> list[Problem]:
    """What makes readable issues unusable: `misnamed_problems`, and a village that does not
    exist (or whose own file is bad, so that its township is unknown)."""
    chosen = list(issues)
    problems = misnamed_problems(ledger, [(f.file, f.number) for f in chosen])
    bad = {p.file for p in problems}
    return problems + unknown_village_problems(ledger, [f for f in chosen if f.file not in bad], villages)


def misnamed_problems(ledger: Ledger, claims: Iterable[tuple[str, str]]) -> list[Problem]:
    """Files (given as (file, number)) not named by their number: a copy (`6 - 副本.yaml`, or
    `15.yaml` holding 6) would be counted twice, so it is a bad file."""
    from ledger.kinds import misplaced
    from ledger.store import Problem, issue_rel

    problems = []
    for file, number in claims:
        expected = issue_rel(number)
        if file != expected:
            line = _line(ledger, file, ("number",))
            problems.append(Problem(file, line, *misplaced(ledger.root, file, expected)))
    return problems


def unknown_village_problems(ledger: Ledger, issues: Iterable[Any], villages: Iterable[Any]) -> list[Problem]:
    from ledger.store import Problem

    known = {v.code for v in villages}
    return [
        Problem(f.file, _line(ledger, f.file, ("village",)), "check.unknown_village", {"code": f.village})
        for f in issues
        if f.village not in known
    ]


def usable_records(
    ledger: Ledger,
    kind: str,
    *,
    skip_bad: bool = False,
    villages: Iterable[Any] | None = None,
    light: bool = False,
    progress: Any = None,
    between: tuple[date, date] | None = None,
) -> Rows[Any]:
    """Every usable record of a kind (visit, cadre, pairing, aid; township), by id: what its
    readers list and count. Bad files (`kind_records`: unreadable or invalid, a copy not named
    by its id, an unknown village; and, for a kind of villages, the villages' and townships'
    own bad files when `villages` is not given) are refused naming them, or with `skip_bad`
    left out and listed in `.skipped` (SPEC §4). `light`: read-only rows (what the reports
    read), else models; `between`: light rows dated in it."""
    from ledger.kinds import KINDS, id_order

    spec = KINDS[kind]
    place_bad: list[Problem] = []
    if villages is None and "village" in spec.model().model_fields:
        _townships, villages, place_bad = place_problems(ledger)
    found, skipped = usable_rows(
        ledger,
        {kind: between},
        villages or (),
        skip_bad=skip_bad,
        also=place_bad,
        progress=progress,
        light=light,
    )
    # allocated ids numerically (C2 before C10), codes as text
    order = (
        (lambda r: id_order(spec, getattr(r, spec.key))) if spec.letter else (lambda r: getattr(r, spec.key))
    )
    return Rows(sorted(found[kind], key=order), skipped)


def usable_rows(
    ledger: Ledger,
    reads: Mapping[str, tuple[date, date] | None],
    villages: Iterable[Any],
    *,
    skip_bad: bool = False,
    also: Iterable[Problem] = (),
    progress: Any = None,
    light: bool = True,
) -> tuple[dict[str, list[Any]], list[str]]:
    """The records a reader reads of one kind or several ({kind: the days it counts, or None
    for all}), less their bad files (`kind_records`), and the files left out: light rows, or
    models (not `light`). Every kind's problems and `also` (the places', the issues') are
    settled at once: a refusal names every file `skip_bad` would leave out, not only the
    first kind's."""
    found: dict[str, list[Any]] = {}
    problems = list(also)
    for kind, between in reads.items():
        found[kind], bad = kind_records(
            ledger, kind, villages, light=light, progress=progress, between=between
        )
        problems += bad
    skipped = settle(problems, skip_bad)
    file_of = record_file(light)
    return {kind: without(rows, skipped, file_of=file_of) for kind, rows in found.items()}, skipped


def kind_records(
    ledger: Ledger,
    kind: str,
    villages: Iterable[Any],
    *,
    light: bool = False,
    progress: Any = None,
    between: tuple[date, date] | None = None,
) -> tuple[list[Any], list[Problem]]:
    """The readable records of an allocated-id kind (aid, …) and the problems that make files
    unusable to a reader: unreadable or invalid, not named by their id (a copy would count
    twice), or naming a village that does not exist. `light`: as read-only rows (what reports
    read, `ledger.recordscan.scan_rows`), else as models. `between` (light only): the records
    dated from its first to its last day, what a report over a period counts; every unreadable
    file is still a problem, a copy or an unknown village only among those records."""
    from ledger.kinds import KINDS, misplaced
    from ledger.recordscan import scan_records, scan_rows
    from ledger.store import Problem

    spec = KINDS[kind]
    if light:
        records, problems = scan_rows(ledger, kind, progress, between=between)
    else:
        assert between is None, "between: light rows only"
        records, problems = scan_records(ledger, kind, progress)
    known = {v.code for v in villages}
    file_of = record_file(light)
    rel, accepted, key_field = spec.rel, spec.accepted_rels, spec.key
    for record in records:  # 27,000 visits in a quarter at county scale: kept lean
        file = file_of(record)
        key = getattr(record, key_field)
        if file != rel(key) and file not in accepted(key):
            line = _line(ledger, file, (key_field,))
            problems.append(Problem(file, line, *misplaced(ledger.root, file, rel(key))))
        elif getattr(record, "village", None) is not None and record.village not in known:
            line = _line(ledger, file, ("village",))
            problems.append(Problem(file, line, "check.unknown_village", {"code": record.village}))
    return records, problems


def record_file(light: bool) -> Any:
    """How to get a record's file: a light row's `file`, a model's `origin.file` ("" for none)."""
    if light:
        return lambda row: row.file
    return lambda record: record.origin.file if record.origin is not None else ""


def _line(ledger: Ledger, file: str, where: tuple[str, ...]) -> int:
    from ledger.rules import Found, locate

    return locate(ledger, [Found(file, where, "")])[0].line
