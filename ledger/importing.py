"""`caseledger import KIND FILE` (SPEC §10): an office's existing 台账 read into the ledger.

Three steps, the first two pure: headings are matched to record keys (`match_headings`), each
row's cells are parsed as the commands parse what clerks type (`parse_*`) and built into
records, then, when no row has a problem, everything is written in one transaction (one
commit). A problem is `(row, message)` with the spreadsheet's own row number.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.errors import Invalid, LedgerError

if TYPE_CHECKING:
    from ledger.spreadsheet import Sheet
    from ledger.store import Ledger

KINDS = ("townships", "villages", "cadres", "pairings", "issues", "visits", "aid")
Progress = Callable[[int, int], None]
MoreProblems = Callable[[Mapping[str, Any], LedgerError], list[LedgerError]]


@dataclass(frozen=True)
class Col:
    """An importable column: the record key, the catalog keys of its table headers (both
    languages are recognized), and the customary 台账 headings that also mean it."""

    key: str
    labels: tuple[str, ...] = ()
    customary: tuple[str, ...] = ()
    required: bool = False


COLUMNS: dict[str, tuple[Col, ...]] = {
    "townships": (
        Col("code", ("col.code",), ("乡镇代码", "编码"), required=True),
        Col("name", ("col.name",), ("乡镇名称", "乡镇", "乡镇(街道)", "乡(镇)"), required=True),
        Col("villages", ("col.villages",)),  # `township list` counts them: read, not stored
    ),
    "villages": (
        Col("code", ("col.code",), ("村代码", "编码"), required=True),
        Col("name", ("col.name",), ("村名", "村", "村(社区)", "村庄", "村名称"), required=True),
        Col("township", ("col.township",), ("所属乡镇", "乡镇(街道)", "乡(镇)", "镇"), required=True),
        Col("kind", ("col.kind",), ("村类型",)),
        Col("households", ("col.households",), ("农户数", "总户数")),
    ),
    "cadres": (
        Col("id", ("col.id",), ("干部编号",)),
        Col("name", ("col.person", "col.name"), ("姓名", "干部姓名"), required=True),
        Col("rank", ("col.rank",), ("干部级别", "层级"), required=True),
        Col("unit", ("col.unit",), ("单位", "所在单位")),
        Col("post", ("col.post",), ("职位",)),
        Col("phone", ("col.phone",), ("联系电话", "办公电话", "手机", "联系方式")),
        Col("township", ("col.township",), ("所属乡镇", "乡镇(街道)", "乡(镇)")),
        Col("since", ("col.since",), ("开始日期", "到岗日期", "起始日期", "任职日期")),
        Col("until", ("col.until",), ("结束日期", "离岗日期", "截止日期")),
    ),
    "pairings": (
        Col("id", ("col.id",), ("结对编号",)),
        Col("kind", ("col.kind",), ("结对类型", "结对方式"), required=True),
        Col(
            "party",
            ("col.party",),
            ("结对单位", "结对干部", "帮扶单位", "帮扶责任人", "联系领导"),
            required=True,
        ),
        Col("village", ("col.village",), ("村", "村名", "村(社区)", "结对村"), required=True),
        Col("households", ("col.households",), ("结对户", "帮扶户", "结对农户")),
        Col("since", ("col.since",), ("开始日期", "结对日期", "起始日期", "结对时间"), required=True),
        Col("until", ("col.until",), ("结束日期", "截止日期")),
        Col("visits_per_year", ("col.visits_per_year",), ("每年走访次数", "年走访次数")),
        Col("cadre", ("col.cadre",), ()),  # the party's cadre id (or name), as pairing add --cadre
    ),
    "issues": (
        Col("ref", ("col.number",), ("序号", "编号", "number", "原编号", "台账编号")),
        Col(
            "title",
            ("col.title", "report.col.title"),
            ("反映问题", "申办事项", "诉求内容", "问题", "问题内容"),
            required=True,
        ),
        Col("detail", ("col.detail",), ("具体情况", "问题描述", "详细内容")),
        Col(
            "category",
            ("col.category", "report.col.category"),
            ("类别", "问题类别", "问题类型"),
            required=True,
        ),
        Col("topics", ("col.topics",), ("关键词",)),
        Col(
            "village",
            ("col.village", "report.col.village"),
            ("村", "村名", "村(社区)", "所在村"),
            required=True,
        ),
        Col("township", ("col.township", "report.col.township"), ("所属乡镇",)),
        Col("source", ("col.source",), ("来源", "问题来源", "反映渠道")),
        Col(
            "received",
            ("col.received", "report.col.received"),
            ("受理日期", "登记日期", "反映日期", "走访日期"),
        ),
        Col(
            "reporter",
            ("col.reporter", "report.col.reporter"),
            ("反映人", "申请人姓名", "申请人", "姓名", "群众姓名"),
        ),
        Col("phone", ("col.phone",), ("联系电话", "电话", "手机", "联系方式")),
        Col("household", ("col.household",), ("住址", "家庭住址", "户主")),
        Col("owner", ("col.owner", "report.col.owner"), ("责任人", "承办人", "包案干部")),
        Col("level", ("col.level", "report.col.level"), ("层级",)),
        Col("status", ("col.status", "report.col.status"), ("办理状态",)),
        Col("deadline", ("col.deadline", "report.col.deadline"), ("办结时限", "完成时限")),
        Col("private", ("col.private",), ("不公开", "是否公示")),
        Col("closed", ("col.closed", "report.col.closed_day"), ("办结日期", "销号日期", "完成日期")),
        Col("disposition", ("col.disposition",), ("办理结果", "处理结果")),
        Col("note", (), ("办理情况", "办理进度", "进展情况", "备注")),
        Col("satisfaction", ("col.satisfaction",), ("满意度", "回访结果", "群众满意度")),
    ),
    "visits": (
        Col("id", ("col.id",), ("走访编号",)),
        Col("ref", ("col.ref",), ("序号", "原编号", "台账编号")),
        Col("date", ("col.date",), ("走访日期", "走访时间", "时间"), required=True),
        Col("village", ("col.village",), ("村", "村名", "村(社区)", "所在村", "走访村"), required=True),
        Col("cadres", ("col.cadres",), ("走访干部", "走访人", "走访人员", "干部姓名"), required=True),
        Col("kind", ("col.kind",), ("走访方式", "走访类型", "走访形式")),
        Col("people", ("col.people",), ("走访人次", "接待群众", "群众人数")),
        Col("stayed", ("col.stayed",), ("是否住村",)),
        Col("households", ("col.households_visited",), ("走访户", "走访对象", "走访户名")),
        Col("answered", ("col.answered",), ("当场答复解决", "现场答复", "现场解决")),
        Col("issues", ("col.issues",), ("问题编号", "关联问题")),
        Col("note", ("col.note",), ("走访情况", "走访内容", "民情日记")),
    ),
    "aid": (
        Col("id", ("col.id",), ("帮扶编号",)),
        Col("ref", ("col.ref",), ("序号", "原编号", "台账编号")),
        Col("date", ("col.date",), ("帮扶日期", "发放日期", "时间"), required=True),
        Col("village", ("col.village",), ("村", "村名", "村(社区)", "所在村", "受助村"), required=True),
        Col("kind", ("col.kind",), ("帮扶类型", "帮扶方式", "类别"), required=True),
        Col("title", ("col.title",), ("帮扶内容", "帮扶项目", "项目名称", "内容", "事项"), required=True),
        Col("amount", ("col.amount",), ("金额", "金额(元)", "帮扶金额", "资金(元)", "价值(元)")),
        Col("pairing", ("col.pairing",), ("结对编号",)),
        Col("cadres", ("col.cadres",), ("帮扶干部", "帮扶责任人", "经办人")),
        Col("household", ("col.household",), ("帮扶对象", "受助户", "户主", "农户")),
        Col("issue", ("col.issue",), ("关联问题",)),
    ),
}


LEAVE_OUT = "-"  # `--column 备注=-`: the column is not read
ROW_NUMBERS = ("序号",)


def normalize_heading(text: str) -> str:
    """A heading as compared: full-width forms folded (（ → (), spaces and `*` marks gone, lower case."""
    folded = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"[\s*＊:：]+", "", folded).lower()


def heading_table(kind: str) -> dict[str, str]:
    """Every heading recognized for `kind` (normalized) → its record key."""
    from ledger.i18n import t

    table: dict[str, str] = {}
    for col in COLUMNS[kind]:
        names = [col.key, col.key.replace("_", " "), *col.customary]
        for label in col.labels:
            names += [t(label, "en"), t(label, "zh")]
        for name in names:
            table.setdefault(normalize_heading(name), col.key)
    return table


def match_headings(
    kind: str, header: Sequence[str], mapped: Mapping[str, str]
) -> tuple[list[str | None], list[Problem]]:
    """(the key of each column, or None for an empty heading; the problems).

    `mapped` is `--column HEADING=KEY` (KEY `-` leaves the column out). An unknown heading, a
    key named twice or a missing required column is a problem. A 序号 column is the sheet's own
    row numbering: an issue's or visit's `ref`, left out for kinds that keep no ref.
    """
    table = heading_table(kind)
    keys = {c.key for c in COLUMNS[kind]}
    given = {normalize_heading(h): k for h, k in mapped.items()}
    problems: list[Problem] = []
    for heading, key in mapped.items():
        if key not in keys and key != LEAVE_OUT:
            problems.append(
                _t("error.import.bad_key", heading=heading, name=key, keys=", ".join(sorted(keys)))
            )
    result: list[str | None] = []
    seen: dict[str, str] = {}
    for heading in header:
        name = normalize_heading(heading)
        if not name:
            result.append(None)
            continue
        key = given.get(name) or table.get(name)
        if key == LEAVE_OUT or (key is None and name in ROW_NUMBERS):
            result.append(None)  # left out on purpose, or the sheet's own row numbering
            continue
        if key is None:
            problems.append(_t("error.import.unknown_heading", heading=heading, kind=kind))
        elif key in seen:
            problems.append(_t("error.import.heading_twice", heading=heading, other=seen[key], name=key))
        else:
            seen[key] = heading
        result.append(key if key not in seen or seen[key] == heading else None)
    for col in COLUMNS[kind]:
        if col.required and col.key not in seen:
            problems.append(_t("error.import.missing_column", name=col.key, headings=_headings_of(kind, col)))
    return result, problems


def _headings_of(kind: str, col: Col) -> str:
    from ledger.i18n import t

    names = [col.key, *(t(label, "zh") for label in col.labels), *col.customary]
    return "、".join(dict.fromkeys(names))


def _t(message: str, /, **params: Any) -> Problem:
    return Problem(message, params)


@dataclass(frozen=True)
class Problem:
    """A problem as a catalog key with params, said later in the clerk's language."""

    key: str
    params: dict[str, Any]

    def message(self, lang: str) -> str:
        from ledger.i18n import t

        return t(self.key, lang, **self.params)


# -- values ------------------------------------------------------------------------------------


def parse_text(value: Any) -> str | None:
    """A cell as text: numbers as typed (12, not 12.0), dates as ISO; None when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def parse_day(value: Any) -> date:
    """A date cell, or text as clerks type it: 2026-10-03, 2026/10/3, 2026.10.3, 2026年10月3日
    (full-width digits too; read by `ledger.typed`, as every command reads a date), and
    plausible (2000–2099: a sheet's 1900-01-00 is an empty cell, not a day)."""
    from ledger.typed import plausible_day, read_day

    if isinstance(value, datetime):
        day: date | None = value.date()
    elif isinstance(value, date):
        day = value
    else:
        text = parse_text(value) or ""
        day = read_day(text.split("T")[0].split(" ")[0]) if text else None
    if day is None:
        raise Invalid("error.import.bad_date", value=parse_text(value) or "")
    return plausible_day(day, "date", parse_text(value))


def parse_count(value: Any, maximum: int = 10_000_000) -> int:
    """A whole number ≥ 0 from a number cell or text (full-width digits too)."""
    if isinstance(value, bool):
        raise Invalid("error.import.bad_count", value=str(value))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = unicodedata.normalize("NFKC", parse_text(value) or "").replace(",", "")
        if not text.isdigit():
            raise Invalid("error.import.bad_count", value=parse_text(value) or "")
        number = int(text)
    if not 0 <= number <= maximum:
        raise Invalid("error.import.bad_count", value=str(number))
    return number


_TRUE = {"true", "yes", "y", "1", "是", "对", "√", "不公开", "不公示"}
_FALSE = {"false", "no", "n", "0", "否", "公开", "公示"}


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = (parse_text(value) or "").lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise Invalid("error.import.bad_bool", value=parse_text(value) or "")


def parse_list(value: Any) -> list[str]:
    """Names or tags in one cell, split on 、，,;； or new lines."""
    text = parse_text(value) or ""
    return [part.strip() for part in re.split(r"[、，,;；\n]+", text) if part.strip()]


def parse_phone(text: str) -> str | None:
    """A phone cell as `--phone` takes it (`ledger.typed`): a mobile's 11 digits, a landline
    with its area code, None for `无` (no phone); anything else is a problem of the row."""
    from ledger.typed import parse_phone as typed_phone

    return typed_phone(text, "phone")


def parse_enum(value: Any, enum: Any) -> Any:
    return enum.parse(parse_text(value) or "")


def place_code(value: Any, places: Mapping[str, str], what: str) -> str:
    """A village or township given by code or by its exact (unique) name."""
    text = parse_text(value) or ""
    if text in places:
        return text
    named = [code for code, name in places.items() if name == text]
    if len(named) == 1:
        return named[0]
    near = difflib.get_close_matches(text, [*places, *places.values()], n=3, cutoff=0.5)
    raise Invalid(f"error.import.unknown_{what}", value=text, near="、".join(near) or "—")


# -- rows into records -------------------------------------------------------------------------


@dataclass
class Plan:
    """What an import would do: the records to add (with their paths), the rows skipped, the
    problems found (all of them; nothing is written when there is one)."""

    kind: str
    file: str
    added: list[tuple[int, Path, Any]] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    problems: list[tuple[int, Problem]] = field(default_factory=list)
    matched: dict[int, str] = field(default_factory=dict)  # a skipped row → the record it matched
    # the row's other problems once its builder stopped at one (`ledger.import_cells`)
    more: Callable[[Mapping[str, Any], LedgerError], list[LedgerError]] | None = field(
        default=None, repr=False
    )

    def problem(self, row: int, exc: LedgerError) -> None:
        self.problems.append((row, Problem(exc.key, exc.params)))

    def skip(self, row: int, matched: str) -> None:
        self.skipped.append(row)
        self.matched[row] = matched


Builder = Callable[["Ledger", Plan, Sequence[str | None], "Sheet", str, "Progress | None"], None]


def _cells(keys: Sequence[str | None], values: Sequence[Any]) -> dict[str, Any]:
    cells: dict[str, Any] = {}
    for key, value in zip(keys, values, strict=False):
        if key is not None and value is not None:
            cells[key] = value
    return cells


def _formula_problem(cells: Mapping[str, Any]) -> Invalid | None:
    from ledger.spreadsheet import NoCachedValue

    for key, value in cells.items():
        if isinstance(value, NoCachedValue):
            return Invalid("error.import.formula", name=key, formula=value.formula[:60])
    return None


def row_loop(
    plan: Plan, keys: Sequence[str | None], sheet: Sheet, progress: Progress | None, one: Callable[..., None]
) -> None:
    total = len(sheet.rows)
    for done, (row, values) in enumerate(sheet.rows, start=1):
        cells = _cells(keys, values)
        formula = _formula_problem(cells)
        if formula is not None:
            plan.problem(row, formula)
        else:
            try:
                one(row, cells)
            except LedgerError as exc:
                for problem in (exc, *(plan.more(cells, exc) if plan.more else ())):
                    plan.problem(row, problem)
        if progress is not None and done % 200 == 0:
            progress(done, total)
    if progress is not None:
        progress(total, total)


def build_record(model: type[Any], **fields: Any) -> Any:
    from ledger.places import build

    return build(model, **{k: v for k, v in fields.items() if v is not None})


def townships_rows(ledger: Ledger, plan: Plan, keys: Any, sheet: Sheet, actor: str, progress: Any) -> None:
    from ledger.township import Township

    existing = {t.code: t for t in load_records(ledger, "township")}
    seen: dict[str, int] = {}

    def one(row: int, cells: dict[str, Any]) -> None:
        record = build_record(
            Township, code=parse_text(cells.get("code")), name=parse_text(cells.get("name"))
        )
        add_keyed(ledger, plan, row, "township", record.code, record, existing, seen)

    row_loop(plan, keys, sheet, progress, one)


def villages_rows(ledger: Ledger, plan: Plan, keys: Any, sheet: Sheet, actor: str, progress: Any) -> None:
    from ledger.enums import VillageKind
    from ledger.village import Village

    existing = {v.code: v for v in load_records(ledger, "village")}
    townships = {t.code: t.name for t in load_records(ledger, "township")}
    seen: dict[str, int] = {}

    def one(row: int, cells: dict[str, Any]) -> None:
        record = build_record(
            Village,
            code=parse_text(cells.get("code")),
            name=parse_text(cells.get("name")),
            township=place_code(cells.get("township"), townships, "township")
            if "township" in cells
            else None,
            kind=parse_enum(cells["kind"], VillageKind) if "kind" in cells else None,
            households=parse_count(cells["households"]) if "households" in cells else None,
        )
        add_keyed(ledger, plan, row, "village", record.code, record, existing, seen)

    row_loop(plan, keys, sheet, progress, one)


def pairings_rows(ledger: Ledger, plan: Plan, keys: Any, sheet: Sheet, actor: str, progress: Any) -> None:
    from ledger.enums import PairingKind
    from ledger.pairing import Pairing
    from ledger.places import next_pairing_id
    from ledger.roster import ensure_active, resolve_cadre

    pairings = load_records(ledger, "pairing")
    existing = {p.id: p for p in pairings}
    by_content = {_pairing_key(p): p.id for p in pairings}
    villages = village_names(ledger)
    seen: dict[str, int] = {}
    seen_content: dict[tuple[Any, ...], int] = {}
    prefix, _, first = next_pairing_id(ledger).rpartition("P")
    counter = [int(first)]

    def one(row: int, cells: dict[str, Any]) -> None:
        cadre = resolve_cadre(ledger, parse_text(cells["cadre"]) or "") if "cadre" in cells else None
        fields = {
            "kind": parse_enum(cells["kind"], PairingKind) if "kind" in cells else None,
            "party": parse_text(cells.get("party")),
            "village": place_code(cells["village"], villages, "village") if "village" in cells else None,
            "households": parse_list(cells.get("households")),
            "since": parse_day(cells["since"]) if "since" in cells else None,
            "until": parse_day(cells["until"]) if "until" in cells else None,
            "visits_per_year": parse_count(cells["visits_per_year"], 366)
            if "visits_per_year" in cells
            else None,
            "cadre": cadre.id if cadre is not None else None,
        }
        if cadre is not None and fields["since"] is not None:
            ensure_active(cadre, fields["since"])  # as `pairing add`: not one who had left or not yet come
        given = parse_text(cells.get("id"))
        if given is not None:
            record = build_record(Pairing, id=given, **fields)
            add_keyed(ledger, plan, row, "pairing", record.id, record, existing, seen)
            return
        record = build_record(Pairing, id=f"{prefix}P{counter[0]}", **fields)
        key = _pairing_key(record)
        if key in by_content:
            plan.skip(row, by_content[key])
            return
        if key in seen_content:
            raise Invalid("error.import.same_row", other=seen_content[key])
        seen_content[key] = row
        counter[0] += 1
        plan.added.append((row, ledger.record_path("pairing", record.id), record))

    row_loop(plan, keys, sheet, progress, one)


def _pairing_key(p: Any) -> tuple[Any, ...]:
    return (str(p.kind), p.party, p.village, p.since, tuple(p.households), p.until)


def add_keyed(
    ledger: Ledger,
    plan: Plan,
    row: int,
    kind: str,
    key: str,
    record: Any,
    existing: dict[str, Any],
    seen: dict[str, int],
) -> None:
    """A record with its own code or id: skipped when the ledger holds the same record."""
    if key in seen:
        raise Invalid("error.import.duplicate_key", name=key, other=seen[key])
    seen[key] = row
    old = existing.get(key)
    if old is not None:
        if old.to_yaml() == record.to_yaml():
            plan.skip(row, key)
            return
        raise Invalid("error.import.exists_differently", name=key)
    plan.added.append((row, ledger.record_path(kind, key), record))


def load_records(ledger: Ledger, kind: str) -> list[Any]:
    """The kind's records, which an import adds to; any bad file is refused, naming them all
    (SPEC §4, `badfiles.settle`)."""
    from ledger.badfiles import settle

    records, problems = ledger.load_all(kind)
    settle(problems, skip_bad=False)
    return records


def village_names(ledger: Ledger) -> dict[str, str]:
    return {v.code: v.name for v in load_records(ledger, "village")}


# -- issues ------------------------------------------------------------------------------------

_IMPORT_TIME = (12, 0)  # an imported event on a past day is put at noon, as `--date DAY` does


def issues_rows(ledger: Ledger, plan: Plan, keys: Any, sheet: Sheet, actor: str, progress: Any) -> None:
    from ledger.dates import now
    from ledger.numbers import next_number, parse_number
    from ledger.roster import resolve_owner
    from ledger.scan import scan_issues

    villages = {v.code: v for v in load_records(ledger, "village")}
    names = {code: v.name for code, v in villages.items()}
    townships = {t.code: t.name for t in load_records(ledger, "township")}

    # What the ledger holds is read when a row first needs it: a sheet whose rows all have a
    # 序号 never reads every issue's facts (after a big import, that is a whole index refresh).
    @cache
    def refs() -> dict[str, list[Imported]]:
        return existing_refs(ledger)

    @cache
    def owner_of(text: str) -> tuple[str, str | None]:
        return resolve_owner(ledger, text)

    @cache
    def contents() -> dict[tuple[Any, ...], str]:
        facts = scan_issues(ledger).issues
        return {(f.village, f.title, f.received, f.reporter_name, f.category): f.number for f in facts}

    has_ref = "ref" in keys
    seen_refs: dict[str, int] = {}
    seen_contents: dict[tuple[Any, ...], int] = {}
    prefix, first = parse_number(next_number(ledger, ledger.office))
    counter = [first]
    current = now(ledger.settings.zone).replace(microsecond=0)
    deadlines = ledger.settings.deadlines
    where = Path(plan.file).name

    def one(row: int, cells: dict[str, Any]) -> None:
        from ledger.numbers import format_number

        ref = parse_text(cells.get("ref"))
        if has_ref and ref is not None:
            if ref in seen_refs:
                raise Invalid("error.import.duplicate_ref", ref=ref, other=seen_refs[ref])
            seen_refs[ref] = row
        village = place_code(cells["village"], names, "village") if "village" in cells else None
        if "township" in cells and village is not None:
            town = place_code(cells["township"], townships, "township")
            if villages[village].township != town:
                raise Invalid("error.import.wrong_township", village=village, township=town)
        if "owner" in cells:  # 责任人 as --owner takes it: a cadre's name or id, or other text
            name, cadre = owner_of(parse_text(cells["owner"]) or "")
            cells = {**cells, "owner": name}
        else:
            cadre = None
        issue = build_issue(
            cells,
            owner_cadre=cadre,
            number=format_number(prefix, counter[0]),
            village=village,
            ref=ref,
            actor=actor,
            current=current,
            deadlines=deadlines,
            origin=f"{where}:{row}",
            lang=ledger.settings.lang or "en",
        )
        reporter = issue.reporter.name if issue.reporter else None
        content = (issue.village, issue.title, issue.received, reporter, str(issue.category.value))
        if ref is not None and ref in refs():
            # A 序号 alone is no identity (every 台账 numbers its rows 1…N): the same row again is
            # skipped, another file's row of that number refused, never silently dropped.
            unsaid = None if "received" in cells else 2
            plan.skip(row, same_ref(ref, refs()[ref], _plain(content), unsaid))
            return
        if ref is None and content in contents():
            plan.skip(row, contents()[content])
            return
        if ref is None:
            if content in seen_contents:
                raise Invalid("error.import.same_row", other=seen_contents[content])
            seen_contents[content] = row
        counter[0] += 1
        plan.added.append((row, ledger.issue_path(issue.number), issue))

    row_loop(plan, keys, sheet, progress, one)


def build_issue(
    cells: Mapping[str, Any],
    *,
    number: str,
    village: str | None,
    ref: str | None,
    actor: str,
    current: datetime,
    deadlines: Any,
    origin: str,
    lang: str = "en",
    owner_cadre: str | None = None,
) -> Any:
    """One row as an issue opened at `received` (and closed at 办结日期 with 办理结果 when both
    are given), its history naming the file and row it came from (in the ledger's `lang`)."""
    from ledger import routing
    from ledger.enums import Action, Category, Disposition, Level, Satisfaction, Source, Status
    from ledger.i18n import t
    from ledger.issue import Event, Issue, Reporter

    received = parse_day(cells["received"]) if "received" in cells else current.date()
    closed = parse_day(cells["closed"]) if "closed" in cells else None
    disposition = parse_enum(cells["disposition"], Disposition) if "disposition" in cells else None
    level = parse_enum(cells["level"], Level) if "level" in cells else Level.village
    status = parse_enum(cells["status"], Status) if "status" in cells else None
    satisfaction = parse_enum(cells["satisfaction"], Satisfaction) if "satisfaction" in cells else None
    note = parse_text(cells.get("note"))
    if (closed is None) != (disposition is None):
        raise Invalid("error.import.close_needs_both")
    if disposition is Disposition.duplicate:
        raise Invalid("error.import.no_duplicate")
    if status is Status.closed and closed is None:
        raise Invalid("error.import.closed_needs_close")
    if status is Status.open and closed is not None:
        raise Invalid("error.import.open_but_closed")
    if satisfaction is not None and closed is None:
        raise Invalid("error.import.satisfaction_needs_close")
    for day in (received, closed):
        if day is not None and day > current.date():
            raise Invalid("error.future_date", value=day.isoformat())
    if closed is not None and closed < received:
        raise Invalid(
            "error.import.closed_before_received", closed=closed.isoformat(), received=received.isoformat()
        )
    deadline = parse_day(cells["deadline"]) if "deadline" in cells else None
    if deadline is not None:
        routing.check_deadline(deadline, received)
    due = deadline or routing.deadline_for(level, received, deadlines)

    clock = _Clock(current)
    owner = parse_text(cells.get("owner"))
    opened_fields: dict[str, Any] = {"deadline": due, "owner": owner}
    if owner_cadre is not None:
        opened_fields["owner_cadre"] = owner_cadre
    if level is not Level.village:
        opened_fields["level"] = level
    history = [
        build_record(Event, at=clock.on(received), by=actor, action=Action.opened, **opened_fields),
        build_record(Event, at=clock.on(received), by=actor, action=Action.noted,
                note=t("import.note.imported", lang, origin=origin, day=current.date().isoformat())),
    ]  # fmt: skip
    if note is not None and closed is None:
        history.append(build_record(Event, at=clock.on(received), by=actor, action=Action.noted, note=note))
    if closed is not None:
        close_note = note or t("import.note.closed_on_paper", lang, origin=origin)
        history.append(
            build_record(
                Event,
                at=clock.on(closed),
                by=actor,
                action=Action.closed,
                disposition=disposition,
                note=close_note,
            )
        )
        if satisfaction is not None:
            history.append(
                build_record(
                    Event, at=clock.on(closed), by=actor, action=Action.followed_up, satisfaction=satisfaction
                )
            )
    people = None
    reporter = {k: parse_text(cells.get(k)) for k in ("reporter", "phone", "household")}
    if reporter["phone"] is not None:
        reporter["phone"] = parse_phone(reporter["phone"])
    if any(reporter.values()):
        people = build_record(
            Reporter, name=reporter["reporter"], phone=reporter["phone"], household=reporter["household"]
        )
    return build_record(
        Issue,
        number=number,
        ref=ref,
        title=parse_text(cells.get("title")),
        detail=parse_text(cells.get("detail")),
        category=parse_enum(cells["category"], Category) if "category" in cells else None,
        topics=parse_list(cells.get("topics")),
        village=village,
        source=parse_enum(cells["source"], Source) if "source" in cells else None,
        received=received,
        reporter=people,
        owner=owner,
        owner_cadre=owner_cadre,
        level=level,
        status=Status.closed if closed is not None else Status.open,
        deadline=due,
        private=parse_bool(cells["private"]) if "private" in cells else None,
        disposition=disposition,
        closed=closed,
        satisfaction=satisfaction,
        history=history,
    )


class _Clock:
    """Event times for one imported issue: noon of the day given (now when it is today), each
    event a second after the one before, so the history stays in order."""

    def __init__(self, current: datetime) -> None:
        self.current = current
        self.last: datetime | None = None

    def on(self, day: date) -> datetime:
        if day == self.current.date():
            moment = self.current.replace(hour=0, minute=0, second=0)
        else:
            moment = datetime.combine(
                day, datetime.min.time().replace(hour=_IMPORT_TIME[0]), self.current.tzinfo
            )
        if self.last is not None and moment <= self.last:
            moment = self.last + timedelta(seconds=1)
        self.last = moment
        return moment


@dataclass(frozen=True)
class Imported:
    """A record that came with a `ref`: its number or id, its content as said, and the file it
    was imported from when the record says so."""

    name: str
    content: tuple[Any, ...]
    origin: str | None = None


def same_ref(
    ref: str, earlier: Sequence[Imported], content: tuple[Any, ...], unsaid: int | None = None
) -> str:
    """The record a row of `ref` is (its name, to skip the row), or `Invalid` when every earlier
    record of that ref holds other content: another sheet's row of the same number. `unsaid`:
    a position of the content the row did not give (an issue's received: the import's day)."""

    def kept(parts: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(p for i, p in enumerate(parts) if i != unsaid)

    for record in earlier:
        if kept(record.content) == kept(content):
            return record.name
    first = earlier[0]
    key = "error.import.ref_other_content" if first.origin else "error.import.ref_other_content_here"
    said = said_content(first.content)
    raise Invalid(key, ref=ref, name=first.name, origin=first.origin, content=said, row=said_content(content))


def said_content(content: Sequence[Any]) -> str:
    """A record's content as a clerk reads it: 2026-03-03 · dapo · 危房改造补助 · 30000."""
    parts = (" ".join(map(str, p)) if isinstance(p, tuple) else str(p) for p in content)
    return " · ".join(p for p in parts if p not in ("None", ""))


# The import note, in either language (catalog `import.note.imported`).
_ORIGIN_RE = re.compile(r"(?:imported from (.+):\d+ on |\S+ 从 (.+):\d+ 导入$)")


def existing_refs(ledger: Ledger) -> dict[str, list[Imported]]:
    """Every issue of the ledger with a `ref`, by ref (only files with a `ref:` line are parsed, by
    the fast reader when it can: the safe loader took 11 of 13 s for 10,000 imported issues)."""
    from ledger.enums import Category
    from ledger.fastyaml import fast_load

    refs: dict[str, list[Imported]] = {}
    for path in ledger.issue_files():
        data = path.read_bytes()
        if b"\nref:" in data:
            try:
                raw = fast_load(data.decode("utf-8"))
            except UnicodeDecodeError:
                raw = None
            if not isinstance(raw, dict):
                raw = ledger.read_raw(path)
            value = raw.get("ref")
            if value is None:
                continue
            reporter = raw.get("reporter") if isinstance(raw.get("reporter"), dict) else {}
            category = Category.lookup(raw.get("category"))
            received = raw.get("received")
            content = (
                raw.get("village"),
                raw.get("title"),
                received,
                reporter.get("name"),
                category.value if category is not None else raw.get("category"),
            )
            origin = None
            for event in raw.get("history") or []:
                found = _ORIGIN_RE.match(str(event.get("note") or "")) if isinstance(event, dict) else None
                if found:
                    origin = found.group(1) or found.group(2)
                    break
            name = str(raw.get("number") or path.stem)
            refs.setdefault(str(value), []).append(Imported(name, _plain(content), origin))
    return refs


def _plain(content: Sequence[Any]) -> tuple[Any, ...]:
    """An issue's content as compared with a file's: every part as text (a hand-edited file's
    date may be read as text)."""
    return tuple(None if p is None else p.isoformat() if isinstance(p, date) else str(p) for p in content)
