"""Spreadsheet benchmarks (SPEC §10): wall time and peak memory of real `caseledger` processes.

    python bench/sheets.py [--dir /tmp/caseledger-bench] [--rows 10000] [--size 100000]

1. `import issues` of a generated 10,000-row 台账.xlsx (the seeds' headings, a third of the rows
   closed on paper) into a fresh copy of a small ledger, the progress bar on (stderr is a pipe
   here, so rich draws it without redrawing; the cost of building the rows is the same).
2. `issue list --status all --format xlsx --output f.xlsx` on the generated ledger of `--size`
   issues (bench/generate.py, reused when already in DIR/SIZE), index warm.

Peak memory is the child's maximum resident set size (getrusage). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def timed(args: list[str]) -> tuple[float, float]:
    """(seconds, peak MB) of one run; the run must succeed. The machine's load average and the
    run's CPU time (user + system, the child's own) are printed beside it: on a shared machine
    the wall time depends on the others, the CPU time much less."""
    import os

    print(f"  (load average before: {os.getloadavg()[0]:.1f})", flush=True)
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the largest so far
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {errors[-2000:].decode(errors='replace')}")
    print(f"  (CPU {usage.ru_utime + usage.ru_stime:.1f} s, load average after: {os.getloadavg()[0]:.1f})")
    return seconds, usage.ru_maxrss / 1024


def caseledger() -> list[str]:
    exe = shutil.which("caseledger")
    return [exe] if exe else [sys.executable, "-m", "caseledger"]


def make_sheet(path: Path, rows: int, villages: list[str]) -> None:
    from openpyxl import Workbook

    rng = random.Random(7)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    sheet.append(["序号", "反映人", "联系电话", "村(社区)", "反映问题", "类别", "责任人", "受理日期",
                  "办结时限", "办结日期", "办理结果", "办理情况"])  # fmt: skip
    first = date(2025, 1, 1)
    for n in range(1, rows + 1):
        received = first + timedelta(days=rng.randrange(300))
        closed = received + timedelta(days=rng.randrange(1, 20)) if n % 3 == 0 else None
        sheet.append([
            n, f"村民{n}", f"139{n:08d}", rng.choice(villages), f"第{n}号 路灯损坏请尽快维修",
            rng.choice(["实际困难", "工作不足", "发展建议", "干部作风"]), "村主任", received, None,
            closed, "已解决" if closed else None, "已修好" if closed else "正在协调",
        ])  # fmt: skip
    book.save(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/tmp/caseledger-bench")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=100_000)
    options = parser.parse_args(argv)
    base = Path(options.dir)
    base.mkdir(parents=True, exist_ok=True)
    from bench.generate import generate
    from ledger.places import add_township, add_village
    from ledger.setup import init_ledger

    target = base / "import-target"
    shutil.rmtree(target, ignore_errors=True)
    ledger = init_ledger(target, "导入测试")
    add_township(ledger, "qinglong", "青龙镇", actor="bench")
    names = []
    for i in range(20):
        add_village(ledger, f"v{i:02d}", f"第{i}村", "qinglong", actor="bench")
        names.append(f"第{i}村")
    sheet = base / f"台账-{options.rows}.xlsx"
    make_sheet(sheet, options.rows, names)
    seconds, peak = timed([*caseledger(), "-C", str(target), "import", "issues", str(sheet)])
    print(f"import issues, {options.rows:,} rows: {seconds:.1f} s, peak {peak:.0f} MB")
    seconds, _ = timed([*caseledger(), "-C", str(target), "import", "issues", str(sheet)])
    print(f"import again (all skipped): {seconds:.1f} s")

    if options.size == 0:  # --size 0: the import figures only
        return 0
    big = base / str(options.size)
    if not (big / "ledger.yaml").exists():
        generate(big, options.size)
    subprocess.run(
        [*caseledger(), "-C", str(big), "issue", "list", "--status", "all", "-f", "csv"],
        capture_output=True,
        check=True,
    )  # fmt: skip  (warm the index)
    out = base / "list.xlsx"
    seconds, peak = timed(
        [
            *caseledger(),
            "-C",
            str(big),
            "issue",
            "list",
            "--status",
            "all",
            "--format",
            "xlsx",
            "--output",
            str(out),
        ]
    )
    print(f"issue list --status all --format xlsx at {options.size:,}: {seconds:.1f} s, peak {peak:.0f} MB, "
          f"{out.stat().st_size / 1e6:.1f} MB file")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
