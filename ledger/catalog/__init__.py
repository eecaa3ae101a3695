"""The one catalog of every word a user reads, in English and Chinese.

Each area keeps its entries in its own module (so that work on one area does not touch the
others); this package merges them. An entry is `key: (english, chinese)`; both may hold
`{name}` fields filled by `ledger.i18n.t`. A test checks that every key used in the code is here,
that both languages have the same fields, and that no key is defined twice.
"""

from __future__ import annotations

import importlib
import pkgutil

from ledger.catalog import core

MESSAGES: dict[str, tuple[str, str]] = {}
AREAS = [core]

# Every module of this package is an area: a new area is a new file, touching no list here.
# Never skipped: a module that fails to import must fail loudly, not make its words vanish.
for _area in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name != "core"):
    AREAS.append(importlib.import_module(f"ledger.catalog.{_area}"))

for _module in AREAS:
    MESSAGES.update(_module.MESSAGES)
