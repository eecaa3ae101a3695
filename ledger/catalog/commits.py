"""Commit messages, in the ledger's `lang` (SPEC §4): what each write did, for `git log`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "commit.init": ("init: {name}", "新建台账：{name}"),
    "commit.issue.open": ("issue {number}: open {place}: {title}", "问题 {number}：登记 {place}：{title}"),
    "commit.issue.open_visit": (
        "issue {number}: open {place}: {title} (visit {visit})",
        "问题 {number}：登记 {place}：{title}（走访 {visit}）",
    ),
    "commit.issue.escalate": (
        "issue {number}: escalate {from_level} → {to_level}: {reason}",
        "问题 {number}：上报 {from_level} → {to_level}：{reason}",
    ),
    "commit.issue.assign": ("issue {number}: assign {owner}", "问题 {number}：负责人改为 {owner}"),
    "commit.issue.extend": (
        "issue {number}: extend to {deadline}: {reason}",
        "问题 {number}：延期至 {deadline}：{reason}",
    ),
    "commit.issue.note": ("issue {number}: note: {note}", "问题 {number}：备注：{note}"),
    "commit.issue.close": ("issue {number}: close {disposition}", "问题 {number}：销号（{disposition}）"),
    "commit.issue.close_duplicate": (
        "issue {number}: close {disposition} of {of}",
        "问题 {number}：销号（{disposition}，重复于 {of}）",
    ),
    "commit.issue.reopen": ("issue {number}: reopen: {reason}", "问题 {number}：重新办理：{reason}"),
    "commit.issue.followup": (
        "issue {number}: follow up {satisfaction}",
        "问题 {number}：回访（{satisfaction}）",
    ),
    "commit.issue.supervise": (
        "issue {number}: supervise, lead {lead}: {reason}",
        "问题 {number}：挂牌督办，包案领导 {lead}：{reason}",
    ),
    "commit.township.add": ("township {code}: add {name}", "乡镇 {code}：新增 {name}"),
    "commit.village.add": (
        "village {code}: add {name} ({township})",
        "村（社区）{code}：新增 {name}（{township}）",
    ),
    "commit.pairing.add": (
        "pairing {id}: {kind} {party} ↔ {village}",
        "结对 {id}：{kind} {party} ↔ {village}",
    ),
    "commit.pairing.end": ("pairing {id}: end on {day}", "结对 {id}：于 {day} 结束"),
    "commit.cadre.add": ("cadre {id}: add {name} ({rank})", "干部 {id}：新增 {name}（{rank}）"),
    "commit.cadre.end": ("cadre {id}: end on {day}", "干部 {id}：于 {day} 离任"),
    "commit.visit.add": ("visit {id}: {day} {place} ({cadres})", "走访 {id}：{day} {place}（{cadres}）"),
    "commit.aid.add": (
        "aid {id}: {day} {place} {kind}{amount} {title}",
        "帮扶 {id}：{day} {place} {kind}{amount} {title}",
    ),
    "commit.import": (
        "import {kind} from {file}: {added} added, {skipped} skipped",
        "从 {file} 导入{kind}：新增 {added} 条，跳过 {skipped} 条",
    ),
}
