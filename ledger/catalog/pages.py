"""Messages of the printable pages (`--format html`) and the contact cards (`caseledger cards`)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the frame -------------------------------------------------------------------------
    "pages.footer": (
        "{name} · {title} · page {page} of {pages}",
        "{name} · {title} · 第 {page} 页 / 共 {pages} 页",
    ),
    "pages.colon": (": ", "："),
    "pages.yes": ("yes", "是"),
    "pages.no": ("no", "否"),
    "pages.list_sep": (", ", "、"),
    "pages.period": ("Period", "统计期间"),
    "pages.span": ("{first} to {last}", "{first} 至 {last}"),
    "pages.as_of": ("As of", "截至"),
    "pages.village": ("Village", "村（社区）"),
    "pages.empty": ("Nothing to list.", "暂无。"),
    "pages.count": ("{count} in all.", "共 {count} 件。"),
    "pages.chart.none": ("—", "—"),
    # -- report month ----------------------------------------------------------------------
    "pages.title.month": ("Month-end summary {month}", "{month} 月底梳理汇总"),
    "pages.month.figures": ("Figures by township", "各乡镇指标"),
    "pages.month.rates": ("Close and on-time rates by township", "各乡镇办结率与按期办结率"),
    "pages.month.dispositions": ("Closes by disposition", "办结方式分布"),
    # -- report overdue --------------------------------------------------------------------
    "pages.title.overdue": ("Overdue issues", "超期问题清单"),
    "pages.overdue.empty": ("No issue is past its deadline.", "没有超期问题。"),
    # -- report notice ---------------------------------------------------------------------
    "pages.title.notice": ("{village}: notice board (公示)", "{village}民情办理公示栏"),
    "pages.notice.empty": (
        "Nothing to post: no public issue is open or was closed in the last 30 days.",
        "暂无公示事项：没有在办或近 30 天内办结的公开事项。",
    ),
    # -- cards -----------------------------------------------------------------------------
    "pages.title.cards": ("Contact cards", "民情联系卡"),
    "pages.card.title": ("Contact card", "干群连心卡"),
    "pages.card.help": ("In need? Come to me.", "有困难找我"),
    "pages.card.cadre": ("Cadre", "联系干部"),
    "pages.card.post": ("Post", "职务"),
    "pages.card.unit": ("Unit", "单位"),
    "pages.card.phone": ("Work phone", "联系电话"),
    "pages.card.village": ("Village", "联系村（社区）"),
    "pages.card.household": ("Household", "联系户"),
    "pages.card.duty": ("Duty days", "一线工作日"),
    "pages.card.cut": ("Cut along the dashed lines.", "沿虚线裁开。"),
    "pages.cards.empty": (
        "No card: no active pairing with a cadre.",
        "没有可制卡的结对：没有在期且指定了干部的结对。",
    ),
    "pages.cards.meta": ("{count} cards", "共 {count} 张"),
    "pages.weekday.monday": ("Monday", "周一"),
    "pages.weekday.tuesday": ("Tuesday", "周二"),
    "pages.weekday.wednesday": ("Wednesday", "周三"),
    "pages.weekday.thursday": ("Thursday", "周四"),
    "pages.weekday.friday": ("Friday", "周五"),
    "pages.weekday.saturday": ("Saturday", "周六"),
    "pages.weekday.sunday": ("Sunday", "周日"),
}
