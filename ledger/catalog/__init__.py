"""The one catalog of every word a user reads, in English and Chinese.

Each area keeps its entries in its own module (so that work on one area does not touch the
others); this package merges them. An entry is `key: (english, chinese)`; both may hold
`{name}` fields filled by `ledger.i18n.t`. A test checks that every key used in the code is here,
that both languages have the same fields, and that no key is defined twice.
"""

from __future__ import annotations

import contextlib

from ledger.catalog import core

MESSAGES: dict[str, tuple[str, str]] = {}
AREAS = [core]

for _area in ("issues", "reports", "checks", "aid", "sheets", "people", "pages", "writes"):
    with contextlib.suppress(ModuleNotFoundError):
        AREAS.append(__import__(f"ledger.catalog.{_area}", fromlist=["MESSAGES"]))

for _module in AREAS:
    MESSAGES.update(_module.MESSAGES)
