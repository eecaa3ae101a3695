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
    from ledger.issue import Issue
    from ledger.pairing import Pairing
    from ledger.settings import Settings
    from ledger.township import Township
    from ledger.village import Village

    return {
        "settings": (Settings, "caseledger settings (ledger.yaml)"),
        "township": (Township, "caseledger township (townships/<code>.yaml)"),
        "village": (Village, "caseledger village (villages/<code>.yaml)"),
        "pairing": (Pairing, "caseledger pairing (pairings/<id>.yaml)"),
        "issue": (Issue, "caseledger issue (issues/<bucket>/<number>.yaml)"),
    }


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
