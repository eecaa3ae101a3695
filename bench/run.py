"""Time caseledger at several ledger sizes (SPEC §7): median wall time of real subprocesses.

    python bench/run.py [--sizes 1000,100000] [--repeat 5] [--cold-repeat 1] [--dir /tmp/caseledger-bench]

For each size N a ledger is generated once into DIR/N (`bench/generate.py`, reused when it is
already there) and these are timed, each as a fresh `caseledger` process:

    issue show / issue close / issue open     each on a different issue
    report month cold                          index deleted first (includes the parallel build)
    report month warm                          index up to date
    report month after 10 hand edits           10 issue files get a comment appended first
    check warm
    report overdue / alerts warm, -f csv and -f json
    check cold                                 index deleted first

The three single-issue commands run first, alternating between the sizes run by run (1k, 100k,
1k, 100k, …), so that a change in the machine's load falls on every size alike and their
ratio stays fair; the report and check figures follow, size by size.

A command the CLI does not have yet (exit 2, "No such command") is reported as skipped.
Nothing is asserted: the figures are for the README and for SPEC §7.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

YEAR = 2025
MONTH = f"{YEAR}-06"


def caseledger() -> list[str]:
    exe = shutil.which("caseledger")
    return [exe] if exe else [sys.executable, "-m", "caseledger"]


class Skip(Exception):
    pass


def timed(root: Path, *args: str) -> float:
    env = dict(os.environ, CASELEDGER_ACTOR="bench", LANG="C.UTF-8")
    for var in ("CASELEDGER_ROOT", "CASELEDGER_OFFICE", "CASELEDGER_NO_INDEX"):
        env.pop(var, None)
    started = time.perf_counter()
    done = subprocess.run([*caseledger(), "-C", str(root), *args], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    if done.returncode == 2 and "No such command" in done.stderr:
        raise Skip(" ".join(args[:2]))
    if done.returncode not in (0, 1) or (done.returncode == 1 and args[0] != "check"):
        raise RuntimeError(f"caseledger {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def ensure_ledger(base: Path, n: int) -> Path:
    folder = base / str(n)
    marker = folder / ".bench-complete"
    if marker.exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    from generate import generate  # bench/generate.py

    started = time.perf_counter()
    generate(folder, n, year=YEAR, seed=1)
    marker.write_text(str(n), encoding="utf-8")
    print(f"  generated {n} issues in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return folder


def open_numbers(root: Path, n: int, count: int, rng: random.Random) -> list[str]:
    """`count` numbers of open issues, read straight from the files (no caseledger code)."""
    found: list[str] = []
    tried: set[int] = set()
    while len(found) < count and len(tried) < n:
        k = rng.randint(1, n)
        if k in tried:
            continue
        tried.add(k)
        path = root / "issues" / f"{k // 1000:03d}" / f"{k}.yaml"
        if path.is_file() and "\nstatus: open\n" in path.read_text(encoding="utf-8"):
            found.append(str(k))
    return found


def hand_edit(root: Path, n: int, count: int, rng: random.Random, stamp: int) -> None:
    for k in rng.sample(range(1, n + 1), count):
        path = root / "issues" / f"{k // 1000:03d}" / f"{k}.yaml"
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"# checked by hand ({stamp})\n")


def single_issue_commands(
    sizes: dict[int, Path], repeat: int, rngs: dict[int, random.Random]
) -> dict[int, dict[str, float | str]]:
    """issue show / close / open at every size, runs interleaved across the sizes (1k, 100k,
    1k, 100k, …), so that drift in the machine's load falls on all sizes alike and the ratio
    between them (SPEC §7: within 1.3×) stays fair."""
    print("single-issue commands, sizes interleaved", file=sys.stderr)
    results: dict[int, dict[str, float | str]] = {n: {} for n in sizes}
    shows = {n: open_numbers(root, n, repeat * 2, rngs[n]) for n, root in sizes.items()}
    commands = {
        "issue show": lambda n, i: ("issue", "show", shows[n][i]),
        "issue close": lambda n, i: (
            "issue", "close", shows[n][repeat + i], "--disposition", "resolved", "--note", "bench"
        ),
        "issue open": lambda n, i: (
            "issue", "open", "--village", "t01-v01", "--title", f"基准 {i}", "--category", "hardship"
        ),
    }  # fmt: skip
    for name, args in commands.items():
        times: dict[int, list[float]] = {n: [] for n in sizes}
        for i in range(repeat):
            for n, root in sizes.items():
                if name in results[n]:
                    continue  # skipped at this size
                try:
                    times[n].append(timed(root, *args(n, i)))
                except Skip as skip:
                    results[n][name] = f"skipped (no `{skip}` command yet)"
        for n in sizes:
            if name not in results[n]:
                results[n][name] = statistics.median(times[n])
                spread = ", ".join(f"{t:.2f}" for t in times[n])
                print(f"  {name} N={n}: {results[n][name]:.3f} s  ({spread})", file=sys.stderr)
    return results


def bench_size(
    root: Path, n: int, repeat: int, cold_repeat: int, rng: random.Random, results: dict[str, float | str]
) -> dict[str, float | str]:
    """The index-backed commands at one size, added to `results`."""
    print(f"N = {n}", file=sys.stderr)
    index_file = root / ".caseledger" / "index.sqlite"

    def measure(name: str, runs: int, prepare, *args) -> None:  # type: ignore[no-untyped-def]
        times = []
        try:
            for i in range(runs):
                call = prepare(i) if prepare else args
                times.append(timed(root, *call))
        except Skip as skip:
            results[name] = f"skipped (no `{skip}` command yet)"
            return
        results[name] = statistics.median(times)
        print(f"  {name}: {results[name]:.3f} s  ({', '.join(f'{t:.2f}' for t in times)})", file=sys.stderr)

    def cold(_i: int) -> tuple[str, ...]:
        shutil.rmtree(index_file.parent, ignore_errors=True)
        return ("report", "month", MONTH)

    measure("report month cold", cold_repeat, cold)
    measure("report month warm", repeat, None, "report", "month", MONTH)

    def edited(i: int) -> tuple[str, ...]:
        timed(root, "report", "month", MONTH)  # settle: the previous edits are re-read here
        hand_edit(root, n, 10, rng, i)
        return ("report", "month", MONTH)

    measure("report month after 10 edits", repeat, edited)
    with contextlib.suppress(Skip):
        timed(root, "check")  # warm the index for check
    measure("check warm", repeat, None, "check")
    as_of = f"{YEAR + 1}-01-10"  # after every generated event: the kept states answer
    for fmt in ("csv", "json"):
        for command in ("overdue", "alerts"):
            args = ("report", command, "--as-of", as_of, "-f", fmt)
            measure(f"report {command} warm -f {fmt}", repeat, None, *args)

    def cold_check(_i: int) -> tuple[str, ...]:
        shutil.rmtree(index_file.parent, ignore_errors=True)
        return ("check",)

    measure("check cold", cold_repeat, cold_check)
    return results


def machine() -> str:
    model = platform.processor() or "?"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cold-repeat", type=int, default=1, help="cold builds are slow: default 1")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/caseledger-bench"))
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.dir.mkdir(parents=True, exist_ok=True)
    roots = {n: ensure_ledger(args.dir, n) for n in sizes}
    rngs = {n: random.Random(n) for n in sizes}
    first = single_issue_commands(roots, args.repeat, rngs)
    table = {n: bench_size(roots[n], n, args.repeat, args.cold_repeat, rngs[n], first[n]) for n in sizes}

    print(f"machine: {machine()}")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"median of {args.repeat} runs (cold: {args.cold_repeat}), seconds, wall clock incl. process start")
    names = list(next(iter(table.values())))
    header = ["command", *(f"N={n}" for n in sizes)]
    if len(sizes) == 2:
        header.append("ratio")
    rows = []
    for name in names:
        cells = [table[n][name] for n in sizes]
        row = [name, *(f"{c:.3f}" if isinstance(c, float) else c for c in cells)]
        if len(sizes) == 2:
            a, b = cells
            row.append(f"{b / a:.2f}×" if isinstance(a, float) and isinstance(b, float) else "")
        rows.append(row)
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
