"""`schemas/` holds one JSON Schema per record kind, generated from the models; no drift."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

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
    """With jsonschema (not a dependency) the files are checked against the schemas; the
    records are always checked through the models, which the schemas are made from."""
    from ledger.settings import Settings
    from ledger.store import Ledger, record_model
    from ledger.yamlio import load_plain, read_text

    ledger = Ledger(REPO / "data")
    records = _demo_records()
    assert len(records) > 60
    try:
        import jsonschema
    except ImportError:
        jsonschema = None
    schemas = {k: json.loads((SCHEMAS / f"{k}.schema.json").read_text(encoding="utf-8")) for k in KINDS}
    for kind, path in records:
        model = Settings if kind == "settings" else record_model(kind)
        ledger.read_record(model, path)
        if jsonschema is not None:
            data = json.loads(json.dumps(load_plain(read_text(path)), default=str))
            jsonschema.validate(data, schemas[kind])
