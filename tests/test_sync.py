"""`caseledger sync` and `caseledger status` (SPEC §12), with the real git and bare remotes on the
local disk: offices exchanging work, a conflict stopped and explained, problems brought in, a
server hook refusing once, the remote out of reach, SIGKILL at chosen points (a PATH git shim
paused on a FIFO, then the kill: no timed guesses), and three offices syncing in parallel."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caseledger.cli import app
from ledger.remotes import describe
from ledger.scan import scan_issues
from ledger.setup import init_ledger
from ledger.store import Ledger

pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="git is needed"
)
REAL_GIT = subprocess.run(["sh", "-c", "command -v git"], capture_output=True, text=True).stdout.strip()


def git(root: Path, *args: str, ok: bool = True) -> str:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    if ok:
        assert result.returncode == 0, f"git {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def cli(root: Path, *args: str, lang: str = "en") -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["-C", str(root), "--lang", lang, *args])
    return result.exit_code, result.stdout, result.stderr


def state_of(root: Path) -> tuple[str, str, dict[str, bytes]]:
    """HEAD, `git status`, and every file but .git/ and .caseledger/: 'the clone as it was'."""
    files = {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] not in (".git", ".caseledger")
    }
    return git(root, "rev-parse", "HEAD").strip(), git(root, "status", "--porcelain"), files


def bare(path: Path) -> Path:
    subprocess.run(["git", "init", "-q", "--bare", "--initial-branch=main", str(path)], check=True)
    return path


@pytest.fixture
def county(tmp_path: Path) -> Path:
    """A bare remote holding a small county ledger (autocommit on), sent there by `sync`
    itself: the first push of a new ledger to an empty remote."""
    remote = bare(tmp_path / "county.git")
    seed = tmp_path / "seed"
    init_ledger(seed, "测试县民情台账", git=True, autocommit=True, actor="县里")
    for args in (
        ("township", "add", "qinglong", "--name", "青龙镇"),
        ("township", "add", "huaning", "--name", "华宁镇"),
        ("village", "add", "dapo", "--name", "大坡村", "--township", "qinglong"),
        ("village", "add", "hexi", "--name", "河西村", "--township", "huaning"),
    ):
        assert cli(seed, *args)[0] == 0
    git(seed, "remote", "add", "origin", str(remote))
    code, out, err = cli(seed, "sync")
    assert code == 0, err
    assert "the shared copy now holds this ledger's branch main" in out
    assert out.count("\n  ") == 5 and "village dapo: add 大坡村" in out  # init + 4 records went out
    assert git(seed, "rev-parse", "@{upstream}").strip() == git(remote, "rev-parse", "main").strip()
    return remote


def clone(remote: Path, folder: Path, office: str) -> Path:
    subprocess.run(["git", "clone", "-q", str(remote), str(folder)], check=True)
    assert cli(folder, "office", office)[0] == 0
    return folder


def issue_open(root: Path, village: str, title: str) -> str:
    code, out, err = cli(
        root, "issue", "open", "--village", village, "--title", title, "--category", "hardship"
    )
    assert code == 0, err
    return out.strip()


def titles(root: Path) -> dict[str, str]:
    return {f.number: f.title for f in scan_issues(Ledger(root)).issues}


# -- where a remote is --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "kind", "host", "path"),
    [
        ("/srv/git/county.git", "folder", "", "/srv/git/county.git"),
        ("../county.git", "folder", "", "../county.git"),
        ("file:///mnt/share/county.git", "folder", "", "/mnt/share/county.git"),
        ("git@192.168.1.20:county/ledger.git", "ssh", "192.168.1.20", "county/ledger.git"),
        ("county-server:ledger.git", "ssh", "county-server", "ledger.git"),
        ("ssh://clerk@gov.example.cn:2222/srv/ledger.git", "ssh", "gov.example.cn", "/srv/ledger.git"),
        ("https://git.example.cn/county/ledger.git", "web", "git.example.cn", "/county/ledger.git"),
        ("C:/ledgers/county.git", "folder", "", "C:/ledgers/county.git"),
        ("./a:b/county.git", "folder", "", "./a:b/county.git"),
    ],
)
def test_remote_addresses_are_told_apart_without_contacting_them(
    url: str, kind: str, host: str, path: str
) -> None:
    place = describe(url)
    assert (place.kind, place.host, place.path) == (kind, host, path)


def test_ssh_user_and_port_are_read() -> None:
    place = describe("ssh://clerk@gov.example.cn:2222/srv/ledger.git")
    assert (place.user, place.port) == ("clerk", 2222)
    assert describe("git@host.cn:x.git").user == "git"


# -- two offices --------------------------------------------------------------------------------


def test_two_offices_exchange_their_work_and_say_what_moved(county: Path, tmp_path: Path) -> None:
    ql = clone(county, tmp_path / "ql", "QL")
    hn = clone(county, tmp_path / "hn", "HN")
    assert issue_open(ql, "dapo", "路灯坏了") == "QL-1"
    assert issue_open(hn, "hexi", "水渠堵了") == "HN-1"
    assert issue_open(hn, "hexi", "道路破损") == "HN-2"

    code, out, err = cli(ql, "sync")
    assert code == 0, err
    assert "nothing new from the other offices" in out
    assert "sent to origin (1 change(s), git commits):\n  issue QL-1: open 大坡村: 路灯坏了" in out

    code, out, err = cli(hn, "sync", lang="zh")
    assert code == 0, err
    assert "收到其他办公室的更新：\n  新增问题（1）：QL-1" in out
    assert "已发送到 origin（2 项修改，即 git 提交）：" in out

    assert cli(hn, "issue", "close", "QL-1", "--disposition", "resolved", "--note", "修好了")[0] == 0
    code, out, _ = cli(hn, "sync", "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "remote": "origin",
        "url": str(county),
        "remote_kind": "folder",
        "remote_host": "",
        "remote_path": str(county),
        "branch": "main",
        "rounds": 1,
        "came_in": {},
        "went_out": ["issue QL-1: close resolved"],
        "first_push": False,
        "remote_head_missing": False,
        "committed": [],
    }
    code, out, _ = cli(ql, "sync")
    assert code == 0
    assert "  new issue (2): HN-1, HN-2\n  changed issue (1): QL-1\n" in out
    assert "nothing of this copy's to send" in out

    for office in (ql, hn):
        assert titles(office) == {"QL-1": "路灯坏了", "HN-1": "水渠堵了", "HN-2": "道路破损"}
        assert cli(office, "check")[0] == 0
        assert git(office, "status", "--porcelain") == ""
    assert git(ql, "rev-parse", "HEAD") == git(hn, "rev-parse", "HEAD") == git(county, "rev-parse", "main")
    # A linear history: each write one commit, none lost, no merge commits.
    log = git(county, "log", "--format=%P|%s", "main").splitlines()
    assert all(" " not in parents for parents, _ in (line.split("|", 1) for line in log))
    assert sum("issue QL-1: open" in line for line in log) == 1


def test_status_in_the_clerks_words(county: Path, tmp_path: Path) -> None:
    ql = clone(county, tmp_path / "ql", "QL")
    hn = clone(county, tmp_path / "hn", "HN")
    code, out, _ = cli(ql, "status")
    assert code == 0
    assert out.splitlines()[:2] == [
        "Office prefix (of new numbers): QL",
        f"Shared copy (git remote origin): the folder {county}",
    ]
    issue_open(ql, "dapo", "路灯坏了")
    issue_open(ql, "dapo", "水井")
    issue_open(hn, "hexi", "水渠")
    assert cli(hn, "sync")[0] == 0
    assert cli(ql, "sync", "--remote", "origin")[0] == 0
    (ql / "issues" / "QL" / "000" / "QL-1.yaml").write_text("title: 改过\n", encoding="utf-8")
    code, out, _ = cli(ql, "status", "--format", "json")
    found = json.loads(out)
    assert found["office"] == "QL" and found["remote"] == "origin" and found["remote_kind"] == "folder"
    assert (found["to_push"], found["to_pull"]) == (0, 0)
    assert found["uncommitted"] == ["issues/QL/000/QL-1.yaml"]
    code, out, _ = cli(ql, "status", lang="zh")
    assert "已修改但未提交的记录文件（尚未存入 git，提交前无法同步）：1\n  issues/QL/000/QL-1.yaml" in out
    git(ql, "checkout", "--", ".")
    issue_open(ql, "dapo", "又一件")
    issue_open(hn, "hexi", "河堤")
    assert cli(hn, "sync")[0] == 0
    git(ql, "fetch", "-q")
    found = json.loads(cli(ql, "status", "-f", "json")[1])
    assert (found["to_push"], found["to_pull"]) == (1, 1)
    out = cli(ql, "status")[1]
    assert "To send (commits to push: saved here, not yet in the shared copy): 1" in out
    assert "To receive (commits to pull: in the shared copy, not yet here; as of the last sync" in out


# -- refusals -------------------------------------------------------------------------------------


def test_uncommitted_record_files_are_named_and_nothing_moves(county: Path, tmp_path: Path) -> None:
    ql = clone(county, tmp_path / "ql", "QL")
    settings = ql / "ledger.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("autocommit: true", "autocommit: false"))
    git(ql, "commit", "-q", "-am", "autocommit off here")
    issue_open(ql, "dapo", "路灯坏了")  # written, not committed
    (ql / "villages" / "dapo.yaml").write_text(
        (ql / "villages" / "dapo.yaml").read_text(encoding="utf-8") + "# 手工备注\n", encoding="utf-8"
    )
    before = state_of(ql)
    remote_before = git(county, "rev-parse", "main")
    code, out, err = cli(ql, "sync")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "error: 2 record file(s) changed and not committed (not yet saved in git); sync shares only "
        "committed work:",
        "To commit them all in one commit and share: caseledger --commit sync",
        "  issues/QL/000/QL-1.yaml",
        "  villages/dapo.yaml",
        "To drop a change instead: git checkout -- FILE (a file not yet in git: delete it)",
    ]
    assert state_of(ql) == before and git(county, "rev-parse", "main") == remote_before
    # The global --commit commits them first (autocommit off works too), then shares.
    code, out, err = cli(ql, "--commit", "sync")
    assert code == 0, err
    assert "committed first: 2 changed record file(s)" in out
    assert git(county, "log", "-1", "--format=%s", "main").startswith("records changed before sharing:")
    assert git(ql, "status", "--porcelain") == ""


def test_no_git_no_repository_no_remote_each_one_clear_line(
    county: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = init_ledger(tmp_path / "plain", "无仓库台账").root
    code, _, err = cli(plain, "sync")
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"error: {plain} is not in a git repository, so there is nothing to share it with:")
    lonely = init_ledger(tmp_path / "lonely", "无远程台账", git=True).root
    code, _, err = cli(lonely, "sync")
    assert (code, err) == (
        1,
        "error: this copy has no remote (the shared copy on the county's server or shared folder): add it "
        "with 'git remote add origin URL'\n",
    )
    ql = clone(county, tmp_path / "ql", "QL")
    code, _, err = cli(ql, "sync", "--remote", "county")
    assert err == (
        "error: there is no remote (shared copy) named county; this copy knows: origin. Use one of those "
        "with --remote, or add it with 'git remote add county URL'\n"
    )
    # status without a remote says how to add one rather than failing
    code, out, _ = cli(lonely, "status")
    assert code == 0 and "Shared copy: none (add it with git remote add origin URL)" in out
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, _, err = cli(ql, "sync")
    assert (code, err) == (
        1,
        "error: git is not installed (or not on PATH): the ledger is shared through git; install git and "
        "try again\n",
    )


def test_the_remote_out_of_reach_changes_nothing(county: Path, tmp_path: Path) -> None:
    ql = clone(county, tmp_path / "ql", "QL")
    issue_open(ql, "dapo", "路灯坏了")
    git(ql, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    before = state_of(ql)
    code, _, err = cli(ql, "sync")
    assert code == 1 and err.startswith(
        f"error: could not reach the remote origin ({tmp_path / 'gone.git'}):"
    )
    assert "Nothing was changed in this copy and your work is kept here" in err
    assert state_of(ql) == before
    git(ql, "remote", "set-url", "origin", str(county))
    assert cli(ql, "sync")[0] == 0
    assert "QL-1" in titles(tmp_path / "ql")


# -- conflicts and problems brought in ------------------------------------------------------------


def test_a_real_conflict_is_stopped_explained_and_the_clone_left_as_it_was(
    county: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ql = clone(county, tmp_path / "ql", "QL")
    hn = clone(county, tmp_path / "hn", "HN")
    monkeypatch.setenv("CASELEDGER_NOW", "2026-03-05T09:00:00+08:00")
    issue_open(ql, "dapo", "路灯坏了")
    assert cli(ql, "sync")[0] == 0
    assert cli(hn, "sync")[0] == 0
    monkeypatch.setenv("CASELEDGER_NOW", "2026-03-05T10:00:00+08:00")
    assert cli(ql, "--actor", "张三", "issue", "note", "QL-1", "已联系电工")[0] == 0
    monkeypatch.setenv("CASELEDGER_NOW", "2026-03-05T11:30:00+08:00")
    closed = cli(
        hn, "--actor", "李四", "issue", "close", "QL-1", "--disposition", "resolved", "--note", "修好了"
    )
    assert closed[0] == 0
    issue_open(ql, "dapo", "水井干了")  # a second, harmless commit of ours
    assert cli(hn, "sync")[0] == 0
    before = state_of(ql)
    remote_before = git(county, "rev-parse", "main")
    code, out, err = cli(ql, "sync")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "error: 1 record(s) were changed both here and at the remote origin (git calls it a conflict); "
        "nothing was changed in this copy:",
        "  issue QL-1 (issues/QL/000/QL-1.yaml):",
        "    here, its last event: noted by 张三 at 2026-03-05T10:00:00+08:00",
        "    at origin, its last event: closed by 李四 at 2026-03-05T11:30:00+08:00",
        "What to do: agree with the other office which changes stand, then combine them as the README says "
        "under 'When two offices changed the same record', and run caseledger sync again.",
    ]
    assert state_of(ql) == before  # HEAD, index, work tree: exactly as it was
    assert git(county, "rev-parse", "main") == remote_before
    code, _, err = cli(ql, "sync", lang="zh")
    assert "  问题 QL-1（文件 issues/QL/000/QL-1.yaml）：" in err
    assert "    远程仓库 origin：最后一条记录为 2026-03-05T11:30:00+08:00 李四 销号" in err
    # The README's way out: git pull --rebase, keep both events in time order, continue.
    assert git(ql, "pull", "--rebase", "-q", ok=False)  # stops at the conflict
    path = ql / "issues" / "QL" / "000" / "QL-1.yaml"
    theirs = git(ql, "show", "origin/main:issues/QL/000/QL-1.yaml")
    ours = git(ql, "show", "REBASE_HEAD:issues/QL/000/QL-1.yaml")
    note = ours[ours.index("  - at: '2026-03-05T10:00:00+08:00'") :]
    close_at = theirs.index("  - at: '2026-03-05T11:30:00+08:00'")
    path.write_text(theirs[:close_at] + note + theirs[close_at:], encoding="utf-8")
    assert cli(ql, "check")[0] == 0
    git(ql, "add", "issues/QL/000/QL-1.yaml")
    subprocess.run(["git", "-C", str(ql), "-c", "core.editor=true", "rebase", "--continue"], check=True,
                   capture_output=True)  # fmt: skip
    code, out, err = cli(ql, "sync")
    assert code == 0, err
    assert [e.action for e in scan_issues(Ledger(ql)).by_number()["QL-1"].events] == [
        "opened",
        "noted",
        "closed",
    ]


def test_problems_the_incoming_commits_bring_stop_the_push(county: Path, tmp_path: Path) -> None:
    ql = clone(county, tmp_path / "ql", "QL")
    hn = clone(county, tmp_path / "hn", "HN")
    issue_open(hn, "hexi", "水渠堵了")
    # HN hand-edits its issue to a village nobody has, and commits it with git.
    path = hn / "issues" / "HN" / "000" / "HN-1.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("village: hexi", "village: hexii"), encoding="utf-8"
    )
    git(hn, "commit", "-q", "-am", "hand edit")
    git(hn, "push", "-q", "origin", "main")
    line = path.read_text(encoding="utf-8").splitlines().index("village: hexii") + 1
    issue_open(ql, "dapo", "路灯坏了")
    before = state_of(ql)
    remote_before = git(county, "rev-parse", "main")
    code, _, err = cli(ql, "sync")
    assert code == 1
    assert err.splitlines() == [
        "error: the changes from the other offices bring 1 problem(s) that caseledger check finds; nothing "
        "was sent and this copy is as it was. Ask the office that made them to correct them, then sync "
        "again:",
        f"  issues/HN/000/HN-1.yaml:{line}: unknown village hexii",
    ]
    assert state_of(ql) == before and git(county, "rev-parse", "main") == remote_before
    assert not (ql / ".git" / "caseledger-sync.json").exists()
    # HN corrects it; QL's next sync goes through.
    path.write_text(
        path.read_text(encoding="utf-8").replace("village: hexii", "village: hexi"), encoding="utf-8"
    )
    git(hn, "commit", "-q", "-am", "fix village")
    git(hn, "push", "-q", "origin", "main")
    assert cli(ql, "sync")[0] == 0
    assert set(titles(ql)) == {"QL-1", "HN-1"}


# -- the server refuses ----------------------------------------------------------------------------


def hook(remote: Path, body: str) -> None:
    path = remote / "hooks" / "pre-receive"
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(0o755)


def test_a_push_the_server_refuses_once_is_tried_again(county: Path, tmp_path: Path) -> None:
    ql = clone(county, tmp_path / "ql", "QL")
    flag = tmp_path / "refused-once"
    hook(
        county, f'if [ ! -e "{flag}" ]; then touch "{flag}"; echo "busy, try again" >&2; exit 1; fi\nexit 0\n'
    )
    issue_open(ql, "dapo", "路灯坏了")
    code, out, err = cli(ql, "sync")
    assert code == 0, err
    assert flag.exists()
    assert "other offices were sending at the same moment: done in 2 rounds" in out
    assert git(county, "log", "-1", "--format=%s", "main") == "issue QL-1: open 大坡村: 路灯坏了\n"


def test_a_server_that_always_refuses_stops_after_five_rounds(county: Path, tmp_path: Path) -> None:
    ql = clone(county, tmp_path / "ql", "QL")
    count = tmp_path / "count"
    hook(county, f'echo x >> "{count}"\nexit 1\n')
    issue_open(ql, "dapo", "路灯坏了")
    before = state_of(ql)
    code, _, err = cli(ql, "sync")
    assert code == 1
    assert err.startswith("error: the remote origin refused the changes 5 times")
    assert len(count.read_text().splitlines()) == 5
    assert state_of(ql) == before


def test_another_office_pushing_between_fetch_and_push_is_a_second_round(
    county: Path, tmp_path: Path
) -> None:
    """The race itself, made deterministic: the hook lets HN's push in first, then refuses ours."""
    ql = clone(county, tmp_path / "ql", "QL")
    hn = clone(county, tmp_path / "hn", "HN")
    issue_open(ql, "dapo", "路灯坏了")
    issue_open(hn, "hexi", "水渠堵了")
    flag = tmp_path / "raced"
    # On QL's first push, HN pushes (from within the hook: the remote moves), and QL's is refused.
    hook(
        county,
        f'if [ ! -e "{flag}" ]; then touch "{flag}"; (unset GIT_DIR GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY '
        f'GIT_ALTERNATE_OBJECT_DIRECTORIES; git -C "{hn}" push -q origin main) >&2; exit 1; fi\nexit 0\n',
    )
    code, out, err = cli(ql, "sync")
    assert code == 0, err
    assert "new issue (1): HN-1" in out and "done in 2 rounds" in out
    assert set(titles(ql)) == {"QL-1", "HN-1"}
    assert git(ql, "rev-parse", "HEAD") == git(county, "rev-parse", "main")


# -- over an ssh-style address, without a network ----------------------------------------------------


def test_sync_over_an_ssh_style_address(
    county: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`county-server:/path/county.git` through a stand-in for ssh that runs the command here."""
    fake = tmp_path / "fake-ssh"
    fake.write_text('#!/bin/sh\nshift\nexec sh -c "$*"\n', encoding="utf-8")  # drop the host, run the rest
    fake.chmod(0o755)
    monkeypatch.setenv("GIT_SSH_COMMAND", str(fake))
    monkeypatch.setenv("GIT_SSH_VARIANT", "simple")
    ql = clone(county, tmp_path / "ql", "QL")
    git(ql, "remote", "set-url", "origin", f"county-server:{county}")
    issue_open(ql, "dapo", "路灯坏了")
    code, out, err = cli(ql, "sync")
    assert code == 0, err
    assert out.startswith(f"synced with origin (the server county-server over ssh, {county})")
    assert git(county, "log", "-1", "--format=%s", "main") == "issue QL-1: open 大坡村: 路灯坏了\n"
    assert (
        cli(ql, "status")[1].splitlines()[1]
        == f"Shared copy (git remote origin): the server county-server over ssh, {county}"
    )


# -- SIGKILL in the middle ---------------------------------------------------------------------------

SHIM = """#!/bin/sh
# Stand-in for git: at the chosen step, pause on a FIFO (before git runs, or after), else be git.
if [ "$3" = "$PAUSE_AT" ] && mkdir "$PAUSE_DIR/taken" 2>/dev/null; then
  if [ "$PAUSE_WHEN" = after ]; then "$REAL_GIT" "$@"; rc=$?; fi
  echo $$ > "$PAUSE_DIR/pid.tmp" && mv "$PAUSE_DIR/pid.tmp" "$PAUSE_DIR/pid"
  echo here > "$PAUSE_DIR/here"
  read go < "$PAUSE_DIR/go"
  if [ "$PAUSE_WHEN" = after ]; then exit $rc; fi
fi
exec "$REAL_GIT" "$@"
"""


def killed_during(root: Path, tmp_path: Path, step: str, when: str) -> None:
    """Run `caseledger sync` with git paused at `step` (before or after git ran), SIGKILL it
    there, and kill the paused git too (it never answers)."""
    shims = tmp_path / f"shim-{step}-{when}"
    shims.mkdir()
    (shims / "git").write_text(SHIM, encoding="utf-8")
    (shims / "git").chmod(0o755)
    pause = tmp_path / f"pause-{step}-{when}"
    pause.mkdir()
    os.mkfifo(pause / "here")
    os.mkfifo(pause / "go")
    env = dict(os.environ, PATH=f"{shims}:{os.environ['PATH']}", PAUSE_AT=step, PAUSE_WHEN=when,
               PAUSE_DIR=str(pause), REAL_GIT=REAL_GIT)  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "caseledger", "-C", str(root), "sync"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    with open(pause / "here") as here:  # blocks until the shim is at the step
        assert here.read().strip() == "here"
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    os.kill(int((pause / "pid").read_text()), signal.SIGKILL)


@pytest.mark.parametrize(
    ("step", "when"),
    [
        ("fetch", "before"),  # nothing done yet
        ("commit-tree", "after"),  # replaying in the object store
        ("reset", "after"),  # the clone moved, not checked nor pushed
        ("push", "before"),  # moved and checked, not pushed
        ("push", "after"),  # pushed, but caseledger never heard the answer
    ],
)
def test_sigkill_during_sync_then_the_next_sync_converges(
    county: Path, tmp_path: Path, step: str, when: str
) -> None:
    ql = clone(county, tmp_path / "ql", "QL")
    hn = clone(county, tmp_path / "hn", "HN")
    issue_open(ql, "dapo", "路灯坏了")
    issue_open(ql, "dapo", "水井干了")
    issue_open(hn, "hexi", "水渠堵了")
    assert cli(hn, "sync")[0] == 0
    ours = git(ql, "log", "--format=%s", "origin/main..HEAD").splitlines()
    before = state_of(ql)

    killed_during(ql, tmp_path, step, when)

    # The next command of any kind puts the clone back as it was: every commit, the same files.
    code, _, err = cli(ql, "status")
    assert code == 0
    assert state_of(ql) == before
    assert not (ql / ".git" / "caseledger-sync.json").exists()
    if step in ("reset", "push"):
        assert "repaired: an interrupted caseledger sync had started moving this copy" in err
    # …and the next sync finishes the job: each of our writes on the remote exactly once.
    code, _, err = cli(ql, "sync")
    assert code == 0, err
    log = git(county, "log", "--format=%s", "main").splitlines()
    for subject in ours:
        assert log.count(subject) == 1
    assert git(ql, "rev-parse", "HEAD") == git(county, "rev-parse", "main")
    assert git(ql, "status", "--porcelain") == ""
    assert set(titles(ql)) == {"QL-1", "QL-2", "HN-1"}
    assert cli(ql, "check")[0] == 0


# -- three offices at once -----------------------------------------------------------------------------


def test_three_offices_syncing_in_parallel_lose_nothing(county: Path, tmp_path: Path) -> None:
    offices = {"QL": "dapo", "HN": "hexi", "TG": "dapo"}
    roots = {code: clone(county, tmp_path / code.lower(), code) for code in offices}
    rounds = 3
    failures: list[str] = []

    def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "caseledger", "-C", str(root), *args], capture_output=True, text=True
        )

    def office(code: str) -> None:
        root = roots[code]
        for i in range(1, rounds + 1):
            opened = run(root, "issue", "open", "--village", offices[code], "--title", f"{code} 第{i}件",
                         "--category", "hardship")  # fmt: skip
            if opened.returncode != 0:
                failures.append(opened.stderr)
            if i > 1:  # close the one opened the round before
                closed = run(
                    root, "issue", "close", f"{code}-{i - 1}", "--disposition", "resolved", "--note", "办结"
                )
                if closed.returncode != 0:
                    failures.append(closed.stderr)
            synced = run(root, "sync")
            # Three offices pushing at once may keep one refused five times over: it is said, and
            # the next round's sync sends it. Anything else (a conflict, a lost commit) fails.
            if synced.returncode != 0 and "refused the changes 5 times" not in synced.stderr:
                failures.append(synced.stderr)

    threads = [threading.Thread(target=office, args=(code,)) for code in offices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    for _ in range(2):  # one more sync each, in turn, until all have everything
        for code in offices:
            result = run(roots[code], "sync")
            assert result.returncode == 0, result.stderr
    expected = {f"{code}-{i}" for code in offices for i in range(1, rounds + 1)}
    head = git(county, "rev-parse", "main")
    for code, root in roots.items():
        found = scan_issues(Ledger(root)).by_number()
        assert set(found) == expected, code
        assert all(found[f"{c}-{i}"].status == "closed" for c in offices for i in range(1, rounds))
        assert git(root, "rev-parse", "HEAD") == head and git(root, "status", "--porcelain") == ""
        assert cli(root, "check")[0] == 0
    log = git(county, "log", "--format=%s", "main").splitlines()
    for code in offices:  # every write of every office is one commit on the remote, once
        for i in range(1, rounds + 1):
            assert sum(line.startswith(f"issue {code}-{i}: open") for line in log) == 1
        for i in range(1, rounds):
            assert sum(line.startswith(f"issue {code}-{i}: close") for line in log) == 1


def test_every_record_both_sides_changed_is_named_not_only_the_first(county: Path, tmp_path: Path) -> None:
    ql = clone(county, tmp_path / "ql", "QL")
    hn = clone(county, tmp_path / "hn", "HN")
    issue_open(ql, "dapo", "路灯坏了")
    issue_open(ql, "dapo", "水井干了")
    assert cli(ql, "sync")[0] == 0 and cli(hn, "sync")[0] == 0
    assert cli(ql, "issue", "note", "QL-1", "本办备注")[0] == 0
    assert cli(ql, "village", "add", "xinzhuang", "--name", "新庄村", "--township", "qinglong")[0] == 0
    assert cli(ql, "issue", "note", "QL-2", "本办备注")[0] == 0
    assert cli(hn, "issue", "note", "QL-1", "华宁备注")[0] == 0
    assert cli(hn, "issue", "note", "QL-2", "华宁备注")[0] == 0
    assert cli(hn, "sync")[0] == 0
    before = state_of(ql)
    code, _, err = cli(ql, "sync")
    assert code == 1
    assert err.startswith("error: 2 record(s) were changed both here and at the remote origin")
    assert (
        "  issue QL-1 (issues/QL/000/QL-1.yaml):" in err and "  issue QL-2 (issues/QL/000/QL-2.yaml):" in err
    )
    assert "xinzhuang" not in err  # ours alone: no conflict
    assert state_of(ql) == before


def test_a_ledger_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    """The county keeps its ledger in `ledger/` of a bigger repository: paths are said from the
    ledger's folder, and files outside it are not records."""
    remote = bare(tmp_path / "county.git")
    top = tmp_path / "seed"
    top.mkdir()
    git(top, "init", "-q", "--initial-branch=main")
    (top / "说明.txt").write_text("县里的文件\n", encoding="utf-8")
    init_ledger(top / "ledger", "测试县民情台账", autocommit=True)
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "start")
    git(top, "remote", "add", "origin", str(remote))
    seed = top / "ledger"
    assert cli(seed, "township", "add", "qinglong", "--name", "青龙镇")[0] == 0
    assert cli(seed, "village", "add", "dapo", "--name", "大坡村", "--township", "qinglong")[0] == 0
    assert cli(seed, "sync")[0] == 0
    subprocess.run(["git", "clone", "-q", str(remote), str(tmp_path / "ql")], check=True)
    ql = tmp_path / "ql" / "ledger"
    assert cli(ql, "office", "QL")[0] == 0
    issue_open(ql, "dapo", "路灯坏了")
    (tmp_path / "ql" / "说明.txt").write_text("本办的笔记\n", encoding="utf-8")  # not a record: no refusal
    assert cli(ql, "sync")[0] == 0
    issue_open(seed, "dapo", "县里登记")
    code, out, err = cli(seed, "sync")
    assert code == 0, err
    assert "  new issue (1): QL-1" in out
    path = seed / "issues" / "000" / "1.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# 手工\n", encoding="utf-8")
    code, _, err = cli(seed, "sync")
    assert code == 1 and "  issues/000/1.yaml" in err.splitlines()


def test_problems_that_were_already_here_do_not_stop_it(county: Path, tmp_path: Path) -> None:
    """Only what the incoming commits bring stops a sync (SPEC §12 step 4); this copy's own
    problems are `check`'s to report, and go out with its work."""
    ql = clone(county, tmp_path / "ql", "QL")
    hn = clone(county, tmp_path / "hn", "HN")
    issue_open(ql, "dapo", "路灯坏了")
    path = ql / "issues" / "QL" / "000" / "QL-1.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("village: dapo", "village: dapoo"), encoding="utf-8"
    )
    git(ql, "commit", "-q", "-am", "hand edit")
    issue_open(hn, "hexi", "水渠堵了")
    assert cli(hn, "sync")[0] == 0
    code, out, err = cli(ql, "sync")
    assert code == 0, err
    assert "new issue (1): HN-1" in out
    assert git(ql, "rev-parse", "HEAD") == git(county, "rev-parse", "main")
    assert cli(ql, "check")[0] == 1  # still reported, by check


def test_ctrl_c_during_sync_puts_the_copy_back_at_once(county: Path, tmp_path: Path) -> None:
    ql = clone(county, tmp_path / "ql", "QL")
    hn = clone(county, tmp_path / "hn", "HN")
    issue_open(ql, "dapo", "路灯坏了")
    issue_open(hn, "hexi", "水渠堵了")
    assert cli(hn, "sync")[0] == 0
    before = state_of(ql)
    shims = tmp_path / "shim"
    shims.mkdir()
    (shims / "git").write_text(SHIM, encoding="utf-8")
    (shims / "git").chmod(0o755)
    pause = tmp_path / "pause"
    pause.mkdir()
    os.mkfifo(pause / "here")
    os.mkfifo(pause / "go")
    env = dict(os.environ, PATH=f"{shims}:{os.environ['PATH']}", PAUSE_AT="push", PAUSE_WHEN="before",
               PAUSE_DIR=str(pause), REAL_GIT=REAL_GIT)  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "caseledger", "-C", str(ql), "sync"], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    with open(pause / "here") as here:  # moved and checked, about to push
        here.read()
    assert (ql / ".git" / "caseledger-sync.json").exists()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate()
    with contextlib.suppress(ProcessLookupError):  # (caseledger's subprocess.run killed it already)
        os.kill(int((pause / "pid").read_text()), signal.SIGKILL)
    assert proc.returncode == 130, err
    assert state_of(ql) == before  # put back by the sync itself, not left for the next command
    assert not (ql / ".git" / "caseledger-sync.json").exists()
    assert cli(ql, "sync")[0] == 0


def test_a_file_of_its_own_in_the_way_of_an_incoming_one_is_named(county: Path, tmp_path: Path) -> None:
    ql = clone(county, tmp_path / "ql", "QL")
    hn = clone(county, tmp_path / "hn", "HN")
    (hn / "说明.txt").write_text("华宁的说明\n", encoding="utf-8")
    git(hn, "add", "说明.txt")
    git(hn, "commit", "-q", "-m", "说明")
    assert cli(hn, "sync")[0] == 0
    (ql / "说明.txt").write_text("青龙自己的笔记\n", encoding="utf-8")  # not committed, not a record
    before = state_of(ql)
    code, _, err = cli(ql, "sync")
    assert code == 1
    assert err.splitlines() == [
        "error: 1 file(s) that the incoming changes touch have changes of their own here, not committed; "
        "commit or undo them first ('git status' lists them), then sync again:",
        "  说明.txt",
    ]
    assert state_of(ql) == before


@pytest.mark.parametrize("branch", ["main", "master"])
def test_a_remote_made_without_main_is_said_at_the_first_sync(tmp_path: Path, branch: str) -> None:
    """`git init --bare` without --initial-branch=main: HEAD names a branch the remote will never
    hold, and a `git clone` of it has no files. The first sync says how to fix it."""
    remote = tmp_path / "county.git"
    subprocess.run(["git", "init", "-q", "--bare", f"--initial-branch={branch}", str(remote)], check=True)
    seed = tmp_path / "seed"
    init_ledger(seed, "测试县民情台账", git=True, autocommit=True, actor="县里")
    git(seed, "remote", "add", "origin", str(remote))
    code, out, err = cli(seed, "sync")
    assert code == 0, err
    said = f"git --git-dir={remote} symbolic-ref HEAD refs/heads/main"
    assert (said in out) == (branch != "main")
    if branch != "main":  # the fix it gives works: a clone gets the ledger
        subprocess.run(["git", "--git-dir", str(remote), *said.split()[2:]], check=True)
        subprocess.run(["git", "clone", "-q", str(remote), str(tmp_path / "qinglong")], check=True)
        assert (tmp_path / "qinglong" / "ledger.yaml").is_file()
    assert cli(seed, "sync")[1].count("--initial-branch") == 0  # said at the first sync only
