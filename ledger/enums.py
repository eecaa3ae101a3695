"""The closed vocabularies of the ledger, each value with its English key and Chinese label.

Every command and every record file accepts either the key or a label; files are always
written with the key. Keys are case-sensitive: a clerk typing `Resolved` gets a clear error
that lists what is accepted, rather than a guess.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

# Per vocabulary: every accepted text (key or label) → its member. Made on first use; a record
# file has about ten vocabulary fields and the index reads 100,000 files.
_TABLES: dict[type, dict[str, LabeledEnum]] = {}


class LabeledEnum(StrEnum):
    """A StrEnum whose members also carry Chinese labels (first one is the display label)."""

    @classmethod
    def labels(cls) -> dict[str, tuple[str, ...]]:
        raise NotImplementedError

    @property
    def zh(self) -> str:
        return self.labels()[self.value][0]

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.value

    @classmethod
    def lookup(cls, value: object) -> Self | None:
        """The member named by `value` (key or any label), or None."""
        if isinstance(value, cls):
            return value
        if not isinstance(value, str):
            return None
        table = _TABLES.get(cls)
        if table is None:
            table = {}
            for member in cls:  # the first member naming a text wins
                for text in (member.value, *cls.labels()[member.value]):
                    table.setdefault(text, member)
            _TABLES[cls] = table
        return table.get(value.strip())  # type: ignore[return-value]

    @classmethod
    def parse(cls, value: object) -> Self:
        """Like `lookup`, but also takes the start of one key or label (基本 → basically, 座谈 →
        meeting), as clerks type; an unknown or ambiguous text raises `Invalid` naming the
        accepted values or the candidates. Record files are read by `lookup`: exact only."""
        member = cls.lookup(value)
        if member is not None:
            return member
        from ledger.errors import Invalid

        text = value.strip() if isinstance(value, str) else ""
        found = cls._starting(text) if text else []
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            named = ", ".join(f"{m.value} ({m.zh})" for m in found)
            raise Invalid("error.ambiguous_enum", kind=cls.kind_name(), value=value, candidates=named)
        raise Invalid("error.bad_enum", kind=cls.kind_name(), value=value, accepted=cls.choices())

    @classmethod
    def _starting(cls, text: str) -> list[Self]:
        """The members with a key or label that starts with `text`, in their order."""
        return [m for m in cls if any(s.startswith(text) for s in (m.value, *cls.labels()[m.value]))]

    @classmethod
    def kind_name(cls) -> str:
        return cls.__name__.lower()

    @classmethod
    def choices(cls) -> str:
        return ", ".join(f"{m.value} ({m.zh})" for m in cls)

    @classmethod
    def coerce(cls, value: object) -> object:
        """Pydantic before-validator: turn a label into its key, leave anything else alone."""
        member = cls.lookup(value)
        return member.value if member is not None else value


class Category(LabeledEnum):
    conduct = "conduct"
    hardship = "hardship"
    shortfall = "shortfall"
    suggestion = "suggestion"

    @classmethod
    def labels(cls) -> dict[str, tuple[str, ...]]:
        return {
            "conduct": ("干部作风", "作风"),
            "hardship": ("实际困难", "困难"),
            "shortfall": ("工作不足", "不足"),
            "suggestion": ("发展建议", "建议"),
        }


class Source(LabeledEnum):
    visit = "visit"
    duty_day = "duty-day"
    letter = "letter"
    hotline = "hotline"
    mailbox = "mailbox"
    other = "other"

    @classmethod
    def labels(cls) -> dict[str, tuple[str, ...]]:
        return {
            "visit": ("入户走访", "走访"),
            "duty-day": ("坐访值班", "坐访"),
            "letter": ("来信来访", "来信", "来访"),
            "hotline": ("热线",),
            "mailbox": ("书记信箱", "信箱"),
            "other": ("其他",),
        }


class Disposition(LabeledEnum):
    resolved = "resolved"
    explained = "explained"
    referred = "referred"
    duplicate = "duplicate"
    withdrawn = "withdrawn"

    @classmethod
    def labels(cls) -> dict[str, tuple[str, ...]]:
        return {
            "resolved": ("已解决", "解决"),
            "explained": ("已解释", "解释"),
            "referred": ("已转办", "转办"),
            "duplicate": ("重复",),
            "withdrawn": ("已撤回", "撤回"),
        }


class Satisfaction(LabeledEnum):
    satisfied = "satisfied"
    basically = "basically"
    unsatisfied = "unsatisfied"

    @classmethod
    def labels(cls) -> dict[str, tuple[str, ...]]:
        return {
            "satisfied": ("满意",),
            "basically": ("基本满意",),
            "unsatisfied": ("不满意",),
        }


class Level(LabeledEnum):
    """Where an issue is being handled; the order of members is the routing order."""

    village = "village"
    township = "township"
    county = "county"

    @classmethod
    def labels(cls) -> dict[str, tuple[str, ...]]:
        return {
            "village": ("村级", "村"),
            "township": ("乡镇级", "乡", "镇", "乡镇"),
            "county": ("县级", "县"),
        }

    def next_up(self) -> Level | None:
        order = list(Level)
        index = order.index(self)
        return order[index + 1] if index + 1 < len(order) else None

    def rank(self) -> int:
        return list(Level).index(self)


class Status(LabeledEnum):
    open = "open"
    closed = "closed"

    @classmethod
    def labels(cls) -> dict[str, tuple[str, ...]]:
        return {"open": ("办理中", "未办结", "在办"), "closed": ("已办结", "已销号", "办结")}


class VillageKind(LabeledEnum):
    village = "village"
    community = "community"

    @classmethod
    def labels(cls) -> dict[str, tuple[str, ...]]:
        return {"village": ("村", "行政村"), "community": ("社区",)}

    @classmethod
    def kind_name(cls) -> str:
        return "village kind"


class PairingKind(LabeledEnum):
    unit_village = "unit-village"
    leader_village = "leader-village"
    cadre_household = "cadre-household"
    first_secretary = "first-secretary"
    work_team = "work-team"

    @classmethod
    def labels(cls) -> dict[str, tuple[str, ...]]:
        return {
            "unit-village": ("单位包村", "包村"),
            "leader-village": ("领导联系点", "联系点"),
            "cadre-household": ("干部结对户", "结对户"),
            "first-secretary": ("驻村第一书记", "第一书记"),
            "work-team": ("驻村工作队", "工作队"),
        }

    @classmethod
    def kind_name(cls) -> str:
        return "pairing kind"


class AidKind(LabeledEnum):
    """What an aid record delivered (帮扶: funds, goods and work)."""

    funds = "funds"
    goods = "goods"
    project = "project"
    service = "service"
    training = "training"

    @classmethod
    def labels(cls) -> dict[str, tuple[str, ...]]:
        return {
            "funds": ("资金", "帮扶资金"),
            "goods": ("物资", "帮扶物资"),
            "project": ("项目",),
            "service": ("服务",),
            "training": ("培训",),
        }

    @classmethod
    def kind_name(cls) -> str:
        return "aid kind"


class Rank(LabeledEnum):
    """A cadre's rank (级别), which sets the yearly targets (SPEC §8)."""

    province = "province"
    prefecture = "prefecture"
    county = "county"
    township = "township"
    village = "village"

    @classmethod
    def labels(cls) -> dict[str, tuple[str, ...]]:
        return {
            "province": ("省级",),
            "prefecture": ("市厅级", "市级"),
            "county": ("县级",),
            "township": ("乡镇级", "乡级"),
            "village": ("村级",),
        }


class VisitKind(LabeledEnum):
    """How a visit was made (走访方式)."""

    home = "home"
    duty_day = "duty-day"
    meeting = "meeting"
    night = "night"

    @classmethod
    def labels(cls) -> dict[str, tuple[str, ...]]:
        return {
            "home": ("入户走访", "入户"),
            "duty-day": ("坐访值班", "坐访"),
            "meeting": ("座谈会", "座谈"),
            "night": ("夜访",),
        }

    @classmethod
    def kind_name(cls) -> str:
        return "visit kind"


class Action(LabeledEnum):
    """The kinds of history event."""

    opened = "opened"
    escalated = "escalated"
    assigned = "assigned"
    extended = "extended"
    noted = "noted"
    closed = "closed"
    reopened = "reopened"
    followed_up = "followed-up"
    supervised = "supervised"

    @classmethod
    def labels(cls) -> dict[str, tuple[str, ...]]:
        return {
            "opened": ("登记",),
            "escalated": ("上报",),
            "assigned": ("指派",),
            "extended": ("延期",),
            "noted": ("备注",),
            "closed": ("销号",),
            "reopened": ("重新办理",),
            "followed-up": ("回访",),
            "supervised": ("挂牌督办", "督办"),
        }
