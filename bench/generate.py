"""Write a complete, check-clean ledger of N issues for benchmarks and tests.

    python bench/generate.py DIR --issues N [--year YYYY] [--seed S]
        [--people] [--cadres N] [--pairings N] [--visits N] [--aid N]

Townships, villages and one pairing per village go through the record models (a few hundred
files); issues are written from a plain text template in the exact shape `dump(Issue.to_yaml())`
produces, because the locked lifecycle functions would take minutes for 100,000. Every issue has
a coherent history received across the calendar year: opened, sometimes escalated (once or
twice), noted, closed with a disposition, followed up. The same seed gives the same bytes.

With the campaign's people (`--people`: SPEC §7's proportions, N/20 cadres, N/2 pairings, N
visits, N/5 aid; or each count on its own), cadres, pairings, visits and aid are written from
templates too, and some issues are raised on visits, owned by cadres or supervised (see
"the campaign's people" below). Without them the issues' bytes are as they always were.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ledger.store import BUCKET_SIZE, ISSUES_DIR, Ledger

TOWNSHIPS = ["青龙镇", "白水乡", "宁州街道", "盘溪镇", "华溪镇", "通红甸乡", "青山乡", "龙泉镇"]
VILLAGE_NAMES = [
    "大坡",
    "小山",
    "水井",
    "石桥",
    "新村",
    "柳树",
    "龙潭",
    "高寨",
    "河口",
    "松林",
    "竹园",
    "红土",
]
PARTIES = ["县水务局", "县交通局", "县民政局", "县农业农村局", "王书记", "李镇长", "县卫健局", "县教育局"]
PEOPLE = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周杰", "吴霞", "郑华", "孙丽"]
SURNAMES = "张王李刘陈杨赵黄周吴郑孙马朱胡郭何高林罗"
NEEDS = [
    "村道路灯损坏",
    "饮水管道漏水",
    "灌溉沟渠堵塞",
    "危房改造申请",
    "低保申请进度",
    "医保报销咨询",
    "村小学校舍维修",
    "垃圾清运不及时",
    "农产品销售困难",
    "村组道路硬化",
    "土地流转纠纷",
    "养老服务需求",
]
CATEGORIES = ["hardship"] * 6 + ["shortfall"] * 2 + ["suggestion"] * 2 + ["conduct"]
SOURCES = ["visit"] * 5 + ["duty-day", "letter", "hotline", "mailbox", "other"]
TOPICS = ["water", "roads", "housing", "health", "school", "farming", "welfare", "sanitation"]
DISPOSITIONS = ["resolved"] * 14 + ["explained"] * 3 + ["referred", "duplicate", "withdrawn"]
SATISFACTIONS = ["satisfied"] * 6 + ["basically"] * 3 + ["unsatisfied"]
LEVELS = ["village", "township", "county"]
DAYS = {"village": 7, "township": 15, "county": 30}


def q(text: str) -> str:
    """A YAML single-quoted scalar, as ruamel writes strings that would otherwise not be text."""
    return "'" + text.replace("'", "''") + "'"


def at(day: date, minute: int) -> str:
    return q(f"{day.isoformat()}T{8 + minute // 60:02d}:{minute % 60:02d}:00+08:00")


def village_name(v_index: int) -> str:
    """The name of the township's `v_index`-th village (大坡村, …, 大坡13村)."""
    name = VILLAGE_NAMES[(v_index - 1) % len(VILLAGE_NAMES)]
    suffix = "" if v_index <= len(VILLAGE_NAMES) else str(v_index)
    return f"{name}{suffix}村"


def make_places(ledger: Ledger, rng: random.Random, villages_per_township: int) -> list[tuple[str, str]]:
    """Townships, villages and one pairing per village; returns [(village code, township)]."""
    from ledger.pairing import Pairing
    from ledger.township import Township
    from ledger.village import Village
    from ledger.yamlio import atomic_write, dump

    villages: list[tuple[str, str]] = []
    pairing = 0
    for t_index, t_name in enumerate(TOWNSHIPS, 1):
        t_code = f"t{t_index:02d}"
        township = Township(code=t_code, name=t_name)
        atomic_write(ledger.record_path("township", t_code), dump(township.to_yaml()))
        for v_index in range(1, villages_per_township + 1):
            v_code = f"{t_code}-v{v_index:02d}"
            village = Village(
                code=v_code,
                name=village_name(v_index),
                township=t_code,
                households=rng.randint(80, 900),
            )
            atomic_write(ledger.record_path("village", v_code), dump(village.to_yaml()))
            villages.append((v_code, t_code))
            pairing += 1
            record = Pairing(
                id=f"P{pairing}",
                kind="unit-village",
                party=PARTIES[pairing % len(PARTIES)],
                village=v_code,
                since=date(2020, 1, 1),
                visits_per_year=12,
            )
            atomic_write(ledger.record_path("pairing", record.id), dump(record.to_yaml()))
    return villages


def issue_text(
    n: int,
    rng: random.Random,
    year: int,
    villages: list[tuple[str, str]],
    last: date,
    people: People | None = None,
) -> str:
    """One issue file with a coherent history, all events within `year` and ≤ `last`.

    With `people` (the cadres and visits of `--people`), some issues are raised on a visit
    (its village and day, its first visitor the owner, linked both ways), some are owned by a
    cadre (`owner_cadre`) and a few are supervised by a lead cadre. `rng` draws exactly what it
    draws without them; the people's choices come from their own generator."""
    start = date(year, 1, 1)
    span = (min(date(year, 12, 31), last) - start).days
    received = start + timedelta(days=rng.randint(0, span))
    village, _township = villages[rng.randrange(len(villages))]
    category = rng.choice(CATEGORIES)
    need = rng.choice(NEEDS)
    owner = rng.choice(PEOPLE)
    clerk = rng.choice(PEOPLE)
    owner_cadre: str | None = None
    visit: VisitRow | None = people.raised_on(n) if people else None
    if visit is not None:
        village, received = visit.village, visit.day
        owner, owner_cadre = people.cadres[visit.cadres[0]].name, visit.cadres[0]  # type: ignore[union-attr]
        visit.issues.append(str(n))
    elif people is not None:
        owner, owner_cadre = people.maybe_owner(received, village, owner)
    level = "village"
    deadline = received + timedelta(days=DAYS[level])
    minute = rng.randint(0, 540)
    end = min(date(year, 12, 31), last)

    events = [
        f"  - at: {at(received, minute)}\n    by: {clerk}\n    action: opened\n"
        f"    level: village\n    owner: {owner}\n{cadre_line(owner_cadre)}"
        f"    deadline: {deadline.isoformat()}\n"
    ]
    day = received

    def later(max_days: int, draw: random.Random = rng) -> date | None:
        nonlocal day, minute
        step = draw.randint(0, max_days)
        new = day + timedelta(days=step)
        if new > end:
            return None
        if step == 0:
            if minute >= 590:
                return None
            minute = draw.randint(minute + 1, 599)
        else:
            minute = draw.randint(0, 599)
        day = new
        return day

    for _ in range(2):
        if level == "county" or rng.random() >= 0.2:
            break
        when = later(10)
        if when is None:
            break
        new_level = LEVELS[LEVELS.index(level) + 1]
        deadline = when + timedelta(days=DAYS[new_level])
        owner = rng.choice(PEOPLE)
        owner_cadre = None
        if people is not None:
            owner, owner_cadre = people.maybe_owner(when, village, owner)
        events.append(
            f"  - at: {at(when, minute)}\n    by: {clerk}\n    action: escalated\n"
            f"    from: {level}\n    to: {new_level}\n    reason: 需要上级协调解决\n"
            f"    owner: {owner}\n{cadre_line(owner_cadre)}    deadline: {deadline.isoformat()}\n"
        )
        level = new_level
    lead: tuple[str, str] | None = None
    if people is not None and people.rng.random() < SUPERVISED_SHARE:
        when = later(5, people.rng)
        if when is not None:
            lead = people.lead(when)
            events.append(
                f"  - at: {at(when, minute)}\n    by: {clerk}\n    action: supervised\n"
                f"    reason: 挂牌督办，限期办结\n    lead: {lead[0]}\n    lead_cadre: {lead[1]}\n"
            )
    if rng.random() < 0.15:
        when = later(5)
        if when is not None:
            events.append(
                f"  - at: {at(when, minute)}\n    by: {clerk}\n    action: noted\n    note: 已电话联系群众\n"
            )
    status, disposition, duplicate_of, closed, satisfaction = "open", None, None, None, None
    if rng.random() < 0.8:
        when = later(DAYS[level] + 5)
        if when is not None:
            disposition = rng.choice(DISPOSITIONS)
            if disposition == "duplicate":
                if n == 1:
                    disposition = "resolved"
                else:
                    duplicate_of = str(rng.randint(max(1, n - 50), n - 1))
            of = f"    of: {q(duplicate_of)}\n" if duplicate_of else ""
            events.append(
                f"  - at: {at(when, minute)}\n    by: {clerk}\n    action: closed\n"
                f"    disposition: {disposition}\n    note: 已办结销号\n{of}"
            )
            status, closed = "closed", when
            if rng.random() < 0.6:
                when = later(20)
                if when is not None:
                    satisfaction = rng.choice(SATISFACTIONS)
                    events.append(
                        f"  - at: {at(when, minute)}\n    by: {clerk}\n    action: followed-up\n"
                        f"    satisfaction: {satisfaction}\n"
                    )

    reporter = ""
    if rng.random() < 0.7:
        name = rng.choice(SURNAMES) + rng.choice("明华强军秀英兰芳")
        phone = f"1{rng.randint(3, 9)}{rng.randint(0, 999_999_999):09d}"
        reporter = (
            f"reporter:\n  name: {name}\n  phone: {q(phone)}\n  household: {village}组{rng.randint(1, 9)}号\n"
        )
    topics = rng.sample(TOPICS, rng.randint(0, 2))
    topics_text = "topics:\n" + "".join(f"  - {t}\n" for t in topics) if topics else "topics: []\n"
    source = rng.choice(SOURCES)
    linked = ""
    if visit is not None:
        source = "duty-day" if visit.kind == "duty-day" else "visit"
    if owner_cadre is not None:
        linked += f"owner_cadre: {owner_cadre}\n"
    if visit is not None:
        linked += f"visit: {visit.id}\n"
    supervised = "" if lead is None else f"supervised: true\nlead: {lead[0]}\nlead_cadre: {lead[1]}\n"

    def opt(value: str | None) -> str:
        return "" if value is None else f" {value}"

    return (
        f"number: {q(str(n))}\n"
        f"title: {need}（{n}号）\n"
        f"detail: 群众反映{need}，请尽快协调处理。\n"
        f"category: {category}\n"
        f"{topics_text}"
        f"village: {village}\n"
        f"source: {source}\n"
        f"received: {received.isoformat()}\n"
        f"{reporter}"
        f"owner: {owner}\n"
        f"{linked}"
        f"level: {level}\n"
        f"status: {status}\n"
        f"deadline: {deadline.isoformat()}\n"
        f"private: {'true' if category == 'conduct' else 'false'}\n"
        f"disposition:{opt(disposition)}\n"
        f"duplicate_of:{opt(q(duplicate_of) if duplicate_of else None)}\n"
        f"closed:{opt(closed.isoformat() if closed else None)}\n"
        f"satisfaction:{opt(satisfaction)}\n"
        f"{supervised}"
        f"history:\n" + "".join(events)
    )


# -- the campaign's people (SPEC §8, §9): cadres, pairings, visits, aid -----------------------
# Plain text in the exact shape `dump(Model(...).to_yaml())` writes (tests/test_bench_generate.py
# holds them to it), so that 100,000 visits take seconds, not the models' minutes.

SUPERVISED_SHARE = 0.03  # issues put under a lead cadre (挂牌督办)
RAISED_SHARE = 0.10  # issues raised on a visit (issue open --visit)
CADRE_OWNER_SHARE = 0.35  # other issues (and escalations) whose owner is a cadre
GIVEN = "明华强军秀英兰芳伟敏静磊杰霞丽勇平文建国志刚海燕红梅春林成玉德永"
RANKS = ["province"] * 1 + ["prefecture"] * 4 + ["county"] * 15 + ["township"] * 80 + ["village"] * 100
POSTS = {
    "province": ["省农业农村厅副厅长", "省乡村振兴局处长"],
    "prefecture": ["市委副秘书长", "市民政局副局长", "市水务局处长"],
    "county": ["副县长", "县委常委", "县水务局局长", "县民政局局长", "县委组织部副部长"],
    "township": ["党委书记", "镇长", "副镇长", "党委委员", "人大主席", "驻村工作队员"],
    "village": ["村党支部书记", "村委会主任", "村监委会主任", "驻村第一书记", "村文书"],
}
UNITS = {
    "province": ["省农业农村厅", "省乡村振兴局"],
    "prefecture": ["市委办公室", "市民政局", "市水务局"],
    "county": ["县委", "县政府", "县水务局", "县民政局", "县委组织部", "县交通局"],
}
VISIT_KINDS = ["home"] * 6 + ["duty-day"] * 2 + ["meeting", "night"]
VISIT_NOTES = {
    "home": ["了解群众生产生活情况", "了解留守老人和儿童情况", "宣讲惠民政策，收集意见建议"],
    "duty-day": ["一线工作日坐班接待群众", "便民服务站值班接待"],
    "meeting": ["召开院坝会，宣讲惠民政策", "召开群众座谈会，听取意见"],
    "night": ["夜访农户，拉家常听民意", "晚上入户走访务工返乡人员"],
}
ANSWERED = [
    "医保缴费标准已当场解释",
    "低保申请条件已当场答复",
    "养老保险领取流程已讲清",
    "道路维修进度已当场告知",
    "危房改造政策已当场解释",
    "务工信息已当场提供",
]
AID = {
    "funds": ["危房改造补助", "产业发展扶持资金", "临时救助金", "助学金"],
    "goods": ["化肥 2 吨", "慰问米油", "冬季棉被", "农机具"],
    "project": ["人饮管网改造", "村组道路硬化", "产业路建设", "太阳能路灯安装"],
    "service": ["义诊服务", "法律咨询", "农技指导"],
    "training": ["电商直播培训", "种养殖技术培训", "务工技能培训"],
}
AID_KINDS = ["funds"] * 4 + ["goods"] * 3 + ["project"] * 2 + ["service", "training", "training"]
PAIRING_KINDS = (
    ["cadre-household"] * 12
    + ["leader-village"] * 2
    + ["first-secretary", "work-team"] * 2
    + ["unit-village"] * 2
)


def cadre_line(cadre: str | None) -> str:
    return "" if cadre is None else f"    owner_cadre: {cadre}\n"


def yaml_list(items: list[str], indent: str = "") -> str:
    """A block list as ruamel writes it (`key: []` when empty): the text after `key:`."""
    if not items:
        return " []\n"
    return "\n" + "".join(f"{indent}  - {item}\n" for item in items)


def yuan(cents: int) -> str:
    """An amount as `money.to_yaml` writes it: `3000` for whole yuan, else `12000.50`."""
    whole, part = divmod(cents, 100)
    return str(whole) if part == 0 else f"{whole}.{part:02d}"


class CadreRow(NamedTuple):
    id: str
    name: str
    rank: str
    township: str | None
    since: date
    until: date | None

    def active_on(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)


class VisitRow(NamedTuple):
    id: str
    day: date
    village: str
    kind: str
    cadres: list[str]
    issues: list[str]  # numbers raised on it, filled in as the issues are made


class People:
    """Everything the people's records share while they are made, and their own generator.

    (Plain classes, not dataclasses: tests load this file without registering it as a module.)"""

    def __init__(
        self, rng: random.Random, year: int, end: date, villages: list[tuple[str, str]], names: dict[str, str]
    ) -> None:
        self.rng = rng
        self.year = year
        self.end = end
        self.villages = villages  # (village code, township code)
        self.village_names = names
        self.cadres: dict[str, CadreRow] = {}
        self.pools: dict[str | None, list[str]] = {}  # township (None: all; "county-leads") → ids
        self.visits: list[VisitRow] = []
        self.by_village: dict[str, list[tuple[str, str | None]]] = {}  # village → (pairing, cadre)

    def household(self, village: str) -> str:
        """A household label as the seeds write them: 大坡村3组18号, or 张明华户."""
        if self.rng.random() < 0.8:
            return f"{self.village_names[village]}{self.rng.randint(1, 9)}组{self.rng.randint(1, 60)}号"
        return f"{self.rng.choice(SURNAMES)}{self.rng.choice(GIVEN)}{self.rng.choice(GIVEN)}户"

    def day_in_year(self) -> date:
        start = date(self.year, 1, 1)
        return start + timedelta(days=self.rng.randint(0, (self.end - start).days))

    def active(self, day: date, township: str | None, avoid: list[str] = ()) -> str | None:  # type: ignore[assignment]
        """A cadre active on `day`, of the township's pool most of the time."""
        pool = self.pools.get(township) if township and self.rng.random() < 0.7 else None
        pool = pool or self.pools[None]
        for _ in range(30):
            cid = pool[self.rng.randrange(len(pool))]
            if cid not in avoid and self.cadres[cid].active_on(day):
                return cid
        for cid in self.pools[None]:
            if cid not in avoid and self.cadres[cid].active_on(day):
                return cid
        return None

    def township_of(self, village: str) -> str:
        return village.split("-", 1)[0]

    def raised_on(self, n: int) -> VisitRow | None:
        if not self.visits or self.rng.random() >= RAISED_SHARE:
            return None
        return self.visits[self.rng.randrange(len(self.visits))]

    def maybe_owner(self, day: date, village: str, owner: str) -> tuple[str, str | None]:
        if self.rng.random() >= CADRE_OWNER_SHARE:
            return owner, None
        cid = self.active(day, self.township_of(village))
        return (owner, None) if cid is None else (self.cadres[cid].name, cid)

    def lead(self, day: date) -> tuple[str, str]:
        leads = self.pools.get("county-leads") or self.pools[None]
        for _ in range(30):
            cid = leads[self.rng.randrange(len(leads))]
            if self.cadres[cid].active_on(day):
                break
        return self.cadres[cid].name, cid


def write_new(path: Path, text: str) -> None:
    """Plain writes: a fresh benchmark ledger needs no per-file fsync."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)


def bucket_path(root: Path, folder: str, letter: str, n: int) -> Path:
    bucket = root / folder / f"{n // BUCKET_SIZE:03d}"
    bucket.mkdir(parents=True, exist_ok=True)
    return bucket / f"{letter}{n}.yaml"


def make_cadres(root: Path, people: People, count: int) -> None:
    """`count` cadres of every rank: a few joined during the year, some have left, a few carry
    their own `targets`; names unique on the roster (张伟(县水务局) when two share one)."""
    rng = people.rng
    townships = [f"t{i:02d}" for i in range(1, len(TOWNSHIPS) + 1)]
    names: set[str] = set()
    people.pools[None] = []
    people.pools["county-leads"] = []
    for k in range(1, count + 1):
        rank = (
            ["province", "prefecture", "county", "township", "village"][k - 1]
            if k <= 5
            else rng.choice(RANKS)
        )
        township = rng.choice(townships) if rank in ("township", "village") else None
        if rank == "township":
            unit = f"{TOWNSHIPS[int(township[1:]) - 1]}{rng.choice(['党委', '人民政府'])}"  # type: ignore[index]
        elif rank == "village":
            v = [code for code, t in people.villages if t == township]
            unit = f"{people.village_names[rng.choice(v)]}村委会"
        else:
            unit = rng.choice(UNITS[rank])
        post = rng.choice(POSTS[rank])
        while True:
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
            if name in names:
                name = f"{name}({unit})"
            if name not in names:
                break
        names.add(name)
        shape = rng.random()
        until = None
        start, span = date(people.year, 1, 1), (people.end - date(people.year, 1, 1)).days
        if shape < 0.10:  # joined during the year
            since = start + timedelta(days=rng.randint(0, max(0, span - 30)))
        else:
            since = date(2020, 1, 1) + timedelta(days=rng.randint(0, (start - date(2020, 1, 1)).days))
            if shape > 0.95:  # left during the year
                until = start + timedelta(days=rng.randint(min(30, span), span))
        targets = "targets: null\n"
        if rng.random() < 0.02:
            targets = (
                f"targets:\n  days: {rng.choice([20, 30, 90])}\n  households: {rng.choice([60, 150, 240])}\n"
                f"  deeds: {rng.randint(2, 5)}\n"
            )
        cid = f"C{k}"
        text = (
            f"id: {cid}\nname: {name}\nrank: {rank}\nunit: {unit}\npost: {post}\n"
            f"phone: 0873-5{rng.randint(0, 999_999):06d}\n"
            f"township: {township or 'null'}\nsince: {since.isoformat()}\n"
            f"until: {until.isoformat() if until else 'null'}\n{targets}"
        )
        write_new(bucket_path(root, "cadres", "C", k), text)
        people.cadres[cid] = CadreRow(cid, name, rank, township, since, until)
        people.pools[None].append(cid)
        if township is not None:
            people.pools.setdefault(township, []).append(cid)
        if rank in ("county", "prefecture"):
            people.pools["county-leads"].append(cid)


def make_pairings(root: Path, people: People, first: int, last: int) -> None:
    """Pairings P`first`…P`last`, bucketed, most of them a cadre's (party = the cadre's name)."""
    rng = people.rng
    year_start = date(people.year, 1, 1)
    for k in range(first, last + 1):
        village, township = people.villages[rng.randrange(len(people.villages))]
        kind = rng.choice(PAIRING_KINDS)
        since = date(2020, 1, 1) + timedelta(days=rng.randint(0, (year_start - date(2020, 1, 1)).days + 180))
        since = min(since, people.end)
        until = None
        if rng.random() < 0.08:
            until = since + timedelta(days=rng.randint(30, 900))
        cadre = None
        if kind != "unit-village" and people.cadres:
            cadre = people.active(since, township)
        party = people.cadres[cadre].name if cadre else rng.choice(PARTIES)
        households = (
            [people.household(village) for _ in range(rng.randint(1, 3))] if kind == "cadre-household" else []
        )
        visits = {"cadre-household": 12, "leader-village": 4, "first-secretary": 24}.get(kind, 12)
        text = (
            f"id: P{k}\nkind: {kind}\nparty: {party}\nvillage: {village}\n"
            f"households:{yaml_list(households)}since: {since.isoformat()}\n"
            f"until: {until.isoformat() if until else 'null'}\nvisits_per_year: {visits}\n"
            f"cadre: {cadre or 'null'}\n"
        )
        write_new(bucket_path(root, "pairings", "P", k), text)
        people.by_village.setdefault(village, []).append((f"P{k}", cadre))


def plan_visits(people: People, count: int) -> None:
    """`count` visits spread over the year (ids in date order), teams of 1-3 cadres active that
    day; written by `write_visits` once the issues raised on them are known."""
    rng = people.rng
    days = sorted(people.day_in_year() for _ in range(count))
    for day in days:
        village, township = people.villages[rng.randrange(len(people.villages))]
        team: list[str] = []
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
            cid = people.active(day, township, team)
            if cid is not None:
                team.append(cid)
        if not team:
            continue  # nobody on the roster that day (a tiny roster): no visit
        row = VisitRow(f"V{len(people.visits) + 1}", day, village, rng.choice(VISIT_KINDS), team, [])
        people.visits.append(row)


def write_visits(root: Path, people: People) -> None:
    rng = people.rng
    for row in people.visits:
        kind = row.kind
        count = {"home": (1, 6), "duty-day": (1, 3), "meeting": (0, 2), "night": (1, 4)}[kind]
        households: list[str] = []
        for _ in range(rng.randint(*count)):
            label = people.household(row.village)
            if label not in households:
                households.append(label)
        met = rng.randint(10, 60) if kind == "meeting" else len(households) + rng.choice([0, 0, 1, 2])
        stayed = rng.random() < (0.5 if kind == "night" else 0.12)
        answered = rng.sample(ANSWERED, rng.randint(1, 2)) if rng.random() < 0.2 else []
        text = (
            f"id: {row.id}\ndate: {row.day.isoformat()}\nvillage: {row.village}\n"
            f"cadres:{yaml_list(row.cadres)}kind: {kind}\nhouseholds:{yaml_list(households)}"
            f"people: {met}\nstayed: {'true' if stayed else 'false'}\nnote: {rng.choice(VISIT_NOTES[kind])}\n"
            f"answered:{yaml_list(answered)}issues:{yaml_list([q(n) for n in row.issues])}ref: null\n"
        )
        write_new(bucket_path(root, "visits", "V", int(row.id[1:])), text)


def make_aid(root: Path, people: People, count: int) -> None:
    """`count` aid records over the year: exact two-decimal amounts, most by a pairing of the
    same village (its cadre listed), the rest by cadres alone or by nobody named."""
    rng = people.rng
    days = sorted(people.day_in_year() for _ in range(count))
    for k, day in enumerate(days, 1):
        village, township = people.villages[rng.randrange(len(people.villages))]
        kind = rng.choice(AID_KINDS)
        cents = {
            "funds": rng.randint(5, 2000) * 10000 + (rng.randint(1, 99) if rng.random() < 0.2 else 0),
            "goods": rng.randint(200, 50_000) * 100 + (50 if rng.random() < 0.3 else 0),
            "project": rng.randint(20, 5000) * 100_000,
            "service": rng.randint(100, 5000) * 100 if rng.random() < 0.4 else None,
            "training": rng.randint(10, 300) * 10000,
        }[kind]
        pairing, cadres = None, []
        local = people.by_village.get(village, [])
        if local and rng.random() < 0.85:
            pairing, cadre = local[rng.randrange(len(local))]
            if cadre is not None:
                cadres.append(cadre)
        elif people.cadres and rng.random() < 0.5:
            cid = people.active(day, township)
            if cid is not None:
                cadres.append(cid)
        household = people.household(village) if rng.random() < 0.5 else None
        text = (
            f"id: A{k}\ndate: {day.isoformat()}\nvillage: {village}\nkind: {kind}\n"
            f"title: {rng.choice(AID[kind])}\n"
            + (f"amount: {yuan(cents)}\n" if cents is not None else "")
            + (f"pairing: {pairing}\n" if pairing else "")
            + (f"cadres:{yaml_list(cadres)}" if cadres else "")
            + (f"household: {household}\n" if household else "")
        )
        write_new(bucket_path(root, "aid", "A", k), text)


def generate(
    folder: Path,
    issues: int,
    *,
    year: int | None = None,
    seed: int = 1,
    cadres: int = 0,
    pairings: int = 0,
    visits: int = 0,
    aid: int = 0,
) -> Ledger:
    """Create the ledger at `folder` (which must not hold one yet) with `issues` issues, and
    with `cadres` cadres, `pairings` pairings in all (at least one per village is always
    made), `visits` visits and `aid` aid records. Without the people (all 0) the bytes are
    those of the issues-only ledger of the same seed."""
    from ledger.setup import init_ledger

    today = date.today()
    year = year or today.year - 1
    rng = random.Random(seed)
    ledger = init_ledger(folder, "基准测试县民情台账")
    villages = make_places(ledger, rng, villages_per_township=12)
    people: People | None = None
    if cadres or pairings > len(villages) or visits or aid:
        names = {code: village_name(int(code.rsplit("v", 1)[1])) for code, _t in villages}
        end = min(date(year, 12, 31), today)
        people = People(random.Random(f"people-{seed}"), year, end, villages, names)
        for p, (code, _t) in enumerate(villages, 1):
            people.by_village.setdefault(code, []).append((f"P{p}", None))
        if cadres:
            make_cadres(ledger.root, people, cadres)
        make_pairings(ledger.root, people, len(villages) + 1, pairings)
        if visits:
            if not cadres:
                raise SystemExit("visits need cadres (--cadres N)")
            plan_visits(people, visits)
    base = ledger.root / ISSUES_DIR
    for bucket_start in range(0, issues + 1, BUCKET_SIZE):
        bucket = base / f"{bucket_start // BUCKET_SIZE:03d}"
        bucket.mkdir(exist_ok=True)
        for n in range(max(1, bucket_start), min(issues, bucket_start + BUCKET_SIZE - 1) + 1):
            write_new(bucket / f"{n}.yaml", issue_text(n, rng, year, villages, today, people))
    if people is not None:
        write_visits(ledger.root, people)  # after the issues: they list the issues raised on them
        if aid:
            make_aid(ledger.root, people, aid)
    return ledger


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--issues", type=int, required=True)
    parser.add_argument("--year", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--people",
        action="store_true",
        help="also the campaign's people in SPEC §7's proportions: issues/20 cadres, issues/2 "
        "pairings, as many visits as issues, issues/5 aid records (each overridable below)",
    )
    parser.add_argument("--cadres", type=int, default=None)
    parser.add_argument("--pairings", type=int, default=None, help="in all, at least one per village")
    parser.add_argument("--visits", type=int, default=None)
    parser.add_argument("--aid", type=int, default=None)
    args = parser.parse_args(argv)
    scale = {
        "cadres": args.issues // 20,
        "pairings": args.issues // 2,
        "visits": args.issues,
        "aid": args.issues // 5,
    }
    counts = {
        key: getattr(args, key) if getattr(args, key) is not None else (scale[key] if args.people else 0)
        for key in scale
    }
    started = time.perf_counter()
    generate(args.dir, args.issues, year=args.year, seed=args.seed, **counts)
    made = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
    print(
        f"{args.issues} issues{', ' + made if made else ''} in {args.dir} "
        f"({time.perf_counter() - started:.1f} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
