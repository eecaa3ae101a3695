"""Running `caseledger import KIND FILE` (SPEC §10): the sheet read, every row validated and
built by its kind's builder (nothing written), then, when no row has a problem, all records
written in one transaction (one commit).

The builders live with what they build: places and issues in `ledger.importing` (with the
headings and value parsing every kind shares), cadres and visits in `ledger.import_people`,
aid in `ledger.import_aid`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ledger.errors import Invalid, UsageError
from ledger.import_cells import cell_problems
from ledger.importing import KINDS, Plan, Progress, match_headings

if TYPE_CHECKING:
    from ledger.importing import Builder
    from ledger.spreadsheet import Sheet
    from ledger.store import Ledger


# What a clerk may type for KIND besides the plural (SPEC §10's names): the singular, as the
# other commands name the kind (`issue`, `village`), and the Chinese the help gives.
_KIND_WORDS = {
    "township": "townships", "乡镇": "townships",
    "village": "villages", "村": "villages",
    "cadre": "cadres", "干部": "cadres",
    "pairing": "pairings", "结对": "pairings",
    "issue": "issues", "问题": "issues",
    "visit": "visits", "走访": "visits",
    "aids": "aid", "帮扶": "aid",
}  # fmt: skip


def import_kind(text: str) -> str:
    """The kind `text` names (`issues`, `issue`, `Issue`, `问题` → issues); else UsageError."""
    word = text.strip()
    kind = word.lower() if word.lower() in KINDS else _KIND_WORDS.get(word.lower())
    if kind is None:
        raise UsageError("error.import.bad_kind", kind=text, kinds=", ".join(KINDS))
    return kind


def builder(kind: str) -> Builder:
    from ledger import import_aid, import_people, importing

    builders: dict[str, Builder] = {
        "townships": importing.townships_rows,
        "villages": importing.villages_rows,
        "cadres": import_people.cadres_rows,
        "pairings": importing.pairings_rows,
        "issues": importing.issues_rows,
        "visits": import_people.visits_rows,
        "aid": import_aid.aid_rows,
    }
    return builders[kind]


def plan_import(
    ledger: Ledger,
    kind: str,
    sheet: Sheet,
    file: str,
    *,
    columns: Mapping[str, str] | None = None,
    actor: str,
    progress: Progress | None = None,
) -> Plan:
    """Every row validated and built; nothing written."""
    kind = import_kind(kind)
    plan = Plan(kind, file, more=cell_problems(ledger, kind))
    keys, header_problems = match_headings(kind, sheet.header, columns or {})
    if header_problems:
        plan.problems = [(1, p) for p in header_problems]
        return plan
    if not sheet.rows:
        raise Invalid("error.import.empty", file=file)
    builder(kind)(ledger, plan, keys, sheet, actor, progress)
    return plan


def import_file(
    ledger: Ledger,
    kind: str,
    path: Path,
    *,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
    dry_run: bool = False,
    actor: str,
    commit: bool = False,
    display: str | None = None,
    progress: Progress | None = None,
) -> Plan:
    """Read, validate and (unless `dry_run` or a row has a problem) write in one transaction."""
    from ledger.spreadsheet import read_sheet
    from ledger.transaction import writing

    kind = import_kind(kind)
    where = display or str(path)
    table = read_sheet(path, sheet, where)
    if dry_run:
        return plan_import(ledger, kind, table, where, columns=columns, actor=actor, progress=progress)
    with writing(ledger, actor, commit=commit) as write:
        plan = plan_import(ledger, kind, table, where, columns=columns, actor=actor, progress=progress)
        if plan.problems or not plan.added:
            return plan
        for _, record_path, record in plan.added:
            write.create(record_path, record)
        write.say("commit.import", kind=kind, file=Path(where).name, added=len(plan.added),
                  skipped=len(plan.skipped))  # fmt: skip
    return plan
