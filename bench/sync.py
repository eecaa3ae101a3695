"""How long `caseledger sync` and `caseledger status` take on a ledger of N issues.

    python bench/sync.py [--issues N] [--writes K]

A ledger of N issues (bench/generate.py) is committed and sent to a bare remote on the local
disk; two offices clone it, each makes K writes (one commit each), HN syncs first, then QL's
sync is timed: fetch, K of QL's commits put on top of HN's K, `check` before and after, push.
Each office ran `caseledger check` once first (a warm index, as on a clerk's machine).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)}: {result.stderr}")
    return result


def caseledger(root: Path, *args: str) -> float:
    started = time.perf_counter()
    run(sys.executable, "-m", "caseledger", "-C", str(root), *args)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--issues", type=int, default=10_000)
    parser.add_argument("--writes", type=int, default=20)
    parser.add_argument("--profile", action="store_true", help="QL's sync in this process, profiled")
    options = parser.parse_args()
    os.environ.setdefault("GIT_AUTHOR_NAME", "bench")
    os.environ.setdefault("GIT_AUTHOR_EMAIL", "bench@caseledger.invalid")
    os.environ.setdefault("GIT_COMMITTER_NAME", "bench")
    os.environ.setdefault("GIT_COMMITTER_EMAIL", "bench@caseledger.invalid")
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        seed = tmp / "seed"
        run(sys.executable, str(ROOT / "bench" / "generate.py"), str(seed), "--issues", str(options.issues))
        settings = seed / "ledger.yaml"
        settings.write_text(
            settings.read_text(encoding="utf-8").replace("autocommit: false", "autocommit: true")
        )
        (seed / ".gitignore").write_text(".caseledger/\nledger.local.yaml\n", encoding="utf-8")
        run("git", "init", "-q", "--initial-branch=main", str(seed))
        run("git", "-C", str(seed), "add", "-A")
        run("git", "-C", str(seed), "commit", "-q", "-m", "start")
        remote = tmp / "county.git"
        run("git", "init", "-q", "--bare", "--initial-branch=main", str(remote))
        run("git", "-C", str(seed), "remote", "add", "origin", str(remote))
        run("git", "-C", str(seed), "push", "-q", "origin", "main")
        from ledger.store import Ledger

        village = sorted(p.stem for p in (seed / "villages").glob("*.yaml"))[0]
        offices = {}
        for code in ("QL", "HN"):
            folder = tmp / code.lower()
            run("git", "clone", "-q", str(remote), str(folder))
            caseledger(folder, "office", code)
            caseledger(folder, "check")  # the index, warm
            offices[code] = folder
        from ledger.lifecycle import open_issue

        for code, folder in offices.items():
            ledger = Ledger(folder)
            for i in range(options.writes):
                open_issue(ledger, village=village, title=f"{code} {i}", category="hardship", actor=code)
        first = caseledger(offices["HN"], "sync")
        if options.profile:
            import cProfile
            import pstats

            from ledger.sync import sync

            profile = cProfile.Profile()
            started = time.perf_counter()
            profile.runcall(sync, Ledger(offices["QL"]), actor="QL")
            timed = time.perf_counter() - started
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        else:
            timed = caseledger(offices["QL"], "sync")
        status = caseledger(offices["QL"], "status")
        print(f"issues={options.issues} writes={options.writes} (each side)")
        print(f"  sync, nothing incoming, {options.writes} out: {first:.2f} s")
        print(f"  sync, {options.writes} in and {options.writes} out (replayed): {timed:.2f} s")
        print(f"  status: {status:.2f} s")


if __name__ == "__main__":
    main()
