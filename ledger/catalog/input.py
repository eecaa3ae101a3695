"""Messages about input as clerks type it: implausible values, text that is not UTF-8, unknown
places with their nearest codes, environment variables, the prompt (SPEC §4)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "input.implausible_date": (
        "{what} '{value}' is not a plausible date: dates from {first} to {last} are taken",
        "{what}“{value}”不像真实日期：只接受 {first} 至 {last} 之间的日期",
    ),
    "input.bad_count": (
        "{what} must be a whole number such as 412, not '{value}'",
        "{what} 应为 412 这样的整数，而不是“{value}”",
    ),
    "input.negative_count": (
        "{what} cannot be below 0 (got '{value}')",
        "{what} 不能小于 0（输入的是“{value}”）",
    ),
    "input.implausible_count": (
        "{what} '{value}' is not plausible: at most {limit} is taken",
        "{what}“{value}”不合常理：最多为 {limit}",
    ),
    "input.not_a_phone": (
        "{what} '{value}' is not a phone number: type a mobile of 11 digits (13812345678), a landline with its area code (0871-5123456), or 无 for none",
        "{what}“{value}”不是电话号码：请输入 11 位手机号（13812345678）或带区号的固定电话（0871-5123456），没有电话写“无”",
    ),
    "input.not_utf8.argv": (
        "the command line is not UTF-8 text ('{value}' when read as GBK): the terminal seems set to GBK; set it to UTF-8 (e.g. LANG=zh_CN.UTF-8) and type it again. Nothing was written",
        "命令行不是 UTF-8 文字（按 GBK 读作“{value}”）：终端可能设成了 GBK 编码；请改为 UTF-8（如 LANG=zh_CN.UTF-8）后重新输入。未写入任何内容",
    ),
    "input.not_utf8.answer": (
        "the answer is not UTF-8 text ('{value}' when read as GBK): the terminal seems set to GBK; set it to UTF-8 (e.g. LANG=zh_CN.UTF-8), then type it again",
        "输入的内容不是 UTF-8 文字（按 GBK 读作“{value}”）：终端可能设成了 GBK 编码；请改为 UTF-8（如 LANG=zh_CN.UTF-8）后重新输入",
    ),
    "input.deadline_too_far": (
        "the deadline {deadline} is more than {years} years after {day}: check the date",
        "办结时限 {deadline} 距 {day} 超过 {years} 年：请检查日期",
    ),
}

MESSAGES.update(
    {
        "env.bad.folder": ("${name}='{value}' is not a folder name", "${name}=“{value}”不是有效的目录名"),
        "env.bad.name": (
            "${name}='{value}' is not a name (no control characters, at most 200 characters)",
            "${name}=“{value}”不是有效的姓名（不能含控制字符，最多 200 字）",
        ),
        "env.bad.office": (
            "${name}='{value}' is not an office code; use 1–10 letters or digits starting with a letter, e.g. QL",
            "${name}=“{value}”不是有效的办公室代码，应为以字母开头的 1–10 位字母或数字，如 QL",
        ),
        "env.bad.lang": ("${name}='{value}': use en or zh", "${name}=“{value}”：请用 en 或 zh"),
        "env.bad.now": (
            "${name}='{value}' is not a date and time like 2026-03-05T10:30:00+08:00",
            "${name}=“{value}”不是 2026-03-05T10:30:00+08:00 这样的日期时间",
        ),
        "env.bad.flag": (
            "${name}='{value}': use 1 (yes) or 0 (no)",
            "${name}=“{value}”：请用 1（是）或 0（否）",
        ),
        "env.bad.seconds": (
            "${name}='{value}' is not a number of seconds from 0 to 86400",
            "${name}=“{value}”不是 0 到 86400 之间的秒数",
        ),
        "env.bad.utf8": (
            "${name}='{value}' is not UTF-8 text: the terminal seems set to GBK; set it to UTF-8",
            "${name}=“{value}”不是 UTF-8 文字：终端可能设成了 GBK 编码，请改为 UTF-8",
        ),
        "env.no_ledger": (
            "$CASELEDGER_ROOT='{path}' holds no ledger (no ledger.yaml there): fix or unset it",
            "$CASELEDGER_ROOT=“{path}”处没有台账（没有 ledger.yaml）：请改正或取消该变量",
        ),
    }
)

MESSAGES.update(
    {
        "help.opt.install_completion": (
            "Install completion (Tab key) for your shell: bash, zsh or fish.",
            "为所用的 shell（bash、zsh 或 fish）安装命令补全（Tab 键）。",
        ),
        "help.opt.show_completion": (
            "Print the completion script of your shell, to install it by hand.",
            "显示所用 shell 的补全脚本，以便手动安装。",
        ),
        "completion.unknown_shell": (
            "cannot tell which shell you use; completion is for {shells}: set $SHELL (e.g. SHELL=/bin/bash)",
            "无法判断所用的 shell；补全支持 {shells}：请设置 $SHELL（如 SHELL=/bin/bash）",
        ),
        "completion.installed": (
            "{shell} completion installed in {path}; it takes effect in a new terminal",
            "已为 {shell} 安装命令补全（{path}），新开终端后生效",
        ),
    }
)

MESSAGES.update(
    {
        "place.no_village_near": (
            "no village '{code}'; the nearest: {near}",
            "没有代码或名称为“{code}”的村（社区）；相近的有：{near}",
        ),
        "place.no_township_near": (
            "no township '{code}'; the nearest: {near}",
            "没有代码或名称为“{code}”的乡镇；相近的有：{near}",
        ),
        "place.village_ambiguous": (
            "more than one village is called '{text}': {candidates}; type its code",
            "名为“{text}”的村（社区）不止一个：{candidates}；请输入代码",
        ),
        "place.township_ambiguous": (
            "more than one township is called '{text}': {candidates}; type its code",
            "名为“{text}”的乡镇不止一个：{candidates}；请输入代码",
        ),
    }
)

MESSAGES.update(
    {
        "ask.village": ("Village (code or name)", "村（社区）（代码或名称）"),
        "ask.category": (
            "Category (conduct, hardship, shortfall, suggestion)",
            "类别（干部作风、实际困难、工作不足、发展建议）",
        ),
    }
)
