"""Words of the record kinds' index (visits, cadres, aid, pairings kept under .caseledger/)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "progress.index": ("indexing the ledger", "正在为台账建立索引"),
    "progress.records": (
        "indexing visits, cadres, aid and pairings",
        "正在为走访、干部、帮扶和结对记录建立索引",
    ),
}
