"""The wheel installs only `caseledger` (the command line) and `ledger` (the library): no generic
top-level `cli` or `commands` that another package could shadow; `python -m caseledger` runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_the_wheel_holds_only_caseledger_and_ledger(tmp_path: Path) -> None:
    # Built from a copy: setuptools leaves build/ and *.egg-info in the tree it builds.
    source = tmp_path / "src"
    junk = shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__", ".hypothesis")
    shutil.copytree(REPO, source, ignore=junk)
    wheels = tmp_path / "wheels"
    build = ["pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels), "."]
    subprocess.run([sys.executable, "-m", *build], cwd=source, check=True, capture_output=True)
    (wheel,) = wheels.glob("caseledger-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"caseledger", "ledger"}
    assert "caseledger/cli.py" in names
    assert "caseledger/__main__.py" in names
    assert "caseledger/commands/issue.py" in names
    assert any(name.startswith("caseledger/schemas/") and name.endswith(".json") for name in names)
    elsewhere = ("caseledger/tests/", "caseledger/bench/", "caseledger/data/", "caseledger/ledger/")
    assert not any(name.startswith(elsewhere) for name in names)
    entry = next(name for name in names if name.endswith("entry_points.txt"))
    assert "caseledger = caseledger.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()


def test_python_dash_m_caseledger_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "caseledger", "--version"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("caseledger ")
