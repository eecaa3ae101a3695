"""The prompt of `issue open` at a real terminal (SPEC §4), through a pseudo-terminal: each
answer checked as it is typed and asked again when bad, nothing typed lost; Ctrl-C and Ctrl-D
end it with exit 130, nothing written, in the clerk's language.

No timing: each step reads the terminal until the text it waits for has appeared. A generous
guard only turns a hang (a prompt that never comes) into a failure; it never decides a pass."""

from __future__ import annotations

import os
import pty
import select
import sys
from pathlib import Path

import pytest

from ledger.store import Ledger

REPO = Path(__file__).resolve().parent.parent
GUARD = 120.0  # seconds without a byte before a missing prompt is a failure, not a hang


class Terminal:
    """`caseledger ARGS` on a pseudo-terminal of its own (its controlling terminal, so that
    Ctrl-C typed there is a SIGINT to it)."""

    def __init__(self, *args: str) -> None:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/tmp"),
            "PYTHONPATH": str(REPO),
            "LANG": "C.UTF-8",
            "TERM": "dumb",
            "CASELEDGER_ACTOR": "测试员",
            "TZ": "Asia/Shanghai",
        }
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: becomes caseledger
            os.execve(sys.executable, [sys.executable, "-m", "caseledger", *args], env)
        self.seen = b""

    def read_until(self, text: str, after: int = 0) -> str:
        """Read until `text` appears after byte `after` of everything shown; what was shown since."""
        wanted = text.encode()
        while wanted not in self.seen[after:]:
            ready, _, _ = select.select([self.fd], [], [], GUARD)
            assert ready, f"waited for {text!r}; the terminal shows {self.seen.decode(errors='replace')!r}"
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:  # EIO: the program ended
                chunk = b""
            assert chunk, f"ended before {text!r}: {self.seen.decode(errors='replace')!r}"
            self.seen += chunk
        return self.seen[after:].decode(errors="replace")

    def type(self, data: bytes | str) -> int:
        """Type `data`; returns where the output seen so far ends (for the next `read_until`)."""
        mark = len(self.seen)
        os.write(self.fd, data.encode() if isinstance(data, str) else data)
        return mark

    def finish(self) -> tuple[int, str]:
        """Read to the end; (exit code, everything shown)."""
        while True:
            ready, _, _ = select.select([self.fd], [], [], GUARD)
            assert ready, f"the program did not end: {self.seen.decode(errors='replace')!r}"
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                break
            self.seen += chunk
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status), self.seen.decode(errors="replace")


VILLAGE = "Village (code or name): "


def test_a_bad_village_then_a_good_one_keeps_going(ledger: Ledger) -> None:
    term = Terminal("-C", str(ledger.root), "issue", "open", "--category", "hardship")
    term.read_until(VILLAGE)
    mark = term.type("大坡\n")
    shown = term.read_until(VILLAGE, after=mark)
    assert "no village '大坡'; the nearest: dapo 大坡村" in shown
    term.type("大坡村\n")
    term.read_until("Title: ")
    mark = term.type("   \n")  # a blank title is asked again
    shown = term.read_until("Title: ", after=mark)
    assert "must not be empty" in shown
    term.type("路灯坏了\n")
    code, shown = term.finish()
    assert code == 0, shown
    assert shown.rstrip().endswith("1")
    text = (ledger.root / "issues" / "000" / "1.yaml").read_text(encoding="utf-8")
    assert "village: dapo" in text and "title: 路灯坏了" in text and "category: hardship" in text


def test_a_bad_category_is_asked_again_in_chinese(ledger: Ledger) -> None:
    term = Terminal(
        "-C", str(ledger.root), "--lang", "zh", "issue", "open", "--village", "dapo", "--title", "水管爆了"
    )
    term.read_until("类别")
    mark = term.type("roads\n")
    shown = term.read_until("类别", after=mark)
    assert "错误" in shown and "roads" in shown
    term.type("实际困难\n")
    code, shown = term.finish()
    assert code == 0, shown
    assert "category: hardship" in (ledger.root / "issues" / "000" / "1.yaml").read_text(encoding="utf-8")


def test_text_that_is_not_utf8_is_asked_again(ledger: Ledger) -> None:
    term = Terminal("-C", str(ledger.root), "issue", "open", "--village", "dapo", "--category", "hardship")
    term.read_until("Title: ")
    mark = term.type("路灯坏了".encode("gbk") + b"\n")
    shown = term.read_until("Title: ", after=mark)
    assert "not UTF-8" in shown and "GBK" in shown
    term.type("路灯坏了\n")
    code, shown = term.finish()
    assert code == 0, shown
    assert "title: 路灯坏了" in (ledger.root / "issues" / "000" / "1.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "key", "says"),
    [
        ("en", b"\x03", "interrupted; nothing was written"),
        ("zh", b"\x03", "已中断，未写入任何内容"),
        ("en", b"\x04", "interrupted; nothing was written"),
    ],
)
def test_ctrl_c_at_the_prompt_is_exit_130_and_nothing_written(
    ledger: Ledger, snapshot, lang: str, key: bytes, says: str
) -> None:
    before = snapshot(ledger.root)
    term = Terminal("-C", str(ledger.root), "--lang", lang, "issue", "open", "--category", "hardship")
    term.read_until("村（社区）" if lang == "zh" else VILLAGE)
    term.type("dapo\n")
    term.read_until("标题" if lang == "zh" else "Title: ")
    term.type(key)
    code, shown = term.finish()
    assert code == 130, shown
    assert says in shown and "Aborted" not in shown and "Traceback" not in shown
    assert snapshot(ledger.root) == before
