"""Words of the whole-ledger readers' rule (SPEC §4): bad files refused, or skipped with --skip-bad."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "error.bad_files": (
        "{count} record file(s) cannot be used, so nothing was printed:",
        "有 {count} 个记录文件无法使用，因此未输出任何结果：",
    ),
    "error.bad_files_more": ("… and {count} more", "……另有 {count} 个"),
    "error.bad_files_hint": (
        "run `caseledger check` to see every problem, or add --skip-bad to leave these files out",
        "请运行 `caseledger check` 查看全部问题，或加 --skip-bad 跳过这些文件",
    ),
    "warn.skipped": (
        "warning: {count} bad record file(s) left out (--skip-bad): {files}",
        "警告：已跳过 {count} 个有问题的记录文件（--skip-bad）：{files}",
    ),
    "help.opt.skip_bad": (
        "Leave out record files that cannot be used (unreadable, invalid, copies, unknown places) instead of refusing; a warning names them.",
        "跳过无法使用的记录文件（无法读取、不合规、副本、未知村镇），而不是拒绝输出；会在警告中列出。",
    ),
}
