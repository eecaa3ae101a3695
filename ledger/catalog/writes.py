"""Messages of the write path: the git step, repairs after an interrupted command, size limits,
files that are not regular files, time zones and codes read as numbers."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "error.git_missing": (
        "git is not installed (or not on PATH): install git, or turn autocommit off in ledger.yaml",
        "未安装 git（或不在 PATH 中）：请安装 git，或在 ledger.yaml 中关闭 autocommit",
    ),
    "error.git_locked": (
        "another git program is using this repository and holds {lock}; wait for it (an editor's git "
        "integration?) and try again; if no git is running, delete {lock}",
        "另一个 git 程序正在使用本仓库并占用 {lock}；请等它结束（可能是编辑器的 git 功能）后重试；"
        "若确实没有 git 在运行，请删除 {lock}",
    ),
    "error.interrupted_saved": (
        "interrupted after the change was saved: {message}",
        "已中断，但修改已保存：{message}",
    ),
    "error.record_too_big": (
        "this would make {path} {size} KB; a record stops growing at {limit} KB so that it can still "
        "be closed and followed up: shorten the text, or record the rest in a new issue",
        "写入后 {path} 将达 {size} KB；记录超过 {limit} KB 后不再追加内容，以便仍能销号和回访："
        "请缩短文字，或另开一个问题记录其余内容",
    ),
    "error.record_too_big_hard": (
        "this would make {path} {size} KB, past the {limit} KB caseledger reads: shorten the text",
        "写入后 {path} 将达 {size} KB，超过 caseledger 能读取的 {limit} KB：请缩短文字",
    ),
    "error.not_regular.symlink": (
        "{path} is a symbolic link, not a regular file inside the ledger: caseledger neither reads it nor writes through it",
        "{path} 是符号链接，不是台账内的普通文件：caseledger 不读取它，也不通过它写入",
    ),
    "error.not_regular.fifo": (
        "{path} is a named pipe (FIFO), not a regular file inside the ledger: caseledger neither reads it nor writes through it",
        "{path} 是命名管道（FIFO），不是台账内的普通文件：caseledger 不读取它，也不通过它写入",
    ),
    "error.not_regular.device": (
        "{path} is a device, not a regular file inside the ledger: caseledger neither reads it nor writes through it",
        "{path} 是设备文件，不是台账内的普通文件：caseledger 不读取它，也不通过它写入",
    ),
    "error.not_regular.socket": (
        "{path} is a socket, not a regular file inside the ledger: caseledger neither reads it nor writes through it",
        "{path} 是套接字，不是台账内的普通文件：caseledger 不读取它，也不通过它写入",
    ),
    "error.not_regular.folder": (
        "{path} is a folder, not a regular file inside the ledger: caseledger neither reads it nor writes through it",
        "{path} 是文件夹，不是台账内的普通文件：caseledger 不读取它，也不通过它写入",
    ),
    "error.not_regular.special": (
        "{path} is a special file, not a regular file inside the ledger: caseledger neither reads it nor writes through it",
        "{path} 是特殊文件，不是台账内的普通文件：caseledger 不读取它，也不通过它写入",
    ),
    "error.date_off_calendar": (
        "a deadline counted from {day} would fall after the year 9999: check the date (or $CASELEDGER_NOW)",
        "从 {day} 起算的办结时限将超出公元 9999 年：请检查日期（或 $CASELEDGER_NOW）",
    ),
    "error.yaml.too_deep": (
        "brackets are nested more than {limit} deep; a record never needs that",
        "括号嵌套超过 {limit} 层，记录不需要这样的结构",
    ),
    "repair.rolled_back": (
        "repaired: an interrupted command had started writing ({message}); its files were put back as "
        "they were",
        "已修复：一条被中断的命令曾开始写入（{message}），相关文件已恢复原样",
    ),
    "repair.committed": (
        "repaired: an interrupted command had written but not committed ({message}); committed now",
        "已修复：一条被中断的命令已写入但未提交（{message}），现已提交",
    ),
    "repair.stale_lock": (
        "repaired: removed {lock}, left behind by a git that is no longer running",
        "已修复：删除了已不在运行的 git 留下的 {lock}",
    ),
    "check.uncommitted": (
        "differs from git's last commit in an autocommit ledger (an interrupted command or a hand edit): "
        "commit it with git, or undo it with 'git checkout -- {file}'",
        "与 git 最近一次提交不同（自动提交的台账中：可能是被中断的命令或手工修改）：请用 git 提交，"
        "或用 git checkout -- {file} 撤销",
    ),
}
