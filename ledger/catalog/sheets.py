"""Messages of spreadsheets in and out (SPEC §10): `--output`, `--format xlsx`, `import`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- output -----------------------------------------------------------------------------
    "help.opt.output": (
        "Write the output to this file (any format; replaced atomically) instead of the screen, e.g. --output 台账.xlsx.",
        "把结果写入该文件（任何格式，整体替换，不会写坏）而不是显示在屏幕上，如 --output 台账.xlsx。",
    ),
    "error.xlsx_terminal": (
        "an xlsx workbook cannot be shown on the screen; add --output FILE.xlsx (or redirect it into a file)",
        "xlsx 工作簿无法显示在屏幕上；请加 --output 文件名.xlsx（或重定向到文件）",
    ),
    "col.cadre": ("Cadre", "干部编号"),
    # -- import: help -------------------------------------------------------------------------
    "help.import": (
        "Import an existing 台账 from Excel/WPS (.xlsx) or .csv (UTF-8, UTF-8 with BOM or GB18030). Row 1 is the header: record keys, their Chinese labels or customary headings (序号, 反映人, 联系电话, 村, 反映问题, 类别, 责任人, 受理日期, 办结时限, 办结日期, 办理结果, 办理情况 and others; the README lists them). Every row is checked first: problems print as FILE:ROW: message and nothing is written. Otherwise all rows go in one write; rows imported before are skipped.\n\nExample: caseledger import issues 台账.xlsx --dry-run",
        "从 Excel/WPS（.xlsx）或 .csv（UTF-8、带 BOM 的 UTF-8 或 GB18030）导入已有台账。第 1 行为表头：字段名、其中文名称或台账常用表头（序号、反映人、联系电话、村、反映问题、类别、责任人、受理日期、办结时限、办结日期、办理结果、办理情况等，见 README）。先逐行检查：有问题时按“文件:行号: 说明”列出，什么也不写入；否则一次写入全部行，已导入过的行跳过。\n\n示例：caseledger import issues 台账.xlsx --dry-run",
    ),
    "help.import.kind": (
        "What the file holds: townships, villages, cadres, pairings, issues, visits or aid (the singular, issue, and the Chinese, 问题, work too).",
        "文件内容：townships（乡镇）、villages（村）、cadres（干部）、pairings（结对）、issues（问题）、visits（走访）或 aid（帮扶）；也可写单数（issue）或中文（问题）。",
    ),
    "help.import.file": ("The .xlsx or .csv file.", ".xlsx 或 .csv 文件。"),
    "help.import.sheet": ("The sheet to read (default: the first).", "要读取的工作表（默认第一个）。"),
    "help.import.column": (
        "Map another heading to a record key, e.g. --column 诉求人=reporter, or leave a column out with --column 备注=- (repeatable).",
        "把其他表头对应到字段，如 --column 诉求人=reporter；--column 备注=- 表示不读该列（可多次使用）。",
    ),
    "help.import.dry_run": (
        "Check every row and print what would be added; write nothing.",
        "只检查并列出将要添加的内容，不写入。",
    ),
    # -- import: results ----------------------------------------------------------------------
    "import.progress": ("importing rows", "正在导入"),
    "import.done": ("{added} added, {skipped} skipped", "新增 {added} 条，跳过 {skipped} 条"),
    "import.dry_run": (
        "{added} would be added, {skipped} skipped (dry run: nothing written)",
        "将新增 {added} 条，跳过 {skipped} 条（试运行，未写入）",
    ),
    "import.would_add": ("would add", "将新增"),
    "import.more_problems": ("… and {count} more problems", "……另有 {count} 个问题"),
    "import.nothing_written": ("nothing was imported", "未导入任何内容"),
    # -- import: the file ---------------------------------------------------------------------
    "error.import.missing": ("{file} does not exist", "{file} 不存在"),
    "error.import.not_sheet": (
        "{file} is not a spreadsheet; give an .xlsx workbook or a .csv file",
        "{file} 不是电子表格，请提供 .xlsx 工作簿或 .csv 文件",
    ),
    "error.import.encrypted": (
        "{file} is password-protected or an old .xls workbook; save it as .xlsx without a password",
        "{file} 设有密码或是旧版 .xls 工作簿，请另存为不加密码的 .xlsx",
    ),
    "error.import.corrupt": (
        "{file} cannot be read as a workbook ({detail}); it may be damaged: open and save it again",
        "{file} 无法作为工作簿读取（{detail}），文件可能已损坏，请打开后重新保存",
    ),
    "error.import.csv_sheet": (
        "{file} is a .csv file: it has no sheets (--sheet)",
        "{file} 是 .csv 文件，没有工作表（--sheet）",
    ),
    "error.import.no_sheet": (
        "{file} has no sheet '{sheet}'; its sheets: {sheets}",
        "{file} 中没有工作表“{sheet}”，现有：{sheets}",
    ),
    "error.import.encoding": (
        "{file} is neither UTF-8 nor GB18030 text; save it as CSV UTF-8",
        "{file} 既不是 UTF-8 也不是 GB18030 编码，请另存为“CSV UTF-8”",
    ),
    "error.import.too_many_rows": (
        "{file} has more than {limit} rows; split it into smaller files",
        "{file} 超过 {limit} 行，请拆分成较小的文件",
    ),
    "error.import.empty": ("{file} is empty: row 1 must hold the headings", "{file} 是空表：第 1 行应为表头"),
    "error.import.merged": (
        "{file} has merged cells ({cells}); unmerge them so that every cell holds its own value",
        "{file} 含合并单元格（{cells}），请取消合并，让每个单元格都有自己的值",
    ),
    "error.import.bad_kind": (
        "'{kind}' cannot be imported; use one of: {kinds}",
        "无法导入“{kind}”，可用：{kinds}",
    ),
    "error.import.bad_column_option": (
        "--column must look like HEADING=key, not '{value}'",
        "--column 应为 表头=字段 的形式，而不是“{value}”",
    ),
    # -- import: headings ---------------------------------------------------------------------
    "error.import.unknown_heading": (
        "unknown heading '{heading}' for {kind}; map it with --column '{heading}=KEY' (the README lists the headings)",
        "无法识别{kind}的表头“{heading}”；请用 --column '{heading}=字段' 指定（README 列出了可用表头）",
    ),
    "error.import.bad_key": (
        "--column {heading}={name}: '{name}' is not a key; use one of: {keys}",
        "--column {heading}={name}：“{name}”不是字段，可用：{keys}",
    ),
    "error.import.heading_twice": (
        "'{heading}' and '{other}' both mean {name}; keep one of them",
        "“{heading}”和“{other}”都表示 {name}，请只保留一列",
    ),
    "error.import.missing_column": (
        "no column for {name} (a heading such as {headings})",
        "缺少 {name} 列（表头可为：{headings}）",
    ),
    # -- import: values -----------------------------------------------------------------------
    "error.import.bad_date": (
        "'{value}' is not a date; write it as 2026-10-03, 2026/10/3 or 2026年10月3日",
        "“{value}”不是日期，请写成 2026-10-03、2026/10/3 或 2026年10月3日",
    ),
    "error.import.bad_count": ("'{value}' is not a whole number ≥ 0", "“{value}”不是大于等于 0 的整数"),
    "error.import.bad_bool": ("'{value}' is not yes or no (是/否)", "“{value}”不是“是”或“否”"),
    "error.import.unknown_village": (
        "unknown village '{value}' (nearest: {near}); add it first with village add or import villages",
        "未知的村（社区）“{value}”（相近：{near}），请先用 village add 或 import villages 添加",
    ),
    "error.import.unknown_township": (
        "unknown township '{value}' (nearest: {near}); add it first with township add or import townships",
        "未知的乡镇“{value}”（相近：{near}），请先用 township add 或 import townships 添加",
    ),
    "error.import.formula": (
        "the {name} cell is a formula ({formula}) saved without its value; open the file in Excel or WPS and save it, or type the value",
        "{name} 单元格是公式（{formula}），文件中没有保存其结果；请在 Excel 或 WPS 中打开并保存，或直接填写数值",
    ),
    "error.import.duplicate_ref": (
        "ref {ref} appears again (first in row {other})",
        "序号 {ref} 重复（第 {other} 行已有）",
    ),
    "error.import.duplicate_key": (
        "{name} appears again (first in row {other})",
        "{name} 重复（第 {other} 行已有）",
    ),
    "error.import.same_row": (
        "the same as row {other}; give the rows a 序号 (ref) column to keep both",
        "与第 {other} 行相同；如两行都要保留，请加“序号”列",
    ),
    "error.import.exists_differently": (
        "{name} is already in the ledger with other values; change it there, or fix the row",
        "台账中已有 {name}，但内容不同；请在台账中修改，或更正此行",
    ),
    "error.import.wrong_township": (
        "village {village} is not in township {township}",
        "村 {village} 不属于乡镇 {township}",
    ),
    "error.import.close_needs_both": (
        "a closed issue needs both 办结日期 (closed) and 办理结果 (disposition)",
        "已办结的问题需同时填写办结日期和办理结果",
    ),
    "error.import.no_duplicate": (
        "a duplicate (重复) cannot be imported closed; import it open and close it with issue close --of",
        "“重复”无法在导入时办结；请先导入，再用 issue close --of 办结",
    ),
    "error.import.closed_needs_close": (
        "the status is closed but 办结日期 and 办理结果 are empty",
        "状态为已办结，但办结日期和办理结果为空",
    ),
    "error.import.open_but_closed": (
        "the status is open but 办结日期 is given",
        "状态为办理中，却填写了办结日期",
    ),
    "error.import.satisfaction_needs_close": (
        "满意度 (satisfaction) is only for a closed issue",
        "只有已办结的问题才能填写满意度",
    ),
    "error.import.unknown_issue": (
        "issue {value} is not in the ledger; import the issues first",
        "台账中没有问题 {value}，请先导入问题",
    ),
    "error.import.closed_before_received": (
        "办结日期 {closed} is before 受理日期 {received}",
        "办结日期 {closed} 早于受理日期 {received}",
    ),
}
