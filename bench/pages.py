"""Time the printable pages on the demo ledger (SPEC §11: `report month --format html` within 1 s
of the plain report): median wall time of fresh `caseledger` processes.

    python bench/pages.py [--repeat 9]

The demo (`data/`) is copied to a temporary folder and its index warmed first; then the plain
report and each html page run alternately, run by run, so that a change in the machine's load
falls on all alike. Nothing is asserted: the figures are for the README.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import Skip, machine, timed  # noqa: E402  (bench/run.py)

COMMANDS = {
    "report month (table)": ("report", "month", "2026-10"),
    "report month --format json": ("report", "month", "2026-10", "--format", "json"),
    "report month --format html": ("report", "month", "2026-10", "--format", "html"),
    "report overdue --format html": ("report", "overdue", "--as-of", "2026-11-20", "--format", "html"),
    "report notice --format html": (
        "report",
        "notice",
        "--village",
        "huaxi",
        "--as-of",
        "2026-11-20",
        "--format",
        "html",
    ),
    "cards --format html": ("cards", "--format", "html"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="caseledger-pages-") as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(HERE.parent / "data", root, ignore=shutil.ignore_patterns(".caseledger"))
        timed(root, "report", "month", "2026-10")  # build the index
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        skipped: set[str] = set()
        for _ in range(args.repeat):
            for name, command in COMMANDS.items():
                if name in skipped:
                    continue
                try:
                    times[name].append(timed(root, *command))
                except Skip:
                    skipped.add(name)
    print(f"# {machine()}; demo ledger, warm index, median of {args.repeat}")
    plain = statistics.median(times["report month (table)"])
    for name, found in times.items():
        if name in skipped:
            print(f"{name:32} skipped (no such command yet)")
            continue
        median = statistics.median(found)
        print(f"{name:32} {median:6.3f} s   {median - plain:+.3f} s against the plain report")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
