# ruff: noqa: E501  (the plans are tables: one record a line)
"""The demo's aid records, supervised cases and the township that joined in October (SPEC §9),
built through the library by make_demo.py after the issues and the roster.

- Aid (帮扶): what each pairing delivered July–November (funds 资金, goods 物资, projects 项目,
  services 服务, training 培训), some to households, some with the cadres who delivered it and
  a few tied to the issue they helped close.
- Supervised cases (挂牌督办): a few open cases under a county leader or a bureau as lead.
- 华溪镇 joined the campaign in October: its villages have households but nothing in Q3, so
  the 2026-Q3 bulletin has a township whose rates are null (unranked).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

# The township that joined in October: code, name, clerk; its villages.
LATE_TOWNSHIP = ("huaxizhen", "华溪镇", "华溪镇党政办 孔文书")
LATE_VILLAGES = [
    # code, name, kind, households, village cadre
    ("tianxin", "田心村", "village", 318, "孔繁荣"),
    ("fenghuang", "凤凰村", "village", 274, "何国强"),
]
LATE_ISSUES = [
    # village, received, title, category, detail, closed on (None: open)
    ("tianxin", "2026-10-12", "田心村至镇上道路坑洼", "hardship", "雨天积水，学生上学不便", "2026-10-26"),
    ("fenghuang", "2026-10-20", "凤凰村文化活动室缺少桌椅", "suggestion", "群众希望添置桌椅开展活动", None),
    ("tianxin", "2026-11-03", "灌溉渠渗漏", "hardship", "渠道年久失修，下游田块缺水", None),
]

# Pairing id (P1… in make_demo.PAIRINGS order): what it delivered. Each line: date, kind,
# title, amount (None: no money), household (index into the pairing's households, or None),
# cadres (names on the roster).
AID_PLANS: dict[str, list[tuple[str, str, str, str | None, int | None, tuple[str, ...]]]] = {
    "P1": [  # 县水务局 ↔ 绿塘子村
        ("2026-07-08", "project", "人饮管网改造", "18.6万", None, ("张伟(水务局)",)),
        ("2026-09-15", "goods", "抽水泵 2 台", "7,400", None, ("张伟(水务局)", "王建国")),
        ("2026-11-05", "funds", "水窖修缮补助", "1.2万", None, ("张伟(水务局)",)),
    ],
    "P2": [  # 县交通运输局 ↔ 岩箐村
        ("2026-08-03", "project", "村组道路硬化 1.2 公里", "46万", None, ("赵晓燕",)),
        ("2026-10-18", "service", "农村客运班线延伸到村", None, None, ()),
    ],
    "P3": [  # 县医疗保障局 ↔ 碧溪村
        ("2026-07-20", "service", "医保政策进村宣讲和代办", None, None, ("刘海",)),
        ("2026-08-26", "funds", "大病户医疗救助", "8,650.50", None, ("刘海",)),
        ("2026-10-09", "training", "村医业务培训", "2,400", None, ("刘海", "普志强")),
    ],
    "P4": [  # 县委副书记 李平 ↔ 糯租村
        ("2026-07-14", "project", "糯租村产业路", "30万", None, ("李平", "陶应全")),
        ("2026-09-22", "funds", "村集体经济发展资金", "10万", None, ("李平",)),
    ],
    "P5": [  # 副县长 陈湘 ↔ 红甸村
        ("2026-08-11", "project", "红甸村烤烟房改造", "12万", None, ("陈湘", "李春华")),
        ("2026-11-12", "goods", "冬春救助棉被 60 床", "7,800", None, ("陈湘",)),
    ],
    "P6": [  # 县民政局 杨秀兰 ↔ 中村（马家、钱家）
        ("2026-07-03", "goods", "米面油慰问", "600", 0, ()),
        ("2026-07-03", "goods", "米面油慰问", "600", 1, ()),
        ("2026-09-28", "funds", "临时救助金", "3,000", 1, ()),
        ("2026-11-16", "funds", "危房改造补助", "2.5万", 0, ("李春华",)),
    ],
    "P7": [  # 县人社局 段志明 ↔ 华溪村（段家），结对到 9 月 30 日
        ("2026-07-25", "service", "推荐到县城企业就业", None, 0, ("段云飞",)),
        ("2026-09-10", "training", "电工技能培训", "1,800", 0, ()),
    ],
    "P8": [  # 青龙镇 普学文 ↔ 海镜村（李家、张家、陶家）
        ("2026-07-30", "goods", "化肥 2 吨", "4,600.50", 1, ("王建国",)),
        ("2026-08-30", "funds", "助学金", "2,000", 2, ()),
        ("2026-10-21", "service", "代办残疾人两项补贴", None, 0, ("陶丽",)),
    ],
    "P9": [  # 第一书记 张晓东 ↔ 岩箐村
        ("2026-07-17", "training", "核桃提质增效培训", "3,200", None, ("赵晓燕",)),
        ("2026-09-05", "project", "核桃初加工设备", "9.8万", None, ("赵晓燕", "段永红")),
    ],
    "P10": [  # 第一书记 吴敏 ↔ 大庄村
        ("2026-08-19", "training", "电商直播培训", "2,600", None, ("普志强",)),
        ("2026-10-30", "funds", "村集体经济合作社启动资金", "5万", None, ()),
    ],
    "P11": [  # 县住建局驻村工作队 ↔ 上腊坝村
        ("2026-07-09", "project", "危房改造（3 户）", "10.5万", None, ("李春生", "段永红")),
        ("2026-08-21", "service", "农房质量安全排查", None, None, ("李春生",)),
        ("2026-11-08", "goods", "建材补助（水泥 20 吨）", "9,200", None, ("李春华",)),
    ],
    "P15": [  # 青龙镇 王建国 ↔ 大坡村（结对户）
        ("2026-08-08", "goods", "仔猪 2 头", "1,600", 0, ("王建国",)),
        ("2026-10-26", "funds", "产业奖补", "5,000", 1, ("王建国",)),
    ],
    "P17": [  # 上腊坝村 李春生 ↔ 结对户
        ("2026-07-22", "service", "代办医保参保", None, 0, ("李春生",)),
        ("2026-09-12", "funds", "助学补助", "1,500", 2, ("李春生",)),
    ],
    "P13": [  # 宁州街道党工委书记 黄海 ↔ 城南社区
        ("2026-09-18", "funds", "社区养老服务站建设", "6万", None, ("王敏",)),
    ],
    "P14": [  # 县人力资源和社会保障局 ↔ 新街社区
        ("2026-07-28", "training", "家政服务培训", "4,500", None, ("张伟(教育局)",)),
        ("2026-10-15", "service", "就业岗位专场招聘会", None, None, ("王敏",)),
    ],
}
# Aid that no pairing delivered (a township's own help); the issue it helped close is found
# among the closed, resolved issues of the village.
LOOSE_AID = [
    ("dapo", "2026-08-14", "funds", "因灾受损农户救助", "1.5万", ("王建国", "张继红"), True),
    ("huaxi", "2026-09-02", "goods", "抗旱送水（水车 12 车次）", "3,600", ("段云飞",), True),
    ("shanglaba", "2026-10-05", "service", "农技员田间指导", None, (), False),
]

SUPERVISED = [
    # how many open issues to supervise, lead, reason, days given from the supervision day (None: keep)
    ("李平", "群众反映强烈，县委副书记包案，限期办结", 20),
    ("陈湘", "跨部门事项，副县长牵头协调", 15),
    ("县住建局", "住建领域难点，局主要负责人包案", None),
    ("王建国", "乡镇领导包案，定人定责定时限", 10),
]


def add_late_township(ledger: Any, actor: str) -> None:
    """华溪镇 and its villages (before any issue is numbered, so numbers stay put), and nothing
    else yet: its issues come in October (`add_late_issues`)."""
    from ledger.places import add_township, add_village

    code, name, _clerk = LATE_TOWNSHIP
    add_township(ledger, code, name, actor=actor)
    for village, vname, kind, households, _cadre in LATE_VILLAGES:
        add_village(ledger, village, vname, code, households=households, kind=kind, actor=actor)


def add_late_issues(ledger: Any) -> None:
    from ledger import lifecycle

    clerk = LATE_TOWNSHIP[2]
    owners = {v[0]: v[4] for v in LATE_VILLAGES}
    for village, received, title, category, detail, closed in LATE_ISSUES:
        issue = lifecycle.open_issue(
            ledger, village=village, title=title, category=category, detail=detail, owner=owners[village],
            source="visit", date=received, actor=clerk,
        )  # fmt: skip
        if closed is not None:
            lifecycle.close(ledger, issue.number, disposition="resolved", note="镇村两级协调解决", date=closed,
                            actor=clerk)  # fmt: skip


def add_aid_records(ledger: Any, rng: random.Random, actor: str) -> None:
    from ledger.aids import add_aid
    from ledger.lifecycle import list_issues
    from ledger.places import list_pairings
    from ledger.roster import resolve_cadre

    pairings = {p.id: p for p in list_pairings(ledger)}
    planned: list[tuple[str, dict[str, Any]]] = []
    for pid, lines in AID_PLANS.items():
        pairing = pairings[pid]
        for day, kind, title, amount, household, cadres in lines:
            when = date.fromisoformat(day)
            assert pairing.active_on(when), (pid, day)
            planned.append((day, {
                "village": pairing.village, "kind": kind, "title": title, "amount": amount, "pairing": pid,
                "cadres": [resolve_cadre(ledger, name).id for name in cadres],
                "household": pairing.households[household] if household is not None else None,
            }))  # fmt: skip
    resolved = list_issues(ledger, status="closed")
    for village, day, kind, title, amount, cadres, helped in LOOSE_AID:
        issue = None
        if helped:
            done = [f for f in resolved if f.village == village and f.disposition == "resolved"
                    and f.closed is not None and f.closed >= date.fromisoformat(day)]  # fmt: skip
            issue = rng.choice(done).number if done else None
        planned.append((day, {
            "village": village, "kind": kind, "title": title, "amount": amount, "pairing": None,
            "cadres": [resolve_cadre(ledger, name).id for name in cadres], "household": None, "issue": issue,
        }))  # fmt: skip
    planned.sort(key=lambda item: item[0])  # ids in date order, as a clerk enters them
    for day, fields in planned:
        add_aid(ledger, day=date.fromisoformat(day), actor=actor, **fields)


def supervise_some(ledger: Any, rng: random.Random, last_day: date, actor: str) -> None:
    """Put a few open issues under supervision, each the day after its last event (at the latest
    `last_day`), the county's hardest first: escalated to the county, then the most overdue."""
    from ledger import lifecycle

    open_now = lifecycle.list_issues(ledger, status="open")
    ranked = sorted(open_now, key=lambda f: (f.level != "county", f.deadline, f.sort_key))
    for (lead, reason, days), facts in zip(SUPERVISED, ranked, strict=False):
        day = min(facts.events[-1].day + timedelta(days=rng.randint(1, 4)), last_day)
        due = day + timedelta(days=days) if days is not None else None
        lifecycle.supervise(
            ledger, facts.number, lead=lead, reason=reason, deadline=due, date=day.isoformat(), actor=actor
        )


def quarter_end_followups(ledger: Any, actor: str) -> None:
    """A round of quarter-end follow-ups (季度末集中回访, 2026-09-29) in one township, as many as
    make its Q3 satisfaction rate equal another's, so the demo's 2026-Q3 bulletin shows a tie
    (1, 2, 2, 4) whatever the random stories gave. The fewest follow-ups win; each goes to an
    issue closed by then with nothing after that day."""
    from fractions import Fraction

    from ledger import lifecycle
    from ledger.readers import bulletin_report

    day = date(2026, 9, 29)
    rows = bulletin_report(ledger, "2026-Q3")["rows"]
    rates = {r["township"]: (r["satisfied"] + r["basically"], r["followups"]) for r in rows if r["followups"]}
    closed = lifecycle.list_issues(ledger, status="closed")
    from ledger.places import village_townships

    towns = village_townships(ledger)
    best: tuple[int, str, int, int] | None = None  # (count, township, satisfied, unsatisfied)
    for code, (good, total) in sorted(rates.items()):
        ready = [f for f in closed if towns.get(f.village) == code and f.events[-1].day <= day]
        if not ready:
            continue
        for other, (ogood, ototal) in sorted(rates.items()):
            if other == code or Fraction(good, total) == Fraction(ogood, ototal):
                continue
            for n in range(1, 21):
                for happy in range(n + 1):
                    if Fraction(good + happy, total + n) == Fraction(ogood, ototal):
                        if best is None or n < best[0]:
                            best = (n, code, happy, n - happy)
                        break
                else:
                    continue
                break
    if best is None:
        return
    _n, code, happy, unhappy = best
    ready = sorted(
        (f for f in closed if towns.get(f.village) == code and f.events[-1].day <= day),
        key=lambda f: f.sort_key,
    )
    answers = ["satisfied"] * happy + ["unsatisfied"] * unhappy
    for i, answer in enumerate(answers):
        note = "季度末集中回访，群众表示满意" if answer == "satisfied" else "季度末集中回访，群众认为仍未解决"
        lifecycle.followup(
            ledger,
            ready[i % len(ready)].number,
            satisfaction=answer,
            note=note,
            date=day.isoformat(),
            actor=actor,
        )
