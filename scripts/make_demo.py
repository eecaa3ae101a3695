#!/usr/bin/env python3
"""Build the demo ledger (default `data/`): a county drawn from the seed documents.

    python scripts/make_demo.py [DIR]

Everything goes through the library (`ledger.setup`, `ledger.places`, `ledger.lifecycle`), so
the demo is always valid. It is deterministic: a fixed random seed, fixed actor names, and the
clock pinned with `$CASELEDGER_NOW`, so running it twice gives the same bytes (a test checks the
committed `data/` against a fresh run). DIR is wiped and rebuilt, but only when it is empty or
holds a ledger: any other folder is refused and left alone.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

NOW = "2026-11-20T17:00:00+08:00"
SEED = 20260701
LEDGER_NAME = "华宁县民情台账"
COUNTY_CLERK = "县群众工作办 赵文书"
# What a ledger folder may hold; anything else in DIR means it is not ours to wipe.
LEDGER_ENTRIES = {
    "ledger.yaml",
    "ledger.local.yaml",
    "townships",
    "villages",
    "pairings",
    "cadres",
    "visits",
    "aid",
    "issues",
    ".caseledger",
    ".gitkeep",
    "import",  # the demo spreadsheets (scripts/make_import_demo.py)
}

# -- places ---------------------------------------------------------------------------------

TOWNSHIPS = [
    # code, name, clerk (the actor who types the township's paper records in)
    ("qinglong", "青龙镇", "青龙镇党政办 陶文书"),
    ("panxi", "盘溪镇", "盘溪镇党政办 普文书"),
    ("tonghongdian", "通红甸乡", "通红甸乡党政办 李文书"),
    ("ningzhou", "宁州街道", "宁州街道党政办 王文书"),
]

VILLAGES = [
    # code, name, township, kind, households, village cadre (first owner)
    ("nuozu", "糯租村", "qinglong", "village", 486, "陶应全"),
    ("lvtangzi", "绿塘子村", "qinglong", "village", 44, "陶国华"),
    ("haijing", "海镜村", "qinglong", "village", 612, "李光明"),
    ("dapo", "大坡村", "qinglong", "village", 412, "张继红"),
    ("bixi", "碧溪村", "panxi", "village", 538, "普正发"),
    ("huaxi", "华溪村", "panxi", "village", 701, "段云飞"),
    ("dazhuang", "大庄村", "panxi", "village", 355, "孔德才"),
    ("panxi-community", "盘溪社区", "panxi", "community", 1260, "赵丽萍"),
    ("hongdian", "红甸村", "tonghongdian", "village", 297, "杨树林"),
    ("zhongcun", "中村", "tonghongdian", "village", 184, "马文兵"),
    ("yanjing", "岩箐村", "tonghongdian", "village", 126, "钱永福"),
    ("shanglaba", "上腊坝村", "tonghongdian", "village", 231, "李春生"),
    ("xinjie", "新街社区", "ningzhou", "community", 2140, "周雅琴"),
    ("chengnan", "城南社区", "ningzhou", "community", 1875, "黄志刚"),
    ("yuezhou", "月洲村", "ningzhou", "village", 563, "吴建华"),
    ("longtan", "龙潭村", "ningzhou", "village", 402, "施家顺"),
]

# Township and county owners by topic, for escalations.
# Cadres on the roster (scripts/demo_people.py): the issue gets owner 王建国 and owner_cadre C5.
TOWNSHIP_OWNERS = {
    "qinglong": "王建国",
    "panxi": "普志强",
    "tonghongdian": "李春华",
    "ningzhou": "王敏",
}

PAIRINGS = [
    # kind, party, village, households, since, until, visits per year
    ("unit-village", "县水务局", "lvtangzi", [], "2026-01-01", None, 12),
    ("unit-village", "县交通运输局", "yanjing", [], "2026-01-01", None, 12),
    ("unit-village", "县医疗保障局", "bixi", [], "2026-03-01", None, 6),
    ("leader-village", "县委副书记 李平", "nuozu", [], "2026-01-01", None, 4),
    ("leader-village", "副县长 陈湘", "hongdian", [], "2026-02-15", None, 4),
    (
        "cadre-household",
        "县民政局 杨秀兰",
        "zhongcun",
        ["马家（马有才户）", "钱家（钱桂英户）"],
        "2026-03-01",
        None,
        12,
    ),
    ("cadre-household", "县人社局 段志明", "huaxi", ["段家（段小兵户）"], "2026-03-01", "2026-09-30", 12),
    (
        "cadre-household",
        "青龙镇 普学文",
        "haijing",
        ["李家（李阿婆户）", "张家（张四户）", "陶家（陶二户）"],
        "2026-04-01",
        None,
        24,
    ),
    ("first-secretary", "县农业农村局 张晓东", "yanjing", [], "2025-09-01", None, None),
    ("first-secretary", "县自然资源局 吴敏", "dazhuang", [], "2026-05-01", None, None),
    ("work-team", "县住建局驻村工作队", "shanglaba", [], "2026-01-10", None, 24),
    ("work-team", "县供销社驻村工作队", "longtan", [], "2025-06-01", "2026-05-31", 24),
    ("leader-village", "宁州街道党工委书记 黄海", "chengnan", [], "2026-01-01", None, 6),
    ("unit-village", "县人力资源和社会保障局", "xinjie", [], "2026-01-01", None, 6),
]

# -- issues ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Need:
    category: str
    title: str
    detail: str
    topics: tuple[str, ...]
    county_owner: str
    private: bool | None = None


NEEDS = [
    Need(
        "hardship",
        "村民小组泉水干涸，44 户人畜饮水困难",
        "连续干旱，绿塘子村民小组的泉水干了，需从 6 公里外引水。",
        ("饮水", "干旱"),
        "县水务局",
    ),
    Need(
        "hardship",
        "旱季饮水池蓄水不足，请求送水",
        "小水窖已见底，老人孩子用水困难，请求村里协调送水车。",
        ("饮水", "干旱"),
        "县水务局",
    ),
    Need(
        "shortfall",
        "引水管道破裂多日无人修",
        "主管道在半山腰破裂，已报过两次，至今没有修。",
        ("饮水",),
        "县水务局",
    ),
    Need(
        "hardship",
        "进村道路塌方，车辆无法通行",
        "雨季塌方堵住进村路，农产品运不出去。",
        ("道路",),
        "县交通运输局",
    ),
    Need(
        "suggestion",
        "建议硬化村组道路 1.2 公里",
        "村民愿意投工投劳，希望争取一事一议项目。",
        ("道路",),
        "县交通运输局",
    ),
    Need(
        "hardship",
        "渡口改桥工程进度慢，学生上学绕路",
        "学生每天多走 40 分钟，家长希望加快工期。",
        ("道路", "教育"),
        "县交通运输局",
    ),
    Need(
        "hardship",
        "新农合（居民医保）报销比例不清楚",
        "住院后不知道能报多少，希望有人讲清楚政策。",
        ("医保",),
        "县医疗保障局",
    ),
    Need("hardship", "慢性病门诊证办理困难", "需要跑几趟县城，老人行动不便。", ("医保",), "县医疗保障局"),
    Need(
        "hardship",
        "大病住院自付部分负担重，申请医疗救助",
        "家中一人住院花费较大，申请临时救助。",
        ("医保", "救助"),
        "县民政局",
        True,
    ),
    Need(
        "hardship",
        "家庭困难申请低保",
        "丈夫去年病故，两个孩子上学，申请纳入低保。",
        ("低保",),
        "县民政局",
        True,
    ),
    Need(
        "conduct",
        "反映低保评定不公开、分配不公",
        "认为有人情保、关系保，希望村务公开。",
        ("低保", "村务公开"),
        "县纪委监委",
    ),
    Need("hardship", "低保金本月未到账", "往月都按时到账，本月没有，不知原因。", ("低保",), "县民政局", True),
    Need(
        "hardship",
        "土地承包地界纠纷，两户争执不下",
        "两户因地界多次争吵，请求村里调解。",
        ("土地", "纠纷"),
        "县自然资源局",
    ),
    Need(
        "hardship",
        "土地征收补偿款分配不合理",
        "村民小组内部分配方案有争议。",
        ("土地", "征收"),
        "县自然资源局",
    ),
    Need(
        "hardship",
        "山林流转合同到期后对方不退还",
        "合同到期一年，承包方仍占用林地。",
        ("土地", "林地"),
        "县林业和草原局",
    ),
    Need(
        "hardship",
        "返乡人员希望找工作",
        "在外务工返乡，希望推荐县城附近的工作。",
        ("就业",),
        "县人力资源和社会保障局",
    ),
    Need(
        "suggestion",
        "建议开办电商和种植技术培训",
        "想学网上卖烤烟和蔬菜，希望请技术员来讲课。",
        ("就业", "培训"),
        "县人力资源和社会保障局",
    ),
    Need(
        "hardship",
        "务工工资被拖欠三个月",
        "在县城工地干活，包工头拖欠工资。",
        ("就业", "欠薪"),
        "县人力资源和社会保障局",
    ),
    Need(
        "hardship",
        "危房改造申请",
        "土坯房墙体开裂，雨季住着害怕，申请危房改造。",
        ("住房", "危房"),
        "县住房和城乡建设局",
    ),
    Need(
        "hardship",
        "危房改造补助款迟迟未拨付",
        "房子已按要求改造完，补助款还没到。",
        ("住房", "危房"),
        "县住房和城乡建设局",
    ),
    Need("shortfall", "村务公开栏长期不更新", "公开栏还是去年的内容。", ("村务公开",), "县民政局"),
    Need("conduct", "村干部办事态度生硬", "去村委会盖章被推来推去，态度不好。", ("作风",), "县纪委监委"),
    Need("conduct", "反映村组工程项目暗箱操作", "村组道路项目没有公开招标。", ("作风", "工程"), "县纪委监委"),
    Need(
        "shortfall",
        "路灯坏了半年无人修",
        "晚上出行不安全，尤其是老人和学生。",
        ("路灯",),
        "县住房和城乡建设局",
    ),
    Need("suggestion", "建议增设农村客运班车", "去县城只有一班车，希望增加班次。", ("交通",), "县交通运输局"),
    Need(
        "suggestion",
        "建议建设村级文化活动广场",
        "村里没有活动场地，希望利用闲置地块。",
        ("文化",),
        "县文化和旅游局",
    ),
    Need(
        "hardship",
        "留守老人无人照料",
        "子女都在外地，老人独居，希望有人定期看望。",
        ("养老",),
        "县民政局",
        True,
    ),
    Need("hardship", "孩子入学学位紧张", "搬到社区后孩子就近入学困难。", ("教育",), "县教育体育局"),
    Need(
        "shortfall", "垃圾清运不及时", "垃圾池满了一周没人拉，夏天味道大。", ("环境",), "县住房和城乡建设局"
    ),
    Need("hardship", "烤烟收购价格偏低", "希望了解收购定级标准。", ("产业",), "县烟草公司"),
    Need(
        "suggestion",
        "建议修建灌溉水渠",
        "旱季庄稼浇不上水，希望修一条灌溉沟渠。",
        ("饮水", "农田水利"),
        "县水务局",
    ),
]

SURNAMES = "张王李赵陶普杨马钱段孔周黄吴施刘陈何罗"
GIVEN = [
    "桂英",
    "有才",
    "秀兰",
    "建华",
    "春梅",
    "正发",
    "小兵",
    "玉珍",
    "国富",
    "德明",
    "阿婆",
    "四",
    "应全",
    "丽芬",
    "志勇",
    "家顺",
]
SOURCES = ["visit", "visit", "visit", "duty-day", "letter", "hotline", "mailbox", "other"]

# How each issue's story goes. Every lifecycle action, disposition and satisfaction occurs.
FATES = [
    "resolved-village",
    "resolved-village",
    "resolved-village",
    "explained-village",
    "resolved-township",
    "resolved-township",
    "referred-township",
    "resolved-county",
    "explained-county",
    "withdrawn",
    "duplicate",
    "reopened",
    "extended-closed",
    "assigned-closed",
    "open-overdue",
    "open-township-overdue",
    "open-county",
    "open-extended",
    "reopened-open",
]


@dataclass
class Story:
    """What will happen to one issue: its opening and then (offset in days, action, options)."""

    received: date
    village: tuple[str, str, str, str, int, str]
    need: Need
    fate: str
    reporter: dict[str, str | None] = field(default_factory=dict)
    source: str = "visit"
    original: int | None = None  # index of the story a duplicate repeats


def build(folder: Path) -> None:
    """Wipe `folder` (only if it is empty or a ledger) and build the demo ledger in it."""
    os.environ["CASELEDGER_NOW"] = NOW
    os.environ.pop("CASELEDGER_OFFICE", None)
    wipe(folder)

    from ledger.places import add_pairing, add_township, add_village
    from ledger.setup import init_ledger

    ledger = init_ledger(folder, LEDGER_NAME, actor=COUNTY_CLERK)
    for code, name, _clerk in TOWNSHIPS:
        add_township(ledger, code, name, actor=COUNTY_CLERK)
    for code, name, township, kind, households, _cadre in VILLAGES:
        add_village(ledger, code, name, township, households=households, kind=kind, actor=COUNTY_CLERK)
    # The roster first (scripts/demo_people.py): owners and pairings that name a cadre on it
    # store its id (owner_cadre, cadre), as `--owner 陶应全` does for a clerk.
    from demo_people import add_cadre_pairings, add_people, add_roster

    team = add_roster(ledger, COUNTY_CLERK)
    for kind, party, village, households, since, until, visits in PAIRINGS:
        add_pairing(
            ledger,
            kind=kind,
            party=party,
            village=village,
            households=households,
            since=date.fromisoformat(since),
            until=date.fromisoformat(until) if until else None,
            visits_per_year=visits,
            actor=COUNTY_CLERK,
        )
    add_cadre_pairings(ledger, COUNTY_CLERK)
    add_issues(ledger, random.Random(SEED))
    # The visit log, with issues raised on visits (issue open --visit).
    add_people(ledger, random.Random(SEED + 1), VILLAGES, COUNTY_CLERK, team, NEEDS, TOWNSHIP_OWNERS)
    # 华溪镇 (joined in October), aid records and supervised cases (scripts/demo_aid.py)
    from demo_aid import (
        add_aid_records,
        add_late_issues,
        add_late_township,
        quarter_end_followups,
        supervise_some,
    )

    add_late_township(ledger, COUNTY_CLERK)
    add_late_issues(ledger)
    quarter_end_followups(ledger, COUNTY_CLERK)
    add_aid_records(ledger, random.Random(SEED + 2), COUNTY_CLERK)
    supervise_some(ledger, random.Random(SEED + 3), date(2026, 11, 19), COUNTY_CLERK)
    from make_import_demo import write_import_demo  # scripts/ is on sys.path when run as a script

    write_import_demo(folder / "import")
    shutil.rmtree(folder / ".caseledger", ignore_errors=True)


def wipe(folder: Path) -> None:
    if not folder.exists():
        return
    if not folder.is_dir():
        raise SystemExit(f"error: {folder} is not a folder")
    entries = {p.name for p in folder.iterdir()}
    if entries and "ledger.yaml" not in entries:
        raise SystemExit(f"error: {folder} is not empty and holds no ledger.yaml; refusing to wipe it")
    strangers = sorted(entries - LEDGER_ENTRIES)
    if strangers:
        raise SystemExit(f"error: {folder} holds files that are not part of a ledger: {', '.join(strangers)}")
    for name in entries:
        path = folder / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def stories(rng: random.Random) -> list[Story]:
    fates = FATES * 4  # 76 issues
    rng.shuffle(fates)
    start = date(2026, 7, 1)
    span = (date(2026, 10, 31) - start).days
    days = sorted(start + timedelta(days=rng.randint(0, span)) for _ in fates)
    result: list[Story] = []
    for index, (fate, received) in enumerate(zip(fates, days, strict=True)):
        if fate == "open-county" and received < date(2026, 10, 1):
            received = date(2026, 10, 20) + timedelta(days=index % 10)
        if fate.startswith("open-") and fate != "open-county" and received > date(2026, 10, 15):
            received = date(2026, 8, 1) + timedelta(days=index % 28)
        village = rng.choice(VILLAGES)
        need = rng.choice(NEEDS)
        original = None
        if fate == "duplicate":
            earlier = [i for i, s in enumerate(result) if s.received < received]
            if earlier:
                original = rng.choice(earlier)
                village, need = result[original].village, result[original].need
            else:
                fate = "resolved-village"
        reporter: dict[str, str | None] = {}
        roll = rng.random()
        if roll < 0.8:
            reporter["reporter"] = rng.choice(SURNAMES) + rng.choice(GIVEN)
            if roll < 0.6:
                reporter["phone"] = (
                    "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))
                )
            if roll < 0.4:
                reporter["household"] = f"{village[1]}{rng.randint(1, 12)}组{rng.randint(1, 60)}号"
        result.append(Story(received, village, need, fate, reporter, rng.choice(SOURCES), original))
    result.sort(key=lambda s: s.received)
    return result


def add_issues(ledger, rng: random.Random) -> None:
    plans = stories(rng)
    numbers: dict[int, str] = {}
    clerks = {code: clerk for code, _name, clerk in TOWNSHIPS}
    for index, story in enumerate(plans):
        numbers[index] = tell(ledger, rng, index, story, numbers, clerks)


def tell(
    ledger, rng: random.Random, index: int, story: Story, numbers: dict[int, str], clerks: dict[str, str]
) -> str:
    """Open one issue and play its story; return its number."""
    from ledger import lifecycle

    satisfactions = ["satisfied", "satisfied", "basically", "unsatisfied"]
    code, vname, township, _kind, _households, cadre = story.village
    clerk = clerks[township]
    need = story.need
    opened = lifecycle.open_issue(
        ledger,
        village=code,
        title=need.title,
        category=need.category,
        detail=need.detail,
        topics=need.topics,
        owner=cadre,
        source=story.source,
        private=need.private,
        date=story.received.isoformat(),
        actor=clerk,
        **story.reporter,
    )
    number = opened.number
    day = story.received

    def on(offset: int) -> str:
        nonlocal day
        day = day + timedelta(days=offset)
        limit = date(2026, 11, 19)
        day = min(day, limit)
        return day.isoformat()

    def up(
        to: str | None = None,
        owner: str | None = None,
        reason: str = "村级无法解决，需上级协调资金和部门",
        offset: int = 3,
    ) -> None:
        lifecycle.escalate(ledger, number, reason=reason, to=to, owner=owner, date=on(offset), actor=clerk)

    def shut(disposition: str, note: str, offset: int, of: str | None = None) -> None:
        lifecycle.close(
            ledger, number, disposition=disposition, note=note, of=of, date=on(offset), actor=clerk
        )

    def visit_back(offset: int = 5) -> None:
        satisfaction = satisfactions[index % len(satisfactions)]
        remark = {
            "satisfied": "群众表示满意",
            "basically": "基本满意，希望后续跟进",
            "unsatisfied": "群众认为解决不彻底",
        }[satisfaction]
        lifecycle.followup(
            ledger, number, satisfaction=satisfaction, note=remark, date=on(offset), actor=clerk
        )

    fate = story.fate
    county_owner = need.county_owner
    if fate in ("resolved-village", "explained-village"):
        if index % 3 == 0:
            lifecycle.note(ledger, number, f"{cadre}已入户了解情况", date=on(1), actor=clerk)
        if fate == "resolved-village":
            shut("resolved", "村两委协调解决，已现场核实", rng.randint(2, 9))
        else:
            shut("explained", "不符合政策条件，已向群众解释清楚政策", rng.randint(2, 6))
        visit_back(rng.randint(3, 10))
        if index % 4 == 0:
            lifecycle.followup(
                ledger, number, satisfaction="满意", note="再次回访，情况稳定", date=on(20), actor=clerk
            )
    elif fate in ("resolved-township", "referred-township"):
        up(owner=TOWNSHIP_OWNERS[township], offset=rng.randint(1, 6))
        if fate == "resolved-township":
            shut("resolved", "乡镇协调相关站所解决", rng.randint(4, 14))
        else:
            shut("referred", f"属{county_owner}职责，已转办并告知群众", rng.randint(3, 10))
        visit_back()
    elif fate in ("resolved-county", "explained-county"):
        up(owner=TOWNSHIP_OWNERS[township], offset=rng.randint(1, 5))
        up(owner=county_owner, reason="涉及县级部门职能和资金，乡镇无法解决", offset=rng.randint(3, 10))
        if fate == "resolved-county":
            shut("resolved", f"{county_owner}安排专项资金解决", rng.randint(10, 28))
        else:
            shut("explained", "受政策限制暂不能解决，已解释并提出替代办法", rng.randint(8, 20))
        visit_back()
    elif fate == "withdrawn":
        shut("withdrawn", "群众表示问题已自行解决，撤回诉求", rng.randint(1, 5))
    elif fate == "duplicate":
        assert story.original is not None
        shut(
            "duplicate",
            "与此前登记的问题为同一事项，合并办理",
            rng.randint(0, 3),
            of=numbers[story.original],
        )
    elif fate == "reopened":
        shut("resolved", "已协调解决", rng.randint(3, 7))
        lifecycle.followup(
            ledger, number, satisfaction="unsatisfied", note="回访发现问题反复", date=on(4), actor=clerk
        )
        lifecycle.reopen(ledger, number, reason="回访不满意，问题反复出现", date=on(1), actor=clerk)
        up(to="county", owner=county_owner, reason="问题反复，直接报县级部门", offset=2)
        shut("resolved", f"{county_owner}彻底整改", rng.randint(7, 20))
        lifecycle.followup(ledger, number, satisfaction="基本满意", date=on(6), actor=clerk)
    elif fate == "extended-closed":
        due = opened.deadline + timedelta(days=14)
        lifecycle.extend(ledger, number, deadline=due, reason="等待雨季过后施工", date=on(3), actor=clerk)
        shut("resolved", "已按延期后的时限办结", rng.randint(8, 16))
        visit_back()
    elif fate == "assigned-closed":
        lifecycle.assign(ledger, number, owner=f"{vname}监委会主任", date=on(1), actor=clerk)
        shut("resolved", "监委会督办落实", rng.randint(3, 6))
        visit_back()
    elif fate == "open-overdue":
        lifecycle.note(ledger, number, "已上报，等待答复", date=on(2), actor=clerk)
    elif fate == "open-township-overdue":
        up(owner=TOWNSHIP_OWNERS[township], offset=rng.randint(2, 5))
    elif fate == "open-county":
        up(to="county", owner=county_owner, reason="涉及跨乡镇协调，直接报县", offset=rng.randint(1, 4))
    elif fate == "open-extended":
        up(owner=TOWNSHIP_OWNERS[township], offset=2)
        lifecycle.extend(
            ledger, number, deadline=date(2026, 12, 31), reason="项目资金年底到位", date=on(5), actor=clerk
        )
    elif fate == "reopened-open":
        shut("explained", "已解释政策", rng.randint(2, 5))
        lifecycle.reopen(ledger, number, reason="群众提供新材料，重新办理", date=on(30), actor=clerk)
    else:  # pragma: no cover - a fate without a story is a bug in this script
        raise AssertionError(fate)

    return number


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else REPO / "data"
    build(folder.resolve())
    print(f"demo ledger written to {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
