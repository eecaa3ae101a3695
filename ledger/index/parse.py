"""Reading issue files into what the index keeps (in a worker process or in-process)."""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any

from ledger.index.walk import Stat


def parse_files(root: str, rels: list[str], trust_before_ns: int) -> list[tuple[str, Stat | None, Any]]:
    """Read issue files: [(rel, stat or None when racy, entry)], the entry as `Entry` without
    its name; or (rel, None, ("x", problem)) for a problem that cannot be stored."""
    from pydantic import ValidationError

    from ledger.errors import LedgerError
    from ledger.facts import facts_of
    from ledger.fastyaml import fast_load
    from ledger.index.packing import pack
    from ledger.index.summary import PARTS, derive
    from ledger.issue import Issue
    from ledger.store import Ledger, problem_from
    from ledger.yamlio import MAX_FILE_BYTES, decode

    ledger = Ledger(Path(root))
    out: list[tuple[str, Stat | None, Any]] = []
    for rel in rels:
        path = Path(root) / rel
        stat: Stat | None = None
        facts = None
        try:
            with open(path, "rb") as handle:
                st = os.fstat(handle.fileno())
                stat = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)
                data = handle.read(MAX_FILE_BYTES + 1) if st.st_size <= MAX_FILE_BYTES else None
            if data is not None:
                plain = fast_load(decode(data, rel))
                if isinstance(plain, dict):
                    facts = facts_of(Issue.model_validate(plain), rel)
        except (OSError, LedgerError, ValidationError, ValueError, TypeError):
            facts = None
        if stat is not None and max(stat[0], stat[3]) >= trust_before_ns:
            stat = None
        if facts is None:
            # Anything unusual: exactly what a plain read does, so problems are identical.
            try:
                facts = facts_of(ledger.read_record(Issue, path), rel)
            except LedgerError as exc:
                p = problem_from(exc, rel)
                problem = (p.file, p.line, p.key, dict(p.params))
                try:
                    marshal.dumps(problem)
                except ValueError:
                    # not storable as is: keep it out of the index, re-read each time
                    out.append((rel, None, ("x", p)))
                    continue
                out.append((rel, stat, ("p", (problem,), *(None,) * len(PARTS))))
                continue
        out.append((rel, stat, ("f", pack(facts), *derive(ledger, facts))))
    return out
