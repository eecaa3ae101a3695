"""Messages of the foundation: errors, global options, setup, townships, villages, pairings."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- errors -----------------------------------------------------------------------------
    "error.prefix": ("error", "错误"),
    "error.bad_date": (
        "{what} must be a date like 2026-03-01, not '{value}'",
        "{what} 应为 2026-03-01 这样的日期，而不是“{value}”",
    ),
    "error.bad_month": (
        "the month must look like 2026-03, not '{value}'",
        "月份应为 2026-03 这样的格式，而不是“{value}”",
    ),
    "error.bad_enum": (
        "'{value}' is not a {kind}; use one of: {accepted}",
        "“{value}”不是有效的{kind}，可用：{accepted}",
    ),
    "error.bad_number": (
        "'{value}' is not an issue number; type it as 42, #42 or QL-42",
        "“{value}”不是问题编号，请输入 42、#42 或 QL-42",
    ),
    "error.bad_office": (
        "'{value}' is not an office code; use 1–10 letters or digits starting with a letter, e.g. QL",
        "“{value}”不是有效的办公室代码，应为以字母开头的 1–10 位字母或数字，如 QL",
    ),
    "error.bad_township_code": (
        "'{code}' is not a township code; use lowercase letters, digits, '-' or '_'",
        "“{code}”不是有效的乡镇代码，只能用小写字母、数字、“-”或“_”",
    ),
    "error.bad_village_code": (
        "'{code}' is not a village code; use lowercase letters, digits, '-' or '_'",
        "“{code}”不是有效的村代码，只能用小写字母、数字、“-”或“_”",
    ),
    "error.bad_pairing_code": (
        "'{code}' is not a pairing id; it looks like P3 or QL-P3",
        "“{code}”不是结对编号，应为 P3 或 QL-P3 这样的格式",
    ),
    "error.before_last_event": (
        "the date {value} is earlier than the issue's last event ({last})",
        "日期 {value} 早于该问题的最后一条记录（{last}）",
    ),
    "error.busy": (
        "another caseledger command has held the ledger for {seconds} s; try again",
        "另一条 caseledger 命令已占用台账 {seconds} 秒，请稍后再试",
    ),
    "error.field": ("{field}: {problem}", "{field}：{problem}"),
    "error.field_value": ("{field}: {problem}", "{field}：{problem}"),
    "error.file_exists": ("{path} already exists", "{path} 已存在"),
    "error.file_missing": ("{path} does not exist", "{path} 不存在"),
    "error.future_date": (
        "the date {value} is in the future",
        "日期 {value} 晚于当前时间",
    ),
    "error.git_failed": ("git: {detail}", "git 出错：{detail}"),
    "error.ledger_exists": (
        "{path} already holds a ledger (ledger.yaml)",
        "{path} 已有台账（ledger.yaml）",
    ),
    "error.no_ledger": (
        "no ledger here or above {path}: run 'caseledger init' or pass -C PATH",
        "{path} 及其上级目录中没有台账：请先运行 caseledger init，或用 -C 指定目录",
    ),
    "error.no_ledger_at": (
        "{path} is not a ledger (no ledger.yaml there)",
        "{path} 不是台账目录（没有 ledger.yaml）",
    ),
    "error.not_git": (
        "cannot commit: {path} is not in a git repository (run 'caseledger init --git' or 'git init')",
        "无法提交：{path} 不在 git 仓库中（请用 caseledger init --git 或 git init）",
    ),
    "error.no_township": ("no township '{code}'", "没有代码为“{code}”的乡镇"),
    "error.no_village": ("no village '{code}'", "没有代码为“{code}”的村（社区）"),
    "error.no_pairing": ("no pairing '{code}'", "没有编号为“{code}”的结对"),
    "error.pairing_end_before_start": (
        "pairing {code} cannot end before it began ({since})",
        "结对 {code} 的结束日期不能早于开始日期（{since}）",
    ),
    "error.pairing_ended": (
        "pairing {code} already ended on {day}",
        "结对 {code} 已于 {day} 结束",
    ),
    "error.township_exists": ("township '{code}' already exists", "乡镇“{code}”已存在"),
    "error.village_exists": ("village '{code}' already exists", "村（社区）“{code}”已存在"),
    "error.yaml.alias": (
        "YAML anchors and aliases (&, *) are not allowed in a record",
        "记录中不允许使用 YAML 锚点或别名（&、*）",
    ),
    "error.yaml.control": (
        "the file contains a NUL or control character",
        "文件含有空字符或控制字符",
    ),
    "error.yaml.duplicate_key": ("a key appears twice", "有重复的键"),
    "error.yaml.not_mapping": (
        "a record file must be a mapping of keys to values",
        "记录文件应为“键: 值”的映射",
    ),
    "error.yaml.not_utf8": ("the file is not UTF-8 text", "文件不是 UTF-8 编码的文本"),
    "error.yaml.syntax": ("YAML syntax error: {problem}", "YAML 语法错误：{problem}"),
    "error.yaml.chinese_colon": (
        "a Chinese colon '：' after the key: write an ASCII ':' followed by a space",
        "键后面用了中文冒号“：”，请改为英文冒号“:”并在后面加一个空格",
    ),
    "error.yaml.tag": (
        "YAML tags such as {tag} are not allowed in a record",
        "记录中不允许使用 YAML 标签（如 {tag}）",
    ),
    "error.yaml.too_big": (
        "the file is {size} bytes; a record file may be at most {limit}",
        "文件大小为 {size} 字节，记录文件最大为 {limit} 字节",
    ),
    "error.internal": (
        "unexpected {kind}: {detail} (please report this)",
        "意外错误 {kind}：{detail}（请报告此问题）",
    ),
    "error.os": ("{detail}", "{detail}"),
    "error.interrupted": ("interrupted; nothing was written", "已中断，未写入任何内容"),
    # -- help: the app and its global options ------------------------------------------------
    "help.app": (
        "caseledger — the case ledger (民情台账) of a cadres-visit-the-villages campaign.\n\n"
        "Records townships, villages, pairings and residents' issues as plain YAML files, "
        "routes issues village → township → county, closes them out by number and sums up "
        "each month. Run any command with --help to learn it.",
        "caseledger —— 干部下基层、访民情、解民忧的民情台账。\n\n"
        "用纯 YAML 文件记录乡镇、村（社区）、结对和群众诉求；问题按村 → 乡镇 → 县逐级上报，"
        "按编号销号，每月汇总。任何命令加 --help 可查看用法。",
    ),
    "help.opt.root": (
        "The ledger folder (default: $CASELEDGER_ROOT, else the nearest folder upward holding ledger.yaml).",
        "台账目录（默认：$CASELEDGER_ROOT，否则为向上最近的含 ledger.yaml 的目录）。",
    ),
    "help.opt.actor": (
        "Who is acting, recorded in history and git (default: $CASELEDGER_ACTOR, git user.name, login).",
        "操作人，记入历史和 git（默认：$CASELEDGER_ACTOR、git 用户名或登录名）。",
    ),
    "help.opt.lang": (
        "Language of output: en or zh (default: $CASELEDGER_LANG, the ledger's lang, else $LANG).",
        "输出语言：en 或 zh（默认：$CASELEDGER_LANG、台账设置，否则按 $LANG）。",
    ),
    "help.opt.commit": (
        "Commit this write to git even when autocommit is off.",
        "即使未开启自动提交，也将本次修改提交到 git。",
    ),
    "help.opt.format": (
        "Output format: table, json, csv, tsv, markdown, plain, xlsx (a workbook: use it with --output) or html (a page to print on A4: use it with --output too).",
        "输出格式：table、json、csv、tsv、markdown、plain、xlsx（Excel 工作簿，配合 --output 使用）或 html（可在 A4 纸上打印的网页，也配合 --output 使用）。",
    ),
    "help.opt.version": ("Show the version and exit.", "显示版本号并退出。"),
    # -- help: init and office ---------------------------------------------------------------
    "help.init": (
        "Create a new ledger in DIR (default: the current folder).\n\n"
        "Example: caseledger init huaning --name 华宁县民情台账 --office QL --git",
        "在指定目录（默认当前目录）新建台账。\n\n示例：caseledger init huaning --name 华宁县民情台账 --office QL --git",
    ),
    "help.init.dir": ("Folder to create the ledger in.", "新建台账的目录。"),
    "help.init.name": ("The ledger's name, e.g. 华宁县民情台账.", "台账名称，如“华宁县民情台账”。"),
    "help.init.office": (
        "This copy's number prefix (e.g. QL gives QL-1, QL-2 and so on).",
        "本副本的编号前缀（如 QL，编号为 QL-1、QL-2 等）。",
    ),
    "help.init.git": (
        "Also make the folder a git repository (the audit trail).",
        "同时将目录初始化为 git 仓库（作为留痕记录）。",
    ),
    "help.office": (
        "Show this copy's office prefix, or set it to CODE (stored in ledger.local.yaml, not in git).",
        "显示本副本的办公室编号前缀，或设为给定的代码（保存在 ledger.local.yaml，不进 git）。",
    ),
    "help.office.code": ("The new prefix, e.g. QL.", "新前缀，如 QL。"),
    "msg.initialized": ("created ledger {name} in {path}", "已在 {path} 新建台账“{name}”"),
    "msg.office_none": (
        "no office prefix set (caseledger office CODE sets one)",
        "未设置办公室前缀（用 caseledger office 代码 设置，如 caseledger office QL）",
    ),
    # -- help: townships, villages, pairings ------------------------------------------------
    "help.township": ("Townships (乡/镇/街道): add and list.", "乡镇（乡/镇/街道）：新增、列表。"),
    "help.township.add": (
        "Add a township.\n\nExample: caseledger township add qinglong --name 青龙镇",
        "新增乡镇。\n\n示例：caseledger township add qinglong --name 青龙镇",
    ),
    "help.township.list": ("List townships.", "列出乡镇。"),
    "help.code": ("Short code: lowercase letters, digits, '-'.", "简码：小写字母、数字或“-”。"),
    "help.name": ("The name as people know it.", "名称。"),
    "help.village": (
        "Villages and communities (村/社区): add, list, show.",
        "村（社区）：新增、列表、查看。",
    ),
    "help.village.add": (
        "Add a village or community.\n\n"
        "Example: caseledger village add dapo --name 大坡村 --township qinglong --households 412",
        "新增村（社区）。\n\n示例：caseledger village add dapo --name 大坡村 --township qinglong --households 412",
    ),
    "help.village.list": (
        "List villages, optionally of one township.",
        "列出村（社区），可按乡镇筛选。",
    ),
    "help.village.show": (
        "Show one village with its pairings.",
        "查看一个村（社区）及其结对情况。",
    ),
    "help.village.township": ("Code of the township.", "所属乡镇代码。"),
    "help.village.households": ("Number of households.", "户数。"),
    "help.village.kind": (
        "village (村) or community (社区).",
        "village（村）或 community（社区）。",
    ),
    "help.pairing": ("Pairings (结对): add, list, end.", "结对：新增、列表、结束。"),
    "help.pairing.add": (
        "Pair an official or unit with a village (and households).\n\n"
        "Kinds: unit-village 单位包村, leader-village 领导联系点, cadre-household 干部结对户, "
        "first-secretary 驻村第一书记, work-team 驻村工作队.\n\n"
        "Example: caseledger pairing add --kind 单位包村 --party 县水务局 --village dapo",
        "将干部或单位与村（及农户）结对。\n\n"
        "类型：unit-village 单位包村、leader-village 领导联系点、cadre-household 干部结对户、"
        "first-secretary 驻村第一书记、work-team 驻村工作队。\n\n"
        "示例：caseledger pairing add --kind 单位包村 --party 县水务局 --village dapo",
    ),
    "help.pairing.kind": (
        "Kind of pairing (English key or Chinese label).",
        "结对类型（英文或中文）。",
    ),
    "help.pairing.party": ("The official or the unit.", "结对干部或单位。"),
    "help.pairing.village": ("Code of the village.", "村（社区）代码。"),
    "help.pairing.household": ("A paired household (repeat for several).", "结对户（可重复）。"),
    "help.pairing.since": ("First day (default: today).", "开始日期（默认今天）。"),
    "help.pairing.until": ("Last day, if known.", "结束日期（如已知）。"),
    "help.pairing.visits": ("Visits promised per year.", "每年走访次数。"),
    "help.pairing.list": ("List pairings.", "列出结对。"),
    "help.pairing.filter_village": ("Only this village.", "仅此村。"),
    "help.pairing.filter_party": (
        "Only parties whose name contains this.",
        "仅名称包含此内容的结对方。",
    ),
    "help.pairing.active_on": ("Only pairings active on this day.", "仅在该日有效的结对。"),
    "help.pairing.end": ("End a pairing.", "结束一项结对。"),
    "help.pairing.id": ("The pairing's id, e.g. P3.", "结对编号，如 P3。"),
    "help.pairing.end_date": ("Its last day (default: today).", "结束日期（默认今天）。"),
    # -- column headers ----------------------------------------------------------------------
    "col.code": ("Code", "代码"),
    "col.name": ("Name", "名称"),
    "col.township": ("Township", "乡镇"),
    "col.village": ("Village", "村（社区）"),
    "col.kind": ("Kind", "类型"),
    "col.households": ("Households", "户数"),
    "col.villages": ("Villages", "村数"),
    "col.id": ("ID", "编号"),
    "col.party": ("Party", "结对方"),
    "col.since": ("Since", "开始"),
    "col.until": ("Until", "结束"),
    "col.visits_per_year": ("Visits/yr", "年走访"),
    "col.field": ("Field", "项目"),
    "col.value": ("Value", "内容"),
    "col.pairings": ("Pairings", "结对"),
    "msg.added": ("added {what} {code}", "已新增{what} {code}"),
    "msg.ended": ("pairing {code} ended on {day}", "结对 {code} 已于 {day} 结束"),
    "word.township": ("township", "乡镇"),
    "word.village": ("village", "村（社区）"),
    "word.pairing": ("pairing", "结对"),
}
