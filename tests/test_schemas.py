"""`schemas/` holds one JSON Schema per record kind, generated from the models; no drift."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from test_check import ISSUE as CHECK_ISSUE

from ledger.kinds import KINDS as RECORD_KINDS

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"
KINDS = ["settings", *RECORD_KINDS]


def _script():
    spec = importlib.util.spec_from_file_location("make_schemas", REPO / "scripts" / "make_schemas.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_schemas_match_the_models() -> None:
    fresh = _script().schemas()
    assert sorted(fresh) == [f"{kind}.schema.json" for kind in sorted(KINDS)]
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMAS.glob("*.schema.json")}
    assert sorted(committed) == sorted(fresh), "run scripts/make_schemas.py"
    drifted = [name for name in fresh if committed[name] != fresh[name]]
    assert not drifted, f"schemas drifted from the models, run scripts/make_schemas.py: {drifted}"


@pytest.mark.parametrize("kind", KINDS)
def test_each_schema_is_a_titled_json_schema(kind: str) -> None:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert kind in schema["title"].lower()
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False


def test_schemas_name_the_spec_keys() -> None:
    issue = json.loads((SCHEMAS / "issue.schema.json").read_text(encoding="utf-8"))
    for key in (
        "number",
        "title",
        "category",
        "village",
        "received",
        "level",
        "status",
        "deadline",
        "history",
    ):
        assert key in issue["properties"]
    event = issue["$defs"]["Event"]["properties"]
    assert "from" in event and "from_" not in event
    pairing = json.loads((SCHEMAS / "pairing.schema.json").read_text(encoding="utf-8"))
    assert set(pairing["required"]) >= {"id", "kind", "party", "village", "since"}


def _demo_records() -> list[tuple[str, Path]]:
    from ledger.store import Ledger

    data = REPO / "data"
    found = [("settings", data / "ledger.yaml")]
    for kind in RECORD_KINDS:
        found += [(kind, p) for p in Ledger(data).record_files(kind)]
    return found


def test_demo_data_validates_against_the_schemas() -> None:
    """Every demo record is valid for its model and for its schema."""
    import jsonschema

    from ledger.settings import Settings
    from ledger.store import Ledger, record_model

    ledger = Ledger(REPO / "data")
    records = _demo_records()
    assert len(records) > 60
    schemas = {k: json.loads((SCHEMAS / f"{k}.schema.json").read_text(encoding="utf-8")) for k in KINDS}
    for kind, path in records:
        model = Settings if kind == "settings" else record_model(kind)
        ledger.read_record(model, path)
        jsonschema.validate(_as_json(path), schemas[kind])


def _as_json(path: Path) -> object:
    """The file as an editor's YAML language server hands it to the schema: dates as text."""
    from ledger.yamlio import load_plain, read_text

    return json.loads(json.dumps(load_plain(read_text(path)), default=str))


# -- the schemas agree with check ----------------------------------------------------------------

# test_check's hand-written issue, its opening naming an owner (for the owner_cadre cases).
ISSUE = CHECK_ISSUE.replace("    action: opened\n", "    action: opened\n    owner: 村支书李明\n")
CLOSE = """\
  - at: 2026-10-03T09:00:00+08:00
    by: 王五
    action: closed
    disposition: resolved
    note: 已修好
"""
FOLLOW_UP = """\
  - at: 2026-10-04T09:00:00+08:00
    by: 王五
    action: 回访
    satisfaction: 满意
    note: 群众满意
"""

# (what is changed, the text after it): `check` validates each file the same way its schema does.
ISSUE_CASES = [
    ("as written", ISSUE),
    ("category as a Chinese label", ISSUE.replace("category: hardship", "category: 实际困难")),
    ("level as a Chinese label", ISSUE.replace("level: village", "level: 村级")),
    ("action as a Chinese label", ISSUE.replace("action: opened", "action: 登记")),
    ("number in quotes", ISSUE.replace("number: 1", "number: '1'")),
    ("number with a prefix", ISSUE.replace("number: 1", "number: QL-7")),
    ("a close with a Chinese disposition", ISSUE + CLOSE.replace("resolved", "已解决")),
    ("category unknown", ISSUE.replace("category: hardship", "category: 困难户")),
    ("village in capitals", ISSUE.replace("village: dapo", "village: Dapo")),
    ("village as a path", ISSUE.replace("village: dapo", "village: ../x")),
    ("number 0", ISSUE.replace("number: 1", "number: 0")),
    ("number with a lowercase prefix", ISSUE.replace("number: 1", "number: ql-7")),
    ("number as words", ISSUE.replace("number: 1", "number: 一号")),
    ("blank title", ISSUE.replace("title: 路灯坏了", "title: '   '")),
    ("title too long", ISSUE.replace("title: 路灯坏了", "title: " + "长" * 201)),
    ("unknown key", ISSUE.replace("title: 路灯坏了", "title: 路灯坏了\nmayor: 张三")),
    ("owner_cadre not a cadre id", ISSUE.replace("owner: 村支书李明", "owner: 李明\n    owner_cadre: X3")),
    ("owner_cadre a cadre id", ISSUE.replace("owner: 村支书李明", "owner: 李明\n    owner_cadre: QL-C3")),
    ("a close without its disposition", ISSUE + CLOSE.replace("    disposition: resolved\n", "")),
    ("a close with a null note", ISSUE + CLOSE.replace("note: 已修好", "note: null")),
    ("an opening with a reason", ISSUE.replace("action: opened", "action: opened\n    reason: 为何")),
    ("an opening without a deadline", ISSUE.replace("    owner: 村支书李明\n    deadline: 2026-10-08\n", "")),
    ("an action unknown", ISSUE.replace("action: opened", "action: danced")),
    ("a follow-up with a note", ISSUE + CLOSE + FOLLOW_UP),
    ("a time given with a space", ISSUE.replace("2026-10-01T09:00:00+08:00", "2026-10-01 09:00:00+08:00")),
    ("a time in quotes", ISSUE.replace("2026-10-01T09:00:00+08:00", "'2026-10-01T09:00:00+08:00'")),
    ("a time without an offset", ISSUE.replace("2026-10-01T09:00:00+08:00", "2026-10-01T09:00:00")),
    ("a day as 2026/10/1", ISSUE.replace("received: 2026-10-01", "received: 2026/10/1")),
    (
        "private as yes (pydantic reads a bool)",
        ISSUE.replace("title: 路灯坏了", "title: 路灯坏了\nprivate: 'Yes'"),
    ),
    ("private as 是", ISSUE.replace("title: 路灯坏了", "title: 路灯坏了\nprivate: 是")),
    ("topics with a blank one", ISSUE.replace("title: 路灯坏了", "title: 路灯坏了\ntopics: [饮水, ' ']")),
    ("topics as written", ISSUE.replace("title: 路灯坏了", "title: 路灯坏了\ntopics: [饮水, 道路]")),
    ("a follow-up with a disposition", ISSUE + CLOSE + FOLLOW_UP + "    disposition: resolved\n"),
]


VALID = {case: not any(word in case for word in ("unknown", "capitals", "path", "0", "lowercase", "words",
          "blank", "too long", "not a", "without", "null", "with a reason", "with a disposition",
          "2026/10/1", "是"))
         for case, _ in ISSUE_CASES}  # fmt: skip


@pytest.mark.parametrize("case, text", ISSUE_CASES, ids=[c for c, _ in ISSUE_CASES])
def test_the_issue_schema_accepts_what_check_accepts(ledger, case: str, text: str) -> None:
    import jsonschema

    from ledger.issue import Issue

    path = ledger.root / "issues" / "000" / "1.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    by_check = ledger.record_problems(Issue, path)
    schema = json.loads((SCHEMAS / "issue.schema.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(_as_json(path)))
    assert (by_check == []) == (errors == []), (case, [p.message("en") for p in by_check], errors[:1])
    assert (by_check == []) is VALID[case]  # the case is what it says


PAIRING = "id: P1\nkind: 单位包村\nparty: 县水务局\nvillage: dapo\nsince: 2026-01-01\n"
VILLAGE = "code: dapo\nname: 大坡村\ntownship: qinglong\nhouseholds: 412\nkind: village\n"
OTHER_CASES = [
    ("village", "villages/dapo.yaml", VILLAGE),
    ("village", "villages/dapo.yaml", VILLAGE.replace("kind: village", "kind: 社区")),
    ("village", "villages/dapo.yaml", VILLAGE.replace("households: 412", "households: '412'")),
    ("village", "villages/dapo.yaml", VILLAGE.replace("households: 412", "households: -3")),
    ("village", "villages/dapo.yaml", VILLAGE.replace("kind: village", "kind: town")),
    ("village", "villages/dapo.yaml", VILLAGE.replace("township: qinglong", "township: 017")),
    ("village", "villages/dapo.yaml", VILLAGE.replace("code: dapo", "code: 大坡")),
    ("pairing", "pairings/000/P1.yaml", PAIRING),
    ("pairing", "pairings/000/P1.yaml", PAIRING.replace("id: P1", "id: X1")),
    ("pairing", "pairings/000/P1.yaml", PAIRING.replace("单位包村", "包村")),
]


@pytest.mark.parametrize("kind, rel, text", OTHER_CASES)
def test_other_schemas_accept_what_check_accepts(ledger, kind: str, rel: str, text: str) -> None:
    import jsonschema

    from ledger.store import record_model

    path = ledger.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    by_check = ledger.record_problems(record_model(kind), path)
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(_as_json(path)))
    assert (by_check == []) == (errors == []), (text, [p.message("en") for p in by_check], errors[:1])


def test_vocabularies_list_every_label_check_accepts() -> None:
    from ledger import enums

    issue = json.loads((SCHEMAS / "issue.schema.json").read_text(encoding="utf-8"))
    assert set(issue["properties"]["category"]["enum"]) == {
        text for key, labels in enums.Category.labels().items() for text in (key, *labels)
    }


# -- caseledger schemas [DIR] ----------------------------------------------------------------------


def test_schemas_command_writes_them_into_the_ledger(ledger, run) -> None:
    result = run("schemas")
    assert result.exit_code == 0, result.output
    written = {p.name: p.read_text(encoding="utf-8") for p in (ledger.root / "schemas").iterdir()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMAS.glob("*.schema.json")}
    assert written == committed
    assert len(result.stdout.splitlines()) == len(committed)
    assert run("check").exit_code == 0  # a schemas/ folder in the ledger is no record
    assert run("schemas").exit_code == 0  # again: overwritten in place


def test_schemas_command_writes_into_a_given_folder_without_a_ledger(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from caseledger.cli import app

    result = CliRunner().invoke(app, ["schemas", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        p.name for p in SCHEMAS.glob("*.json")
    )
