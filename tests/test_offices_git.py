"""Many offices, one history (SPEC §5): clones of one ledger meeting on a shared git remote.

A bare repository plays the county's server; each office works in its own clone, commits
every write (`commit=True`, as with `autocommit: true`), pulls with a merge and pushes.
With office prefixes the histories merge without a conflict; without them, the collision is
caught (git's add/add conflict, then `check`), never merged silently, and the README's repair
procedure brings both issues back under distinct numbers.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caseledger.cli import app
from ledger.checks import check_ledger
from ledger.lifecycle import close, escalate, followup, note, open_issue
from ledger.places import add_township, add_village
from ledger.scan import scan_issues
from ledger.setup import init_ledger, set_office
from ledger.store import Ledger

pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="git is needed"
)


def git(root: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    if ok:
        assert result.returncode == 0, f"git {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def identity(root: Path, name: str) -> None:
    git(root, "config", "user.name", name)
    git(root, "config", "user.email", f"{name}@offices.invalid")


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    """A bare remote holding a ledger with two townships and their villages."""
    bare = tmp_path / "county.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    seed = init_ledger(tmp_path / "seed", "测试县民情台账", git=True, actor="县里")
    identity(seed.root, "county")
    add_township(seed, "qinglong", "青龙镇", actor="县里", commit=True)
    add_township(seed, "huaning", "华宁镇", actor="县里", commit=True)
    add_village(seed, "dapo", "大坡村", "qinglong", actor="县里", commit=True)
    add_village(seed, "hexi", "河西村", "huaning", actor="县里", commit=True)
    branch = git(seed.root, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
    git(seed.root, "remote", "add", "origin", str(bare))
    git(seed.root, "push", "-q", "origin", branch)
    git(bare, "symbolic-ref", "HEAD", f"refs/heads/{branch}")
    return bare


def clone(remote: Path, folder: Path, office: str | None) -> Ledger:
    subprocess.run(["git", "clone", "-q", str(remote), str(folder)], check=True)
    identity(folder, f"office-{office or 'none'}")
    ledger = Ledger(folder)
    if office:
        set_office(ledger, office)
    return Ledger(folder)  # fresh: reads ledger.local.yaml again


def pull(ledger: Ledger) -> subprocess.CompletedProcess[str]:
    return git(ledger.root, "pull", "--no-rebase", "--no-edit", "origin", ok=False)


def push(ledger: Ledger) -> None:
    git(ledger.root, "push", "-q", "origin", "HEAD")


def numbers(ledger: Ledger) -> dict[str, str]:
    return {f.number: f.title for f in scan_issues(Ledger(ledger.root)).issues}


def check_cli(ledger: Ledger) -> tuple[int, dict]:
    result = CliRunner().invoke(app, ["-C", str(ledger.root), "check", "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


def clean_tree(ledger: Ledger) -> bool:
    return git(ledger.root, "status", "--porcelain").stdout.strip() == ""


def work(ledger: Ledger, office: str, village: str) -> list[str]:
    """One office's day: two issues opened, one escalated and closed, one closed as duplicate."""
    actor = f"{office}办"
    first = open_issue(
        ledger, village=village, title=f"{office} 路灯坏了", category="hardship", actor=actor, commit=True
    )
    second = open_issue(
        ledger, village=village, title=f"{office} 路灯又坏了", category="hardship", actor=actor, commit=True
    )
    escalate(ledger, first.number, reason="村里修不了", actor=actor, commit=True)
    close(
        ledger,
        second.number,
        disposition="duplicate",
        of=first.number,
        note="同一件事",
        actor=actor,
        commit=True,
    )
    close(ledger, first.number, disposition="resolved", note="已修好", actor=actor, commit=True)
    return [first.number, second.number]


def test_with_office_prefixes_two_clones_merge_without_conflict(remote: Path, tmp_path: Path) -> None:
    ql = clone(remote, tmp_path / "qinglong-office", "QL")
    hn = clone(remote, tmp_path / "huaning-office", "HN")

    ql_numbers = work(ql, "QL", "dapo")
    hn_numbers = work(hn, "HN", "hexi")
    assert ql_numbers == ["QL-1", "QL-2"] and hn_numbers == ["HN-1", "HN-2"]

    pulled = pull(ql)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    push(ql)
    merged = pull(hn)  # a real merge: both sides have new commits
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "CONFLICT" not in merged.stdout + merged.stderr
    push(hn)

    # After the merge, each office may act on the other's issues, and a third open goes on.
    followup(hn, "QL-1", satisfaction="satisfied", note="电话回访", actor="HN办", commit=True)
    third = open_issue(
        hn, village="hexi", title="HN 水渠堵了", category="hardship", actor="HN办", commit=True
    )
    assert third.number == "HN-3"
    push(hn)
    final = pull(ql)
    assert final.returncode == 0, final.stdout + final.stderr
    assert "CONFLICT" not in final.stdout + final.stderr

    expected = {"QL-1", "QL-2", "HN-1", "HN-2", "HN-3"}
    for office in (ql, hn):
        assert set(numbers(office)) == expected
        assert check_ledger(Ledger(office.root)) == []
        assert check_cli(office) == (0, {"ok": True, "problems": []})
        assert clean_tree(office)
    assert numbers(ql) == numbers(hn)
    # The work of each office arrived intact, history included.
    facts = scan_issues(Ledger(ql.root)).by_number()
    assert facts["HN-1"].level == "township" and facts["HN-1"].status == "closed"
    assert facts["HN-2"].duplicate_of == "HN-1"
    assert [e.action for e in facts["QL-1"].events] == ["opened", "escalated", "closed", "followed-up"]


def test_without_prefixes_the_collision_is_caught_and_repaired(remote: Path, tmp_path: Path) -> None:
    a = clone(remote, tmp_path / "office-a", None)
    b = clone(remote, tmp_path / "office-b", None)
    first_a = open_issue(a, village="dapo", title="A 路灯坏了", category="hardship", actor="A办", commit=True)
    first_b = open_issue(b, village="hexi", title="B 水渠堵了", category="hardship", actor="B办", commit=True)
    escalate(b, first_b.number, reason="村里修不了", actor="B办", commit=True)
    assert first_a.number == first_b.number == "1"  # the collision
    push(a)

    # Caught: git refuses to merge the two issue files into one.
    merged = pull(b)
    assert merged.returncode != 0
    assert "CONFLICT (add/add)" in merged.stdout and "issues/000/1.yaml" in merged.stdout
    # …and check names the file while the conflict is unresolved (or if it was committed as is).
    code, report = check_cli(b)
    assert code == 1 and not report["ok"]
    assert [p["file"] for p in report["problems"]] == ["issues/000/1.yaml"]

    # The README's repair: keep the pushed issue as 1, move ours to the next free number.
    conflicted = b.root / "issues" / "000" / "1.yaml"
    ours = git(b.root, "show", ":2:issues/000/1.yaml").stdout
    moved = b.root / "issues" / "000" / "2.yaml"
    moved.write_text(ours, encoding="utf-8")
    git(b.root, "checkout", "--theirs", "issues/000/1.yaml")
    # Forgetting to change `number:` is caught by check, naming both files.
    code, report = check_cli(b)
    assert code == 1
    assert {(p["file"], p["message"]) for p in report["problems"]} >= {
        ("issues/000/2.yaml", "the file name does not match the record: it belongs in issues/000/1.yaml"),
        ("issues/000/1.yaml", "issue number 1 is used twice (also in issues/000/2.yaml)"),
    }
    moved.write_text(ours.replace("number: '1'", "number: '2'", 1), encoding="utf-8")
    assert check_cli(b) == (0, {"ok": True, "problems": []})
    git(b.root, "add", "issues/000/1.yaml", "issues/000/2.yaml")
    git(b.root, "commit", "-q", "--no-edit")
    note(b, "2", "编号由 1 改为 2（与其他乡镇编号冲突）", actor="B办", commit=True)
    push(b)
    assert pull(a).returncode == 0

    for office in (a, b):
        assert numbers(office) == {"1": "A 路灯坏了", "2": "B 水渠堵了"}
        assert check_cli(office) == (0, {"ok": True, "problems": []})
        assert clean_tree(office)
    # Ours kept its whole history under the new number; theirs is untouched.
    facts = scan_issues(Ledger(a.root)).by_number()
    assert [e.action for e in facts["2"].events] == ["opened", "escalated", "noted"]
    assert facts["2"].level == "township"
    assert conflicted.read_text(encoding="utf-8") == (a.root / "issues" / "000" / "1.yaml").read_text(
        encoding="utf-8"
    )
    # The next issue in either clone takes a fresh number.
    assert open_issue(a, village="dapo", title="A 又一件", category="hardship", actor="A办").number == "3"


def test_a_copied_issue_that_git_merges_cleanly_is_named_by_check(remote: Path, tmp_path: Path) -> None:
    """The silent case git cannot see: one number in two files. `check` must name it."""
    a = clone(remote, tmp_path / "office-a", None)
    b = clone(remote, tmp_path / "office-b", None)
    open_issue(a, village="dapo", title="A 路灯坏了", category="hardship", actor="A办", commit=True)
    push(a)
    # B, by hand, files its own issue under a made-up name in the wrong bucket, number 1.
    text = (a.root / "issues" / "000" / "1.yaml").read_text(encoding="utf-8").replace("A 路灯坏了", "B 水渠")
    stray = b.root / "issues" / "001" / "1.yaml"
    stray.parent.mkdir(parents=True)
    stray.write_text(text, encoding="utf-8")
    git(b.root, "add", "issues/001/1.yaml")
    git(b.root, "commit", "-q", "-m", "hand-made issue")
    merged = pull(b)
    assert merged.returncode == 0  # git sees two different files: no conflict
    code, report = check_cli(b)
    assert code == 1
    messages = {(p["file"], p["message"]) for p in report["problems"]}
    assert ("issues/000/1.yaml", "issue number 1 is used twice (also in issues/001/1.yaml)") in messages
    assert ("issues/001/1.yaml", "issue number 1 is used twice (also in issues/000/1.yaml)") in messages
