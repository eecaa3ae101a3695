"""The one catalog of every word a user reads, in English and Chinese.

Each area keeps its entries in its own module (so that work on one area does not touch the
others); this package merges them. An entry is `key: (english, chinese)`; both may hold
`{name}` fields filled by `ledger.i18n.t`. A test checks that every key used in the code is here,
that both languages have the same fields, and that no key is defined twice.
"""

from __future__ import annotations

import importlib
import os

from ledger.catalog import core

MESSAGES: dict[str, tuple[str, str]] = {}
AREAS = [core]

# Every module of this package is an area: a new area is a new file, touching no list here.
# Never skipped: a module that fails to import must fail loudly, not make its words vanish.
# The folder is listed directly (every run reads the catalog: pkgutil costs a millisecond).
_FILES = [name for folder in __path__ for name in os.listdir(folder)]
for _area in sorted(
    {name[:-3] for name in _FILES if name.endswith(".py") and name[:-3].isidentifier()} - {"__init__", "core"}
):
    AREAS.append(importlib.import_module(f"ledger.catalog.{_area}"))

for _module in AREAS:
    MESSAGES.update(_module.MESSAGES)
