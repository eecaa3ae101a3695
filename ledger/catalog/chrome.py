"""Words around the commands: the help pages' own headings and notes, click's usage errors and
pydantic's validation messages, said in the clerk's language."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the help page ----------------------------------------------------------------------
    "help.chrome.usage": ("Usage:", "用法："),
    "help.chrome.arguments": ("Arguments:", "参数："),
    "help.chrome.options": ("Options:", "选项："),
    "help.chrome.commands": ("Commands:", "命令："),
    "help.chrome.options_metavar": ("OPTIONS", "选项"),
    "help.chrome.command_metavar": ("COMMAND [ARGS]", "命令 [参数]"),
    "help.chrome.required": ("[required]", "[必填]"),
    "help.chrome.default": ("[default: {value}]", "[默认：{value}]"),
    "help.chrome.help": ("Show this help and exit.", "显示本帮助并退出。"),
    "help.chrome.choices": ("One of: {choices}.", "可选：{choices}。"),
    # placeholders after an option's name
    "help.meta.text": ("TEXT", "文本"),
    "help.meta.count": ("N", "数量"),
    "help.meta.date": ("DATE", "日期"),
    "help.meta.code": ("CODE", "代码"),
    "help.meta.number": ("NUMBER", "编号"),
    "help.meta.file": ("FILE", "文件"),
    "help.meta.dir": ("DIR", "目录"),
    "help.meta.format": ("FORMAT", "格式"),
    "help.meta.lang": ("en|zh", "en|zh"),
    "help.meta.name": ("NAME", "姓名"),
    "help.meta.title_name": ("NAME", "名称"),
    "help.meta.party": ("NAME", "名称"),
    "help.meta.cadre": ("CADRE", "干部"),
    "help.meta.phone": ("PHONE", "电话"),
    "help.meta.category": ("CATEGORY", "类别"),
    "help.meta.source": ("SOURCE", "来源"),
    "help.meta.disposition": ("DISPOSITION", "结果"),
    "help.meta.satisfaction": ("SATISFACTION", "满意度"),
    "help.meta.level": ("LEVEL", "层级"),
    "help.meta.rank": ("RANK", "级别"),
    "help.meta.status": ("STATUS", "状态"),
    "help.meta.kind": ("KIND", "类型"),
    "help.meta.title": ("TEXT", "标题"),
    "help.meta.reason": ("TEXT", "原因"),
    "help.meta.note": ("TEXT", "说明"),
}
