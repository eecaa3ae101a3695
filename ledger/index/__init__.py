"""The derived issue index, `.caseledger/index.sqlite`: what makes whole-ledger reads fast.

The issue files stay the only source of truth. The index remembers, for every issue file, its
stat data (mtime_ns, size, inode, ctime_ns) and what reading it gave: the facts
(`ledger.facts.IssueFacts`, packed by `packing`) or the problems `check` reports for it, plus
what reports and `check` need of it (`summary`), folded per issue folder. Each refresh stats
every issue file and re-reads only new or changed ones; deleted files drop out. Deleting
`.caseledger/` at any time changes no result, only the time taken.

Trust. The index is rebuilt, never trusted, when its version differs (schema, Python, or the
source of the modules that turn a file into what is stored), when SQLite reports an error
(garbage bytes, a truncated file), for any folder whose stored blob fails its checksum, and
for any file whose stat differs. Every problem is produced by `Ledger.read_record`, so
messages and lines are identical with and without the index.

Failing. No read command fails because of the index: a storage error (OSError,
sqlite3.Error, a damaged blob: `Damaged`) falls back to a plain read of the files
(`ledger.scan`). Any other exception is a bug and propagates, so tests see it.

The modules, in the order a refresh uses them:

- `walk`: stat every issue file, folder by folder (on two cores at scale);
- `parse`: read changed files into facts, with the months and check parts of each
  (`summary.derive`), in worker processes on a cold build;
- `store`: the SQLite file: the version, reading and writing rows, every blob checksummed;
- `refresh`: bring the index up to date and hand back one column of every folder;
- `query`: what the readers in `ledger.scan` call (`load`, `month_counts`, `period_counts`,
  `issue_table`, `attention`, `cadre_work`);
- `summary`, `months`, `cases`, `work`, `packing`: what is kept per issue and folded per
  folder, the month, quarter and year counts ahead of time, the issues that may need attention
  with their state, the cadres' issue work as a step function of the day, facts as marshal
  tuples.

The other bucketed kinds (visit, cadre, aid, pairing) are kept beside, one SQLite file each, by
the same rules: `records` (refresh and load, what `ledger.recordscan` calls), `rows` (a
validated record as a tuple and back, as a light read-only row or the model), `kindstore`
(their SQLite files).
"""

from __future__ import annotations

from ledger.index.query import attention, cadre_work, issue_table, load, month_counts, period_counts
from ledger.index.store import Damaged, index_path, index_version

__all__ = [
    "Damaged", "attention", "cadre_work", "index_path", "index_version", "issue_table", "load",
    "month_counts", "period_counts",
]  # fmt: skip
