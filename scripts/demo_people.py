# ruff: noqa: E501  (the roster is a table: one cadre a line)
"""The demo's roster and visit log (SPEC §8), built through the library by make_demo.py:
county leaders, township cadres, village officials and first secretaries, and July–November
visits of every kind (home, duty-day, meeting, night; some stays) with households named as the
seeds name them (上腊坝村2组18号) and matters answered on the spot."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

# name, rank, unit, post, phone, township, since, until, villages visited
ROSTER = [
    ("李平", "county", "华宁县委", "县委副书记", "0873-5011001", None, "2026-01-01", None, ["nuozu", "dapo"]),
    ("陈湘", "county", "华宁县人民政府", "副县长", "0873-5011002", None, "2026-02-15", None, ["hongdian", "zhongcun"]),
    ("张伟(水务局)", "county", "县水务局", "局长", "0873-5012101", None, "2026-01-01", None, ["lvtangzi"]),
    ("张伟(教育局)", "county", "县教育体育局", "副局长", "0873-5012201", None, "2026-01-01", None, ["xinjie"]),
    ("王建国", "township", "青龙镇人民政府", "副镇长", "0873-5021001", "qinglong", "2026-01-01", None,
     ["nuozu", "lvtangzi", "haijing", "dapo"]),
    ("陶丽", "township", "青龙镇人民政府", "包村干部", "0873-5021002", "qinglong", "2026-08-16", None,
     ["dapo", "haijing"]),
    ("普志强", "township", "盘溪镇人民政府", "副镇长", "0873-5022001", "panxi", "2026-01-01", None,
     ["bixi", "huaxi", "dazhuang", "panxi-community"]),
    ("李春华", "township", "通红甸乡人民政府", "副乡长", "0873-5023001", "tonghongdian", "2026-01-01", None,
     ["hongdian", "zhongcun", "yanjing", "shanglaba"]),
    ("段永红", "township", "通红甸乡人民政府", "包村干部", "0873-5023002", "tonghongdian", "2026-01-01",
     "2026-09-30", ["shanglaba", "yanjing"]),
    ("王敏", "township", "宁州街道办事处", "副主任", "0873-5024001", "ningzhou", "2026-01-01", None,
     ["xinjie", "chengnan", "yuezhou", "longtan"]),
    ("陶应全", "village", "糯租村委会", "党总支书记", "0873-5031001", "qinglong", "2026-01-01", None, ["nuozu"]),
    ("张继红", "village", "大坡村委会", "村委会主任", "0873-5031002", "qinglong", "2026-01-01", None, ["dapo"]),
    ("李春生", "village", "上腊坝村委会", "党总支书记", "0873-5031003", "tonghongdian", "2026-01-01", None,
     ["shanglaba"]),
    ("段云飞", "village", "华溪村委会", "村委会主任", "0873-5031004", "panxi", "2026-01-01", None, ["huaxi"]),
    ("刘海", "township", "县医疗保障局", "驻村第一书记", "0873-5041001", "panxi", "2026-03-01", None, ["bixi"]),
    ("赵晓燕", "township", "县农业农村局", "驻村第一书记", "0873-5041002", "tonghongdian", "2026-01-01", None,
     ["yanjing"]),
]  # fmt: skip

ANSWERS = [
    "低保年审材料清单已当场讲清",
    "医保缴费标准已当场解释",
    "危房改造申请流程已告知",
    "外出务工信息已登记并推送",
    "学生资助政策已当场答复",
    "残疾人两项补贴发放时间已说明",
    "耕地地力补贴已查询到账",
]
NOTES = [
    "走访了解生产生活情况，群众反映总体平稳",
    "查看春耕备耕和饮水情况",
    "召开院坝会，宣讲惠民政策",
    "夜访外出务工返乡人员",
    "了解留守老人和儿童情况",
]
FIRST = date(2026, 7, 1)
LAST = date(2026, 11, 19)


# Pairings made to a cadre on the roster (结对到人), so that the demo prints contact cards (SPEC §11):
# kind, party, village, households, since, until, visits per year, cadre (a name on the roster).
CADRE_PAIRINGS = [
    ("cadre-household", "青龙镇 王建国", "dapo", ["大坡村3组7号", "大坡村5组21号"], "2026-01-01", None, 12, "王建国"),
    ("cadre-household", "青龙镇 陶丽", "haijing", ["海镜村2组4号", "海镜村6组15号"], "2026-08-16", None, 12, "陶丽"),
    ("cadre-household", "上腊坝村 李春生", "shanglaba", ["上腊坝村2组18号", "上腊坝村2组19号", "上腊坝村4组3号"],
     "2026-01-01", None, 24, "李春生"),
    ("cadre-household", "通红甸乡 段永红", "yanjing", ["岩箐村1组6号"], "2026-01-01", "2026-09-30", 12, "段永红"),
    ("cadre-household", "大坡村 张继红", "dapo", ["大坡村2组18号"], "2026-01-01", None, 24, None),
    ("first-secretary", "县医疗保障局 刘海", "bixi", [], "2026-03-01", None, None, "刘海"),
    ("first-secretary", "县农业农村局 赵晓燕", "yanjing", [], "2026-01-01", None, None, "赵晓燕"),
    ("unit-village", "县水务局", "lvtangzi", [], "2026-01-01", None, 12, "张伟(水务局)"),
    ("leader-village", "县委副书记 李平", "dapo", [], "2026-01-01", None, 4, "李平"),
]  # fmt: skip

# How an issue raised on a visit goes on (首访负责制: the first visitor owns it), with weights.
FATES = [("resolved", 5), ("explained", 1), ("township", 3), ("assigned", 1), ("open", 3)]
FATE_SEED = 20261101  # its own random stream, so the visits are the same with or without issues


Team = list[tuple[str, date, date | None, list[str], str]]


def add_roster(ledger: Any, actor: str) -> Team:
    """Put ROSTER on the roster; returns (id, since, until, villages visited, rank) per cadre."""
    from ledger.roster import add_cadre, end_cadre

    team: Team = []
    for name, rank, unit, post, phone, township, since, until, villages in ROSTER:
        cadre = add_cadre(
            ledger, name=name, rank=rank, unit=unit, post=post, phone=phone, township=township,
            since=date.fromisoformat(since), actor=actor,
        )  # fmt: skip
        team.append((cadre.id, cadre.since, date.fromisoformat(until) if until else None, villages, rank))
    for cid, _since, until, _villages, _rank in team:
        if until is not None:
            end_cadre(ledger, cid, until, actor=actor)  # 段永红 left at the end of September
    return team


def add_cadre_pairings(ledger: Any, actor: str) -> None:
    from ledger.places import add_pairing

    for kind, party, village, households, since, until, visits, cadre in CADRE_PAIRINGS:
        add_pairing(
            ledger, kind=kind, party=party, village=village, households=households,
            since=date.fromisoformat(since), until=date.fromisoformat(until) if until else None,
            visits_per_year=visits, cadre=cadre, actor=actor,
        )  # fmt: skip


def add_people(
    ledger: Any,
    rng: random.Random,
    villages: Sequence[tuple[Any, ...]],
    actor: str,
    team: Team,
    needs: Sequence[Any] = (),
    township_owners: Mapping[str, str] | None = None,
) -> None:
    """July–November visits by `team`; some raise an issue there and then (`issue open --visit`),
    owned by the first visitor and then closed, routed up to the township's cadre, reassigned or
    left open. `needs`: what residents raise (make_demo's NEEDS)."""
    from ledger.visits import add_visit

    village_names = {v[0]: v[1] for v in villages}
    township_of = {v[0]: v[2] for v in villages}
    fates = random.Random(FATE_SEED)
    ends = {cid: until for cid, _, until, _, _ in team}
    planned: list[tuple[date, str, list[str], str]] = []
    for cid, since, until, visited, rank in team:
        per_month = {"county": 1, "township": 4, "village": 5}[rank]
        day = max(FIRST, since)
        while day <= (until or LAST):
            for _ in range(per_month):
                when = day + timedelta(days=rng.randrange(28))
                if when <= (until or LAST) and when <= LAST:
                    planned.append((when, rng.choice(visited), [cid], rank))
            day += timedelta(days=30)
    planned.sort(key=lambda p: (p[0], p[2][0]))
    for when, village, cadres, rank in planned:
        helpers = [c for c, s, u, vs, r in team if r == "village" and village in vs and c not in cadres]
        if helpers and rng.random() < 0.5 and all(s <= when and (ends[c] is None or when <= ends[c])
                                                 for c, s, *_ in team if c in helpers[:1]):  # fmt: skip
            cadres = cadres + helpers[:1]
        kind = rng.choices(["home", "duty-day", "meeting", "night"], weights=[6, 2, 1, 1])[0]
        if kind == "duty-day" and when.weekday() not in (1, 3):  # 一线工作日: Tuesday, Thursday
            kind = "home"
        name = village_names[village]
        households = []
        if kind in ("home", "night"):
            households = sorted(
                {f"{name}{rng.randint(1, 8)}组{rng.randint(1, 40)}号" for _ in range(rng.randint(1, 6))}
            )
        people = len(households) + rng.randint(0, 3) if kind in ("home", "night") else rng.randint(5, 40)
        answered = rng.sample(ANSWERS, rng.choice([0, 0, 1, 1, 2]))
        visit = add_visit(
            ledger, village=village, cadres=cadres, kind=kind, households=households, people=people,
            stayed=rank != "county" and rng.random() < 0.3, note=rng.choice(NOTES), answered=answered,
            day=when, actor=actor,
        )  # fmt: skip
        if needs and kind != "meeting" and fates.random() < 0.1:
            lead = (township_owners or {}).get(township_of[village])
            raise_issue(ledger, fates, visit, name, needs, lead, actor)


def raise_issue(
    ledger: Any,
    rng: random.Random,
    visit: Any,
    village_name: str,
    needs: Sequence[Any],
    township_owner: str | None,
    actor: str,
) -> None:
    """What the visit could not settle on the spot goes into the ledger from the visit (当场答复
    不了的记入台账), then follows one of FATES."""
    from ledger import lifecycle

    need = rng.choice(needs)
    household = rng.choice(visit.households) if visit.households else None
    issue = lifecycle.open_issue(
        ledger, village=None, visit=visit.id, title=need.title, category=need.category, detail=need.detail,
        topics=need.topics, household=household, private=need.private, actor=actor,
    )  # fmt: skip
    number = issue.number
    fate = rng.choices([f for f, _ in FATES], weights=[w for _, w in FATES])[0]
    day = visit.date

    def later(low: int, high: int) -> str | None:
        nonlocal day
        day = day + timedelta(days=rng.randint(low, high))
        return day.isoformat() if day <= LAST else None

    if fate in ("resolved", "explained"):
        when = later(2, 10)
        if when is not None:
            note = "首访干部跟踪协调，已办结" if fate == "resolved" else "不符合政策条件，已向群众解释清楚"
            lifecycle.close(ledger, number, disposition=fate, note=note, date=when, actor=actor)
    elif fate == "township" and township_owner is not None:
        when = later(1, 5)
        if when is not None:
            lifecycle.escalate(
                ledger,
                number,
                reason="村级无法解决，报乡镇协调",
                owner=township_owner,
                date=when,
                actor=actor,
            )
            when = later(4, 14)
            if when is not None and rng.random() < 0.6:
                lifecycle.close(
                    ledger, number, disposition="resolved", note="乡镇协调解决", date=when, actor=actor
                )
    elif fate == "assigned":
        when = later(1, 4)
        if when is not None:
            lifecycle.assign(ledger, number, owner=f"{village_name}村民小组长", date=when, actor=actor)
