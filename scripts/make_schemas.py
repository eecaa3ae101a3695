#!/usr/bin/env python3
"""Write `schemas/<kind>.schema.json` from the pydantic models (one JSON Schema per record kind).

    python scripts/make_schemas.py [DIR]

The schemas are made by `ledger.schemas` (also behind `caseledger schemas [DIR]`). A test
(`tests/test_schemas.py`) fails when the committed files differ from a fresh run.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def schemas() -> dict[str, str]:
    """File name → text of every schema, exactly as committed."""
    from ledger.schemas import schemas as made

    return made()


def main(argv: list[str]) -> int:
    from ledger.schemas import write_schemas

    for path in write_schemas(Path(argv[0]) if argv else REPO / "schemas"):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
