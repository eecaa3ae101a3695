"""Words of the outside-tools work (issue 13, part C): empty results, `init` options, schemas."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "msg.empty": ("Nothing to show.", "没有记录。"),
    "msg.empty.overdue": ("No overdue issues.", "无超期问题。"),
    "msg.empty.issues": ("No issues match.", "没有符合条件的问题。"),
    "msg.empty.notice": (
        "Nothing to post: no public issue is open or recently closed.",
        "暂无可公示的问题。",
    ),
    "help.init.autocommit": (
        "Commit every write to git (sets autocommit: true in ledger.yaml; use with --git).",
        "每次写入都提交到 git（在 ledger.yaml 中设 autocommit: true；与 --git 一起用）。",
    ),
    "help.init.lang": (
        "The ledger's language for output and commit messages: en or zh (sets lang in ledger.yaml; default: the language this command runs in).",
        "台账输出和提交说明的语言：en 或 zh（写入 ledger.yaml 的 lang；默认为本次命令所用的语言）。",
    ),
}
MESSAGES["error.autocommit_without_git"] = (
    "--autocommit needs git: add --git, or make the ledger inside a git repository ({path}).",
    "--autocommit 需要 git：请加 --git，或把台账建在 git 仓库内（{path}）。",
)
MESSAGES["error.yaml.bad_date"] = (
    "{value} is not a date of the calendar (write YYYY-MM-DD, e.g. 2026-03-05)",
    "{value} 不是日历上的日期（请写成 YYYY-MM-DD，如 2026-03-05）",
)
MESSAGES["help.schemas"] = (
    "Write the JSON Schemas of the record files (for editors with the YAML language server) into DIR, "
    "by default the ledger's schemas/ folder; they are made from the same models check uses.\n\n"
    "Example: caseledger schemas",
    "把记录文件的 JSON Schema（供带 YAML 语言服务的编辑器使用）写入 DIR，默认写入台账的 schemas/ 目录；"
    "与 check 使用同一套模型生成。\n\n示例：caseledger schemas",
)
MESSAGES["help.schemas.dir"] = (
    "Folder to write the schemas into (default: schemas/ in the ledger).",
    "写入的目录（默认：台账中的 schemas/）。",
)
