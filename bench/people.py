"""Time the people, visit and aid commands (SPEC §7 second paragraph, §8, §9) at two sizes.

    python bench/people.py [--sizes 1000,100000] [--repeat 5] [--cold-repeat 1]
                           [--pristine /work/bench] [--dir /tmp/caseledger-people]
                           [--only writes|reads] [--period 2026-Q3]

Each size N is a ledger of N issues with the campaign's people in SPEC §7's proportions
(`generate.py --people --year 2026`: N/20 cadres, N/2 pairings, N visits, N/5 aid). It is
taken from PRISTINE/people-N when that exists (never written: it is copied with `cp -a` to
DIR/N first), else generated into DIR/people-N once and copied from there.

Writes, each timed as a fresh `caseledger` process and undone after every run (the files it
made are removed, the files it changed put back from the pristine ledger), so that every run
sees the same ledger; runs alternate between the sizes (1k, 100k, 1k, …) so that a change in
the machine's load falls on both alike and their ratio (target ≤ 1.3×) stays fair. One
untimed run (undone too) warms each command first.

    visit add                       --cadre by id
    visit add, cadre by name        --cadre by the cadre's name (the roster's name lookup)
    issue open --visit              links both ways: writes the issue and the visit
    cadre show                      by id, and by name
    pairing add                     --cadre by id
    aid add                         --pairing and --cadre

Reads, per size: each report warm (median of --repeat, after one untimed run) and cold (the
index under .caseledger/ removed first, --cold-repeat runs): report visits/cadres/aid/bulletin
PERIOD, report alerts, report overdue -f csv and -f json.

The load average is printed beside every figure: on a busy machine the figures are high
and the ratios noisy. The table at the end is markdown, for the README. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

YEAR = 2026
DAY = f"{YEAR}-07-15"  # the day written by the timed writes (inside the generated year)
KIND_FOLDERS = {"visit": "visits", "issue": "issues", "pairing": "pairings", "aid": "aid", "cadre": "cadres"}


def caseledger() -> list[str]:
    exe = shutil.which("caseledger")
    return [exe] if exe else [sys.executable, "-m", "caseledger"]


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def run(root: Path, args: tuple[str, ...]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """(wall seconds, CPU seconds of the process: user + system, its result)."""
    import resource

    env = dict(os.environ, CASELEDGER_ACTOR="bench", LANG="C.UTF-8")
    for var in ("CASELEDGER_ROOT", "CASELEDGER_OFFICE", "CASELEDGER_NO_INDEX", "CASELEDGER_NOW"):
        env.pop(var, None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([*caseledger(), "-C", str(root), *args], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, done


class Failed(Exception):
    pass


def timed(root: Path, args: tuple[str, ...]) -> tuple[float, float]:
    """(wall, CPU) seconds of one successful run; Failed otherwise."""
    elapsed, cpu, done = run(root, args)
    if done.returncode != 0:
        raise Failed(f"exit {done.returncode}: {(done.stderr or done.stdout).strip()[:200]}")
    return elapsed, cpu


# A figure: (median wall seconds, load average while measured, median CPU seconds), or why not.
Figure = tuple[float, str, float] | str


# -- the ledgers -----------------------------------------------------------------------------


def pristine(pristine_dir: Path, work: Path, n: int) -> Path:
    """The untouched ledger of size n: PRISTINE/people-n, else one generated once under DIR."""
    shared = pristine_dir / f"people-{n}"
    if (shared / "ledger.yaml").is_file():
        return shared
    own = work / f"people-{n}"
    marker = own / ".bench-complete"
    if not marker.exists():
        shutil.rmtree(own, ignore_errors=True)
        from generate import generate  # bench/generate.py

        started = time.perf_counter()
        generate(own, n, year=YEAR, seed=1, cadres=n // 20, pairings=n // 2, visits=n, aid=n // 5)
        marker.write_text(str(n), encoding="utf-8")
        print(f"  generated people-{n} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return own


def working_copy(source: Path, work: Path, n: int) -> Path:
    copy = work / str(n)
    shutil.rmtree(copy, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(["cp", "-a", str(source), str(copy)], check=True)
    print(f"  copied {source} → {copy} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return copy


def top_bucket(root: Path, kind: str) -> Path:
    base = root / KIND_FOLDERS[kind]
    buckets = sorted((d for d in os.listdir(base) if d.isdigit()), key=int)
    return base / buckets[-1]


def listing(root: Path, kind: str) -> set[str]:
    return set(os.listdir(top_bucket(root, kind)))


def yaml_value(path: Path, key: str) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{key}: "):
            return line.split(": ", 1)[1].strip().strip("'")
    raise KeyError(f"{key} in {path}")


def active_cadre(root: Path, day: str) -> tuple[str, str]:
    """(id, name) of a cadre active on `day` with a plain name, read from the files directly."""
    bucket = root / "cadres" / "000"
    for k in range(1, 1000):
        path = bucket / f"C{k}.yaml"
        if not path.is_file():
            continue
        name = yaml_value(path, "name")
        if yaml_value(path, "until") == "null" and yaml_value(path, "since") <= day and "(" not in name:
            return f"C{k}", name
    raise RuntimeError(f"no cadre active on {day} in {root}")


def visit_in(root: Path) -> str:
    """A visit whose village, source and first visitor an `issue open --visit` can take as they are."""
    bucket = root / "visits" / "000"
    for k in range(10, 1000):
        path = bucket / f"V{k}.yaml"
        if path.is_file():
            return f"V{k}"
    raise RuntimeError(f"no visit in {root}")


# -- the writes ------------------------------------------------------------------------------

Row = tuple[str, str | None, dict[int, tuple[str, ...]], dict[int, list[str]]]


def writes(roots: dict[int, Path]) -> list[Row]:
    """(row name, kind whose new files are removed after each run or None, argv per size,
    files put back from the pristine ledger after each run, per size)."""
    picks = {n: active_cadre(root, DAY) for n, root in roots.items()}
    visits = {n: visit_in(root) for n, root in roots.items()}
    household = ["--household", "大坡村1组1号"]
    answered = ["--answered", "低保政策已当场答复"]
    on_day = ["--date", DAY]
    argv: dict[str, Callable[[int], list[str]]] = {
        "visit add": lambda n: ["visit", "add", "--village", "t01-v01", "--cadre", picks[n][0], *on_day,
                                *household, "--stayed", *answered],
        "visit add, cadre by name": lambda n: ["visit", "add", "--village", "t01-v01", "--cadre", picks[n][1],
                                               *on_day, *household],
        "issue open --visit": lambda n: ["issue", "open", "--visit", visits[n], "--title", "基准：路灯损坏",
                                         "--category", "hardship"],
        "cadre show (id)": lambda n: ["cadre", "show", picks[n][0]],
        "cadre show (name)": lambda n: ["cadre", "show", picks[n][1]],
        "pairing add": lambda n: ["pairing", "add", "--kind", "cadre-household", "--village", "t01-v01",
                                  "--cadre", picks[n][0], *household, "--since", DAY],
        "aid add": lambda n: ["aid", "add", "--village", "t01-v01", "--kind", "funds", "--title", "救助金",
                              "--amount", "3,000.50", "--pairing", "P1", "--cadre", picks[n][0], *on_day],
    }  # fmt: skip
    made = {"visit add": "visit", "visit add, cadre by name": "visit", "issue open --visit": "issue",
            "pairing add": "pairing", "aid add": "aid"}  # fmt: skip
    restored = {"issue open --visit": {n: [f"visits/000/{visits[n]}.yaml"] for n in roots}}
    return [
        (name, made.get(name), {n: tuple(make(n)) for n in roots}, restored.get(name, {}))
        for name, make in argv.items()
    ]


def undo(root: Path, source: Path, kind: str | None, before: set[str] | None, restore: list[str]) -> None:
    if kind is not None and before is not None:
        bucket = top_bucket(root, kind)
        for name in set(os.listdir(bucket)) - before:
            (bucket / name).unlink()
    for rel in restore:
        shutil.copy2(source / rel, root / rel)


def bench_writes(
    roots: dict[int, Path], sources: dict[int, Path], repeat: int
) -> dict[str, dict[int, Figure]]:
    print("writes, sizes interleaved", file=sys.stderr)
    results: dict[str, dict[int, Figure]] = {}
    for name, kind, argv, restore in writes(roots):
        times: dict[int, list[tuple[float, float]]] = {n: [] for n in roots}
        loads: list[str] = []
        failed: dict[int, str] = {}
        for i in range(repeat + 1):  # run 0 warms up, untimed
            for n, root in roots.items():
                if n in failed:
                    continue
                before = listing(root, kind) if kind else None
                try:
                    elapsed = timed(root, argv[n])
                except Failed as exc:
                    failed[n] = f"failed ({exc})"
                    print(f"  {name} N={n}: {failed[n]}", file=sys.stderr)
                    continue
                finally:
                    undo(root, sources[n], kind, before, restore.get(n, []))
                if i:
                    times[n].append(elapsed)
            loads.append(load().split()[0])
        results[name] = {}
        for n in roots:
            if n in failed:
                results[name][n] = failed[n]
                continue
            median = statistics.median(t for t, _ in times[n])
            cpu = statistics.median(c for _, c in times[n])
            results[name][n] = (median, f"{min(loads)}-{max(loads)}", cpu)
            spread = ", ".join(f"{t:.3f}" for t, _ in times[n])
            print(
                f"  {name} N={n}: {median:.3f} s ({spread}), CPU {cpu:.3f} s, load {load()}", file=sys.stderr
            )
    return results


# -- the reads -------------------------------------------------------------------------------


def reads(period: str) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (f"report visits {period}", ("report", "visits", period)),
        (f"report cadres {period}", ("report", "cadres", period)),
        (f"report aid {period}", ("report", "aid", period)),
        (f"report bulletin {period}", ("report", "bulletin", period)),
        ("report alerts", ("report", "alerts")),
        ("report overdue -f csv", ("report", "overdue", "-f", "csv")),
        ("report overdue -f json", ("report", "overdue", "-f", "json")),
    ]


def median_of(runs: list[tuple[float, float]]) -> Figure:
    return statistics.median(t for t, _ in runs), load().split()[0], statistics.median(c for _, c in runs)


def bench_reads(root: Path, n: int, repeat: int, cold_repeat: int, period: str) -> dict[str, Figure]:
    print(f"reads N={n}", file=sys.stderr)
    results: dict[str, Figure] = {}
    derived = root / ".caseledger"
    for name, args in reads(period):
        try:
            cold = []
            for _ in range(cold_repeat):
                shutil.rmtree(derived, ignore_errors=True)
                cold.append(timed(root, args))
            results[f"{name} cold"] = median_of(cold)
            timed(root, args)  # settle: the index is written by the cold run; warm it once more
            results[f"{name} warm"] = median_of([timed(root, args) for _ in range(repeat)])
        except Failed as exc:
            results.setdefault(f"{name} cold", f"failed ({exc})")
            results[f"{name} warm"] = f"failed ({exc})"
        for key in (f"{name} cold", f"{name} warm"):
            value = results[key]
            shown = (
                f"{value[0]:.3f} s, CPU {value[2]:.3f} s, load {value[1]}"
                if isinstance(value, tuple)
                else value
            )
            print(f"  {key}: {shown}", file=sys.stderr)
    return results


# -- the table -------------------------------------------------------------------------------

TARGETS = {
    "visit add": "≤ 1.3× of N=1,000",
    "visit add, cadre by name": "≤ 1.3×",
    "issue open --visit": "≤ 1.3×",
    "cadre show (id)": "≤ 1.3×",
    "cadre show (name)": "≤ 1.3×",
    "pairing add": "≤ 1.3×",
    "aid add": "≤ 1.3×",
}


def target_of(name: str) -> str:
    if name in TARGETS:
        return TARGETS[name]
    if name.endswith(" cold"):
        return "≤ 60 s"
    if "bulletin" in name:
        return "≤ 1.5 s"
    return "≤ 1 s"


def cell(value: Figure | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return f"{value[0]:.3f} s (load {value[1]})"


def commit() -> str:
    done = subprocess.run(
        ["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    return done.stdout.strip() or "?"


def machine() -> str:
    from run import machine as described  # bench/run.py

    return described()


def table(sizes: list[int], rows: dict[str, dict[int, Figure]], repeat: int) -> str:
    head = ["command", *(f"N={n:,}" for n in sizes)]
    pair = len(sizes) == 2
    if pair:
        head += ["ratio", "CPU ratio"]
    head.append("target")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, per in rows.items():
        cells = [name, *(cell(per.get(n)) for n in sizes)]
        if pair:
            a, b = (per.get(n) for n in sizes)
            both = isinstance(a, tuple) and isinstance(b, tuple) and name in TARGETS  # the writes
            cells.append(f"{b[0] / a[0]:.2f}×" if both else "")  # type: ignore[index]
            cells.append(f"{b[2] / a[2]:.2f}×" if both else "")  # type: ignore[index]
        cells.append(target_of(name))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(
        [
            f"machine: {machine()}; caseledger at {commit()}; median of {repeat} runs (cold: as given), "
            "wall clock incl. process start-up; load = 1-minute load average "
            "(writes: its range over the runs); CPU ratio: of the processes' user + system time, "
            "which a busy machine disturbs less than the wall clock"
            "",
            *lines,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cold-repeat", type=int, default=1, help="cold builds are slow: default 1")
    parser.add_argument("--pristine", type=Path, default=Path("/work/bench"))
    parser.add_argument("--dir", type=Path, default=Path("/tmp/caseledger-people"))
    parser.add_argument("--only", choices=["writes", "reads"], default=None)
    parser.add_argument("--period", default=f"{YEAR}-Q3")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.dir.mkdir(parents=True, exist_ok=True)
    sources = {n: pristine(args.pristine, args.dir, n) for n in sizes}
    roots = {n: working_copy(sources[n], args.dir, n) for n in sizes}
    print(f"load at the start: {load()}", file=sys.stderr)
    rows: dict[str, dict[int, Figure]] = {}
    if args.only != "reads":
        rows.update(bench_writes(roots, sources, args.repeat))
    if args.only != "writes":
        for n in sizes:
            for name, value in bench_reads(roots[n], n, args.repeat, args.cold_repeat, args.period).items():
                rows.setdefault(name, {})[n] = value
    print(table(sizes, rows, args.repeat))
    print(f"\nload average at the end: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
