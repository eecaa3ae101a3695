"""Write a complete, check-clean ledger of N issues for benchmarks and tests.

    python bench/generate.py DIR --issues N [--year YYYY] [--seed S]

Townships, villages and pairings go through the record models (a few hundred files); issues
are written from a plain text template in the exact shape `dump(Issue.to_yaml())` produces,
because the locked lifecycle functions would take minutes for 100,000. Every issue has a
coherent history received across the calendar year: opened, sometimes escalated (once or
twice), noted, closed with a disposition, followed up. The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

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
            name = VILLAGE_NAMES[(v_index - 1) % len(VILLAGE_NAMES)]
            suffix = "" if v_index <= len(VILLAGE_NAMES) else str(v_index)
            village = Village(
                code=v_code,
                name=f"{name}{suffix}村",
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


def issue_text(n: int, rng: random.Random, year: int, villages: list[tuple[str, str]], last: date) -> str:
    """One issue file with a coherent history, all events within `year` and ≤ `last`."""
    start = date(year, 1, 1)
    span = (min(date(year, 12, 31), last) - start).days
    received = start + timedelta(days=rng.randint(0, span))
    village, _township = villages[rng.randrange(len(villages))]
    category = rng.choice(CATEGORIES)
    need = rng.choice(NEEDS)
    owner = rng.choice(PEOPLE)
    clerk = rng.choice(PEOPLE)
    level = "village"
    deadline = received + timedelta(days=DAYS[level])
    minute = rng.randint(0, 540)
    end = min(date(year, 12, 31), last)

    events = [
        f"  - at: {at(received, minute)}\n    by: {clerk}\n    action: opened\n"
        f"    level: village\n    owner: {owner}\n    deadline: {deadline.isoformat()}\n"
    ]
    day = received

    def later(max_days: int) -> date | None:
        nonlocal day, minute
        step = rng.randint(0, max_days)
        new = day + timedelta(days=step)
        if new > end:
            return None
        if step == 0:
            if minute >= 590:
                return None
            minute = rng.randint(minute + 1, 599)
        else:
            minute = rng.randint(0, 599)
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
        events.append(
            f"  - at: {at(when, minute)}\n    by: {clerk}\n    action: escalated\n"
            f"    from: {level}\n    to: {new_level}\n    reason: 需要上级协调解决\n"
            f"    owner: {owner}\n    deadline: {deadline.isoformat()}\n"
        )
        level = new_level
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

    def opt(value: str | None) -> str:
        return "" if value is None else f" {value}"

    return (
        f"number: {q(str(n))}\n"
        f"title: {need}（{n}号）\n"
        f"detail: 群众反映{need}，请尽快协调处理。\n"
        f"category: {category}\n"
        f"{topics_text}"
        f"village: {village}\n"
        f"source: {rng.choice(SOURCES)}\n"
        f"received: {received.isoformat()}\n"
        f"{reporter}"
        f"owner: {owner}\n"
        f"level: {level}\n"
        f"status: {status}\n"
        f"deadline: {deadline.isoformat()}\n"
        f"private: {'true' if category == 'conduct' else 'false'}\n"
        f"disposition:{opt(disposition)}\n"
        f"duplicate_of:{opt(q(duplicate_of) if duplicate_of else None)}\n"
        f"closed:{opt(closed.isoformat() if closed else None)}\n"
        f"satisfaction:{opt(satisfaction)}\n"
        f"history:\n" + "".join(events)
    )


def generate(folder: Path, issues: int, *, year: int | None = None, seed: int = 1) -> Ledger:
    """Create the ledger at `folder` (which must not hold one yet) with `issues` issues."""
    from ledger.setup import init_ledger

    today = date.today()
    year = year or today.year - 1
    rng = random.Random(seed)
    ledger = init_ledger(folder, "基准测试县民情台账")
    villages = make_places(ledger, rng, villages_per_township=12)
    base = ledger.root / ISSUES_DIR
    for bucket_start in range(0, issues + 1, BUCKET_SIZE):
        bucket = base / f"{bucket_start // BUCKET_SIZE:03d}"
        bucket.mkdir(exist_ok=True)
        for n in range(max(1, bucket_start), min(issues, bucket_start + BUCKET_SIZE - 1) + 1):
            text = issue_text(n, rng, year, villages, today)
            # Plain writes: a fresh benchmark ledger needs no per-file fsync.
            fd = os.open(bucket / f"{n}.yaml", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                os.write(fd, text.encode("utf-8"))
            finally:
                os.close(fd)
    return ledger


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--issues", type=int, required=True)
    parser.add_argument("--year", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    generate(args.dir, args.issues, year=args.year, seed=args.seed)
    print(f"{args.issues} issues in {args.dir} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
