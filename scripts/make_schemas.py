#!/usr/bin/env python3
"""Write `schemas/<kind>.schema.json` from the pydantic models (one JSON Schema per record kind).

    python scripts/make_schemas.py [DIR]

A test (`tests/test_schemas.py`) fails when the committed files differ from a fresh run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def models() -> dict[str, tuple[type[Any], str]]:
    """Settings and every record kind declared in ledger.kinds, with the schema's title."""
    from ledger.kinds import KINDS
    from ledger.settings import Settings

    found: dict[str, tuple[type[Any], str]] = {"settings": (Settings, "caseledger settings (ledger.yaml)")}
    for name, kind in KINDS.items():
        file = f"<{kind.key}>.yaml" if kind.key != "id" else "<id>.yaml"
        where = f"{kind.folder}/<bucket>/{file}" if kind.bucketed else f"{kind.folder}/{file}"
        found[name] = (kind.model(), f"caseledger {name} ({where})")
    return found


def schemas() -> dict[str, str]:
    """File name → text of every schema, exactly as committed."""
    result: dict[str, str] = {}
    for kind, (model, title) in models().items():
        schema = model.model_json_schema(by_alias=True, mode="validation")
        document = {"$schema": DRAFT, "title": title, **{k: v for k, v in schema.items() if k != "title"}}
        result[f"{kind}.schema.json"] = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return result


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else REPO / "schemas"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in schemas().items():
        (folder / name).write_text(text, encoding="utf-8")
        print(folder / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
