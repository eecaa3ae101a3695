"""Messages of the reviewer's findings fixed together: partial vocabulary words, the import's
ref identity, phones as clerks write them."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "error.ambiguous_enum": (
        "'{value}' could be more than one {kind}: {candidates}; type more of it",
        "“{value}”可指多个{kind}：{candidates}；请写完整",
    ),
    "error.import.ref_other_content": (
        "序号 {ref} was imported before from {origin} with other content: {name} {content} (this row: {row}); a sheet numbering its rows anew? leave its 序号 out: --column 序号=-",
        "序号 {ref} 此前已从 {origin} 导入，内容不同：{name} {content}（本行：{row}）；若是另一份从 1 编号的台账，请不读序号：--column 序号=-",
    ),
    "error.import.ref_other_content_here": (
        "序号 {ref} was imported before with other content: {name} {content} (this row: {row}); a sheet numbering its rows anew? leave its 序号 out: --column 序号=-",
        "序号 {ref} 此前已导入，内容不同：{name} {content}（本行：{row}）；若是另一份从 1 编号的台账，请不读序号：--column 序号=-",
    ),
    "import.skipped_row": ("skipped, imported before: {name}", "跳过，此前已导入：{name}"),
    "import.more_skipped": ("… and {count} more skipped", "……另有 {count} 条跳过"),
}
